import { Hono } from "hono";
import { checkHealth } from "../core/health";
import type { AppDeps } from "./app";
import { CACHE } from "./cache";

/** The public JSON API under /api. */
export function createApi(deps: AppDeps) {
  const api = new Hono();
  api.use(async (c, next) => {
    await next();
    c.header("Cache-Control", CACHE.none);
  });

  api.get("/health", async (c) => {
    const checks = await checkHealth(deps.store);
    const ok = checks.table && checks.bucket;
    return ok ? c.json({ ok: true }) : c.json({ ok: false, checks }, 503);
  });

  return api;
}
