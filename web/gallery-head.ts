/**
 * What web/head.ts adds to the <head> of the photo reportages' pages: title, description and, on a
 * reportage, JSON-LD `ImageGallery` (schema.org) listing every photo as an `ImageObject` with its
 * caption and credit. The OpenGraph image is the cover (head.ts `shareImage`). Server-only.
 */
import type { PublishedGallery } from "../functions/core/reader/galleries";
import type { ImageSnapshot } from "../functions/core/reader/images";
import { Urls } from "../functions/core/shared/urls";
import { variantNear } from "./components/Picture";
import type { PageData } from "./types";

type ListData = Extract<PageData, { kind: "galleries" }>;
type GalleryData = Extract<PageData, { kind: "gallery" }>;

export function galleryPageTitle(page: ListData | GalleryData): string {
  if (page.kind === "gallery") return page.gallery.title;
  return page.paging.page > 1 ? `Thư viện ảnh - Trang ${page.paging.page}` : "Thư viện ảnh";
}

export function galleryDescription(page: ListData | GalleryData, siteName: string): string {
  if (page.kind === "galleries") return `Phóng sự ảnh về hoạt động của Tỉnh ủy và đời sống Nhân dân trên ${siteName}.`;
  return page.gallery.summary || page.gallery.title;
}

/** The largest JPEG copy of a photo, absolute; undefined when it has none (or a bad address). */
function largest(image: ImageSnapshot, origin: string): { url: string; width: number; height: number } | undefined {
  const variant = variantNear(image, 1600) ?? variantNear(image, 1600, ["webp"]);
  if (!variant) return undefined;
  try {
    return { url: new URL(variant.url, origin).href, width: variant.width, height: variant.height };
  } catch {
    return undefined;
  }
}

/** The JSON-LD object of a reportage's page (head.ts embeds it with `embedJson`). */
export function galleryJsonLd(gallery: PublishedGallery, canonical: string, siteName: string, origin: string) {
  const photos = gallery.photos.flatMap((photo) => {
    const copy = largest(photo.image, origin);
    if (!copy) return [];
    return [
      {
        "@type": "ImageObject",
        contentUrl: copy.url,
        width: copy.width,
        height: copy.height,
        description: photo.image.alt,
        ...(photo.caption ? { caption: photo.caption } : {}),
        ...(photo.credit ? { creditText: photo.credit } : {}),
      },
    ];
  });
  const cover = largest(gallery.cover, origin);
  return {
    "@context": "https://schema.org",
    "@type": "ImageGallery",
    name: gallery.title.slice(0, 250),
    description: gallery.summary || gallery.title,
    datePublished: gallery.publishedAt,
    dateModified: gallery.updatedAt,
    ...(cover ? { thumbnailUrl: cover.url } : {}),
    image: photos,
    url: canonical,
    mainEntityOfPage: { "@type": "WebPage", "@id": canonical },
    inLanguage: "vi",
    publisher: { "@type": "Organization", name: siteName, url: new URL(Urls.home(), origin).href },
  };
}
