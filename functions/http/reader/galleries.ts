import { Hono } from "hono";
import { Galleries } from "../../core/reader/galleries";
import { notFound } from "../../core/shared/errors";
import { isSlug } from "../../core/shared/text";
import { Urls } from "../../core/shared/urls";
import type { AppDeps } from "../deps";
import { pageParam, sendPage } from "./pages";
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
    const [shell, listing] = await Promise.all([loadShell(deps), Galleries.page(store, page)]);
    if (page > listing.pages) throw notFound(`Thư viện ảnh không có trang ${page}.`);
    return sendPage(
      deps,
      c,
      shell,
      { kind: "galleries", items: listing.items, total: listing.total, paging: { page, pages: listing.pages, path: Urls.galleries() } },
      { canonical: Urls.paged(Urls.galleries(), page) },
    );
  });

  pages.get(`${Urls.galleries()}/:slug`, async (c, next) => {
    const slug = c.req.param("slug");
    // Not a reportage's address (the feed, /thu-vien-anh/rss.xml, is served elsewhere).
    if (!isSlug(slug)) return next();
    const [shell, gallery, latest] = await Promise.all([loadShell(deps), Galleries.get(store, slug), Galleries.latest(store, OTHERS + 1)]);
    const others = latest.filter((item) => item.id !== gallery.id).slice(0, OTHERS);
    return sendPage(deps, c, shell, { kind: "gallery", gallery, others });
  });

  return pages;
}
