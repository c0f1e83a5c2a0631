import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import type { BaseContent, PublicationMeta } from "../publishing/kind";
import { contentKeys } from "../storage/keys";
import { queryPages } from "../storage/page";
import type { Store } from "../storage/store";
import type { ImageSnapshot } from "./images";
import type { SitemapMedia } from "./kinds";
import { Published } from "./published";

/**
 * Photo reportages (phóng sự ảnh) as readers see them (docs/architecture.md, "Media"): ordered
 * library photos, each with a caption and a credit. Types shared by the descriptor
 * (content/galleries.ts) and the pages, and the reader's reads: a reportage's page is one GetItem
 * by slug; `/thu-vien-anh?trang=N` is two requests whatever N (the kind's counts per month and day,
 * kept by the engine because the kind has `sectionListing`, then one bounded Query of the kind's
 * newest-first index), like `/video`. The grid reads `cover` and `photoCount`, which the published
 * view carries so a list never reads the photos (up to 200 snapshots). Reader-safe: no zod.
 */

/** Key space of the kind (publishing/kind.ts `space`). */
export const GALLERY_SPACE = "GALLERY";
/** Reportages per page of `/thu-vien-anh` (a grid of 3 or 2 columns: 12 fills both). */
export const GALLERIES_PAGE_SIZE = 12;

/** One photo of a reportage: the library image's snapshot and what the reportage says of it. */
export interface GalleryPhoto {
  image: ImageSnapshot;
  /** Plain text; the library's caption when the editor gave none ("" when neither has one). */
  caption: string;
  /** Who took it; the library's credit when the editor gave none. */
  credit: string;
}

export interface GalleryContent extends BaseContent {
  /** In the order readers see them, 1–200, no image twice. */
  photos: GalleryPhoto[];
}

export interface PublishedGallery extends GalleryContent, PublicationMeta {
  /** The picture that stands for it in lists and when shared: the featured image, else the first photo. */
  cover: ImageSnapshot;
  photoCount: number;
}

/** What the grid and "Phóng sự ảnh khác" carry (never the photos). */
export const GALLERY_SUMMARY_ATTRIBUTES = ["id", "slug", "title", "summary", "sectionId", "publishedAt", "updatedAt", "cover", "photoCount"] as const;
export type GallerySummary = Pick<PublishedGallery, (typeof GALLERY_SUMMARY_ATTRIBUTES)[number]>;

export interface GalleryPage {
  items: GallerySummary[];
  total: number;
  pages: number;
}

/** The cover of a reportage: its featured image, else its first photo. */
export const galleryCover = (content: Pick<GalleryContent, "photos" | "featuredImage">): ImageSnapshot | undefined => content.featuredImage ?? content.photos[0]?.image;

const dayAttribute = (day: number) => `d${String(day).padStart(2, "0")}`;

interface MonthCount {
  month: string;
  count: number;
  days: number[];
}

/**
 * The kind's live counts per UTC month (newest first), kept exact by the engine. The same walk as
 * reader/videos.ts (both copy reader/listings.ts, which handles articles only); a shared
 * per-kind helper in listings.ts would remove the copies.
 */
async function months(store: Store): Promise<MonthCount[]> {
  const out: MonthCount[] = [];
  for await (const items of queryPages(store, {
    TableName: store.table,
    KeyConditionExpression: "pk = :pk",
    ExpressionAttributeValues: { ":pk": contentKeys(GALLERY_SPACE).countPartition(undefined) },
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

/** Newest first, before `before` when given: `skip` items skipped, then up to `limit`. */
async function newest(store: Store, skip: number, limit: number, before?: string): Promise<GallerySummary[]> {
  const items: GallerySummary[] = [];
  let start: Record<string, unknown> | undefined;
  const names = Object.fromEntries(GALLERY_SUMMARY_ATTRIBUTES.map((name, i) => [`#a${i}`, name]));
  do {
    const out = await store.db.send(
      new QueryCommand({
        TableName: store.table,
        IndexName: "gsi2",
        KeyConditionExpression: before ? "gsi2pk = :pk AND gsi2sk < :before" : "gsi2pk = :pk",
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: { ":pk": contentKeys(GALLERY_SPACE).publishedLatest(), ...(before ? { ":before": before } : {}) },
        ProjectionExpression: Object.keys(names).join(", "),
        ScanIndexForward: false,
        Limit: skip + limit - items.length,
        ExclusiveStartKey: start,
      }),
    );
    items.push(...((out.Items ?? []) as GallerySummary[]));
    start = out.LastEvaluatedKey;
  } while (start && items.length < skip + limit);
  return items.slice(skip, skip + limit);
}

export const Galleries = {
  /** The published reportage of `slug`, or a NOT_FOUND error. One GetItem. */
  get: (store: Store, slug: string) => Published.get<PublishedGallery>(store, GALLERY_SPACE, slug, "Phóng sự ảnh không tồn tại hoặc đã được gỡ xuống."),

  /**
   * Page `page` (1-based) of every live reportage, newest first, with the number of pages; `items`
   * is empty past the end. The counts say which UTC day holds the page's first item, so the Query
   * reads at most that day's reportages plus one page, whatever the page number.
   */
  async page(store: Store, page: number, size = GALLERIES_PAGE_SIZE): Promise<GalleryPage> {
    if (page === 1) {
      const [counted, items] = await Promise.all([months(store), newest(store, 0, size)]);
      const total = Math.max(counted.reduce((sum, m) => sum + m.count, 0), items.length);
      return { items, total, pages: Math.max(1, Math.ceil(total / size)) };
    }
    const counted = await months(store);
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
        return { items: await newest(store, offset - before, size, endOfDay(month.month, day)), total, pages };
      }
      return { items: await newest(store, offset - before, size, endOfDay(month.month, 31)), total, pages };
    }
    return { items: [], total, pages };
  },

  /** The newest live reportages (a reportage's "Phóng sự ảnh khác"). One Query. */
  async latest(store: Store, limit: number): Promise<GallerySummary[]> {
    return (await Published.latest<GallerySummary>(store, GALLERY_SPACE, { limit, attributes: GALLERY_SUMMARY_ATTRIBUTES })).items;
  },
};

/** The widest JPEG of an image (kinds.ts `sitemapImage`, not imported: kinds.ts imports this module). */
function widestJpeg(image: ImageSnapshot | undefined): string | undefined {
  const variants = Array.isArray(image?.variants) ? image.variants : [];
  const jpeg = variants.filter((v) => v.format === "jpeg");
  return (jpeg.length ? jpeg : variants).reduce<{ width: number; url: string } | undefined>((a, b) => (!a || b.width > a.width ? b : a), undefined)?.url;
}

/** A reportage's sitemap entry lists every photo (Google allows 1,000 images a page), the featured image first when it is not a photo. */
export function gallerySitemap(view: Record<string, unknown>): SitemapMedia {
  const gallery = view as unknown as Pick<PublishedGallery, "photos" | "featuredImage">;
  const photos = Array.isArray(gallery.photos) ? gallery.photos : [];
  const images = [gallery.featuredImage, ...photos.map((photo) => photo?.image)].map(widestJpeg).filter((url): url is string => Boolean(url));
  return images.length ? { images: [...new Set(images)] } : {};
}

/** What the sitemap reads of each view for `gallerySitemap`. */
export const GALLERY_SITEMAP_ATTRIBUTES = ["photos", "featuredImage"];
