import { Hono } from "hono";
import { Galleries } from "../../core/reader/galleries";
import { notFound } from "../../core/shared/errors";
import { isSlug } from "../../core/shared/text";
import { Urls } from "../../core/shared/urls";
import type { AppDeps } from "../deps";
import { lists, pageParam, sendPage } from "./pages";
import { loadShell } from "./shell";

/**
 * Public pages of photo reportages (phóng sự ảnh; docs/architecture.md, "Contract"):
 *
 *   /thu-vien-anh?trang=N   every live reportage, newest first, 12 a page: cover, title, date, photo count
 *   /thu-vien-anh/:slug     the photos as a list of <figure> (complete without JavaScript), which
 *                           the browser turns into a keyboard viewer (web/components/GalleryViewer.tsx);
 *                           OpenGraph image of the cover, JSON-LD ImageGallery, other reportages
 *
 * A malformed `trang` is a 400 page, a page past the last and an unknown slug are 404 pages.
 * `/thu-vien-anh/rss.xml` is the kinds' feed (feeds.ts), mounted before these.
 */
/** Other reportages under the photos. */
const OTHERS = 4;

export function createGalleriesPages(deps: AppDeps) {
  const pages = new Hono();
  const store = deps.store;

  pages.get(Urls.galleries(), async (c) => {
    const page = pageParam(c);
    // The first page (the one most read) is kept per instance for a few seconds, as sections' are.
    const [shell, listing] = await Promise.all([
      loadShell(deps),
      page === 1 ? lists(store).get("galleries|1", () => Galleries.page(store, 1)) : Galleries.page(store, page),
    ]);
    if (page > listing.pages) throw notFound(`Thư viện ảnh không có trang ${page}.`);
    return sendPage(
      deps,
      c,
      shell,
      { kind: "galleries", items: listing.items, total: listing.total, paging: { page, pages: listing.pages, path: Urls.galleries() } },
      { canonical: Urls.paged(Urls.galleries(), page), ...(page === 1 ? { inputs: [listing] } : {}) },
    );
  });

  pages.get(`${Urls.galleries()}/:slug`, async (c, next) => {
    const slug = c.req.param("slug");
    // Not a reportage's address (the feed, /thu-vien-anh/rss.xml, is served elsewhere).
    if (!isSlug(slug)) return next();
    const [shell, gallery, latest] = await Promise.all([loadShell(deps), Galleries.get(store, slug), lists(store).get("galleries|latest", () => Galleries.latest(store, OTHERS + 1))]);
    const others = latest.filter((item) => item.id !== gallery.id).slice(0, OTHERS);
    // Read on every request, rendered again only when it or its neighbours changed (rendered.ts).
    return sendPage(deps, c, shell, { kind: "gallery", gallery, others }, { inputs: [latest, JSON.stringify(gallery)] });
  });

  return pages;
}
