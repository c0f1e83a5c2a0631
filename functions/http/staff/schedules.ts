import { Hono } from "hono";
import type { AppDeps } from "../deps";
import type { StaffEnv } from "./guard";

/** `/api/schedule-owners` (filled by the schedules work). */
export function createScheduleOwnersApi(deps: AppDeps) {
  void deps;
  return new Hono<StaffEnv>();
}
