/**
 * What the public site keeps beside each published view, changed in the same transaction as it:
 * the search document (search.ts) and the per-section counts behind numbered pages and the
 * sitemap (listings.ts). One call per transition, so the editorial code cannot forget either.
 */
import type { PublishedArticle } from "./articles";
import { Listings, type Placement } from "./listings";
import { Search, type TransactItem } from "./search";
import type { Store } from "./store";

export type { Placement } from "./listings";
export type { TransactItem } from "./search";

export const ReaderIndex = {
  /**
   * Items for the transaction that writes `view` as published: a first publication (`before`
   * undefined) or a re-approval of a live article (`before` = where it was live: section and
   * publication instant, i.e. its previous published view or editorial's `counted`).
   * @example
   * TransactItems: [putArticle(...), putPublishedView(view), ...ReaderIndex.publishItems(store, view, liveBefore), ...]
   */
  publishItems(store: Store, view: PublishedArticle, before?: Placement, now: Date = new Date()): TransactItem[] {
    return [
      ...Search.indexItems(store, view, now),
      ...Listings.countItems(store, before && { sectionId: before.sectionId, publishedAt: before.publishedAt }, { sectionId: view.sectionId, publishedAt: view.publishedAt }, now),
    ];
  },

  /**
   * Items for the transaction that deletes the published view of `articleId`, which was live at
   * `live` (section and publication instant of the published view being deleted).
   */
  unpublishItems(store: Store, articleId: string, live: Placement, now: Date = new Date()): TransactItem[] {
    return [...Search.removeItems(store, articleId, now), ...Listings.countItems(store, { sectionId: live.sectionId, publishedAt: live.publishedAt }, undefined, now)];
  },
};
