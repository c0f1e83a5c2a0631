import type { BaseContent, PublicationMeta } from "../publishing/kind";
import type { Store } from "../storage/store";
import { sitemapImage, type ImageSnapshot } from "./images";
import { kindPage } from "./kind-pages";
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

export const Galleries = {
  /** The published reportage of `slug`, or a NOT_FOUND error. One GetItem. */
  get: (store: Store, slug: string) => Published.get<PublishedGallery>(store, GALLERY_SPACE, slug, "Phóng sự ảnh không tồn tại hoặc đã được gỡ xuống."),

  /**
   * Page `page` (1-based) of every live reportage, newest first, with the number of pages; `items`
   * is empty past the end. The counts say which UTC day holds the page's first item, so the Query
   * reads at most that day's reportages plus one page, whatever the page number.
   */
  async page(store: Store, page: number, size = GALLERIES_PAGE_SIZE): Promise<GalleryPage> {
    return kindPage<GallerySummary>(store, GALLERY_SPACE, GALLERY_SUMMARY_ATTRIBUTES, page, size);
  },

  /** The newest live reportages (a reportage's "Phóng sự ảnh khác"). One Query. */
  async latest(store: Store, limit: number): Promise<GallerySummary[]> {
    return (await Published.latest<GallerySummary>(store, GALLERY_SPACE, { limit, attributes: GALLERY_SUMMARY_ATTRIBUTES })).items;
  },
};


/** A reportage's sitemap entry lists every photo (Google allows 1,000 images a page), the featured image first when it is not a photo. */
export function gallerySitemap(view: Record<string, unknown>): SitemapMedia {
  const gallery = view as unknown as Pick<PublishedGallery, "photos" | "featuredImage">;
  const photos = Array.isArray(gallery.photos) ? gallery.photos : [];
  const images = [gallery.featuredImage, ...photos.map((photo) => photo?.image)].map(sitemapImage).filter((url): url is string => Boolean(url));
  return images.length ? { images: [...new Set(images)] } : {};
}

/** What the sitemap reads of each view for `gallerySitemap`. */
export const GALLERY_SITEMAP_ATTRIBUTES = ["photos", "featuredImage"];
