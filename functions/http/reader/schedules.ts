import { Hono } from "hono";
import type { AppDeps } from "../deps";

/** Public pages of schedules (filled by the schedules work). */
export function createSchedulesPages(deps: AppDeps) {
  void deps;
  return new Hono();
}
