import { For, Show } from "solid-js";
import type { VideoSummary } from "../../functions/core/reader/videos";
import { Urls } from "../../functions/core/shared/urls";
import { Pagination } from "../components/Pagination";
import { VideoCard } from "../components/VideoCard";
import { formatNumber } from "../format";
import type { Paging } from "../types";

/** `/video`: every published video, newest first, as a grid of posters, 12 a page (`?trang=`). */
export function VideosPage(props: { items: VideoSummary[]; total: number; paging: Paging }) {
  return (
    <section aria-labelledby="tieu-de-trang">
      <h1 id="tieu-de-trang" class="page-title">
        Video
        <Show when={props.paging.page > 1}>
          <span class="page-title__page"> – trang {props.paging.page}</span>
        </Show>
      </h1>
      <p class="lead">Video tin tức, phóng sự và tư liệu về hoạt động của Tỉnh ủy và đời sống Nhân dân trong tỉnh.</p>
      <Show when={props.items.length > 0} fallback={<p class="empty">Chưa có nội dung: chưa có video nào được đăng.</p>}>
        <p class="meta">
          {formatNumber(props.total)} video · trang {props.paging.page}/{props.paging.pages}
        </p>
        <ul class="video-grid">
          <For each={props.items}>
            {(video, index) => (
              <li>
                <VideoCard video={video} headingLevel={2} priority={props.paging.page === 1 && index() === 0} />
              </li>
            )}
          </For>
        </ul>
        <Pagination paging={props.paging} />
      </Show>
      <p class="feed-link">
        <a href={Urls.listFeed(Urls.videos())}>Tin RSS của mục Video</a>
      </p>
    </section>
  );
}
