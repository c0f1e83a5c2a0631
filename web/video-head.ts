/**
 * What web/head.ts adds to the <head> of the videos' pages: title, description, OpenGraph video
 * tags and, on a video, JSON-LD `VideoObject` (schema.org: name, description, thumbnailUrl,
 * uploadDate, contentUrl or embedUrl). Server-only, like head.ts.
 */
import type { PublishedVideo } from "../functions/core/reader/videos";
import { Urls } from "../functions/core/shared/urls";
import { youtubePlayer } from "./components/VideoPlayer";
import type { PageData } from "./types";

type ListData = Extract<PageData, { kind: "videos" }>;
type VideoData = Extract<PageData, { kind: "video" }>;

/** YouTube's still of a video, for search engines and share cards only: no page loads it. */
const youtubeThumbnail = (id: string) => `https://i.ytimg.com/vi/${id}/hqdefault.jpg`;

export function videoPageTitle(page: ListData | VideoData): string {
  if (page.kind === "video") return page.video.title;
  return page.paging.page > 1 ? `Video - Trang ${page.paging.page}` : "Video";
}

export function videoDescription(page: ListData | VideoData, siteName: string): string {
  if (page.kind === "videos") return `Video tin tức, phóng sự và tư liệu của ${siteName}.`;
  return page.video.summary || page.video.title;
}

/** Where the video plays, absolute: our file, or YouTube's privacy-enhanced player. */
function source(video: PublishedVideo, origin: string): { contentUrl?: string; embedUrl?: string; type: string } | undefined {
  if (video.media) return { contentUrl: new URL(video.media.url, origin).href, type: video.media.contentType };
  const player = video.embed ? youtubePlayer(video.embed.id) : undefined;
  return player ? { embedUrl: player, type: "text/html" } : undefined;
}

/** `og:video` and its type (an embed's player is an HTML page, 16:9), as [property, content] pairs. */
export function videoOpenGraph(video: PublishedVideo, origin: string): [string, string][] {
  const where = source(video, origin);
  if (!where) return [];
  const url = (where.contentUrl ?? where.embedUrl)!;
  return [
    ["og:video", url],
    ...(url.startsWith("https:") ? [["og:video:secure_url", url] as [string, string]] : []),
    ["og:video:type", where.type],
    ...(where.embedUrl ? [["og:video:width", "1280"], ["og:video:height", "720"]] as [string, string][] : []),
  ];
}

/** The JSON-LD object of a video's page (head.ts embeds it with `embedJson`); `image` is the page's absolute share image. */
export function videoJsonLd(video: PublishedVideo, canonical: string, siteName: string, origin: string, image: string | undefined) {
  const where = source(video, origin);
  const thumbnail = image ?? (video.embed && youtubePlayer(video.embed.id) ? youtubeThumbnail(video.embed.id) : undefined);
  return {
    "@context": "https://schema.org",
    "@type": "VideoObject",
    name: video.title.slice(0, 250),
    description: video.summary || video.title,
    ...(thumbnail ? { thumbnailUrl: [thumbnail] } : {}),
    uploadDate: video.publishedAt,
    ...(where?.contentUrl ? { contentUrl: where.contentUrl, encodingFormat: where.type } : {}),
    ...(where?.embedUrl ? { embedUrl: where.embedUrl } : {}),
    url: canonical,
    mainEntityOfPage: { "@type": "WebPage", "@id": canonical },
    inLanguage: "vi",
    publisher: { "@type": "Organization", name: siteName, url: new URL(Urls.home(), origin).href },
  };
}
