/**
 * Public, server-rendered pages (docs/architecture.md, "Contract"), every one from the same Solid components
 * that hydrate in the browser (web/App.tsx):
 *
 *   /                          home: featured (newest) + newest per top-level section
 *   /chuyen-muc/:slug          section, `?trang=N` (functions/core/reader/listings.ts explains the paging)
 *   /bai-viet/:slug            article: one GetItem of the view, its section's newest from the instance's cache
 *   /tim-kiem?q=&trang=        search (functions/core/reader/search.ts)
 *   /lich-cong-tac?tuan=YYYY-Www&don-vi=, /lich-cong-tac.ics   weekly schedules: schedules.ts
 *   /van-ban, /van-ban/:slug   documents: documents.ts;  /gop-y, /gop-y/:slug  consultations: consultations.ts
 *   /video, /video/:slug       videos: videos.ts;  /thu-vien-anh, /thu-vien-anh/:slug  photo reportages: galleries.ts
 *   feeds, sitemaps, robots.txt: feeds.ts
 *
 * Bad input (`?trang=abc`, `?tuan=2026-W99`, an over-long `q`) is a 400 page, a page past the end
 * a 404 page; neither is ever a 500.
 */
import { Featured } from "../../core/reader/featured";
import { Hono, type Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { preparePage, renderDocument } from "#ssr";
import { Articles } from "../../core/reader/articles";
import { AppError, invalid, notFound } from "../../core/shared/errors";
import { Listings } from "../../core/reader/listings";
import { instanceCache, type InstanceCache } from "../../core/reader/instance-cache";
import { ScheduleOwners, Schedules } from "../../core/reader/schedules";
import { Documents } from "../../core/reader/documents";
import { Videos } from "../../core/reader/videos";
import { vietnamDay } from "../../core/shared/time";
import { DEFAULT_SETTINGS } from "../../core/site/settings";
import { Urls } from "../../core/shared/urls";
import type { PageData, Shell } from "../../../web/types";
import type { AppDeps } from "../deps";
import { CACHE } from "../cache";
import { createFeeds } from "./feeds";
import { renderedPages, type RenderedPages } from "./rendered";
import { loadShell, origin } from "./shell";

/**
 * Lists kept per instance (home blocks, sections' first pages, sections' newest entries), one
 * cache per store: 5 s, like the CDN's own freshness, and at most 200 entries (a section's page
 * and newest entries each, for a few dozen sections, plus the home page).
 */
const LIST_TTL_MS = 5_000;
const LIST_ENTRIES = 200;
const listCaches = new WeakMap<object, InstanceCache>();
export function lists(store: object): InstanceCache {
  let cache = listCaches.get(store);
  if (!cache) listCaches.set(store, (cache = instanceCache({ ttlMs: LIST_TTL_MS, max: LIST_ENTRIES })));
  return cache;
}

const FEATURED_LIMIT = 5;
const PER_SECTION_LIMIT = 4;
export const SECTION_PAGE_SIZE = 20;
const RELATED_LIMIT = 6;
/** `?trang=` beyond six digits is not a page anyone reached by clicking. */
const PAGE_PATTERN = /^[1-9]\d{0,5}$/;

/** `?trang=`: absent is page 1; anything but a plain positive number is a 400. */
export function pageParam(c: Context): number {
  const raw = c.req.query("trang");
  if (raw === undefined) return 1;
  if (!PAGE_PATTERN.test(raw)) throw invalid("Số trang không hợp lệ.", { trang: "Phải là số nguyên dương." });
  return Number(raw);
}

/** Pages rendered per instance (rendered.ts): the article, home and section pages pass their inputs. */
const RENDERED_PAGES = 100;
const renders = new WeakMap<object, RenderedPages>();
let reuseRenders = true;
/** Off: every page is rendered (`npm run bench` measures the render itself this way). */
export function reuseRenderedPages(on: boolean): void {
  reuseRenders = on;
}

export async function sendPage(
  deps: AppDeps,
  c: Context,
  shell: Shell,
  page: PageData,
  options: {
    status?: ContentfulStatusCode;
    canonical?: string;
    cache?: string;
    /** Everything `page` is made from besides the shell: given, an unchanged page is not rendered again (rendered.ts). */
    inputs?: readonly unknown[];
  } = {},
) {
  const status = options.status ?? 200;
  // A page kind outside the SSR build's entry is imported on its first page (web/App.tsx).
  const loading = preparePage(page.kind);
  if (loading) await loading;
  const base = origin(deps, c);
  const canonical = sitePath(options.canonical ?? c.req.path, base);
  const render = () => renderDocument({ ...shell, page, path: c.req.path, url: new URL(canonical, base).href }, { origin: base, path: canonical });
  let html: string;
  if (options.inputs && reuseRenders) {
    let cache = renders.get(deps.store);
    if (!cache) renders.set(deps.store, (cache = renderedPages({ max: RENDERED_PAGES })));
    // The top bar shows the day in Vietnam: a new day is a new render.
    const inputs = [shell, vietnamDay(new Date()), ...options.inputs];
    html = cache.get(`${status} ${base} ${canonical} ${c.req.path}`, inputs, render);
  } else {
    html = render();
  }
  const cache =
    options.cache ?? (status === 200 ? CACHE.page : status === 404 ? CACHE.notFound : status === 400 ? CACHE.badRequest : CACHE.none);
  return c.html(html, status, { "Cache-Control": cache });
}

/**
 * A request path as a path of this site: the raw target `//[` or `//evil.example/x` (`/\…` too)
 * would otherwise read as a protocol-relative URL, another host or no URL at all (a 500).
 */
function sitePath(path: string, base: string): string {
  const local = path.replace(/^[/\\]+/, "/");
  return URL.canParse(local, base) ? local : "/";
}

const BARE_SHELL = (): Shell => ({ site: DEFAULT_SETTINGS, sections: [], banners: [] });
/** How long an error page waits for the header and navigation before it goes without them. */
const ERROR_SHELL_WAIT_MS = 1000;

/**
 * A page for an error: the usual layout when the table answers in time, a bare one when it does
 * not, and always a bare one for a 5xx (the error may be the table itself: no second wait on it).
 */
export async function sendErrorPage(deps: AppDeps, c: Context, status: ContentfulStatusCode, message: string) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const shell =
    status >= 500
      ? BARE_SHELL()
      : await Promise.race([
          loadShell(deps).catch(BARE_SHELL),
          new Promise<Shell>((resolve) => (timer = setTimeout(() => resolve(BARE_SHELL()), ERROR_SHELL_WAIT_MS))),
        ]).finally(() => clearTimeout(timer));
  const page: PageData =
    status === 404 ? { kind: "not-found", message } : status === 400 ? { kind: "bad-request", message } : { kind: "error", message };
  return sendPage(deps, c, shell, page, { status });
}

/** Honest "chưa có nội dung" pages of sections whose content kind does not exist yet (none today). */
const PLACEHOLDERS: { path: string; title: string; lead: string }[] = [];
const EMPTY_MESSAGE = "Chưa có nội dung. Mục này sẽ được cập nhật khi Ban Biên tập đăng tải.";

export function createPages(deps: AppDeps) {
  const pages = new Hono();
  const store = deps.store;

  pages.get("/", async (c) => {
    const shell = await loadShell(deps);
    const top = shell.sections.filter((section) => !section.parentId);
    const date = vietnamDay(new Date().toISOString());
    // The blocks are kept per instance for a few seconds (`lists` above): a warm instance reads nothing.
    const blocks = await lists(store).get(`home|${date}|${top.map((section) => section.id).join(",")}`, async () => {
      const [featured, ...perSection] = await Promise.all([
        Articles.listLatest(store, { limit: FEATURED_LIMIT }),
        ...top.map((section) => Articles.listBySection(store, section.id, { limit: PER_SECTION_LIMIT })),
      ]);
      // Today's work schedule of every body (one Query for the owners, one BatchGet for their weeks).
      const [todayItems, documents, video, chosen] = await Promise.all([
        ScheduleOwners.list(store).then((owners) => Schedules.today(store, owners, date)),
        Documents.latest(store, 5),
        Videos.home(store), // the video marked for the home page: one Query
        // Editors' choice first ("Tin nổi bật"), then the newest to fill the block.
        Featured.summaries(store, featured!.items, FEATURED_LIMIT),
      ]);
      return { featured: chosen, perSection: perSection.map((page) => page!.items), today: { date, items: todayItems }, documents, video };
    });
    return sendPage(deps, c, shell, {
      kind: "home",
      featured: blocks.featured,
      bySection: top.map((section, i) => ({ section, articles: blocks.perSection[i]! })),
      today: blocks.today,
      documents: blocks.documents,
      ...(blocks.video ? { video: blocks.video } : {}),
    }, { inputs: [blocks] });
  });

  pages.get("/chuyen-muc/:slug", async (c) => {
    const page = pageParam(c);
    const shell = await loadShell(deps);
    const section = shell.sections.find((s) => s.slug === c.req.param("slug"));
    if (!section) throw notFound("Chuyên mục này không tồn tại hoặc đã được đổi tên.");
    // A section's first page (the one most read) is kept per instance for a few seconds.
    const listing =
      page === 1
        ? await lists(store).get(`section|${section.id}`, () => Listings.sectionPage(store, section.id, 1, SECTION_PAGE_SIZE))
        : await Listings.sectionPage(store, section.id, page, SECTION_PAGE_SIZE);
    if (page > 1 && listing.items.length === 0) throw notFound(`Chuyên mục ${section.name} không có trang ${page}.`);
    const path = Urls.section(section.slug);
    return sendPage(
      deps,
      c,
      shell,
      { kind: "section", section, articles: listing.items, total: listing.total, paging: { page, pages: listing.pages, path } },
      // Page 1 comes from the instance's cache: the same listing object, the same page.
      { canonical: Urls.paged(path, page), ...(page === 1 ? { inputs: [listing] } : {}) },
    );
  });

  pages.get("/bai-viet/:slug", async (c) => {
    const [shell, article] = await Promise.all([
      loadShell(deps),
      Articles.getPublished(store, c.req.param("slug")).catch((error) => {
        if (error instanceof AppError && error.code === "NOT_FOUND") throw notFound("Bài viết không tồn tại hoặc đã được gỡ xuống.");
        throw error;
      }),
    ]);
    // Beside it, its section's newest: one small item, kept per instance for a few seconds, so
    // the common path is the one GetItem of the view (reader/summaries.ts `SectionRecent`).
    const recent = await lists(store).get(`recent|${article.sectionId}`, () => Articles.recentInSection(store, article.sectionId));
    const related = recent.filter((item) => item.id !== article.id).slice(0, RELATED_LIMIT);
    // The view as read now, as a string: an edit of any field is a new render; the same view, shell and neighbours are the same page.
    return sendPage(deps, c, shell, { kind: "article", article, related }, { inputs: [recent, JSON.stringify(article)] });
  });

  pages.get("/tim-kiem", async (c) => {
    // Search and its index's code are imported on the first search, not on the cold start.
    const { normalizeQuery, Search, SEARCH_PAGE_SIZE } = await import("./on-demand");
    const query = normalizeQuery(c.req.query("q") ?? "");
    const page = pageParam(c);
    const [shell, result] = await Promise.all([loadShell(deps), Search.query(store, query, { page })]);
    if (query && page > 1 && page > result.pages) throw notFound(`Không có trang ${page} của kết quả tìm kiếm này.`);
    return sendPage(
      deps,
      c,
      shell,
      {
        kind: "search",
        query,
        total: result.total,
        hits: result.hits,
        offset: (page - 1) * SEARCH_PAGE_SIZE,
        paging: { page, pages: result.pages, path: Urls.search(), query: { q: query } },
      },
      { canonical: query ? Urls.paged(Urls.search(), page, { q: query }) : Urls.search(), cache: CACHE.search },
    );
  });

  for (const { path, title, lead } of PLACEHOLDERS) {
    pages.get(path, async (c) => sendPage(deps, c, await loadShell(deps), { kind: "placeholder", title, lead, message: EMPTY_MESSAGE }));
  }

  pages.route("/", createFeeds(deps));

  return pages;
}
