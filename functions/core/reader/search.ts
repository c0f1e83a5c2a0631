/**
 * Search over published articles (title, summary, body): diacritic-insensitive, exact-diacritic
 * matches first, paginated and highlighted.
 *
 * Design: the truth is in the table, the index is in memory.
 *  - Truth: one search document per article (`Keys.searchDoc`: plain text of title, summary and
 *    body, or a tombstone once unpublished), written *in the same transaction* as the published
 *    view (search-docs.ts), so it can never disagree with what readers see. Each write also moves
 *    the document to the end of a change feed (gsi1 `SEARCH#CHANGES`, sorted by `changedAt`).
 *  - Index: each Lambda instance keeps an inverted index (search-index.ts) in memory, loaded on the
 *    first search from a compact snapshot in the bucket (`search/`, not served by CloudFront) and
 *    brought up to date by reading the change feed from the snapshot's `through` mark. Every search
 *    first reads the feed's tail (one Query, usually empty), so a publish, an edit or an unpublish
 *    is visible to the next search on every instance; the page's documents are then fetched with
 *    one BatchGetItem, which also drops anything removed in between.
 *  - Why not postings in DynamoDB: Vietnamese syllables are few and common ("tỉnh" is in nearly
 *    every article), so per-token postings mean reading thousands of items per query, and a publish
 *    would write hundreds of items: too many for its transaction. 10,000 articles fit in a few MB
 *    of memory and answer in ~3 ms on this machine.
 *  - Cost: a search = 1 Query (feed tail) + 1 BatchGetItem (≤ page size documents); a publish =
 *    one extra item in its transaction. A cold instance = one S3 GET (~1–5 MB) plus the feed since
 *    the snapshot. An instance that has applied many changes rewrites the snapshot from memory;
 *    concurrent writers are harmless: every snapshot is consistent up to its own `through`, and the
 *    feed is re-read from there with an overlap that covers clock skew and index propagation.
 *  - Exactness after unpublish: the tombstone is in the unpublish transaction; the next search's
 *    feed read removes the article, and the page's BatchGet would skip it even before that.
 */
import { PutCommand } from "../storage/db";
import type { PublishedArticle } from "./articles";
import { Urls } from "../shared/urls";
import { invalid } from "../shared/errors";
import { Keys } from "../storage/keys";
import { queryPages } from "../storage/page";
import { batchGet, type Store } from "../storage/store";
import { SearchIndex, type IndexChange } from "./search-index";
import { searchDoc, SearchDocs, type SearchDoc } from "./search-docs";
import { highlight, snippet, type Segment } from "./search-text";

export type { Segment } from "./search-text";

export const SEARCH_PAGE_SIZE = 10;
/** Longer queries are refused (400): nobody types that much into a search box. */
export const MAX_QUERY_LENGTH = 200;

const SNAPSHOT_KEY = "search/index-v1.bin.gz";
/** The feed is re-read from `through` minus this: clock skew between writers, GSI propagation. */
const OVERLAP_MS = 60_000;
/** Changes applied since the snapshot after which an instance writes a new one. */
const RESNAPSHOT_AFTER = 200;

/** One result, with the searched words marked in its title, summary and a body excerpt. */
export interface SearchHit {
  id: string;
  slug: string;
  /** Where the result links to. */
  url: string;
  kind: string;
  sectionId: string;
  publishedAt: string;
  title: Segment[];
  summary: Segment[];
  /** Body excerpt around the first match, when the body matched. */
  excerpt?: Segment[];
  /** The article has every diacritic the reader typed. */
  exact: boolean;
}

export interface SearchPage {
  query: string;
  total: number;
  page: number;
  pages: number;
  hits: SearchHit[];
}

interface Live {
  index: SearchIndex;
  sinceSnapshot: number;
  refreshing?: Promise<void>;
}

const instances = new WeakMap<Store, Promise<Live>>();

function changeOf(item: Record<string, unknown>): IndexChange {
  const doc = item as unknown as SearchDoc;
  if (doc.removed) return { id: doc.id, changedAt: doc.changedAt, removed: true };
  return { id: doc.id, changedAt: doc.changedAt, publishedAt: doc.publishedAt, title: doc.title, summary: doc.summary, text: doc.text ?? "" };
}

/** Every change with `changedAt` ≥ `from`, oldest first. */
async function readFeed(store: Store, from: string, apply: (change: IndexChange) => void): Promise<void> {
  for await (const items of queryPages(store, {
    TableName: store.table,
    IndexName: "gsi1",
    KeyConditionExpression: "gsi1pk = :pk AND gsi1sk >= :from",
    ExpressionAttributeValues: { ":pk": Keys.searchChanges(), ":from": from },
  })) {
    for (const item of items) apply(changeOf(item));
  }
}

function overlapStart(through: string): string {
  const at = Date.parse(through);
  return Keys.searchChangesFrom(Number.isNaN(at) ? undefined : new Date(at - OVERLAP_MS).toISOString());
}

async function readSnapshot(store: Store): Promise<SearchIndex | undefined> {
  try {
    const bytes = await store.objects.get(SNAPSHOT_KEY);
    return bytes && SearchIndex.deserialize(bytes);
  } catch (error) {
    if ((error as Error).name !== "NoSuchKey") console.warn("search: snapshot unreadable, rebuilding from the table", error);
    return undefined;
  }
}

async function writeSnapshot(store: Store, index: SearchIndex): Promise<void> {
  await store.objects.put(SNAPSHOT_KEY, index.serialize(), "application/octet-stream");
}

async function buildFromTable(store: Store): Promise<SearchIndex> {
  const index = new SearchIndex();
  await readFeed(store, Keys.searchChangesFrom(), (change) => index.apply(change));
  return index;
}

async function load(store: Store): Promise<Live> {
  const snapshot = await readSnapshot(store);
  if (snapshot) return { index: snapshot, sinceSnapshot: 0 };
  const index = await buildFromTable(store);
  await writeSnapshot(store, index).catch((error) => console.warn("search: could not write the snapshot", error));
  return { index, sinceSnapshot: 0 };
}

function live(store: Store): Promise<Live> {
  let instance = instances.get(store);
  if (!instance) {
    instance = load(store);
    instances.set(store, instance);
    instance.catch(() => instances.delete(store));
  }
  return instance;
}

/** Reads the feed's tail into the index; concurrent callers share one read. */
function refresh(store: Store, state: Live): Promise<void> {
  state.refreshing ??= (async () => {
    try {
      let applied = 0;
      await readFeed(store, overlapStart(state.index.through), (change) => {
        if (state.index.apply(change)) applied++;
      });
      state.sinceSnapshot += applied;
      if (state.sinceSnapshot >= RESNAPSHOT_AFTER) {
        state.sinceSnapshot = 0;
        // Best effort: correctness never depends on the snapshot's age, only cold starts do.
        void writeSnapshot(store, state.index).catch((error) => console.warn("search: could not write the snapshot", error));
      }
    } finally {
      state.refreshing = undefined;
    }
  })();
  return state.refreshing;
}

const DOC_FIELDS = ["id", "slug", "url", "kind", "sectionId", "title", "summary", "text", "publishedAt", "changedAt", "removed"];

async function getDocs(store: Store, ids: string[]): Promise<Map<string, SearchDoc>> {
  const items = await batchGet(store, ids.map(Keys.searchDoc), DOC_FIELDS);
  return new Map(items.map((item) => [item.id as string, item as unknown as SearchDoc]));
}

/** The query as it will be searched: trimmed, whitespace collapsed; 400 when too long. */
export function normalizeQuery(query: string): string {
  const normalized = query.normalize("NFC").replace(/\s+/g, " ").trim();
  if (normalized.length > MAX_QUERY_LENGTH)
    throw invalid(`Từ khóa tìm kiếm quá dài (tối đa ${MAX_QUERY_LENGTH} ký tự).`, { q: `Tối đa ${MAX_QUERY_LENGTH} ký tự.` });
  return normalized;
}

export const Search = {
  /**
   * One page of results. `query` must come through `normalizeQuery`; an empty one finds nothing.
   * @example
   * const { total, hits } = await Search.query(store, "xuat khau", { page: 1 });
   */
  async query(store: Store, query: string, options: { page?: number; pageSize?: number } = {}): Promise<SearchPage> {
    const page = options.page ?? 1;
    const pageSize = options.pageSize ?? SEARCH_PAGE_SIZE;
    if (!query) return { query, total: 0, page, pages: 0, hits: [] };
    const state = await live(store);
    await refresh(store, state);
    const result = state.index.search(query, { offset: (page - 1) * pageSize, limit: pageSize });
    const docs = await getDocs(store, result.hits.map((hit) => hit.id));
    const hits: SearchHit[] = [];
    for (const hit of result.hits) {
      const doc = docs.get(hit.id);
      if (!doc || doc.removed) continue;
      const excerpt = snippet(doc.text ?? "", query);
      hits.push({
        id: doc.id,
        slug: doc.slug,
        url: doc.url ?? Urls.article(doc.slug),
        kind: doc.kind,
        sectionId: doc.sectionId,
        publishedAt: doc.publishedAt,
        title: highlight(doc.title, query),
        summary: highlight(doc.summary, query),
        ...(excerpt ? { excerpt } : {}),
        exact: hit.exact,
      });
    }
    return { query, total: result.total, page, pages: Math.ceil(result.total / pageSize), hits };
  },

  /**
   * Rebuilds the index from the table's search documents and writes a fresh snapshot (a repair
   * tool and what a scheduled job may run nightly); this process then uses the rebuilt index.
   */
  async rebuild(store: Store): Promise<{ articles: number }> {
    const index = await buildFromTable(store);
    await writeSnapshot(store, index);
    instances.set(store, Promise.resolve({ index, sinceSnapshot: 0 }));
    return { articles: index.size };
  },

  /**
   * Writes the search documents missing for articles published before search existed (reads every
   * published view once; never overwrites a newer document). Run once after an upgrade, then
   * `rebuild`.
   */
  async backfill(store: Store): Promise<number> {
    let written = 0;
    for await (const items of queryPages(store, {
      TableName: store.table,
      IndexName: "gsi2",
      KeyConditionExpression: "gsi2pk = :pk",
      ExpressionAttributeValues: { ":pk": Keys.publishedLatest() },
    })) {
      for (const view of items as PublishedArticle[]) {
        const put = SearchDocs.item(store, searchDoc({ ...view, url: Urls.article(view.slug) }, view.updatedAt)).Put!;
        try {
          await store.db.send(new PutCommand({ TableName: put.TableName, Item: put.Item, ConditionExpression: "attribute_not_exists(pk)" }));
          written++;
        } catch (error) {
          if ((error as Error).name !== "ConditionalCheckFailedException") throw error;
        }
      }
    }
    return written;
  },

  /** Drops this process's in-memory index of a store (the next search loads it again). */
  forget(store: Store): void {
    instances.delete(store);
  },
};
