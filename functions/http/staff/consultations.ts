import { Hono } from "hono";
import type { AppDeps } from "../deps";
import type { StaffEnv } from "./guard";

/**
 * Comments on drafts for public comment: the public `POST /api/consultations/:id/comments` (no
 * account) and the board's list, CSV and publishing of selected ones (filled by the consultations work).
 * Mounted before the kind's staff guard; each board route guards itself.
 */
export function createConsultationCommentsApi(deps: AppDeps) {
  void deps;
  return new Hono<StaffEnv>();
}
