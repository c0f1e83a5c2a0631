import { Hono } from "hono";
import type { AppDeps } from "../deps";
import type { StaffEnv } from "./guard";

/** `/api/document-types` (filled by the documents work). */
export function createDocumentTypesApi(deps: AppDeps) {
  void deps;
  return new Hono<StaffEnv>();
}
