import { Hono } from "hono";
import { CONTENT_KINDS } from "../../core/content";
import { FeaturedChoice } from "../../core/publishing/featured";
import { invalidationEffects } from "../../core/publishing/invalidation";
import { Featured } from "../../core/reader/featured";
import { readJson } from "../body";
import type { AppDeps } from "../deps";
import type { StaffEnv } from "./guard";

/** `GET /api/featured` (staff) and `PUT /api/featured { items: [{ kind, id }], version? }` (chiefs). */
export function createFeaturedApi(deps: AppDeps) {
  const api = new Hono<StaffEnv>();
  api.get("/", async (c) => c.json(await Featured.list(deps.store)));
  api.put("/", async (c) =>
    c.json(await FeaturedChoice.set(deps.store, c.get("staff"), await readJson(c), CONTENT_KINDS, invalidationEffects(deps.store, deps.invalidator))),
  );
  return api;
}
