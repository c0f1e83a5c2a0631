import { Hono } from "hono";
import { Editorial } from "../core/editorial";
import { invalidateArticles } from "../core/invalidation";
import { requireUser } from "../core/permissions";
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
    return c.json(await Editorial.listMine(store, user, { cursor: c.req.query("cursor") }));
  });

  articles.post("/", async (c) => c.json(await Editorial.create(store, requireUser(c.get("user")), await readJson(c)), 201));

  articles.get("/:id", async (c) => {
    const user = requireUser(c.get("user"));
    const id = c.req.param("id");
    const [article, revisions, history] = await Promise.all([
      Editorial.get(store, user, id),
      Editorial.revisions(store, user, id),
      Editorial.history(store, user, id),
    ]);
    return c.json({ ...article, revisions, history });
  });

  articles.patch("/:id", async (c) => c.json(await Editorial.update(store, requireUser(c.get("user")), c.req.param("id"), await readJson(c))));

  articles.post("/:id/submit", async (c) => c.json(await Editorial.submit(store, requireUser(c.get("user")), c.req.param("id"), await readJson(c))));
  // Both change what readers see: the CDN is told after the commit, where the article was and is.
  articles.post("/:id/approve", async (c) => {
    const user = requireUser(c.get("user"));
    const before = await Editorial.load(store, c.req.param("id"));
    const article = await Editorial.approve(store, user, c.req.param("id"), await readJson(c));
    // `counted` says where the previous published view was listed; the working copy may have moved.
    const liveBefore = before?.live && before.counted ? { slug: before.slug, sectionId: before.counted.sectionId } : undefined;
    if (article.status === "published") await invalidateArticles(store, deps.invalidator, [article, liveBefore]);
    return c.json(article);
  });
  articles.post("/:id/schedule", async (c) =>
    c.json(await Editorial.approve(store, requireUser(c.get("user")), c.req.param("id"), await readJson(c), "schedule")),
  );
  articles.post("/:id/return", async (c) => c.json(await Editorial.returnToAuthor(store, requireUser(c.get("user")), c.req.param("id"), await readJson(c))));
  articles.post("/:id/unpublish", async (c) => {
    const article = await Editorial.unpublish(store, requireUser(c.get("user")), c.req.param("id"), await readJson(c));
    await invalidateArticles(store, deps.invalidator, [article]);
    return c.json(article);
  });

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
