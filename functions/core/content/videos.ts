import { z } from "zod";
import { MediaLibrary } from "../media/library";
import { chosenImage, featuredImageField, featuredRefs, imageSnapshot, isResolved, pendingImage, resolveFeatured } from "../media/snapshots";
import { MEDIA_ID } from "../media/types";
import type { ContentKind } from "../publishing/kind";
import {
  HOME_FACET, VIDEO_SPACE, VIDEO_SUMMARY_ATTRIBUTES, YOUTUBE_ID, type PublishedVideo, type VideoContent, type VideoEmbed, type VideoFile,
} from "../reader/videos";
import { invalid } from "../shared/errors";
import { plainText } from "../shared/html";
import { Urls } from "../shared/urls";
import { isoDateTime, optionalText, text, version } from "../shared/validation";
import { sectionBySlug } from "./default-section";
import type { Store } from "../storage/store";

/**
 * Videos: a content kind on the publishing engine (docs/architecture.md, "Publishing engine" and
 * "Media"). A video is exactly one of an uploaded MP4/WebM from the media library (`media`, kept as
 * a snapshot) or a YouTube video (`embedUrl`, kept only as its 11-character id: pages build the
 * youtube-nocookie.com player address themselves, so no address an editor typed is ever rendered).
 * A poster image and a featured image are optional library images; `homepage` marks a video for
 * the home page, where the most recently published marked one is shown (facet `home`).
 * Reader-side types and reads are reader/videos.ts.
 */

const LIMITS = { title: 300, summary: 1000, description: 10_000, embedUrl: 500, section: 120 };
/** The section whose board approves videos when a request names none (news videos are news). */
export const VIDEO_SECTION_SLUG = "tin-tuc-su-kien";

const CONTENT_FIELDS = ["title", "summary", "sectionId", "media", "embed", "poster", "homepage", "description", "featuredImage"] as const;

/** Where YouTube videos may come from: its own hosts, nothing that merely contains the name. */
const YOUTUBE_HOSTS = new Set(["youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be", "youtube-nocookie.com", "www.youtube-nocookie.com"]);

export const EMBED_MESSAGE =
  "Chỉ nhúng được video YouTube: dán địa chỉ dạng https://www.youtube.com/watch?v=…, https://youtu.be/…, https://www.youtube.com/embed/… " +
  "hoặc https://www.youtube-nocookie.com/embed/… (máy chủ youtube.com, m.youtube.com, youtu.be, youtube-nocookie.com; mã video 11 ký tự). " +
  "Video từ nơi khác hãy tải tệp MP4 hoặc WebM lên thư viện.";
const BOTH_MESSAGE = "Mỗi video chỉ có một nguồn: chọn video tải lên (media) hoặc dán địa chỉ YouTube (embedUrl), không chọn cả hai.";
const NEITHER_MESSAGE = "Hãy chọn video tải lên trong thư viện (media) hoặc dán địa chỉ video YouTube (embedUrl).";

/**
 * The YouTube id of an address an editor pasted, or undefined: https (or http) only, no user,
 * password or port, the host exactly one of YOUTUBE_HOSTS ("youtube.com.evil.example" is not),
 * and the id where that host puts it (/watch?v=, /embed/<id>, youtu.be/<id>), 11 characters.
 */
export function youtubeId(raw: string): string | undefined {
  const value = raw.trim();
  if (!/^https?:\/\/[^/\\]/i.test(value)) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.username || url.password || url.port) return undefined;
  const host = url.hostname.toLowerCase();
  if (!YOUTUBE_HOSTS.has(host)) return undefined;
  const segments = url.pathname.split("/").filter(Boolean);
  let id: string | null | undefined;
  if (host === "youtu.be") id = segments.length === 1 ? segments[0] : undefined;
  else if (segments.length === 2 && segments[0] === "embed") id = segments[1];
  else if (!host.includes("nocookie") && segments.length === 1 && segments[0] === "watch") id = url.searchParams.get("v");
  return id && YOUTUBE_ID.test(id) ? id : undefined;
}

/** A library image id; "" or null removes the image (like featuredImage). */
const posterField = z.union([
  z.literal(""),
  z.null(),
  z.string({ error: "Ảnh bìa video (poster) phải là mã ảnh trong thư viện." }).regex(MEDIA_ID, { error: "Mã ảnh bìa video không hợp lệ." }),
]);

const fields = {
  title: text("Tiêu đề", LIMITS.title),
  summary: optionalText("Tóm tắt", LIMITS.summary),
  media: z.string({ error: "Video tải lên (media) phải là mã tệp trong thư viện." }).regex(MEDIA_ID, { error: "Mã tệp video không hợp lệ." }),
  // Checked against the allow-list by `source` (the 400 then names the allowed hosts in its message).
  embedUrl: z.string({ error: "Địa chỉ video YouTube (embedUrl) phải là chuỗi ký tự." }).max(LIMITS.embedUrl, { error: "Địa chỉ video quá dài." }),
  poster: posterField,
  homepage: z.boolean({ error: "Video trang chủ (homepage) phải là true hoặc false." }),
  description: optionalText("Mô tả", LIMITS.description),
  featuredImage: featuredImageField,
  section: text("Chuyên mục", LIMITS.section),
};

const createSchema = z.object({
  ...fields,
  summary: fields.summary.default(""),
  media: fields.media.optional(),
  embedUrl: fields.embedUrl.optional(),
  poster: fields.poster.optional(),
  homepage: fields.homepage.default(false),
  description: fields.description.default(""),
  featuredImage: fields.featuredImage.optional(),
  section: fields.section.optional(),
  slug: z.string().max(130).optional(),
  publishedAt: isoDateTime("Ngày đăng").optional(),
});
const updateSchema = z.object({ version, ...fields }).partial().required({ version: true });
type CreateInput = z.infer<typeof createSchema>;
type UpdateInput = Partial<z.infer<typeof updateSchema>>;

/** A media file chosen but not resolved yet (`prepare` makes it a snapshot). */
const pendingFile = (id: string) => ({ id }) as VideoFile;

/**
 * The video's source from a request: `media` or `embedUrl`, never both (400); neither is a 400 on
 * create and "unchanged" on edit. An address outside the allow-list is a 400 naming the hosts.
 */
function source(media: string | undefined, embedUrl: string | undefined, required: boolean): { media?: VideoFile; embed?: VideoEmbed } | undefined {
  const url = embedUrl?.trim();
  if (media && url) throw invalid(BOTH_MESSAGE, { media: "Chỉ chọn một nguồn video.", embedUrl: "Chỉ chọn một nguồn video." });
  if (media) return { media: pendingFile(media) };
  if (url) {
    const id = youtubeId(url);
    if (!id) throw invalid(EMBED_MESSAGE, { embedUrl: "Chỉ nhận địa chỉ video YouTube." });
    return { embed: { provider: "youtube", id } };
  }
  if (required) throw invalid(NEITHER_MESSAGE, { media: "Bắt buộc (hoặc embedUrl).", embedUrl: "Bắt buộc (hoặc media)." });
  return undefined;
}

/** Paragraphs (blank-line separated) kept, each cleaned as plain text. */
const paragraphs = (value: string) =>
  value
    .split(/\n\s*\n/)
    .map((part) => plainText(part))
    .filter(Boolean)
    .join("\n\n");

/** Text cleaned; the same key order every time and no undefined fields (revisions compare JSON). */
function clean(content: VideoContent): VideoContent {
  const out: VideoContent = {
    title: plainText(content.title),
    summary: plainText(content.summary ?? ""),
    sectionId: content.sectionId,
    homepage: content.homepage === true,
    description: paragraphs(content.description ?? ""),
  };
  if (content.media) out.media = content.media;
  else if (content.embed) out.embed = { provider: "youtube", id: content.embed.id };
  if (content.poster) out.poster = content.poster;
  if (content.featuredImage) out.featuredImage = content.featuredImage;
  return out;
}

/** The snapshot of an uploaded video, or the Vietnamese 400 saying why it cannot be used. */
async function videoSnapshot(store: Store, id: string): Promise<VideoFile> {
  const record = await MediaLibrary.get(store, id);
  if (!record) throw invalid(`Video không có trong thư viện (mã ${id}).`, { media: "Không tìm thấy tệp." });
  if (record.kind !== "video") throw invalid(`Tệp “${record.filename}” không phải video MP4 hoặc WebM.`, { media: "Hãy chọn một video." });
  if (record.status !== "ready" || !record.url)
    throw invalid(
      record.status === "failed"
        ? `Video (${record.filename}) bị lỗi: ${record.error ?? "không xử lý được"}`
        : `Video (${record.filename}) đang được xử lý, hãy chờ giây lát rồi lưu lại.`,
      { media: "Video chưa sẵn sàng." },
    );
  return { id, filename: record.filename, size: record.size, contentType: record.contentType, url: record.url };
}

export const videos: ContentKind<VideoContent, PublishedVideo> = {
  name: "videos",
  space: VIDEO_SPACE,
  itemType: "video",
  noun: "video",
  contentFields: CONTENT_FIELDS,
  createSchema: createSchema as unknown as ContentKind["createSchema"],
  updateSchema: updateSchema as unknown as ContentKind["updateSchema"],

  /** The "Tin tức - Sự kiện" section; without one, the request must name a section. */
  defaultSection: sectionBySlug(VIDEO_SECTION_SLUG, "Hãy chọn chuyên mục duyệt video (cổng chưa có chuyên mục “Tin tức - Sự kiện”)."),

  fromCreate(data, { sectionId }) {
    const input = data as CreateInput;
    return clean({
      title: input.title,
      summary: input.summary,
      sectionId,
      ...source(input.media, input.embedUrl, true),
      poster: chosenImage(input.poster, undefined),
      homepage: input.homepage,
      description: input.description,
      featuredImage: chosenImage(input.featuredImage, undefined),
    });
  },

  applyUpdate(current, changes, sectionId) {
    const edit = changes as UpdateInput;
    const next: VideoContent = { ...current, sectionId };
    if (edit.title !== undefined) next.title = edit.title;
    if (edit.summary !== undefined) next.summary = edit.summary;
    if (edit.homepage !== undefined) next.homepage = edit.homepage;
    if (edit.description !== undefined) next.description = edit.description;
    const chosen = source(edit.media, edit.embedUrl, false);
    if (chosen) {
      delete next.media;
      delete next.embed;
      Object.assign(next, chosen);
    }
    next.poster = chosenImage(edit.poster, current.poster);
    next.featuredImage = chosenImage(edit.featuredImage, current.featuredImage);
    return clean(next);
  },

  /** Newly chosen files become snapshots (400 when missing, of another kind, not ready, or an image without alt); resolved ones stay. */
  async prepare(content, { store }) {
    const [media, poster] = await Promise.all([
      content.media && !content.media.url ? videoSnapshot(store, content.media.id) : content.media,
      content.poster && !isResolved(content.poster) ? imageSnapshot(store, content.poster.id, "poster", "Ảnh bìa video") : content.poster,
    ]);
    return resolveFeatured(clean({ ...content, media, poster }), store);
  },

  check(content) {
    if (!content.title) throw invalid("Tiêu đề không được để trống.", { title: "Tiêu đề không được để trống." });
    if (content.media && content.embed) throw invalid(BOTH_MESSAGE, { media: "Chỉ chọn một nguồn video.", embedUrl: "Chỉ chọn một nguồn video." });
    if (!content.media && !content.embed) throw invalid(NEITHER_MESSAGE, { media: "Bắt buộc (hoặc embedUrl).", embedUrl: "Bắt buộc (hoặc media)." });
    if (content.embed && (content.embed.provider !== "youtube" || !YOUTUBE_ID.test(content.embed.id))) throw invalid(EMBED_MESSAGE, { embedUrl: "Chỉ nhận địa chỉ video YouTube." });
  },

  missingForReview(content) {
    const missing: Record<string, string> = {};
    if (!content.summary.trim()) missing.summary = "Tóm tắt không được để trống.";
    // Uploaded videos are not preloaded: without a still, readers would see an empty black box.
    if (content.media && !content.poster && !content.featuredImage) missing.poster = "Video tải lên cần có ảnh bìa (poster) để hiển thị trước khi phát.";
    return missing;
  },

  publishedView(content, meta) {
    const view: PublishedVideo = {
      id: meta.id,
      slug: meta.slug,
      ...clean(content),
      publishedAt: meta.publishedAt,
      updatedAt: meta.updatedAt,
      approvedBy: meta.approvedBy,
    };
    if (meta.revisedAt) view.revisedAt = meta.revisedAt;
    return view;
  },

  summaryAttributes: VIDEO_SUMMARY_ATTRIBUTES,

  searchDocument: (view) => ({
    id: view.id,
    slug: view.slug,
    url: Urls.video(view.slug),
    kind: "videos",
    sectionId: view.sectionId,
    title: view.title,
    summary: view.summary,
    body: view.description
      .split("\n\n")
      .map((part) => `<p>${escapeHtml(part)}</p>`)
      .join(""),
    publishedAt: view.publishedAt,
  }),

  reportKind: () => "videos",
  // The file, the poster and the featured image are uses: none can be deleted from the library while the video exists.
  mediaRefs: (content) => [...(content.media ? [content.media.id] : []), ...(content.poster ? [content.poster.id] : []), ...featuredRefs(content)],
  // The home page shows the most recently published live video marked for it (reader/videos.ts `Videos.home`).
  facets: (view) => ({ values: view.homepage ? [HOME_FACET] : [], sort: view.publishedAt }),
  // Counted per month so `/video?trang=N` finds its page without reading the pages before it.
  sectionListing: true,

  url: Urls.video,
  // "/video*" covers the grid's pages and the feed; "/" shows the home page's video.
  paths: ({ slug }) => [Urls.video(slug), Urls.withQueries(Urls.videos()), Urls.home()],
};

const escapeHtml = (value: string) => value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** An already-approved video from an archive or the demo seed (engine `importPublished`). */
export interface VideoImport {
  id?: string;
  /** Section id. */
  sectionId: string;
  title: string;
  summary: string;
  description?: string;
  /** A ready video in the library, or a YouTube address. */
  media?: string;
  embedUrl?: string;
  /** Library ids of ready images with alt text. */
  poster?: string;
  featuredImage?: string;
  homepage?: boolean;
  publishedAt: string;
}

/** The engine's import request for a video, cleaned like an editor's; `prepare` resolves the files. */
export function videoImport(input: VideoImport) {
  const { id, publishedAt, media, embedUrl, poster, featuredImage, ...rest } = input;
  const content = clean({
    ...rest,
    homepage: rest.homepage ?? false,
    description: rest.description ?? "",
    ...source(media, embedUrl, true),
    ...(poster ? { poster: pendingImage(poster) } : {}),
    ...(featuredImage ? { featuredImage: pendingImage(featuredImage) } : {}),
  });
  return { ...(id ? { id } : {}), publishedAt, content };
}
