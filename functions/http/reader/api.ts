import { Hono } from "hono";
import { checkHealth } from "../../core/storage/health";
import { Sections } from "../../core/sections/sections";
import type { AppDeps } from "../deps";
import { createVisitorsApi } from "./visitors";

/** The public JSON API under /api. */
export function createApi(deps: AppDeps) {
  const api = new Hono();
  api.get("/health", async (c) => {
    const checks = await checkHealth(deps.store);
    const ok = checks.table && checks.bucket;
    return ok ? c.json({ ok: true }) : c.json({ ok: false, checks }, 503, { "Retry-After": "5" });
  });
  // The contract (docs/architecture.md, "Contract"): a plain array of sections.
  api.get("/sections", async (c) => c.json(await Sections.list(deps.store)));
  api.route("/", createVisitorsApi(deps));

  return api;
}
