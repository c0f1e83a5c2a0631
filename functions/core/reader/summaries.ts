/**
 * Summary items: what list pages read (docs/architecture.md, "Data").
 *
 * Every live item of every kind has a small summary item beside its working copy (`<S>#<id>` /
 * `SUMMARY`: the kind's summary attributes, never the body), put and deleted in the same
 * transaction as its published view (publishing/reader-index.ts). Summaries carry the list keys
 * (gsi1 by section, gsi2 newest of the kind, partitions `SUMMARY…`), so a list Query reads, and is
 * billed for, a few hundred bytes per entry: DynamoDB bills a Query by the size of the items it
 * reads, whatever the ProjectionExpression, and the indexes project every attribute. The views keep
 * their own `PUBLISHED…` entries for the readers that need whole views (sitemaps with every photo,
 * open data, the staff's published list, repairs).
 *
 * Beside the article page sits its section's newest entries: one item per section
 * (`SectionRecent`), one attribute per entry, so the publish transaction sets or removes its own
 * entry without a condition (two publications in one section never conflict), and trims the
 * oldest from a read made just before. The article page is then one GetItem of the view plus this
 * list, which the page keeps per instance for a few seconds (http/reader/pages.ts).
 */
import { GetCommand, PutCommand, QueryCommand } from "../storage/db";
import { contentKeys, Keys } from "../storage/keys";
import { decodeCursor, encodeCursor, queryPages, type Page } from "../storage/page";
import type { Store, TransactItem } from "../storage/store";

const SCHEMA_VERSION = 1;
/** Attributes of stored items that are keys or bookkeeping, never shown. */
const STORAGE = ["pk", "sk", "gsi1pk", "gsi1sk", "gsi2pk", "gsi2sk", "entity", "schemaVersion", "contentKind"];
const MAX_PAGE = 100;

/** What every summary carries whatever its kind: feeds, the featured block and plain lists need no more. */
export const SUMMARY_BASE = ["id", "slug", "title", "summary", "sectionId", "publishedAt", "updatedAt", "featuredImage"] as const;

/** The part of a content kind's descriptor summaries need (publishing/kind.ts), without its editor-side code. */
export interface SummaryKind {
  name: string;
  space: string;
  summaryAttributes: readonly string[];
}

type View = { id: string; slug: string; sectionId: string; publishedAt: string } & Record<string, unknown>;
type Entry = Record<string, unknown> & { id: string; publishedAt: string };

export function clean<T>(item: Record<string, unknown>, attributes?: readonly string[]): T {
  if (attributes) {
    const out: Record<string, unknown> = {};
    for (const name of attributes) if (item[name] !== undefined) out[name] = item[name];
    return out as T;
  }
  const out = { ...item };
  for (const name of STORAGE) delete out[name];
  for (const name of Object.keys(out)) if (name.startsWith(ENTRY)) delete out[name];
  return out as T;
}

/** The summary of a published view: the base and the kind's summary attributes. */
export function summaryOf(kind: SummaryKind, view: View): Entry {
  const out: Record<string, unknown> = {};
  for (const name of new Set([...SUMMARY_BASE, ...kind.summaryAttributes])) if (view[name] !== undefined) out[name] = view[name];
  return out as Entry;
}

const sortKey = (entry: { publishedAt: string; id: string }) => `${entry.publishedAt}#${entry.id}`;
const newestFirst = (a: Entry, b: Entry) => (sortKey(a) < sortKey(b) ? 1 : sortKey(a) > sortKey(b) ? -1 : 0);

export interface SummaryQuery {
  limit?: number;
  cursor?: string;
  /** Only these attributes (all when omitted). */
  attributes?: readonly string[];
  /** Only entries published before this instant (sort keys `< before`). */
  before?: string;
}

export const Summaries = {
  /** The transaction item that writes the summary of `view` (a first publication or a re-approval: it replaces the last). */
  put(store: Store, kind: SummaryKind, view: View): TransactItem {
    const keys = contentKeys(kind.space);
    return {
      Put: {
        TableName: store.table,
        Item: { ...keys.summary(view.id), ...keys.summaryIndex(view), entity: "PublishedSummary", schemaVersion: SCHEMA_VERSION, contentKind: kind.name, ...summaryOf(kind, view) },
      },
    };
  },

  remove(store: Store, space: string, id: string): TransactItem {
    return { Delete: { TableName: store.table, Key: contentKeys(space).summary(id) } };
  },

  /** Newest summaries of the kind (`sectionId` undefined) or of one section, newest first. */
  async list<T>(store: Store, space: string, sectionId: string | undefined, options: SummaryQuery = {}): Promise<Page<T>> {
    const keys = contentKeys(space);
    const index = sectionId === undefined ? "gsi2" : "gsi1";
    const partition = sectionId === undefined ? keys.summariesLatest() : keys.summariesInSection(sectionId);
    const out = await store.db.send(
      new QueryCommand({
        TableName: store.table,
        IndexName: index,
        KeyConditionExpression: options.before ? "#pk = :pk AND #sk < :before" : "#pk = :pk",
        ExpressionAttributeNames: { "#pk": `${index}pk`, ...(options.before ? { "#sk": `${index}sk` } : {}) },
        ExpressionAttributeValues: { ":pk": partition, ...(options.before ? { ":before": options.before } : {}) },
        ScanIndexForward: false,
        Limit: Math.min(Math.max(1, options.limit ?? 10), MAX_PAGE),
        ExclusiveStartKey: decodeCursor(options.cursor, { keys: ["pk", "sk", `${index}pk`, `${index}sk`], partition: { [`${index}pk`]: partition } }),
      }),
    );
    return { items: (out.Items ?? []).map((item) => clean<T>(item, options.attributes)), next: encodeCursor(out.LastEvaluatedKey) };
  },

  /** `skip` entries skipped, then up to `limit`, newest first (numbered pages: listings.ts, kind-pages.ts). */
  async slice<T>(store: Store, space: string, sectionId: string | undefined, skip: number, limit: number, options: Pick<SummaryQuery, "attributes" | "before"> = {}): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | undefined;
    do {
      const page = await Summaries.list<T>(store, space, sectionId, { ...options, limit: Math.min(skip + limit - items.length, MAX_PAGE), cursor });
      items.push(...page.items);
      cursor = page.next;
    } while (cursor && items.length < skip + limit);
    return items.slice(skip, skip + limit);
  },
};

// ───────────── A section's newest entries ─────────────

/** Entries kept per section: what an article page shows (6) plus itself and room for removals. */
export const RECENT_KEEP = 10;
/** Kinds whose pages show their section's newest items (today the article page). */
export const RECENT_SPACES: readonly string[] = ["ARTICLE"];
const ENTRY = "e#";

/** One section's list as read before a transaction: what is stored, and what a refill may add. */
export interface RecentState {
  sectionId: string;
  stored: Map<string, Entry>;
  /** Live entries not stored (read from the section's summaries) that fill the list after a removal. */
  refill: Entry[];
}

/** A thumbnail is all a list of links shows: the image's two smallest widths per format. */
function thumbnail(image: unknown): unknown {
  const variants = (image as { variants?: { width: number; format: string }[] } | undefined)?.variants;
  if (!Array.isArray(variants)) return image;
  const kept = variants.filter((variant) => variants.filter((other) => other.format === variant.format && other.width < variant.width).length < 2);
  return { ...(image as object), variants: kept };
}

function entryOf(kind: SummaryKind, view: View): Entry {
  const entry = summaryOf(kind, view);
  if (entry.featuredImage) entry.featuredImage = thumbnail(entry.featuredImage);
  return entry;
}

function entriesOf(item: Record<string, unknown> | undefined): Map<string, Entry> {
  const out = new Map<string, Entry>();
  for (const [name, value] of Object.entries(item ?? {})) if (name.startsWith(ENTRY)) out.set(name.slice(ENTRY.length), value as Entry);
  return out;
}

export const SectionRecent = {
  /**
   * Reads, before a transaction, the lists that `id` enters (`into`) or leaves (`outOf`), with a
   * refill from the section's summaries when leaving would leave fewer than RECENT_KEEP.
   */
  async load(store: Store, kind: SummaryKind, id: string, into: string | undefined, outOf: string | undefined): Promise<RecentState[]> {
    if (!RECENT_SPACES.includes(kind.space)) return [];
    const sections = [...new Set([into, outOf].filter((s): s is string => s !== undefined))];
    return Promise.all(
      sections.map(async (sectionId) => {
        const out = await store.db.send(new GetCommand({ TableName: store.table, Key: contentKeys(kind.space).recent(sectionId), ConsistentRead: true }));
        const stored = entriesOf(out.Item);
        const leaving = sectionId === outOf && sectionId !== into;
        const remaining = [...stored.keys()].filter((key) => key !== id).length;
        // A list never written (data from before it existed) or one a removal would shorten is
        // filled from the summaries. The index may lag by a moment: the item's own entry is set or
        // removed by the transaction whatever the index says.
        const refill =
          !out.Item || (leaving && remaining < RECENT_KEEP)
            ? (await Summaries.list<Entry>(store, kind.space, sectionId, { limit: RECENT_KEEP + 1 })).items
                .filter((entry) => entry.id !== id && !stored.has(entry.id))
                .map((entry) => ({ ...entry, featuredImage: entry.featuredImage && thumbnail(entry.featuredImage) }) as Entry)
            : [];
        return { sectionId, stored, refill };
      }),
    );
  },

  /**
   * Transaction items that bring the loaded lists to the state after the change: `view` entered
   * its section (publication, re-approval), `removedId` left the others (unpublish, a move).
   */
  changes(store: Store, kind: SummaryKind, states: RecentState[], change: { view?: View; removedId?: string }): TransactItem[] {
    const items: TransactItem[] = [];
    for (const state of states) {
      const entering = change.view && change.view.sectionId === state.sectionId ? entryOf(kind, change.view) : undefined;
      const all = new Map<string, Entry>(state.stored);
      for (const entry of state.refill) all.set(entry.id, entry);
      if (change.removedId && !entering) all.delete(change.removedId);
      if (entering) all.set(entering.id, entering);
      const kept = [...all.values()].sort(newestFirst).slice(0, RECENT_KEEP);
      const keptIds = new Set(kept.map((entry) => entry.id));
      const set = kept.filter((entry) => entry === entering || !state.stored.has(entry.id));
      const remove = [...state.stored.keys()].filter((id) => !keptIds.has(id));
      if (set.length === 0 && remove.length === 0) continue;
      const names: Record<string, string> = {};
      const values: Record<string, unknown> = { ":entity": "SectionRecent", ":schemaVersion": SCHEMA_VERSION, ":section": state.sectionId };
      const sets = set.map((entry, i) => {
        names[`#s${i}`] = `${ENTRY}${entry.id}`;
        values[`:s${i}`] = entry;
        return `#s${i} = :s${i}`;
      });
      const removes = remove.map((id, i) => {
        names[`#r${i}`] = `${ENTRY}${id}`;
        return `#r${i}`;
      });
      items.push({
        Update: {
          TableName: store.table,
          Key: contentKeys(kind.space).recent(state.sectionId),
          UpdateExpression: `SET ${["entity = :entity", "schemaVersion = :schemaVersion", "sectionId = :section", ...sets].join(", ")}${removes.length ? ` REMOVE ${removes.join(", ")}` : ""}`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        },
      });
    }
    return items;
  },

  /** The section's newest entries, newest first (one GetItem; the summaries' Query for a list never written). */
  async list<T>(store: Store, space: string, sectionId: string, limit = RECENT_KEEP): Promise<T[]> {
    const out = await store.db.send(new GetCommand({ TableName: store.table, Key: contentKeys(space).recent(sectionId) }));
    if (!out.Item) return (await Summaries.list<T>(store, space, sectionId, { limit })).items;
    return [...entriesOf(out.Item).values()].sort(newestFirst).slice(0, limit) as unknown as T[];
  },
};

// ───────────── Data published before summaries existed ─────────────

const MIGRATION = "summaries-v1";

/**
 * Writes the summary of every live item and every section's newest entries from the published
 * views, once (a marker records it): `npm start` runs it on data stored before summaries
 * existed. Returns how many summaries it wrote (0 when it had run before). Idempotent; run it
 * while nothing is being published.
 */
export async function backfillSummaries(store: Store, kinds: readonly SummaryKind[]): Promise<number> {
  const marker = Keys.migrationMarker(MIGRATION);
  if ((await store.db.send(new GetCommand({ TableName: store.table, Key: marker, ConsistentRead: true }))).Item) return 0;
  let written = 0;
  for (const kind of kinds) {
    const bySection = new Map<string, Entry[]>();
    for await (const views of queryPages(store, {
      TableName: store.table,
      IndexName: "gsi2",
      KeyConditionExpression: "gsi2pk = :pk",
      ExpressionAttributeValues: { ":pk": contentKeys(kind.space).publishedLatest() },
    })) {
      for (const view of views as View[]) {
        await store.db.send(new PutCommand(Summaries.put(store, kind, view).Put!));
        written++;
        bySection.set(view.sectionId, [...(bySection.get(view.sectionId) ?? []), entryOf(kind, view)]);
      }
    }
    if (!RECENT_SPACES.includes(kind.space)) continue;
    for (const [sectionId, entries] of bySection) {
      const item: Record<string, unknown> = { ...contentKeys(kind.space).recent(sectionId), entity: "SectionRecent", schemaVersion: SCHEMA_VERSION, sectionId };
      for (const entry of entries.sort(newestFirst).slice(0, RECENT_KEEP)) item[`${ENTRY}${entry.id}`] = entry;
      await store.db.send(new PutCommand({ TableName: store.table, Item: item }));
    }
  }
  await store.db.send(new PutCommand({ TableName: store.table, Item: { ...marker, entity: "Marker", schemaVersion: SCHEMA_VERSION, at: new Date().toISOString(), summaries: written } }));
  return written;
}
