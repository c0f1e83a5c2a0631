import { Show } from "solid-js";
import type { VideoSummary } from "../../functions/core/reader/videos";
import { Urls } from "../../functions/core/shared/urls";
import { formatDate } from "../format";
import { VideoPlayer } from "./VideoPlayer";

/**
 * "Video trang chủ": the most recently published video marked for the home page, playable where
 * it stands, with a link to its page and to every video. Nothing is shown while none is marked.
 */
export function HomeVideo(props: { video?: VideoSummary }) {
  return (
    <Show when={props.video}>
      {(video) => (
        <section class="home-video" aria-labelledby="video-trang-chu">
          <h2 id="video-trang-chu" class="block-title">
            <a href={Urls.videos()}>Video</a>
          </h2>
          <VideoPlayer video={video()} />
          <h3 class="home-video__title">
            <a href={Urls.video(video().slug)}>{video().title}</a>
          </h3>
          <p class="meta">
            <time datetime={video().publishedAt}>{formatDate(video().publishedAt)}</time>
          </p>
          <Show when={video().summary}>
            <p class="home-video__summary">{video().summary}</p>
          </Show>
          <p class="more">
            <a href={Urls.videos()}>Xem tất cả video ›</a>
          </p>
        </section>
      )}
    </Show>
  );
}
