import type { BaseContent, PublicationMeta } from "../publishing/kind";
import type { Store } from "../storage/store";
import { sitemapImage, type ImageSnapshot } from "./images";
import { kindPage } from "./kind-pages";
import type { SitemapMedia } from "./kinds";
import { Published } from "./published";

/**
 * Videos as readers see them (docs/architecture.md, "Media"): an uploaded MP4/WebM from the media
 * library, or a YouTube video played from youtube-nocookie.com, with a poster image. Types shared
 * by the descriptor (content/videos.ts) and the pages, and the reader's reads: a video's page is
 * one GetItem by slug; `/video?trang=N` is two requests whatever N (the kind's counts per month and
 * day, kept by the engine because the kind has `sectionListing`, then one bounded Query of the
 * kind's newest-first index); the home page's "video trang chủ" is one Query of the `home` facet.
 * Reader-safe: no zod, no sanitizer.
 */

/** Key space of the kind (publishing/kind.ts `space`). */
export const VIDEO_SPACE = "VIDEO";
/** Videos per page of `/video` (a grid of 3 or 2 columns: 12 fills both). */
export const VIDEOS_PAGE_SIZE = 12;
/** The facet of live videos marked for the home page (content/videos.ts `facets`). */
export const HOME_FACET = "home";

/** An uploaded video as the content keeps it: a snapshot of the media record. */
export interface VideoFile {
  id: string;
  filename: string;
  size: number;
  /** "video/mp4" or "video/webm", sniffed from the bytes at upload. */
  contentType: string;
  url: string;
}

/** A video hosted elsewhere: only YouTube, by its 11-character id (never a URL typed by someone). */
export interface VideoEmbed {
  provider: "youtube";
  id: string;
}

export interface VideoContent extends BaseContent {
  /** Exactly one of `media` and `embed`. */
  media?: VideoFile;
  embed?: VideoEmbed;
  /** The still shown before playing (a library image with alt text). */
  poster?: ImageSnapshot;
  /** Marked for the home page ("video trang chủ"): the newest marked live video is shown there. */
  homepage: boolean;
  /** Plain text; paragraphs separated by blank lines. */
  description: string;
}

export interface PublishedVideo extends VideoContent, PublicationMeta {}

/** What the grid, the home box and facet entries carry (never the description). */
export const VIDEO_SUMMARY_ATTRIBUTES = [
  "id", "slug", "title", "summary", "sectionId", "publishedAt", "updatedAt", "poster", "featuredImage", "media", "embed", "homepage",
] as const;
export type VideoSummary = Pick<PublishedVideo, (typeof VIDEO_SUMMARY_ATTRIBUTES)[number]>;

export interface VideoPage {
  items: VideoSummary[];
  total: number;
  pages: number;
}

/** A YouTube video id: 11 characters of the URL-safe base64 alphabet. */
export const YOUTUBE_ID = /^[A-Za-z0-9_-]{11}$/;
/** The privacy-enhanced player: no cookies until the reader plays the video. */
export const youtubeEmbedUrl = (id: string) => `https://www.youtube-nocookie.com/embed/${id}`;
/** YouTube's own still of a video, for search engines only (sitemap, JSON-LD): pages never load it. */
export const youtubeThumbnail = (id: string) => `https://i.ytimg.com/vi/${id}/hqdefault.jpg`;

/** The picture that stands for a video in lists and when sharing: its poster, else its featured image. */
export const coverOf = (video: Pick<VideoContent, "poster" | "featuredImage">): ImageSnapshot | undefined => video.poster ?? video.featuredImage;

export const Videos = {
  /** The published video of `slug`, or a NOT_FOUND error. One GetItem. */
  get: (store: Store, slug: string) => Published.get<PublishedVideo>(store, VIDEO_SPACE, slug, "Video không tồn tại hoặc đã được gỡ xuống."),

  /**
   * Page `page` (1-based) of every live video, newest first, with the number of pages; `items` is
   * empty past the end. The counts say which UTC day holds the page's first item, so the Query
   * reads at most that day's videos plus one page, whatever the page number.
   */
  async page(store: Store, page: number, size = VIDEOS_PAGE_SIZE): Promise<VideoPage> {
    return kindPage<VideoSummary>(store, VIDEO_SPACE, VIDEO_SUMMARY_ATTRIBUTES, page, size);
  },

  /** The newest live videos (a video page's "Video khác"). One Query. */
  async latest(store: Store, limit: number): Promise<VideoSummary[]> {
    return (await Published.latest<VideoSummary>(store, VIDEO_SPACE, { limit, attributes: VIDEO_SUMMARY_ATTRIBUTES })).items;
  },

  /** The video of the home page: the most recently published live video marked for it, if any. One Query. */
  async home(store: Store): Promise<VideoSummary | undefined> {
    const out = await Published.withFacet<VideoSummary>(store, VIDEO_SPACE, HOME_FACET, { limit: 1, attributes: VIDEO_SUMMARY_ATTRIBUTES });
    return out.items[0];
  },
};


/** A video's sitemap entry (Google's video extension): needs a thumbnail, so a video without any still gets none. */
export function videoSitemap(view: Record<string, unknown>): SitemapMedia {
  const video = view as unknown as PublishedVideo;
  const cover = sitemapImage(coverOf(video));
  const embed = video.embed && YOUTUBE_ID.test(video.embed.id) ? video.embed.id : undefined;
  const thumbnail = cover ?? (embed ? youtubeThumbnail(embed) : undefined);
  if (!thumbnail) return {};
  return {
    ...(cover ? { images: [cover] } : {}),
    video: {
      title: video.title,
      description: video.summary || video.title,
      thumbnail,
      ...(video.media ? { contentUrl: video.media.url } : {}),
      ...(embed ? { playerUrl: youtubeEmbedUrl(embed) } : {}),
      publishedAt: video.publishedAt,
    },
  };
}

/** What the sitemap reads of each view for `videoSitemap`. */
export const VIDEO_SITEMAP_ATTRIBUTES = ["title", "summary", "poster", "featuredImage", "media", "embed", "publishedAt"];
