/**
 * What content keeps of a media library image it shows (a featured image, a gallery photo, a
 * video poster, a banner): enough to render a responsive <picture> and the OpenGraph image without
 * reading the library. Taken when the editor chooses the image (functions/core/media/snapshots.ts);
 * changing the library's alt later changes the content when the image is chosen again.
 * Reader-safe.
 */
export interface ImageSnapshot {
  id: string;
  alt: string;
  width: number;
  height: number;
  /** A tiny blurred WebP data: URL shown behind the image while it loads. */
  placeholder?: string;
  /** WebP and JPEG copies at several widths, each a public /media/… path. */
  variants: { width: number; format: string; url: string }[];
}

/** The image a sitemap lists for a library image snapshot: its widest JPEG (the pipeline's largest copy). */
export function sitemapImage(image: unknown): string | undefined {
  const variants = (image as { variants?: { width: number; format: string; url: string }[] } | undefined)?.variants;
  if (!Array.isArray(variants)) return undefined;
  const jpeg = variants.filter((v) => v.format === "jpeg");
  return (jpeg.length ? jpeg : variants).reduce<{ width: number; url: string } | undefined>((a, b) => (!a || b.width > a.width ? b : a), undefined)?.url;
}
