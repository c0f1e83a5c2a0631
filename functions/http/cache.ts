/**
 * Cache-Control values. Public pages are cached by CloudFront (s-maxage) and refreshed in the
 * background (stale-while-revalidate); publishing invalidates the affected paths, so the browser
 * copy is kept short. API answers are never cached.
 */
export const CACHE = {
  page: "public, max-age=60, s-maxage=300, stale-while-revalidate=86400",
  notFound: "public, max-age=30, s-maxage=60",
  text: "public, max-age=3600, s-maxage=3600",
  none: "no-store",
} as const;
