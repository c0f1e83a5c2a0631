import { Show } from "solid-js";
import type { GallerySummary } from "../../functions/core/reader/galleries";
import { Urls } from "../../functions/core/shared/urls";
import { formatDate, formatNumber } from "../format";
import { Picture } from "./Picture";

/**
 * One photo reportage in a grid (`/thu-vien-anh`, "Phóng sự ảnh khác"): its cover, title linking to
 * its page, date and number of photos.
 */
export function GalleryCard(props: { gallery: GallerySummary; headingLevel?: 2 | 3; priority?: boolean }) {
  const link = () => <a href={Urls.gallery(props.gallery.slug)}>{props.gallery.title}</a>;
  return (
    <article class="gallery-card">
      <div class="gallery-card__cover">
        <Show when={props.gallery.cover}>
          {(image) => <Picture image={image()} sizes="(max-width: 600px) calc(100vw - 32px), (max-width: 860px) 50vw, 260px" priority={props.priority} />}
        </Show>
        <span class="gallery-card__count" aria-hidden="true">
          {formatNumber(props.gallery.photoCount)} ảnh
        </span>
      </div>
      <Show when={props.headingLevel === 2} fallback={<h3 class="gallery-card__title">{link()}</h3>}>
        <h2 class="gallery-card__title">{link()}</h2>
      </Show>
      <p class="meta">
        <time datetime={props.gallery.publishedAt}>{formatDate(props.gallery.publishedAt)}</time> · {formatNumber(props.gallery.photoCount)} ảnh
      </p>
    </article>
  );
}
