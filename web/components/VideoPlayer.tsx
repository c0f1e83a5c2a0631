import { Show } from "solid-js";
import type { VideoSummary } from "../../functions/core/reader/videos";
import { formatSize } from "../document-format";
import { variantNear } from "./Picture";

/** A YouTube id as the server stores it (content/videos.ts); checked again before it goes into a src. */
const YOUTUBE_ID = /^[A-Za-z0-9_-]{11}$/;
/** One of our own public files (/media/<id>/<name>): the only addresses a <video> here loads. */
const OWN_MEDIA = /^\/media\/[\w-]{1,64}\/[\w.-]{1,200}$/;

/**
 * The only player address ever rendered for an embed: YouTube's privacy-enhanced host (no cookies
 * before the reader plays), built from the stored id, never from an address someone typed.
 */
export function youtubePlayer(id: string): string | undefined {
  return YOUTUBE_ID.test(id) ? `https://www.youtube-nocookie.com/embed/${id}` : undefined;
}

/** The still of a video (poster, else featured image) as a ~1024 px JPEG of our own, for `poster=`. */
export function posterUrl(video: Pick<VideoSummary, "poster" | "featuredImage">): string | undefined {
  const image = video.poster ?? video.featuredImage;
  const variant = image && (variantNear(image, 1024) ?? variantNear(image, 1024, ["webp"]));
  return variant && OWN_MEDIA.test(variant.url) ? variant.url : undefined;
}

const FORMAT: Record<string, string> = { "video/mp4": "MP4", "video/webm": "WebM" };
export const videoFormat = (contentType: string) => FORMAT[contentType] ?? "video";

/**
 * A video's player in a 16:9 box: an uploaded file in the browser's own <video> (nothing is
 * downloaded before the reader presses play: `preload="none"`, the poster shows meanwhile; a
 * browser that cannot play it offers the file instead), or a YouTube video in a lazy <iframe>.
 */
export function VideoPlayer(props: { video: Pick<VideoSummary, "title" | "media" | "embed" | "poster" | "featuredImage"> }) {
  const file = () => (props.video.media && OWN_MEDIA.test(props.video.media.url) ? props.video.media : undefined);
  const embed = () => (props.video.embed ? youtubePlayer(props.video.embed.id) : undefined);
  return (
    <div class="video-player">
      <Show when={file()}>
        {(media) => (
          <video class="video-player__media" controls preload="none" poster={posterUrl(props.video)} aria-label={`Video: ${props.video.title}`}>
            <source src={media().url} type={media().contentType} />
            <p>
              Trình duyệt này không phát được video.{" "}
              <a href={media().url} download={media().filename}>
                Tải video về ({videoFormat(media().contentType)}, {formatSize(media().size)})
              </a>
            </p>
          </video>
        )}
      </Show>
      <Show when={embed()}>
        {(src) => (
          <iframe
            class="video-player__frame"
            src={src()}
            title={`Video: ${props.video.title}`}
            loading="lazy"
            allow="accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; picture-in-picture; web-share"
            referrerpolicy="strict-origin-when-cross-origin"
            allowfullscreen
          />
        )}
      </Show>
    </div>
  );
}
