import { Hono } from "hono";
import { Videos } from "../../core/reader/videos";
import { notFound } from "../../core/shared/errors";
import { isSlug } from "../../core/shared/text";
import { Urls } from "../../core/shared/urls";
import type { AppDeps } from "../deps";
import { lists, pageParam, sendPage } from "./pages";
import { loadShell } from "./shell";

/**
 * Public pages of videos (docs/architecture.md, "Contract"):
 *
 *   /video?trang=N   every live video, newest first, 12 a page, poster, title and date
 *   /video/:slug     the player (an uploaded file in <video>, or YouTube through
 *                    youtube-nocookie.com only), summary, description, OpenGraph video, JSON-LD
 *                    and the newest other videos
 *
 * A malformed `trang` is a 400 page, a page past the last and an unknown slug are 404 pages.
 * `/video/rss.xml` is the kinds' feed (feeds.ts), mounted before these.
 */
/** Other videos under the player. */
const OTHERS = 4;

export function createVideosPages(deps: AppDeps) {
  const pages = new Hono();
  const store = deps.store;

  pages.get(Urls.videos(), async (c) => {
    const page = pageParam(c);
    // The first page (the one most read) is kept per instance for a few seconds, as sections' are.
    const [shell, listing] = await Promise.all([
      loadShell(deps),
      page === 1 ? lists(store).get("videos|1", () => Videos.page(store, 1)) : Videos.page(store, page),
    ]);
    if (page > listing.pages) throw notFound(`Mục Video không có trang ${page}.`);
    return sendPage(
      deps,
      c,
      shell,
      { kind: "videos", items: listing.items, total: listing.total, paging: { page, pages: listing.pages, path: Urls.videos() } },
      { canonical: Urls.paged(Urls.videos(), page), ...(page === 1 ? { inputs: [listing] } : {}) },
    );
  });

  pages.get(`${Urls.videos()}/:slug`, async (c, next) => {
    const slug = c.req.param("slug");
    // Not a video's address (the feed, /video/rss.xml, is served elsewhere).
    if (!isSlug(slug)) return next();
    const [shell, video, latest] = await Promise.all([loadShell(deps), Videos.get(store, slug), lists(store).get("videos|latest", () => Videos.latest(store, OTHERS + 1))]);
    const others = latest.filter((item) => item.id !== video.id).slice(0, OTHERS);
    // Read on every request, rendered again only when it or its neighbours changed (rendered.ts).
    return sendPage(deps, c, shell, { kind: "video", video, others }, { inputs: [latest, JSON.stringify(video)] });
  });

  return pages;
}
