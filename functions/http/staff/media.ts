import { Hono } from "hono";
import type { AppDeps } from "../deps";
import type { StaffEnv } from "./guard";

/** Uploads and the media library: `/api/uploads`, `/api/media` (filled by the media work). */
export function createMediaApi(deps: AppDeps) {
  void deps;
  return new Hono<StaffEnv>();
}
