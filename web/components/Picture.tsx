import { Show } from "solid-js";
import type { FeaturedImage } from "../../functions/core/reader/articles";

/** What a picture needs of a library image (not its id: islands get images without it). */
type Image = Omit<FeaturedImage, "id">;

/**
 * The variant of `image` whose width is closest to `width` among `formats` (the first in the
 * list on a tie), with its height from the original's proportions; undefined when none matches.
 * OpenGraph (web/head.ts) wants ~1200 px JPEG; pages pick their own through srcset.
 */
export function variantNear(image: Image, width: number, formats: string[] = ["jpeg", "jpg"]) {
  const candidates = image.variants.filter((variant) => formats.includes(variant.format));
  if (candidates.length === 0) return undefined;
  const best = candidates.reduce((a, b) => (Math.abs(b.width - width) < Math.abs(a.width - width) ? b : a));
  return { ...best, height: Math.round((best.width * image.height) / image.width) };
}

/** "url 320w, url 640w, …" of one format, narrowest first. */
function srcset(image: Image, formats: string[]): string {
  return image.variants
    .filter((variant) => formats.includes(variant.format))
    .sort((a, b) => a.width - b.width)
    .map((variant) => `${variant.url} ${variant.width}w`)
    .join(", ");
}

/** The src of browsers without srcset: the JPEG nearest 1024 px (any format when there is no JPEG). */
function fallbackSrc(image: Image): string {
  const jpeg = image.variants.filter((variant) => variant.format === "jpeg" || variant.format === "jpg");
  const pool = jpeg.length ? jpeg : image.variants;
  return pool.reduce((a, b) => (Math.abs(b.width - 1024) < Math.abs(a.width - 1024) ? b : a)).url;
}

/** Only the pipeline's own data: URL becomes the background (nothing that could end the url()). */
const PLACEHOLDER = /^data:image\/(?:webp|jpeg|png);base64,[A-Za-z0-9+/=]+$/;

/**
 * A media library image as a responsive <picture>: WebP for browsers that take it, JPEG
 * otherwise, the browser choosing the width from `sizes`. Width and height are the original's so
 * the box keeps its proportions before the bytes arrive (no layout shift), and the blurred
 * placeholder fills it meanwhile: `data-placeholder`, which entry-client.tsx sets as the background
 * through the CSSOM (a style attribute would break the pages' CSP; without JavaScript the box
 * simply stays plain until the image arrives). Lazy by default; `priority` for the one image above the fold
 * (the article's, the home lead's): eager and fetched first, as it is the page's largest paint.
 */
export function Picture(props: { image: Image; sizes: string; priority?: boolean; class?: string }) {
  const webp = () => srcset(props.image, ["webp"]);
  const jpeg = () => srcset(props.image, ["jpeg", "jpg"]);
  return (
    <picture class={props.class ? `picture ${props.class}` : "picture"}>
      <Show when={webp()}>
        <source type="image/webp" srcset={webp()} sizes={props.sizes} />
      </Show>
      <img
        class="picture__img"
        src={fallbackSrc(props.image)}
        srcset={jpeg() || undefined}
        sizes={jpeg() ? props.sizes : undefined}
        width={props.image.width}
        height={props.image.height}
        alt={props.image.alt}
        loading={props.priority ? "eager" : "lazy"}
        decoding="async"
        fetchpriority={props.priority ? "high" : undefined}
        data-placeholder={props.image.placeholder && PLACEHOLDER.test(props.image.placeholder) ? props.image.placeholder : undefined}
      />
    </picture>
  );
}
