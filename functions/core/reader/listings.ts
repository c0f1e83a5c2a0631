/**
 * Numbered pages of a section (`/chuyen-muc/:slug?trang=N`) and the months of the sitemap.
 *
 * DynamoDB has no OFFSET, and the CDN keys pages on `trang` only (no cursor can ride in the URL).
 * Walking N pages per request costs N queries of full items, and a cursor cache per instance is
 * cold on every new instance. Instead, small count items per section and month (`n`, plus `d01`…
 * `d31` per UTC day; `Keys.publishedCount`) are kept exact by ADD ±1 in the same transaction as
 * every publish, unpublish and section move (`Listings.countItems`). Page N is then two requests
 * whatever N is: one Query of the section's count items (a few hundred bytes per month) to find
 * the day where item (N-1)·size falls and how many of that day's items come before it, and one
 * Query of the section's summaries (reader/summaries.ts: small items, never the bodies) bounded by
 * that day's end, reading at most that day's items plus one page. The same counts give the number of pages (so `?trang=999999` is a 404 without a read of
 * the section) and, across all sections, the months of the sitemap index.
 */
import { PutCommand } from "../storage/db";
import { Summaries } from "./summaries";
import { SUMMARY_ATTRIBUTES, type ArticleSummary } from "./articles";
import { contentKeys, Keys } from "../storage/keys";
import { queryPages } from "../storage/page";
import type { Store, TransactItem } from "../storage/store";

/** Where a live article is counted: its section and its publication instant (ISO-8601). */
export interface Placement {
  sectionId: string;
  publishedAt: string;
}

export interface MonthCount {
  /** "yyyy-mm", UTC. */
  month: string;
  count: number;
  /** When an article of that month was last published or removed. */
  lastmod?: string;
  /** Count per UTC day of the month, index 1…31. */
  days: number[];
}

export interface ListingPage {
  items: ArticleSummary[];
  total: number;
  pages: number;
}


const ENTITY = "PublishedCount";
const SCHEMA_VERSION = 1;

const dayAttribute = (day: number) => `d${String(day).padStart(2, "0")}`;

function utc(iso: string): { month: string; day: number } {
  const normalized = new Date(iso).toISOString();
  return { month: normalized.slice(0, 7), day: Number(normalized.slice(8, 10)) };
}

/** Start of the UTC day after `day` of `month`, as the sort keys write instants. */
function endOfDay(month: string, day: number): string {
  const [year, mon] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(year, mon - 1, day + 1)).toISOString();
}

/** `[from, to)` of a "yyyy-mm" UTC month as sort-key instants, or undefined for no such month. */
export function monthBounds(month: string): { from: string; to: string } | undefined {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match) return undefined;
  const [year, mon] = [Number(match[1]), Number(match[2])];
  if (mon < 1 || mon > 12) return undefined;
  const from = new Date(Date.UTC(year, mon - 1, 1));
  from.setUTCFullYear(year); // Date.UTC maps years 0–99 to 1900–1999
  const to = new Date(from);
  to.setUTCMonth(mon);
  const [start, end] = [from.toISOString(), to.toISOString()];
  return /^\d{4}-/.test(start) && /^\d{4}-/.test(end) ? { from: start, to: end } : undefined;
}

async function counts(store: Store, sectionId: string | undefined): Promise<MonthCount[]> {
  const months: MonthCount[] = [];
  for await (const items of queryPages(store, {
    TableName: store.table,
    KeyConditionExpression: "pk = :pk",
    ExpressionAttributeValues: { ":pk": Keys.publishedCountPartition(sectionId) },
    ScanIndexForward: false,
  })) {
    for (const item of items) {
      const days = Array.from({ length: 32 }, (_, day) => (day === 0 ? 0 : Math.max(0, Number(item[dayAttribute(day)] ?? 0))));
      const count = Math.max(0, Number(item.n ?? 0));
      if (count > 0) months.push({ month: item.sk as string, count, lastmod: item.lastmod as string | undefined, days });
    }
  }
  return months;
}

/** Newest first, published before `before` when given, `skip` items skipped, then up to `limit`: summaries only. */
function sectionItems(store: Store, sectionId: string, skip: number, limit: number, before?: string): Promise<ArticleSummary[]> {
  return Summaries.slice<ArticleSummary>(store, "ARTICLE", sectionId, skip, limit, { attributes: SUMMARY_ATTRIBUTES, before });
}

export const Listings = {
  /**
   * The transaction items that keep the counts exact when a live article appears (`before`
   * undefined), disappears (`after` undefined), or moves (section or publication date): put them
   * in the same TransactWriteCommand. Empty when nothing moves (a re-approval in place).
   * @example
   * ...Listings.countItems(store, current.live ? current.counted : undefined, { sectionId, publishedAt })
   */
  countItems(store: Store, before: Placement | undefined, after: Placement | undefined, now: Date = new Date(), space = "ARTICLE"): TransactItem[] {
    const deltas = new Map<string, { sectionId: string | undefined; month: string; days: Map<number, number> }>();
    const add = (placement: Placement, delta: number) => {
      const { month, day } = utc(placement.publishedAt);
      for (const sectionId of [placement.sectionId, undefined]) {
        const key = `${sectionId ?? ""}|${month}`;
        const entry = deltas.get(key) ?? { sectionId, month, days: new Map<number, number>() };
        entry.days.set(day, (entry.days.get(day) ?? 0) + delta);
        deltas.set(key, entry);
      }
    };
    if (before) add(before, -1);
    if (after) add(after, +1);

    const items: TransactItem[] = [];
    for (const { sectionId, month, days } of deltas.values()) {
      const changed = [...days].filter(([, delta]) => delta !== 0);
      if (changed.length === 0) continue;
      const total = changed.reduce((sum, [, delta]) => sum + delta, 0);
      const names: Record<string, string> = {};
      const values: Record<string, unknown> = { ":entity": ENTITY, ":schemaVersion": SCHEMA_VERSION, ":now": now.toISOString() };
      const adds = changed.map(([day, delta], i) => {
        names[`#d${i}`] = dayAttribute(day);
        values[`:d${i}`] = delta;
        return `#d${i} :d${i}`;
      });
      if (total !== 0) {
        adds.unshift("n :n");
        values[":n"] = total;
      }
      items.push({
        Update: {
          TableName: store.table,
          // Each content kind counts in its own key space (storage/keys.ts `contentKeys`).
          Key: contentKeys(space).count(sectionId, month),
          UpdateExpression: `ADD ${adds.join(", ")} SET entity = :entity, schemaVersion = :schemaVersion, lastmod = :now`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        },
      });
    }
    return items;
  },

  /**
   * Page `page` (1-based) of a section, newest first, with the number of pages; `items` is empty
   * when the page is past the end.
   */
  async sectionPage(store: Store, sectionId: string, page: number, pageSize: number): Promise<ListingPage> {
    if (page === 1) {
      // The first page needs no counts to find its items: both reads go out together.
      const [months, items] = await Promise.all([counts(store, sectionId), sectionItems(store, sectionId, 0, pageSize)]);
      const total = Math.max(months.reduce((sum, m) => sum + m.count, 0), items.length);
      return { items, total, pages: Math.max(1, Math.ceil(total / pageSize)) };
    }
    const months = await counts(store, sectionId);
    const total = months.reduce((sum, m) => sum + m.count, 0);
    const pages = Math.max(1, Math.ceil(total / pageSize));
    if (page > pages) return { items: [], total, pages };

    const offset = (page - 1) * pageSize;
    let before = 0;
    for (const month of months) {
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
        const items = await sectionItems(store, sectionId, offset - before, pageSize, endOfDay(month.month, day));
        return { items, total, pages };
      }
      // The month's days do not add up to its total (never written so): read from its end.
      const items = await sectionItems(store, sectionId, offset - before, pageSize, endOfDay(month.month, 31));
      return { items, total, pages };
    }
    return { items: [], total, pages };
  },

  /**
   * Recomputes every count from the published views (one read of all of them): for data published
   * before the counts existed, or as a repair. Run it while nothing is being published.
   */
  async recount(store: Store, sectionIds: string[]): Promise<void> {
    const wanted = new Map<string, { sectionId: string | undefined; month: string; days: number[] }>();
    for await (const items of queryPages(store, {
      TableName: store.table,
      IndexName: "gsi2",
      KeyConditionExpression: "gsi2pk = :pk",
      ExpressionAttributeValues: { ":pk": Keys.publishedLatest() },
      ProjectionExpression: "sectionId, publishedAt",
    })) {
      for (const item of items as Placement[]) {
        const { month, day } = utc(item.publishedAt);
        for (const sectionId of [item.sectionId, undefined]) {
          const key = `${sectionId ?? ""}|${month}`;
          const entry = wanted.get(key) ?? { sectionId, month, days: new Array<number>(32).fill(0) };
          entry.days[day]!++;
          wanted.set(key, entry);
        }
      }
    }
    // Months counted before but empty now are zeroed rather than left stale.
    for (const sectionId of [...new Set([...sectionIds, ...[...wanted.values()].flatMap((w) => (w.sectionId ? [w.sectionId] : []))]), undefined]) {
      for (const existing of await counts(store, sectionId)) {
        const key = `${sectionId ?? ""}|${existing.month}`;
        if (!wanted.has(key)) wanted.set(key, { sectionId, month: existing.month, days: new Array<number>(32).fill(0) });
      }
    }
    const now = new Date().toISOString();
    for (const { sectionId, month, days } of wanted.values()) {
      const item: Record<string, unknown> = {
        ...Keys.publishedCount(sectionId, month),
        entity: ENTITY,
        schemaVersion: SCHEMA_VERSION,
        lastmod: now,
        n: days.reduce((a, b) => a + b, 0),
      };
      for (let day = 1; day <= 31; day++) if (days[day]) item[dayAttribute(day)] = days[day];
      await store.db.send(new PutCommand({ TableName: store.table, Item: item }));
    }
  },

  /** Months with published articles, newest first (all sections together). */
  months(store: Store): Promise<MonthCount[]> {
    return counts(store, undefined);
  },

  /**
   * Every article published in a UTC month ("yyyy-mm"), newest first: slug and dates only. A month
   * that is not one (`2026-13`), or whose bounds are not four-digit-year instants (`9999-12` ends
   * in year 10000), has none: nothing is read.
   */
  async publishedInMonth(store: Store, month: string): Promise<Pick<ArticleSummary, "slug" | "publishedAt" | "updatedAt" | "featuredImage">[]> {
    const bounds = monthBounds(month);
    return bounds ? Listings.publishedBetween(store, bounds.from, bounds.to) : [];
  },

  /**
   * Every article published in [from, to) (ISO instants; either omitted: no bound), newest first.
   * Bounds out of order are an empty range, not a DynamoDB error.
   */
  async publishedBetween(store: Store, from?: string, to?: string): Promise<Pick<ArticleSummary, "slug" | "publishedAt" | "updatedAt" | "featuredImage">[]> {
    const items: Pick<ArticleSummary, "slug" | "publishedAt" | "updatedAt" | "featuredImage">[] = [];
    if (from !== undefined && to !== undefined && from > to) return items;
    const range = Keys.publishedRange(from, to);
    for await (const page of queryPages(store, {
      TableName: store.table,
      IndexName: "gsi2",
      KeyConditionExpression: "gsi2pk = :pk AND gsi2sk BETWEEN :from AND :to",
      ExpressionAttributeValues: { ":pk": Keys.publishedLatest(), ":from": range.from, ":to": range.to },
      ProjectionExpression: "slug, publishedAt, updatedAt, featuredImage",
      ScanIndexForward: false,
    })) {
      items.push(...(page as typeof items));
    }
    return items;
  },
};
