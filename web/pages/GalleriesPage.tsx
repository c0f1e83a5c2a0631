import { For, Show } from "solid-js";
import type { GallerySummary } from "../../functions/core/reader/galleries";
import { Urls } from "../../functions/core/shared/urls";
import { GalleryCard } from "../components/GalleryCard";
import { Pagination } from "../components/Pagination";
import { formatNumber } from "../format";
import type { Paging } from "../types";

/** `/thu-vien-anh`: every published photo reportage, newest first, as a grid of covers, 12 a page (`?trang=`). */
export function GalleriesPage(props: { items: GallerySummary[]; total: number; paging: Paging }) {
  return (
    <section aria-labelledby="tieu-de-trang">
      <h1 id="tieu-de-trang" class="page-title">
        Thư viện ảnh
        <Show when={props.paging.page > 1}>
          <span class="page-title__page"> – trang {props.paging.page}</span>
        </Show>
      </h1>
      <p class="lead">Phóng sự ảnh về hoạt động của Tỉnh ủy và đời sống Nhân dân trong tỉnh.</p>
      <Show when={props.items.length > 0} fallback={<p class="empty">Chưa có nội dung: chưa có phóng sự ảnh nào được đăng.</p>}>
        <p class="meta">
          {formatNumber(props.total)} phóng sự ảnh · trang {props.paging.page}/{props.paging.pages}
        </p>
        <ul class="gallery-grid">
          <For each={props.items}>
            {(gallery, index) => (
              <li>
                <GalleryCard gallery={gallery} headingLevel={2} priority={props.paging.page === 1 && index() === 0} />
              </li>
            )}
          </For>
        </ul>
        <Pagination paging={props.paging} />
      </Show>
      <p class="feed-link">
        <a href={Urls.listFeed(Urls.galleries())}>Tin RSS của Thư viện ảnh</a>
      </p>
    </section>
  );
}
