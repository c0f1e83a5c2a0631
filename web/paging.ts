import { Urls } from "../functions/core/shared/urls";
import type { Paging } from "./types";

/** The URL of page `n` of a listing: page 1 is the bare path, the canonical one. */
export function pageHref(paging: Paging, n: number): string {
  return Urls.paged(paging.path, n, paging.query);
}

/** Page numbers around the current one, with the first and last, gaps as null: 1 … 4 5 [6] 7 8 … 57. */
export function pageWindow(page: number, pages: number, radius = 2): (number | null)[] {
  const shown = new Set([1, pages]);
  for (let n = page - radius; n <= page + radius; n++) if (n >= 1 && n <= pages) shown.add(n);
  const sorted = [...shown].sort((a, b) => a - b);
  const out: (number | null)[] = [];
  sorted.forEach((n, i) => {
    if (i > 0 && n - sorted[i - 1]! > 1) out.push(null);
    out.push(n);
  });
  return out;
}
