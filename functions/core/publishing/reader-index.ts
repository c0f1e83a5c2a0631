/**
 * What the public site keeps beside each published view, changed in the same transaction as it:
 * the search document (reader/search-docs.ts), the summary that lists read and the section's
 * newest entries beside an article (reader/summaries.ts), and, for kinds listed by section, the
 * per-section counts behind numbered pages and the sitemap (reader/listings.ts). One call per
 * transition, so the engine cannot forget any.
 */
import { Listings, type Placement } from "../reader/listings";
import { readerDataChanged } from "../reader/instance-cache";
import { SearchDocs } from "../reader/search-docs";
import { SectionRecent, Summaries, type RecentState } from "../reader/summaries";
import type { Store, TransactItem } from "../storage/store";
import type { ContentKind, PublishedBase } from "./kind";

export type { Placement } from "../reader/listings";

/** What the transaction builders need read beforehand (the sections' newest entries). */
export interface ReaderPlan {
  recent: RecentState[];
}

/** Without a plan the sections' newest entries are left as they are (the engine always passes one). */
const NO_PLAN: ReaderPlan = { recent: [] };

export const ReaderIndex = {
  /**
   * Reads what a change of item `id` needs before its transaction: the newest-entries lists of
   * the section it is published in (`into`) and of the one it leaves (`outOf`).
   */
  async prepare(kind: ContentKind, store: Store, id: string, into: string | undefined, outOf: string | undefined): Promise<ReaderPlan> {
    return { recent: await SectionRecent.load(store, kind, id, into, outOf) };
  },

  /**
   * Items for the transaction that writes `view` as published: a first publication (`before`
   * undefined) or a re-approval of a live item (`before` = where it was live: section and
   * publication instant).
   */
  publishItems(kind: ContentKind, store: Store, view: PublishedBase, before?: Placement, now: Date = new Date(), plan: ReaderPlan = NO_PLAN): TransactItem[] {
    const search = kind.searchDocument?.(view);
    // This instance's cached lists start over (other instances' expire within seconds).
    readerDataChanged();
    return [
      ...(search ? SearchDocs.indexItems(store, search, now) : []),
      ...(kind.sectionListing ? Listings.countItems(store, before, { sectionId: view.sectionId, publishedAt: view.publishedAt }, now, kind.space) : []),
      Summaries.put(store, kind, view as unknown as Parameters<typeof Summaries.put>[2]),
      ...SectionRecent.changes(store, kind, plan.recent, { view: view as unknown as Parameters<typeof Summaries.put>[2], removedId: view.id }),
    ];
  },

  /** Items for the transaction that deletes the published view of `id`, which was live at `live`. */
  unpublishItems(kind: ContentKind, store: Store, id: string, live: Placement, now: Date = new Date(), plan: ReaderPlan = NO_PLAN): TransactItem[] {
    readerDataChanged();
    return [
      ...(kind.searchDocument ? SearchDocs.removeItems(store, id, now) : []),
      ...(kind.sectionListing ? Listings.countItems(store, live, undefined, now, kind.space) : []),
      Summaries.remove(store, kind.space, id),
      ...SectionRecent.changes(store, kind, plan.recent, { removedId: id }),
    ];
  },
};
