import { For, Show } from "solid-js";
import { Comments } from "../components/Comments";
import { Island } from "../island";
import type { WithReaderComments } from "../../functions/core/participation/public";
import type { PublishedVideo, VideoSummary } from "../../functions/core/reader/videos";
import { Urls } from "../../functions/core/shared/urls";
import { formatSize } from "../document-format";
import { VideoCard } from "../components/VideoCard";
import { VideoPlayer, videoFormat } from "../components/VideoPlayer";
import { formatDateTime } from "../format";
import type { Section } from "../types";

/**
 * One video (`/video/:slug`): title, date, the player (web/components/VideoPlayer.tsx), summary,
 * description, a download link for an uploaded file, and the newest other videos.
 */
export function VideoPage(props: { video: PublishedVideo; others: VideoSummary[]; sections: Section[] }) {
  const video = () => props.video;
  const section = () => props.sections.find((s) => s.id === video().sectionId);
  return (
    <>
      <article class="article video">
        <nav aria-label="Vị trí" class="breadcrumb">
          <a href={Urls.home()}>Trang chủ</a> <span aria-hidden="true">›</span> <a href={Urls.videos()}>Video</a>
        </nav>
        <h1 class="article__title">{video().title}</h1>
        <p class="meta article__meta">
          <Show when={section()}>{(s) => <>{s().name} · </>}</Show>
          Đăng ngày: <time datetime={video().publishedAt}>{formatDateTime(video().publishedAt)}</time>
        </p>
        <VideoPlayer video={video()} />
        <Show when={video().media}>
          {(file) => (
            <p class="meta video__download">
              <a href={file().url} download={file().filename}>
                Tải video về máy
              </a>{" "}
              ({videoFormat(file().contentType)}, {formatSize(file().size)})
            </p>
          )}
        </Show>
        <Show when={video().summary}>
          <p class="article__summary">{video().summary}</p>
        </Show>
        <Show when={video().description}>
          <div class="video__description">
            <For each={video().description.split("\n\n")}>{(paragraph) => <p>{paragraph}</p>}</For>
          </div>
        </Show>
        <Island name="rating-form" props={{ kind: "videos", id: video().id }} />
        <Comments kind="videos" itemId={video().id} comments={(video() as WithReaderComments).readerComments} count={(video() as WithReaderComments).commentCount} />
      </article>
      <Show when={props.others.length > 0}>
        <section class="related" aria-labelledby="video-khac">
          <h2 id="video-khac">Video khác</h2>
          <ul class="video-grid video-grid--small">
            <For each={props.others}>
              {(other) => (
                <li>
                  <VideoCard video={other} headingLevel={3} />
                </li>
              )}
            </For>
          </ul>
        </section>
      </Show>
    </>
  );
}
