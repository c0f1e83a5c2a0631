import { For, Show } from "solid-js";
import { Comments } from "../components/Comments";
import { Island, islandPhotos } from "../island";
import type { WithReaderComments } from "../../functions/core/participation/public";
import type { GallerySummary, PublishedGallery } from "../../functions/core/reader/galleries";
import { Urls } from "../../functions/core/shared/urls";
import { GalleryCard } from "../components/GalleryCard";
import { formatDateTime, formatNumber } from "../format";
import type { Section } from "../types";

/**
 * One photo reportage (`/thu-vien-anh/:slug`): title, date, summary, the photos
 * (web/components/GalleryViewer.tsx: a plain list of figures without JavaScript, a keyboard viewer
 * with it) and the newest other reportages.
 */
export function GalleryPage(props: { gallery: PublishedGallery; others: GallerySummary[]; sections: Section[] }) {
  const gallery = () => props.gallery;
  const section = () => props.sections.find((s) => s.id === gallery().sectionId);
  return (
    <>
      <article class="article gallery">
        <nav aria-label="Vị trí" class="breadcrumb">
          <a href={Urls.home()}>Trang chủ</a> <span aria-hidden="true">›</span> <a href={Urls.galleries()}>Thư viện ảnh</a>
        </nav>
        <h1 class="article__title">{gallery().title}</h1>
        <p class="meta article__meta">
          <Show when={section()}>{(s) => <>{s().name} · </>}</Show>
          Đăng ngày: <time datetime={gallery().publishedAt}>{formatDateTime(gallery().publishedAt)}</time> · {formatNumber(gallery().photos.length)} ảnh
        </p>
        <Show when={gallery().summary}>
          <p class="article__summary">{gallery().summary}</p>
        </Show>
        <Island name="gallery-viewer" props={{ photos: islandPhotos(gallery().photos), title: gallery().title }} />
        <Island name="rating-form" props={{ kind: "galleries", id: gallery().id }} />
        <Comments kind="galleries" itemId={gallery().id} comments={(gallery() as WithReaderComments).readerComments} count={(gallery() as WithReaderComments).commentCount} />
      </article>
      <Show when={props.others.length > 0}>
        <section class="related" aria-labelledby="phong-su-khac">
          <h2 id="phong-su-khac">Phóng sự ảnh khác</h2>
          <ul class="gallery-grid gallery-grid--small">
            <For each={props.others}>
              {(other) => (
                <li>
                  <GalleryCard gallery={other} headingLevel={3} />
                </li>
              )}
            </For>
          </ul>
        </section>
      </Show>
    </>
  );
}
