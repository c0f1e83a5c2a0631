import { Hono } from "hono";
import type { ContentKind } from "../../core/publishing/kind";
import { createEngine } from "../../core/publishing/engine";
import { invalidationEffects } from "../../core/publishing/invalidation";
import { WorkLists } from "../../core/publishing/lists";
import { readJson } from "../body";
import type { AppDeps } from "../deps";
import type { StaffEnv } from "./guard";

/**
 * The workflow routes of one content kind, the same for every kind (docs/architecture.md, "Contract"):
 * `/api/<kind>` list (`?view=mine|queue|scheduled|published`) and create; `/api/<kind>/:id` read,
 * edit, delete; the workflow commands; revisions. Every rule is the engine's (core/publishing)
 * and core/accounts/permissions.ts's; handlers only carry requests to it.
 */
export function createContentApi(deps: AppDeps, kind: ContentKind) {
  const api = new Hono<StaffEnv>();
  const engine = createEngine(kind, { store: deps.store, effects: invalidationEffects(deps.store, deps.invalidator) });
  const id = (c: { req: { param: (name: "id") => string } }) => c.req.param("id");

  api.get("/", async (c) => {
    const view = c.req.query("view");
    const limit = c.req.query("limit");
    // The optional filters (lists.ts validates them: 400 on a bad value).
    const filters = { section: c.req.query("section"), status: c.req.query("status"), author: c.req.query("author"), q: c.req.query("q") };
    return c.json(
      await WorkLists.list(deps.store, kind, c.get("staff"), view, { cursor: c.req.query("cursor"), limit: limit === undefined ? undefined : Number(limit), filters }),
    );
  });
  api.post("/", async (c) => c.json((await engine.create(c.get("staff"), await readJson(c))).item, 201));

  api.get("/:id", async (c) => c.json(await engine.detail(c.get("staff"), id(c))));
  api.patch("/:id", async (c) => c.json((await engine.update(c.get("staff"), id(c), await readJson(c))).item));
  api.delete("/:id", async (c) => {
    // The version may come as `?version=` (a DELETE often has no body) or in a JSON body.
    const version = c.req.query("version");
    const body = version !== undefined ? { version: Number(version) } : (await c.req.raw.clone().text()).trim() ? await readJson(c) : {};
    await engine.remove(c.get("staff"), id(c), body);
    return c.body(null, 204);
  });

  api.post("/:id/submit", async (c) => c.json((await engine.submit(c.get("staff"), id(c), await readJson(c))).item));
  api.post("/:id/return", async (c) => c.json((await engine.returnToAuthor(c.get("staff"), id(c), await readJson(c))).item));
  api.post("/:id/approve", async (c) => c.json((await engine.approve(c.get("staff"), id(c), await readJson(c))).item));
  api.post("/:id/schedule", async (c) => c.json((await engine.schedule(c.get("staff"), id(c), await readJson(c))).item));
  api.post("/:id/unpublish", async (c) => c.json((await engine.unpublish(c.get("staff"), id(c), await readJson(c))).item));

  api.get("/:id/revisions", async (c) => {
    const limit = c.req.query("limit");
    return c.json(await engine.revisions(c.get("staff"), id(c), { cursor: c.req.query("cursor"), limit: limit === undefined ? undefined : Number(limit) }));
  });
  api.get("/:id/revisions/compare", async (c) =>
    c.json(await engine.compare(c.get("staff"), id(c), Number(c.req.query("a")), Number(c.req.query("b")))),
  );
  api.get("/:id/revisions/:number", async (c) => c.json(await engine.revision(c.get("staff"), id(c), Number(c.req.param("number")))));
  api.post("/:id/revisions/:number/restore", async (c) =>
    c.json((await engine.restore(c.get("staff"), id(c), Number(c.req.param("number")), await readJson(c))).item),
  );

  return api;
}
