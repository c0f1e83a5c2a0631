import { Hono } from "hono";
import { PUBLIC_KINDS } from "../../core/reader/kinds";
import { Urls } from "../../core/shared/urls";
import type { AppDeps } from "../deps";
import { CACHE } from "../cache";
import { origin } from "./shell";

/**
 * Routes of the feeds, sitemaps and robots.txt (what each answers: feed-bodies.ts, imported on the
 * first such request; not on the reader's cold start, docs/architecture.md "Budgets"):
 *
 *   /rss.xml, /chuyen-muc/:slug/rss.xml, /sitemap.xml, /sitemaps/:file, /robots.txt  (createFeeds)
 *   /van-ban/rss.xml, /lich-cong-tac/rss.xml, /gop-y/rss.xml, …  (createKindFeeds, mounted before
 *   their pages, whose `/:slug` would take the path)
 */
const bodies = () => import("./on-demand");

export function createFeeds(deps: AppDeps) {
  const feeds = new Hono();
  feeds.get(Urls.feed(), async (c) => (await bodies()).siteFeed(deps, c));
  feeds.get("/chuyen-muc/:slug/rss.xml", async (c) => (await bodies()).sectionFeed(deps, c));
  feeds.get(Urls.sitemap(), async (c) => (await bodies()).sitemap(deps, c));
  feeds.get("/sitemaps/:file", async (c) => (await bodies()).sitemapFile(deps, c));
  feeds.get(Urls.robots(), (c) =>
    c.text(
      `User-agent: *\nAllow: /\nDisallow: /api/\nDisallow: ${Urls.dashboard()}\nDisallow: ${Urls.search()}\n\nSitemap: ${new URL(Urls.sitemap(), origin(deps, c)).href}\n`,
      200,
      { "Cache-Control": CACHE.text },
    ),
  );
  return feeds;
}

/** RSS of each other content kind (core/reader/kinds.ts): the newest published items. */
export function createKindFeeds(deps: AppDeps) {
  const feeds = new Hono();
  for (const kind of PUBLIC_KINDS) feeds.get(Urls.listFeed(kind.list), async (c) => (await bodies()).kindFeed(deps, c, kind));
  return feeds;
}
