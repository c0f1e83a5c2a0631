/**
 * Everything the reader function imports on first use, in one module (docs/architecture.md,
 * "Budgets"): search, open data and its descriptions, the feeds and sitemaps, the beacons and the
 * counters behind them, the schedule's calendar file and the editors' preview. A page of the
 * common kinds (home, section, article) needs none of it.
 *
 * One module, not one import per feature: esbuild splits a build into one chunk per set of entry
 * points that share code, so every separate `import()` cut the code loaded at a cold start into
 * more files, and each file costs the cold start more (measured here: ten more small files took
 * ~6 ms more than the ~22 KB they kept out saved). Importing all of it at once on the first such
 * request costs that request a few milliseconds once per instance. Import it only as
 * `import("./on-demand")` (a static import would put it all back in the cold start).
 */
export { normalizeQuery, Search, SEARCH_PAGE_SIZE } from "../../core/reader/search";
export { datasetNamed, openDataQuery, readDataset } from "../../core/reader/open-data";
export { createRateLimiter, OPEN_DATA_RATE } from "../../core/reader/open-data-limits";
export { clientKey, visitorKey } from "../../core/metrics/signing";
export { Visitors } from "../../core/metrics/visitors";
export { scheduleCalendar } from "../../core/reader/schedule-calendar";
export { requireUser } from "../../core/accounts/permissions";
export { Preview } from "../../core/reader/preview";
export { openApiDocument, openDataGuide } from "./openapi";
export { kindFeed, sectionFeed, siteFeed, sitemap, sitemapFile } from "./feed-bodies";
export { createBeacons } from "./beacons";
