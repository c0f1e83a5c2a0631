import { GetCommand } from "../storage/db";
import { contentKeys, Keys } from "../storage/keys";
import { batchGet, type Store } from "../storage/store";
import { SUMMARY_ATTRIBUTES, type ArticleSummary } from "./articles";
import { PUBLIC_KINDS } from "./kinds";

/**
 * The home page's featured items ("Tin nổi bật"), chosen by the editor-in-chief or an admin
 * (publishing/featured.ts writes the list). The list is one small item; the home page reads it
 * and the summaries of the items it names with one BatchGet (reader/summaries.ts: never the
 * bodies), so an unpublished item, whose summary is deleted with its view, simply drops out.
 */
export interface FeaturedRef {
  /** Content kind's registry name ("articles"). */
  kind: string;
  /** The kind's key space, to find its published view without the kind's descriptor. */
  space: string;
  id: string;
  slug: string;
}

export interface FeaturedList {
  items: FeaturedRef[];
  version: number;
  updatedAt?: string;
  updatedBy?: { id: string; name: string };
}

/** At most this many featured items, in the editors' order. */
export const MAX_FEATURED = 5;

export const Featured = {
  async list(store: Store): Promise<FeaturedList> {
    const out = await store.db.send(new GetCommand({ TableName: store.table, Key: Keys.featured() }));
    if (!out.Item) return { items: [], version: 0 };
    const { items, version, updatedAt, updatedBy } = out.Item as FeaturedList;
    return { items: items ?? [], version: version ?? 0, ...(updatedAt ? { updatedAt, updatedBy } : {}) };
  },

  /**
   * The live featured items in order, as listing summaries, followed by the newest of `latest`
   * not already among them, up to `limit`: editors choose the top of the home page, and a portal
   * with fewer chosen items still shows a full block.
   */
  async summaries(store: Store, latest: ArticleSummary[], limit = MAX_FEATURED): Promise<ArticleSummary[]> {
    const { items } = await Featured.list(store);
    const views = items.length
      ? await batchGet(store, items.map((ref) => contentKeys(ref.space).summary(ref.id)), [...SUMMARY_ATTRIBUTES])
      : [];
    // Another kind's item links to its own page (a featured video is not at /bai-viet/…).
    const urlOf = (ref: FeaturedRef) => PUBLIC_KINDS.find((kind) => kind.name === ref.kind)?.url(ref.slug);
    const refById = new Map(items.map((ref) => [ref.id, ref]));
    const byId = new Map(
      views.map((view) => {
        const url = urlOf(refById.get(view.id as string)!);
        return [view.id as string, { ...(view as unknown as ArticleSummary), ...(url ? { url } : {}) }];
      }),
    );
    const chosen = items.map((ref) => byId.get(ref.id)).filter((view): view is ArticleSummary => view !== undefined);
    const seen = new Set(chosen.map((view) => view.id));
    return [...chosen, ...latest.filter((view) => !seen.has(view.id))].slice(0, limit);
  },
};
