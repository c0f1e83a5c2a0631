import { z } from "zod";
import type { ContentKind } from "../publishing/kind";
import { chosenImage, featuredImageField, featuredRefs, resolveFeatured } from "../media/snapshots";
import { SUMMARY_ATTRIBUTES, type ArticleContent, type ArticleKind, type PublishedArticle } from "../reader/articles";
import { invalid } from "../shared/errors";
import { plainText, sanitizeRichText } from "../shared/html";
import { Urls } from "../shared/urls";
import { httpUrl, isoDateTime, optionalText, text, version } from "../shared/validation";

/**
 * News and collected articles (tin bài, tin sưu tầm): the first content kind of the publishing
 * engine (publishing/engine.ts). Everything that makes an article an article is here; the
 * workflow, revisions, counts, search and invalidation are the engine's. Reader-side types and
 * reads (no zod, no sanitizer: the reader bundle stays light) are in reader/articles.ts.
 */

const LIMITS = { title: 300, summary: 1000, body: 200_000, byline: 120, tag: 50, tags: 20, source: 200, image: 500 };
/** DynamoDB items stop at 400 KB; the body is stored on the working copy, a revision and the view. */
const MAX_BODY_BYTES = 300 * 1024;

const CONTENT_FIELDS = ["kind", "title", "summary", "body", "sectionId", "byline", "tags", "sourceName", "sourceUrl", "image", "featuredImage"] as const;

function isHttpsUrl(value: string): boolean {
  try {
    return new URL(value).protocol === "https:" && /^https:\/\/[^\s]+$/.test(value);
  } catch {
    return false;
  }
}

const fields = {
  kind: z.enum(["news", "collected"], { error: "Loại bài phải là news (tin bài) hoặc collected (tin sưu tầm)." }),
  title: text("Tiêu đề", LIMITS.title),
  summary: optionalText("Sapo (tóm tắt)", LIMITS.summary),
  body: optionalText("Nội dung", LIMITS.body),
  section: text("Chuyên mục", 120),
  byline: optionalText("Bút danh tác giả", LIMITS.byline),
  tags: z.array(optionalText("Từ khóa", LIMITS.tag), { error: "Từ khóa phải là danh sách." }).max(LIMITS.tags, { error: `Tối đa ${LIMITS.tags} từ khóa.` }),
  sourceName: optionalText("Tên nguồn", LIMITS.source),
  sourceUrl: z.union([httpUrl("Địa chỉ nguồn"), z.literal("")]),
  // Our own media (/media/…) or an https address, like images in the body (shared/html.ts).
  image: z.union([
    z.literal(""),
    optionalText("Ảnh đại diện", LIMITS.image).refine((value) => /^\/media\/[\w\-./]+$/.test(value) || isHttpsUrl(value), {
      error: "Ảnh đại diện phải là ảnh trong thư viện (/media/…) hoặc địa chỉ https:// hợp lệ.",
    }),
  ]),
  // A media library id; "" or null removes the image. `prepare` checks the item and keeps its snapshot.
  featuredImage: featuredImageField,
};

const createSchema = z.object({
  ...fields,
  summary: fields.summary.default(""),
  body: fields.body.default(""),
  byline: fields.byline.optional(),
  tags: fields.tags.default([]),
  sourceName: fields.sourceName.optional(),
  sourceUrl: fields.sourceUrl.optional(),
  image: fields.image.optional(),
  featuredImage: fields.featuredImage.optional(),
  slug: z.string().max(130).optional(),
  publishedAt: isoDateTime("Ngày đăng").optional(),
});

const updateSchema = z.object({ version, ...fields }).partial().required({ version: true });

/** Rich text sanitized, plain text stripped of markup; source fields only on collected articles. */
function clean(content: ArticleContent): ArticleContent {
  const out: ArticleContent = {
    ...content,
    title: plainText(content.title),
    summary: plainText(content.summary ?? ""),
    byline: plainText(content.byline ?? ""),
    tags: [...new Set((content.tags ?? []).map(plainText).filter(Boolean))],
    body: sanitizeRichText(content.body ?? ""),
  };
  if (out.kind === "collected" && out.sourceName) out.sourceName = plainText(out.sourceName);
  if (out.kind !== "collected" || !out.sourceName) delete out.sourceName;
  if (out.kind !== "collected" || !out.sourceUrl) delete out.sourceUrl;
  if (!out.image) delete out.image;
  if (!out.featuredImage) delete out.featuredImage;
  return out;
}

export const articles: ContentKind<ArticleContent, PublishedArticle> = {
  name: "articles",
  space: "ARTICLE",
  itemType: "article",
  noun: "bài viết",
  contentFields: CONTENT_FIELDS,
  richTextField: "body",
  createSchema: createSchema as unknown as ContentKind["createSchema"],
  updateSchema: updateSchema as unknown as ContentKind["updateSchema"],

  fromCreate(data, { sectionId, author }) {
    const input = data as z.infer<typeof createSchema>;
    return clean({
      kind: input.kind,
      title: input.title,
      summary: input.summary,
      body: input.body,
      sectionId,
      byline: input.byline ?? author.name,
      tags: input.tags,
      sourceName: input.sourceName,
      sourceUrl: input.sourceUrl || undefined,
      image: input.image,
      featuredImage: chosenImage(input.featuredImage, undefined),
    });
  },

  applyUpdate(current, changes, sectionId) {
    const { featuredImage, ...rest } = changes as Partial<ArticleContent> & { featuredImage?: unknown };
    return clean({ ...current, ...rest, featuredImage: chosenImage(featuredImage, current.featuredImage), sectionId });
  },

  /** A newly chosen featured image becomes its snapshot; one already resolved (edit, restore) stays as it was. */
  prepare: (content, { store }) => resolveFeatured(content, store),

  mediaRefs: featuredRefs,

  check(content) {
    if (Buffer.byteLength(content.body, "utf8") > MAX_BODY_BYTES)
      throw invalid("Nội dung bài viết quá dài (tối đa khoảng 300 KB sau khi làm sạch). Hãy tách thành nhiều bài.", { body: "Quá dài." });
    if (!content.title) throw invalid("Tiêu đề không được để trống.", { title: "Tiêu đề không được để trống." });
    if (content.kind === "collected" && (!content.sourceName || !content.sourceUrl))
      throw invalid("Tin sưu tầm phải ghi rõ tên và địa chỉ nguồn.", {
        ...(content.sourceName ? {} : { sourceName: "Bắt buộc với tin sưu tầm." }),
        ...(content.sourceUrl ? {} : { sourceUrl: "Bắt buộc với tin sưu tầm." }),
      });
  },

  missingForReview(content) {
    const missing: Record<string, string> = {};
    if (!content.summary.trim()) missing.summary = "Sapo (tóm tắt) không được để trống.";
    if (!plainText(content.body).trim()) missing.body = "Nội dung không được để trống.";
    return missing;
  },

  publishedView(content, meta) {
    return {
      id: meta.id,
      slug: meta.slug,
      kind: content.kind,
      title: content.title,
      summary: content.summary,
      body: sanitizeRichText(content.body),
      sectionId: content.sectionId,
      byline: content.byline,
      tags: content.tags,
      ...(content.kind === "collected" ? { sourceName: content.sourceName, sourceUrl: content.sourceUrl } : {}),
      ...(content.image ? { image: content.image } : {}),
      ...(content.featuredImage ? { featuredImage: content.featuredImage } : {}),
      publishedAt: meta.publishedAt,
      updatedAt: meta.updatedAt,
      approvedBy: meta.approvedBy,
    };
  },

  summaryAttributes: SUMMARY_ATTRIBUTES,

  searchDocument: (view) => ({
    id: view.id,
    slug: view.slug,
    url: Urls.article(view.slug),
    kind: view.kind,
    sectionId: view.sectionId,
    title: view.title,
    summary: view.summary,
    body: view.body,
    publishedAt: view.publishedAt,
  }),

  reportKind: (content) => content.kind,
  url: Urls.article,
  paths: ({ slug, sectionSlug }) => [Urls.article(slug), Urls.withQueries(Urls.section(sectionSlug))],
  sectionListing: true,
};

/** An already-approved article from an archive or the demo seed (engine `importPublished`). */
export interface ImportInput {
  /** A fixed id makes an import idempotent (demo seed); a random one is made otherwise. */
  id?: string;
  kind: ArticleKind;
  sectionId: string;
  title: string;
  summary: string;
  body: string;
  byline: string;
  tags?: string[];
  sourceName?: string;
  sourceUrl?: string;
  /** A media library id (a ready image with alt text), resolved by `prepare`. */
  featuredImage?: string;
  publishedAt: string;
}

/** The engine's import request for an archived article, cleaned like any editor's content. */
export function articleImport(input: ImportInput) {
  const { id, publishedAt, featuredImage, ...content } = input;
  return { ...(id ? { id } : {}), publishedAt, content: clean({ ...content, tags: content.tags ?? [], featuredImage: chosenImage(featuredImage, undefined) }) };
}
