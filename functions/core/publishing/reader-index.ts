/**
 * What the public site keeps beside each published view, changed in the same transaction as it:
 * the search document (reader/search-docs.ts) and, for kinds listed by section, the per-section counts
 * behind numbered pages and the sitemap (reader/listings.ts). One call per transition, so the
 * engine cannot forget either.
 */
import { Listings, type Placement } from "../reader/listings";
import { SearchDocs } from "../reader/search-docs";
import type { Store, TransactItem } from "../storage/store";
import type { ContentKind, PublishedBase } from "./kind";

export type { Placement } from "../reader/listings";

export const ReaderIndex = {
  /**
   * Items for the transaction that writes `view` as published: a first publication (`before`
   * undefined) or a re-approval of a live item (`before` = where it was live: section and
   * publication instant).
   */
  publishItems(kind: ContentKind, store: Store, view: PublishedBase, before?: Placement, now: Date = new Date()): TransactItem[] {
    const search = kind.searchDocument?.(view);
    return [
      ...(search ? SearchDocs.indexItems(store, search, now) : []),
      ...(kind.sectionListing ? Listings.countItems(store, before, { sectionId: view.sectionId, publishedAt: view.publishedAt }, now, kind.space) : []),
    ];
  },

  /** Items for the transaction that deletes the published view of `id`, which was live at `live`. */
  unpublishItems(kind: ContentKind, store: Store, id: string, live: Placement, now: Date = new Date()): TransactItem[] {
    return [
      ...(kind.searchDocument ? SearchDocs.removeItems(store, id, now) : []),
      ...(kind.sectionListing ? Listings.countItems(store, live, undefined, now, kind.space) : []),
    ];
  },
};
