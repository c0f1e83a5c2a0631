import { Show } from "solid-js";
import type { VideoSummary } from "../../functions/core/reader/videos";
import { Urls } from "../../functions/core/shared/urls";
import { formatDate } from "../format";
import { Picture } from "./Picture";

/**
 * One video in a grid (`/video`, "Video khác"): its poster (else featured image, else a plain
 * tile), title linking to its page, and date. The play mark is decoration; the link says it all.
 */
export function VideoCard(props: { video: VideoSummary; headingLevel?: 2 | 3; priority?: boolean }) {
  const cover = () => props.video.poster ?? props.video.featuredImage;
  const link = () => <a href={Urls.video(props.video.slug)}>{props.video.title}</a>;
  return (
    <article class="video-card">
      <div class="video-card__cover">
        <Show when={cover()} fallback={<div class="video-card__blank" />}>
          {(image) => <Picture image={image()} sizes="(max-width: 600px) calc(100vw - 32px), (max-width: 860px) 50vw, 260px" priority={props.priority} />}
        </Show>
        <span class="video-card__play" aria-hidden="true">▶</span>
      </div>
      <Show when={props.headingLevel === 2} fallback={<h3 class="video-card__title">{link()}</h3>}>
        <h2 class="video-card__title">{link()}</h2>
      </Show>
      <p class="meta">
        <time datetime={props.video.publishedAt}>{formatDate(props.video.publishedAt)}</time>
        <Show when={props.video.embed}> · YouTube</Show>
      </p>
    </article>
  );
}
