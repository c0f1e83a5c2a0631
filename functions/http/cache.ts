/**
 * Cache-Control values. Public pages are cached by CloudFront (s-maxage) and refreshed in the
 * background (stale-while-revalidate); publishing invalidates the affected paths
 * (core/publishing/invalidation.ts), so the browser copy is kept short. API answers are never cached.
 */
export const CACHE = {
  page: "public, max-age=60, s-maxage=300, stale-while-revalidate=86400",
  /** Search results: invalidated on publish too, but queries are endless, so they age out sooner. */
  search: "public, max-age=60, s-maxage=120, stale-while-revalidate=600",
  /** RSS and sitemaps: readers and crawlers poll them; publishing invalidates them. */
  feed: "public, max-age=300, s-maxage=600, stale-while-revalidate=3600",
  notFound: "public, max-age=30, s-maxage=60",
  /** Malformed input (`?trang=abc`): cached briefly at the edge so junk URLs cannot load the origin. */
  badRequest: "public, max-age=30, s-maxage=60",
  text: "public, max-age=3600, s-maxage=3600",
  /**
   * Open data (/api/public/*, /api/openapi.json): the only cacheable /api answers (frame.ts). Not
   * invalidated on publish, so kept short: a new item shows within about a minute.
   */
  openData: "public, max-age=60, s-maxage=60, stale-while-revalidate=300",
  none: "no-store",
} as const;
