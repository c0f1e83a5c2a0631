/**
 * Every public page type, one URL each: tests/e2e/csp.test.ts loads them all in Chromium under the
 * production CSP, bench/pages.ts measures the JavaScript of each. One list, so a new page type is
 * added to both. Item pages take the URL of an item found in the data (undefined: none there).
 */
export function publicPageTypes(at: {
  section: string;
  article: string;
  search: string;
  document: string | undefined;
  gallery: string | undefined;
  video: string | undefined;
  consultation: string | undefined;
}): [string, string | undefined][] {
  return [
    ["home", "/"],
    ["section", `/chuyen-muc/${at.section}`],
    ["article", `/bai-viet/${at.article}`],
    ["search", `/tim-kiem?q=${encodeURIComponent(at.search).replace(/%20/g, "+")}`],
    ["documents", "/van-ban"],
    ["document", at.document],
    ["schedule", "/lich-cong-tac"],
    ["galleries", "/thu-vien-anh"],
    ["gallery", at.gallery],
    ["videos", "/video"],
    ["video", at.video],
    ["consultations", "/gop-y"],
    ["consultation", at.consultation],
    ["open data", "/du-lieu-mo"],
    ["site map", "/so-do-cong"],
    ["accessibility", "/tiep-can"],
    ["stats", "/thong-ke"],
    ["notices", "/thong-bao"],
    ["not found", "/bai-viet/khong-co-bai-nay"],
  ];
}
