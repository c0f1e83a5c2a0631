/**
 * Every public path of the portal, built in one place (docs/architecture.md, "Contract": these paths are
 * stable). Pure functions, no imports: the web app, feeds, sitemaps, search results and CDN
 * invalidation all build their links here, so a path can never be spelled two ways.
 *
 * Slugs are already URL-safe (lowercase ASCII, digits, dashes; shared/text.ts `isSlug`).
 */

/** Page number parameter of listings; page 1 has none. */
export const PAGE_PARAM = "trang";

/**
 * Every query parameter a public page reads. CloudFront forwards these and keys its page cache on
 * them (infra/Web.ts); any other is dropped at the edge, so a page must never depend on one.
 */
export const PAGE_QUERY_PARAMS = [PAGE_PARAM, "q", "tuan", "don-vi", "loai", "nam", "co-quan", "linh-vuc"] as const;

/** Open data (reader/open-data.ts): the JSON datasets live under this prefix, one path segment each. */
export const OPEN_DATA_API = "/api/public";
/** The datasets under OPEN_DATA_API, by name (reader/open-data.ts `DATASETS` describes each, in this order). */
export const OPEN_DATASETS = ["news", "documents", "schedules", "consultations"] as const;
/** The machine-readable description of the open-data datasets (OpenAPI 3.1). */
export const OPEN_API_PATH = "/api/openapi.json";
/** Every query parameter the open-data datasets read; CloudFront keys its open-data cache on these only (infra/Web.ts). */
export const OPEN_DATA_QUERY_PARAMS = ["from", "to", "section", "type", "cursor", "limit"] as const;
/**
 * The only /api paths other sites may read (CORS) and the CDN may cache: the open-data datasets
 * and their description. Every other /api answer stays private and no-store (http/frame.ts).
 */
export const isOpenDataPath = (path: string) => path.startsWith(`${OPEN_DATA_API}/`) || path === OPEN_API_PATH;

export const Urls = {
  home: () => "/",
  search: (query?: string) => (query ? `/tim-kiem?q=${encodeURIComponent(query)}` : "/tim-kiem"),

  article: (slug: string) => `/bai-viet/${slug}`,
  section: (slug: string) => `/chuyen-muc/${slug}`,
  sectionFeed: (slug: string) => `/chuyen-muc/${slug}/rss.xml`,

  documents: () => "/van-ban",
  document: (slug: string) => `/van-ban/${slug}`,
  schedules: (week?: string) => (week ? `/lich-cong-tac?tuan=${week}` : "/lich-cong-tac"),
  /** One body's week ("2026-W48", owner slug). */
  schedule: (week: string, owner: string) => `/lich-cong-tac?tuan=${week}&don-vi=${owner}`,
  /** A published week by its fixed slug "<owner slug>-<yyyy>-w<ww>" (content/schedules.ts `slugOf`). */
  scheduleWeek(slug: string): string {
    const match = /^(.+)-(\d{4})-w(\d{2})$/.exec(slug);
    return match ? `/lich-cong-tac?tuan=${match[2]}-W${match[3]}&don-vi=${match[1]}` : "/lich-cong-tac";
  },
  /** The week's iCalendar file. */
  scheduleCalendar: (week: string, owner: string) => `/lich-cong-tac.ics?tuan=${week}&don-vi=${owner}`,
  consultations: () => "/gop-y",
  consultation: (slug: string) => `/gop-y/${slug}`,
  galleries: () => "/thu-vien-anh",
  gallery: (slug: string) => `/thu-vien-anh/${slug}`,
  videos: () => "/video",
  video: (slug: string) => `/video/${slug}`,

  feed: () => "/rss.xml",
  /** RSS of one content kind's list page ("/van-ban" → "/van-ban/rss.xml"). */
  listFeed: (listPath: string) => `${listPath}/rss.xml`,
  /** The sitemap of one content kind when the sitemap is an index ("van-ban" → "/sitemaps/van-ban.xml"). */
  sitemapKind: (segment: string) => `/sitemaps/${segment}.xml`,
  sitemap: () => "/sitemap.xml",
  sitemapPages: () => "/sitemaps/trang.xml",
  /** `month` is "yyyy-mm" (UTC), as the listing counts key it. */
  sitemapArticles: (month: string) => `/sitemaps/bai-viet-${month}.xml`,
  robots: () => "/robots.txt",
  /** The site's icon (browser tabs, bookmarks); "/favicon.ico", which some clients ask for blindly, redirects here. */
  favicon: () => "/favicon.svg",
  dashboard: () => "/quan-tri",
  /** The page describing the open data; the datasets themselves: `openDataset("news")` → "/api/public/news". */
  openData: () => "/du-lieu-mo",
  openDataset: (name: string) => `${OPEN_DATA_API}/${name}`,
  openApi: () => OPEN_API_PATH,
  // Public duties (NĐ 224/2026): announcements, HTML site map, accessibility statement, statistics.
  notices: () => "/thong-bao",
  siteMap: () => "/so-do-cong",
  accessibility: () => "/tiep-can",
  statistics: (year?: number) => (year ? `/thong-ke?nam=${year}` : "/thong-ke"),
  /** The small render-blocking script that applies the reader's text size and contrast before first paint. */
  displayScript: () => "/hien-thi.js",

  /**
   * `path` with page `page` of a listing and other query parameters (page 1 has no `trang`).
   * @example Urls.paged("/tim-kiem", 2, { q: "hòa phong" }) // "/tim-kiem?q=h%C3%B2a+phong&trang=2"
   */
  paged(path: string, page: number, query: Record<string, string> = {}): string {
    const params = new URLSearchParams(query);
    if (page > 1) params.set(PAGE_PARAM, String(page));
    const search = params.toString();
    return search ? `${path}?${search}` : path;
  },

  /** CDN invalidation pattern covering a path and every query string of it. */
  withQueries: (path: string) => `${path}*`,
};
