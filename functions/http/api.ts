import { Hono } from "hono";
import { checkHealth } from "../core/health";
import type { AppDeps } from "./app";
import { createReportsApi } from "./reports";
import { createVisitorsApi } from "./visitors";

/** The public JSON API under /api. */
export function createApi(deps: AppDeps) {
  const api = new Hono();
  api.get("/health", async (c) => {
    const checks = await checkHealth(deps.store);
    const ok = checks.table && checks.bucket;
    return ok ? c.json({ ok: true }) : c.json({ ok: false, checks }, 503);
  });
  api.route("/", createVisitorsApi(deps)).route("/reports", createReportsApi(deps));

  return api;
}
