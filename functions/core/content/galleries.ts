import { z } from "zod";
import { MediaLibrary } from "../media/library";
import { chosenImage, featuredImageField, featuredRefs, isResolved, pendingImage, resolveFeatured, snapshotOf } from "../media/snapshots";
import { MEDIA_ID } from "../media/types";
import type { ContentKind } from "../publishing/kind";
import { GALLERY_SPACE, GALLERY_SUMMARY_ATTRIBUTES, galleryCover, type GalleryContent, type GalleryPhoto, type PublishedGallery } from "../reader/galleries";
import { invalid } from "../shared/errors";
import { cleanText, plainText } from "../shared/html";
import { Urls } from "../shared/urls";
import { isoDateTime, optionalText, text, version } from "../shared/validation";
import { sectionBySlug } from "./default-section";
import type { Store } from "../storage/store";

/**
 * Photo reportages (phóng sự ảnh): a content kind on the publishing engine (docs/architecture.md,
 * "Publishing engine" and "Media"). Ordered library photos, 1–200, no image twice, each with a
 * caption and a credit that default to the library's; `prepare` resolves every newly chosen photo
 * with one BatchGet and refuses (400 naming "Ảnh thứ N") a photo that is missing, not an image, not
 * ready or without alt text. The cover is the featured image, else the first photo. Reader-side
 * types and reads are reader/galleries.ts.
 */

const LIMITS = { title: 300, summary: 1000, caption: 1000, credit: 200, section: 120 };
/** The contract's bounds on the number of photos. */
export const MAX_PHOTOS = 200;
/**
 * What one save can record today: the engine writes the working copy, its revision, the audit event,
 * the slug and one media use per newly chosen photo in ONE DynamoDB transaction (100 actions at
 * most). Above this, a 400 asks to split the reportage instead of a failing transaction (a 500).
 * Raise it to MAX_PHOTOS once the engine records uses in batches. 85 leaves room for the items a
 * publication adds to the same transaction (the summary item and the section's newest entries,
 * reader/summaries.ts; the search document; counts) when a reportage is imported already published.
 */
export const PHOTOS_PER_SAVE = 85;
/** The section whose board approves reportages when a request names none (they report events). */
export const GALLERY_SECTION_SLUG = "tin-tuc-su-kien";

const CONTENT_FIELDS = ["title", "summary", "sectionId", "photos", "featuredImage"] as const;

const nth = (index: number) => `Ảnh thứ ${index + 1}`;

/** A photo as an editor sends it; caption/credit undefined = the library's. */
interface PhotoInput {
  media: string;
  caption?: string;
  credit?: string;
}

/**
 * The photo list: an array of `{ media, caption?, credit? }` checked element by element so each
 * message names the photo ("Ảnh thứ 3: …") and each field key is `photos.2.media`.
 */
const photosField = z
  .array(z.unknown(), { error: "Danh sách ảnh (photos) phải là một mảng các ảnh { media, caption?, credit? }." })
  .min(1, { error: "Phóng sự ảnh cần ít nhất một ảnh." })
  .max(MAX_PHOTOS, { error: `Phóng sự ảnh có tối đa ${MAX_PHOTOS} ảnh.` })
  .transform((list, ctx) => {
    const out: PhotoInput[] = [];
    const seen = new Map<string, number>();
    list.forEach((raw, index) => {
      const fail = (field: string, message: string) => ctx.addIssue({ code: "custom", message: `${nth(index)}: ${message}`, path: [index, field] });
      if (!raw || typeof raw !== "object" || Array.isArray(raw)) return fail("media", "phải có dạng { media, caption?, credit? }.");
      const photo = raw as Record<string, unknown>;
      if (typeof photo.media !== "string" || !MEDIA_ID.test(photo.media)) return fail("media", "mã ảnh trong thư viện (media) không hợp lệ.");
      const first = seen.get(photo.media);
      if (first !== undefined) return fail("media", `trùng với ảnh thứ ${first + 1}; mỗi ảnh chỉ đưa vào phóng sự một lần.`);
      seen.set(photo.media, index);
      const item: PhotoInput = { media: photo.media };
      for (const [field, label, max] of [["caption", "chú thích", LIMITS.caption], ["credit", "tác giả ảnh", LIMITS.credit]] as const) {
        const value = photo[field];
        if (value === undefined || value === null) continue;
        if (typeof value !== "string") return fail(field, `${label} phải là chuỗi ký tự.`);
        if (value.length > max) return fail(field, `${label} không được dài quá ${max.toLocaleString("vi-VN")} ký tự.`);
        item[field] = cleanText(value);
      }
      out.push(item);
    });
    return out;
  });

const fields = {
  title: text("Tiêu đề", LIMITS.title),
  summary: optionalText("Tóm tắt", LIMITS.summary),
  photos: photosField,
  featuredImage: featuredImageField,
  section: text("Chuyên mục", LIMITS.section),
};

const createSchema = z.object({
  ...fields,
  summary: fields.summary.default(""),
  featuredImage: fields.featuredImage.optional(),
  section: fields.section.optional(),
  slug: z.string().max(130).optional(),
  publishedAt: isoDateTime("Ngày đăng").optional(),
});
const updateSchema = z.object({ version, ...fields }).partial().required({ version: true });
type CreateInput = z.infer<typeof createSchema>;
type UpdateInput = Partial<z.infer<typeof updateSchema>>;

/**
 * A photo chosen but not resolved yet: `image` is `{ id }`, and caption/credit are undefined when
 * the editor gave none (`prepare` then takes the library's).
 */
const pendingPhoto = (input: PhotoInput) => ({ image: pendingImage(input.media), caption: input.caption, credit: input.credit }) as GalleryPhoto;

/** Text cleaned; the same key order every time and no undefined fields (revisions compare JSON). */
function clean(content: GalleryContent): GalleryContent {
  const out: GalleryContent = {
    title: plainText(content.title),
    summary: plainText(content.summary ?? ""),
    sectionId: content.sectionId,
    photos: content.photos.map((photo) => {
      const resolved = isResolved(photo.image);
      // Undefined survives until `prepare` (it means "the library's"); resolved photos always have strings.
      const caption = photo.caption === undefined && !resolved ? undefined : plainText(photo.caption ?? "");
      const credit = photo.credit === undefined && !resolved ? undefined : plainText(photo.credit ?? "");
      return { image: photo.image, ...(caption !== undefined ? { caption } : {}), ...(credit !== undefined ? { credit } : {}) } as GalleryPhoto;
    }),
  };
  if (content.featuredImage) out.featuredImage = content.featuredImage;
  return out;
}

/** Newly chosen photos become snapshots in one BatchGet (400 naming the photo); resolved ones stay. */
async function resolvePhotos(store: Store, photos: GalleryPhoto[]): Promise<GalleryPhoto[]> {
  const wanted = photos.filter((photo) => !isResolved(photo.image)).map((photo) => photo.image.id);
  if (wanted.length === 0) return photos;
  const records = await MediaLibrary.getMany(store, wanted);
  return photos.map((photo, index) => {
    if (isResolved(photo.image)) return photo;
    const record = records.get(photo.image.id);
    const image = snapshotOf(record, photo.image.id, `photos.${index}.media`, nth(index));
    return { image, caption: photo.caption ?? record?.caption ?? "", credit: photo.credit ?? record?.credit ?? "" };
  });
}

export const galleries: ContentKind<GalleryContent, PublishedGallery> = {
  name: "galleries",
  space: GALLERY_SPACE,
  itemType: "gallery",
  noun: "phóng sự ảnh",
  contentFields: CONTENT_FIELDS,
  createSchema: createSchema as unknown as ContentKind["createSchema"],
  updateSchema: updateSchema as unknown as ContentKind["updateSchema"],

  /** The "Tin tức - Sự kiện" section; without one, the request must name a section. */
  defaultSection: sectionBySlug(GALLERY_SECTION_SLUG, "Hãy chọn chuyên mục duyệt phóng sự ảnh (cổng chưa có chuyên mục “Tin tức - Sự kiện”)."),

  fromCreate(data, { sectionId }) {
    const input = data as CreateInput;
    return clean({
      title: input.title,
      summary: input.summary,
      sectionId,
      photos: input.photos.map(pendingPhoto),
      featuredImage: chosenImage(input.featuredImage, undefined),
    });
  },

  applyUpdate(current, changes, sectionId) {
    const edit = changes as UpdateInput;
    const next: GalleryContent = { ...current, sectionId };
    if (edit.title !== undefined) next.title = edit.title;
    if (edit.summary !== undefined) next.summary = edit.summary;
    // A new list replaces the old one whole and is resolved again (the library's alt may have changed).
    if (edit.photos !== undefined) next.photos = edit.photos.map(pendingPhoto);
    next.featuredImage = chosenImage(edit.featuredImage, current.featuredImage);
    return clean(next);
  },

  async prepare(content, { store }) {
    // Before reading the library: a list the engine cannot save is refused without a BatchGet.
    if (content.photos.length > PHOTOS_PER_SAVE)
      throw invalid(`Hiện mỗi phóng sự ảnh nhận tối đa ${PHOTOS_PER_SAVE} ảnh; hãy chia thành nhiều phóng sự.`, { photos: `Tối đa ${PHOTOS_PER_SAVE} ảnh.` });
    const photos = await resolvePhotos(store, content.photos);
    return resolveFeatured(clean({ ...content, photos }), store);
  },

  check(content) {
    if (!content.title) throw invalid("Tiêu đề không được để trống.", { title: "Tiêu đề không được để trống." });
    if (content.photos.length === 0) throw invalid("Phóng sự ảnh cần ít nhất một ảnh.", { photos: "Chọn ít nhất một ảnh." });
    const seen = new Set<string>();
    content.photos.forEach((photo, index) => {
      if (seen.has(photo.image.id)) throw invalid(`${nth(index)} trùng với một ảnh trước đó; mỗi ảnh chỉ đưa vào phóng sự một lần.`, { [`photos.${index}.media`]: "Ảnh trùng." });
      seen.add(photo.image.id);
    });
  },

  missingForReview(content) {
    const missing: Record<string, string> = {};
    if (!content.summary.trim()) missing.summary = "Tóm tắt không được để trống.";
    return missing;
  },

  publishedView(content, meta) {
    const body = clean(content);
    const view: PublishedGallery = {
      id: meta.id,
      slug: meta.slug,
      ...body,
      cover: galleryCover(body)!,
      photoCount: body.photos.length,
      publishedAt: meta.publishedAt,
      updatedAt: meta.updatedAt,
      approvedBy: meta.approvedBy,
    };
    if (meta.revisedAt) view.revisedAt = meta.revisedAt;
    return view;
  },

  summaryAttributes: GALLERY_SUMMARY_ATTRIBUTES,

  // Captions and credits are the reportage's text: a reader searching for a place finds its photos.
  searchDocument: (view) => ({
    id: view.id,
    slug: view.slug,
    url: Urls.gallery(view.slug),
    kind: "galleries",
    sectionId: view.sectionId,
    title: view.title,
    summary: view.summary,
    body: view.photos.map((photo) => `<p>${escapeHtml([photo.caption, photo.credit].filter(Boolean).join(" – "))}</p>`).join(""),
    publishedAt: view.publishedAt,
  }),

  reportKind: () => "galleries",
  // Every photo and the featured image are uses: none can be deleted from the library while the reportage exists.
  mediaRefs: (content) => [...content.photos.map((photo) => photo.image.id), ...featuredRefs(content)],
  // Counted per month so `/thu-vien-anh?trang=N` finds its page without reading the pages before it.
  sectionListing: true,

  url: Urls.gallery,
  // "/thu-vien-anh*" covers the grid's pages, the reportage's page and the feed.
  paths: ({ slug }) => [Urls.gallery(slug), Urls.withQueries(Urls.galleries())],
};

const escapeHtml = (value: string) => value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** An already-approved reportage from an archive or the demo seed (engine `importPublished`). */
export interface GalleryImport {
  id?: string;
  /** Section id. */
  sectionId: string;
  title: string;
  summary: string;
  /** Ready library images with alt text; caption/credit default to the library's. */
  photos: PhotoInput[];
  featuredImage?: string;
  publishedAt: string;
}

/** The engine's import request for a reportage, cleaned like an editor's; `prepare` resolves the photos. */
export function galleryImport(input: GalleryImport) {
  const { id, publishedAt, photos, featuredImage, ...rest } = input;
  const content = clean({ ...rest, photos: photos.map(pendingPhoto), ...(featuredImage ? { featuredImage: pendingImage(featuredImage) } : {}) });
  return { ...(id ? { id } : {}), publishedAt, content };
}
