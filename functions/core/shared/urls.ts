/**
 * Every public path of the portal, built in one place (docs/architecture.md, "Contract": these paths are
 * stable). Pure functions, no imports: the web app, feeds, sitemaps, search results and CDN
 * invalidation all build their links here, so a path can never be spelled two ways.
 *
 * Slugs are already URL-safe (lowercase ASCII, digits, dashes; shared/text.ts `isSlug`).
 */

/** Page number parameter of listings; page 1 has none. */
export const PAGE_PARAM = "trang";

export const Urls = {
  home: () => "/",
  search: (query?: string) => (query ? `/tim-kiem?q=${encodeURIComponent(query)}` : "/tim-kiem"),

  article: (slug: string) => `/bai-viet/${slug}`,
  section: (slug: string) => `/chuyen-muc/${slug}`,
  sectionFeed: (slug: string) => `/chuyen-muc/${slug}/rss.xml`,

  documents: () => "/van-ban",
  document: (slug: string) => `/van-ban/${slug}`,
  schedules: (week?: string) => (week ? `/lich-cong-tac?tuan=${week}` : "/lich-cong-tac"),
  consultations: () => "/gop-y",
  consultation: (slug: string) => `/gop-y/${slug}`,
  galleries: () => "/thu-vien-anh",
  gallery: (slug: string) => `/thu-vien-anh/${slug}`,
  videos: () => "/video",
  video: (slug: string) => `/video/${slug}`,

  feed: () => "/rss.xml",
  sitemap: () => "/sitemap.xml",
  sitemapPages: () => "/sitemaps/trang.xml",
  /** `month` is "yyyy-mm" (UTC), as the listing counts key it. */
  sitemapArticles: (month: string) => `/sitemaps/bai-viet-${month}.xml`,
  robots: () => "/robots.txt",
  dashboard: () => "/quan-tri",

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
