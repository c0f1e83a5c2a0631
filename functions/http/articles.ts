import { Hono, type Context } from "hono";
import { Editorial, liveLocation, type Article } from "../core/editorial";
import { invalidateArticles } from "../core/invalidation";
import { requireUser } from "../core/permissions";
import type { SessionUser } from "../core/users";
import type { AppDeps } from "./app";
import { readJson } from "./body";
import type { AppEnv } from "./env";

/** The editorial API of news and collected articles. Permissions live in core/permissions.ts. */
export function createArticlesApi(deps: AppDeps) {
  const articles = new Hono<AppEnv>();
  const store = deps.store;

  /** `?view=mine` (default): my articles; `?view=queue`: what waits for my approval. */
  articles.get("/", async (c) => {
    const user = requireUser(c.get("user"));
    if (c.req.query("view") === "queue") return c.json({ items: await Editorial.reviewQueue(store, user) });
    const limit = Number(c.req.query("limit") ?? 20);
    return c.json(await Editorial.listMine(store, user, { cursor: c.req.query("cursor"), limit: Number.isInteger(limit) ? limit : 20 }));
  });

  articles.post("/", async (c) => c.json(await Editorial.create(store, requireUser(c.get("user")), await readJson(c)), 201));

  articles.get("/:id", async (c) => c.json(await Editorial.detail(store, requireUser(c.get("user")), c.req.param("id"))));

  articles.patch("/:id", async (c) => c.json(await Editorial.update(store, requireUser(c.get("user")), c.req.param("id"), await readJson(c))));

  articles.post("/:id/submit", async (c) => c.json(await Editorial.submit(store, requireUser(c.get("user")), c.req.param("id"), await readJson(c))));

  /**
   * Approve, schedule and unpublish can change what readers see: after the commit the CDN is told
   * where the article was live before and where it is live now (an edit may have moved it).
   */
  const changingPublicPages = (run: (user: SessionUser, id: string, body: unknown) => Promise<Article>) =>
    async (c: Context<AppEnv>) => {
      const user = requireUser(c.get("user"));
      const id = c.req.param("id")!;
      const before = await Editorial.load(store, id);
      const article = await run(user, id, await readJson(c));
      if (article.status === "published" || (before?.live && !article.live))
        await invalidateArticles(store, deps.invalidator, [liveLocation(article), liveLocation(before)]);
      return c.json(article);
    };

  articles.post("/:id/approve", changingPublicPages((user, id, body) => Editorial.approve(store, user, id, body)));
  articles.post("/:id/schedule", changingPublicPages((user, id, body) => Editorial.approve(store, user, id, body, "schedule")));
  articles.post("/:id/unpublish", changingPublicPages((user, id, body) => Editorial.unpublish(store, user, id, body)));
  articles.post("/:id/return", async (c) => c.json(await Editorial.returnToAuthor(store, requireUser(c.get("user")), c.req.param("id"), await readJson(c))));

  articles.get("/:id/revisions", async (c) => c.json({ items: await Editorial.revisions(store, requireUser(c.get("user")), c.req.param("id")) }));
  articles.get("/:id/revisions/compare", async (c) => {
    const a = Number(c.req.query("a"));
    const b = Number(c.req.query("b"));
    return c.json(await Editorial.compare(store, requireUser(c.get("user")), c.req.param("id"), a, b));
  });
  articles.get("/:id/revisions/:number", async (c) =>
    c.json(await Editorial.revision(store, requireUser(c.get("user")), c.req.param("id"), Number(c.req.param("number")))),
  );
  articles.post("/:id/revisions/:number/restore", async (c) =>
    c.json(await Editorial.restore(store, requireUser(c.get("user")), c.req.param("id"), Number(c.req.param("number")), await readJson(c))),
  );

  return articles;
}
