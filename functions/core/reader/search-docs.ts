/**
 * The search documents: what a publish or an unpublish writes for search, in its own transaction
 * (search.ts explains the design). Apart from the query side (search.ts, search-index.ts) so that
 * the functions that publish (staff, scheduler) do not bundle the in-memory index they never query.
 */
import type { SearchInput } from "../publishing/kind";
import { Keys } from "../storage/keys";
import type { Store, TransactItem } from "../storage/store";
import { textOfHtml } from "./search-text";

const ENTITY = "SearchDoc";
const SCHEMA_VERSION = 1;
/** Body text kept per article; beyond this a body is not searchable (≈ 10,000 words). */
const MAX_TEXT = 60_000;

export interface SearchDoc {
  id: string;
  slug: string;
  /** Public path; documents written before kinds existed have none (articles: /bai-viet/<slug>). */
  url?: string;
  /** Report kind: "news", "collected", "documents", … */
  kind: string;
  sectionId: string;
  title: string;
  summary: string;
  text: string;
  publishedAt: string;
  changedAt: string;
  removed?: boolean;
}

/** What stays of an unpublished article's document: it still moves to the end of the feed. */
type Tombstone = Pick<SearchDoc, "id" | "changedAt"> & { removed: true };

/** The document of a published view, as of `changedAt`. */
export function searchDoc(view: SearchInput, changedAt: string): SearchDoc {
  return {
    id: view.id,
    slug: view.slug,
    url: view.url,
    kind: view.kind,
    sectionId: view.sectionId,
    title: view.title,
    summary: view.summary,
    text: textOfHtml(view.body).slice(0, MAX_TEXT),
    publishedAt: view.publishedAt,
    changedAt,
  };
}

export const SearchDocs = {
  /** The put of one document (or tombstone), which also moves it to the end of the change feed. */
  item(store: Store, doc: SearchDoc | Tombstone): TransactItem {
    return {
      Put: {
        TableName: store.table,
        Item: { ...Keys.searchDocItem(doc.id, doc.changedAt), entity: ENTITY, schemaVersion: SCHEMA_VERSION, ...doc },
      },
    };
  },

  /**
   * The transaction items that make `view` searchable as published (first publication and every
   * re-approval): put them in the same TransactWriteCommand as the published view.
   * @example
   * TransactItems: [putPublishedView(view), ...SearchDocs.indexItems(store, view), ...]
   */
  indexItems(store: Store, view: SearchInput, now: Date = new Date()): TransactItem[] {
    return [SearchDocs.item(store, searchDoc(view, now.toISOString()))];
  },

  /** The transaction items that take an item out of search (unpublish), by its id. */
  removeItems(store: Store, id: string, now: Date = new Date()): TransactItem[] {
    return [SearchDocs.item(store, { id, changedAt: now.toISOString(), removed: true })];
  },
};
