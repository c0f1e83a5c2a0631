import { Hono } from "hono";
import type { AppDeps } from "../deps";

/** Public pages of consultations (filled by the consultations work). */
export function createConsultationsPages(deps: AppDeps) {
  void deps;
  return new Hono();
}
