import { contentKeys } from "../storage/keys";
import { queryPages } from "../storage/page";
import type { Store } from "../storage/store";
import { Summaries } from "./summaries";

/**
 * Numbered pages (`?trang=N`) of every live item of a kind with `sectionListing` (videos, photo
 * reportages), newest first, in two requests whatever N: the kind's counts per UTC month and day
 * (kept exact by the engine, publishing/reader-index.ts) say which day holds the page's first
 * item, then one bounded Query of the kind's summaries (reader/summaries.ts, newest first) reads
 * from that day.
 * The articles' own pages (listings.ts) do the same per section.
 */
export interface KindPage<T> {
  items: T[];
  total: number;
  pages: number;
}

const dayAttribute = (day: number) => `d${String(day).padStart(2, "0")}`;

interface MonthCount {
  month: string;
  count: number;
  days: number[];
}

/** The kind's live counts per UTC month (newest first). */
async function months(store: Store, space: string): Promise<MonthCount[]> {
  const out: MonthCount[] = [];
  for await (const items of queryPages(store, {
    TableName: store.table,
    KeyConditionExpression: "pk = :pk",
    ExpressionAttributeValues: { ":pk": contentKeys(space).countPartition(undefined) },
    ScanIndexForward: false,
  })) {
    for (const item of items) {
      const count = Math.max(0, Number(item.n ?? 0));
      const days = Array.from({ length: 32 }, (_, day) => (day === 0 ? 0 : Math.max(0, Number(item[dayAttribute(day)] ?? 0))));
      if (count > 0) out.push({ month: item.sk as string, count, days });
    }
  }
  return out;
}

/** Start of the UTC day after `day` of `month` ("yyyy-mm"), as the index's sort keys write instants. */
function endOfDay(month: string, day: number): string {
  const [year, mon] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(year, mon - 1, day + 1)).toISOString();
}

/** Newest first, before `before` when given: `skip` items skipped, then up to `limit` (summaries only). */
function newest<T>(store: Store, space: string, attributes: readonly string[], skip: number, limit: number, before?: string): Promise<T[]> {
  return Summaries.slice<T>(store, space, undefined, skip, limit, { attributes, before });
}

/** Page `page` (1-based) of the kind in `space`, with the number of pages; `items` is empty past the end. */
export async function kindPage<T>(store: Store, space: string, attributes: readonly string[], page: number, size: number): Promise<KindPage<T>> {
  if (page === 1) {
    const [counted, items] = await Promise.all([months(store, space), newest<T>(store, space, attributes, 0, size)]);
    const total = Math.max(counted.reduce((sum, m) => sum + m.count, 0), items.length);
    return { items, total, pages: Math.max(1, Math.ceil(total / size)) };
  }
  const counted = await months(store, space);
  const total = counted.reduce((sum, m) => sum + m.count, 0);
  const pages = Math.max(1, Math.ceil(total / size));
  if (page > pages) return { items: [], total, pages };
  const offset = (page - 1) * size;
  let before = 0;
  for (const month of counted) {
    if (before + month.count <= offset) {
      before += month.count;
      continue;
    }
    for (let day = 31; day >= 1; day--) {
      const count = month.days[day]!;
      if (before + count <= offset) {
        before += count;
        continue;
      }
      return { items: await newest<T>(store, space, attributes, offset - before, size, endOfDay(month.month, day)), total, pages };
    }
    // Days that do not add up to the month (never written so): read from the month's end.
    return { items: await newest<T>(store, space, attributes, offset - before, size, endOfDay(month.month, 31)), total, pages };
  }
  return { items: [], total, pages };
}
