import { Hono } from "hono";
import type { AppDeps } from "../deps";

/** Public pages of documents (filled by the documents work). */
export function createDocumentsPages(deps: AppDeps) {
  void deps;
  return new Hono();
}
