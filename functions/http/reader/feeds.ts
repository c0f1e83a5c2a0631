import { Hono } from "hono";
import { PUBLIC_KINDS } from "../../core/reader/kinds";
import { Urls } from "../../core/shared/urls";
import type { AppDeps } from "../deps";
import { CACHE } from "../cache";
import { origin } from "./shell";

/**
 * Routes of the feeds, sitemaps, robots.txt and the site's icon (what the feeds and sitemaps answer:
 * feed-bodies.ts, imported on the first such request; not on the reader's cold start,
 * docs/architecture.md "Budgets"):
 *
 *   /rss.xml, /chuyen-muc/:slug/rss.xml, /sitemap.xml, /sitemaps/:file, /robots.txt, /favicon.svg  (createFeeds)
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
  feeds.get(Urls.favicon(), (c) => c.body(FAVICON, 200, { "Content-Type": "image/svg+xml", "Cache-Control": CACHE.text }));
  // Asked for by clients that do not read the page's <link rel="icon">: without this, a 404 page rendered each time.
  feeds.get("/favicon.ico", (c) => c.redirect(Urls.favicon(), 301));
  return feeds;
}

/**
 * The site's icon: a red square with the yellow star, the national flag's colours, as government
 * portals show (an agency's own emblem can replace it here). 300 bytes, no request for a library image.
 */
const FAVICON =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="4" fill="#da251d"/>' +
  '<polygon fill="#ffff00" points="16,6.8 18.2,13.7 25.5,13.7 19.6,18 21.9,24.9 16,20.6 10.1,24.9 12.4,18 6.5,13.7 13.8,13.7"/></svg>';

/** RSS of each other content kind (core/reader/kinds.ts): the newest published items. */
export function createKindFeeds(deps: AppDeps) {
  const feeds = new Hono();
  for (const kind of PUBLIC_KINDS) feeds.get(Urls.listFeed(kind.list), async (c) => (await bodies()).kindFeed(deps, c, kind));
  return feeds;
}
