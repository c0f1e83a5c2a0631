/**
 * Linked banners (ảnh liên kết): an image linking to another site or to a page of the portal,
 * shown in every page's sidebar in the admins' order. Not a content kind (no workflow, no
 * approval): admins change them directly (banner-admin.ts, editor-side, with zod). This module
 * is the read side and stays reader-safe: no zod, no sanitizer.
 *
 * A banner keeps a snapshot of its image (core/reader/images.ts), so the sidebar needs no read of
 * the media library, and is recorded as a use of it (`banners#<id>`), so the library refuses to
 * delete an image a banner shows.
 */
import { GetCommand, QueryCommand } from "../storage/db";
import type { ImageSnapshot } from "../reader/images";
import { BannerKeys } from "../storage/keys";
import type { Store } from "../storage/store";

/** What the sidebar needs of a banner. */
export interface PublicBanner {
  id: string;
  /** The link's purpose ("Cổng Dịch vụ công quốc gia"): the accessible name of the linked image. */
  title: string;
  /** An absolute http(s) URL or a path of this site ("/gop-y"). */
  href: string;
  image: ImageSnapshot;
}

/** A banner as admins manage it. */
export interface Banner extends PublicBanner {
  /** Display order, 0–9999, smallest first (ties: by id). */
  order: number;
  active: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
  updatedBy: { id: string; name: string };
}

/** At most this many banners exist (active or not): a sidebar is no place for more, and the reads stay one small page. */
export const MAX_BANNERS = 50;

/** The media library use a banner records on its image. */
export const bannerUse = (id: string) => `banners#${id}`;

/** Banner ids are UUIDs; anything else is not one (404 without a read). */
export const BANNER_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const PUBLIC_FIELDS = ["id", "title", "href", "image"] as const;
const FIELDS = [...PUBLIC_FIELDS, "order", "active", "version", "createdAt", "updatedAt", "updatedBy"] as const;

/** The stored item without its keys and bookkeeping. */
export function toBanner(item: Record<string, unknown>): Banner {
  return Object.fromEntries(FIELDS.filter((field) => item[field] !== undefined).map((field) => [field, item[field]])) as unknown as Banner;
}

export const Banners = {
  /**
   * The sidebar's banners: active ones in display order, one Query of the sparse "active" index
   * (loaded with the page shell, functions/http/reader/shell.ts, and cached with it).
   */
  async active(store: Store): Promise<PublicBanner[]> {
    const out = await store.db.send(
      new QueryCommand({
        TableName: store.table,
        IndexName: "gsi2",
        KeyConditionExpression: "gsi2pk = :pk",
        ExpressionAttributeValues: { ":pk": BannerKeys.active() },
        ExpressionAttributeNames: Object.fromEntries(PUBLIC_FIELDS.map((field) => [`#${field}`, field])),
        ProjectionExpression: PUBLIC_FIELDS.map((field) => `#${field}`).join(", "),
        Limit: MAX_BANNERS,
      }),
    );
    return (out.Items ?? []).map((item) => ({ id: item.id, title: item.title, href: item.href, image: item.image }) as PublicBanner);
  },

  /** Every banner, inactive ones included, in display order (admins). */
  async all(store: Store): Promise<Banner[]> {
    const out = await store.db.send(
      new QueryCommand({
        TableName: store.table,
        IndexName: "gsi1",
        KeyConditionExpression: "gsi1pk = :pk",
        ExpressionAttributeValues: { ":pk": BannerKeys.all() },
        // The limit is enforced on create; a page of 100 is room to spare, so one Query reads them all.
        Limit: 100,
      }),
    );
    return (out.Items ?? []).map(toBanner);
  },

  /** One banner, read consistently (edits decide on it); undefined for an unknown or malformed id. */
  async get(store: Store, id: string): Promise<Banner | undefined> {
    if (!BANNER_ID.test(id)) return undefined;
    const out = await store.db.send(new GetCommand({ TableName: store.table, Key: BannerKeys.item(id), ConsistentRead: true }));
    return out.Item ? toBanner(out.Item) : undefined;
  },
};
