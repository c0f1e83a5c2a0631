import { z } from "zod";
import { fileSnapshots } from "../media/library";
import type { ContentKind } from "../publishing/kind";
import {
  CONSULTATION_SPACE, CONSULTATION_SUMMARY_ATTRIBUTES, type ConsultationContent, type ConsultationFile, type PublishedConsultation, type Receiver,
} from "../reader/consultations";
import { invalid } from "../shared/errors";
import { plainText, sanitizeRichText } from "../shared/html";
import { Urls } from "../shared/urls";
import { chosenImage, featuredImageField, featuredRefs, resolveFeatured } from "../media/snapshots";
import { sectionBySlug } from "./default-section";
import { isoDateTime, optionalText, text, version } from "../shared/validation";

/**
 * Drafts for public comment (góp ý dự thảo): a content kind on the publishing engine
 * (docs/architecture.md, "Publishing engine"). Title, summary, full text, files (media ids resolved
 * into snapshots by `prepare`), the period for comments, the receiving unit, and, once closed, the
 * report on how comments were taken in (`summaryFile`). A period under 30 days needs a reason the
 * audit keeps (`auditNote`). Comments themselves are consultations/comments.ts; reader-side types
 * and reads are reader/consultations.ts.
 */

const LIMITS = { title: 300, summary: 2000, body: 200_000, unit: 200, address: 300, email: 254, phone: 30, reason: 2000, files: 20 };
/** DynamoDB items stop at 400 KB; the body is stored on the working copy, a revision and the view. */
const MAX_BODY_BYTES = 300 * 1024;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Shorter periods need a stated reason (the portal's rule; the law's minimum varies by document). */
export const MIN_PERIOD_DAYS = 30;
/** The section a draft goes to when the request names none, if the portal has it (else a 400 asking for one). */
export const DEFAULT_SECTION_SLUG = "gop-y-du-thao";

const CONTENT_FIELDS = ["title", "summary", "body", "sectionId", "files", "opensAt", "closesAt", "receiver", "shortPeriodReason", "summaryFile", "featuredImage"] as const;

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]+$/;
/** Digits with the usual separators: "0200 3812 345", "+84 200 3812345", "(0200) 381-2345". */
const PHONE = /^\+?[\d\s().-]{8,30}$/;

/** An e-mail address (cleaned, trimmed), for the receiver and for commenters. */
export const emailText = (label: string) =>
  text(label, LIMITS.email)
    .transform((value) => value.trim())
    .refine((value) => EMAIL.test(value), { error: `${label} không hợp lệ (ví dụ: gopy@hoaphong.example.vn).` });

/** A telephone number with at least 8 digits. */
export const phoneText = (label: string) =>
  text(label, LIMITS.phone)
    .transform((value) => value.trim())
    .refine((value) => PHONE.test(value) && value.replace(/\D/g, "").length >= 8, { error: `${label} không hợp lệ (ví dụ: 0200 3812 345).` });

const mediaId = (label: string) =>
  z.string({ error: `${label} phải là mã tệp trong thư viện.` }).regex(/^[\w-]{1,64}$/, { error: `${label} không hợp lệ.` });

const receiver = z.object(
  {
    unit: text("Đơn vị tiếp nhận", LIMITS.unit),
    address: text("Địa chỉ đơn vị tiếp nhận", LIMITS.address),
    email: emailText("Thư điện tử của đơn vị tiếp nhận"),
    phone: z.union([z.literal(""), phoneText("Điện thoại của đơn vị tiếp nhận")]).optional(),
  },
  { error: "Hãy nhập đơn vị tiếp nhận góp ý: tên đơn vị, địa chỉ, thư điện tử (điện thoại nếu có)." },
);

const fields = {
  title: text("Tiêu đề", LIMITS.title),
  summary: optionalText("Tóm tắt", LIMITS.summary),
  body: optionalText("Toàn văn dự thảo", LIMITS.body),
  section: text("Chuyên mục", 120),
  files: z.array(mediaId("Tệp đính kèm"), { error: "Tệp đính kèm phải là danh sách mã tệp." }).max(LIMITS.files, { error: `Tối đa ${LIMITS.files} tệp đính kèm.` }),
  opensAt: isoDateTime("Thời điểm bắt đầu lấy ý kiến"),
  closesAt: isoDateTime("Thời điểm kết thúc lấy ý kiến"),
  receiver,
  shortPeriodReason: optionalText("Lý do rút ngắn thời gian lấy ý kiến", LIMITS.reason),
  // null or "" removes the summary report.
  summaryFile: z.union([z.literal(""), z.null(), mediaId("Báo cáo tổng hợp, tiếp thu, giải trình")]),
  featuredImage: featuredImageField,
};

const createSchema = z.object({
  ...fields,
  summary: fields.summary.default(""),
  body: fields.body.default(""),
  section: fields.section.optional(),
  files: fields.files.default([]),
  shortPeriodReason: fields.shortPeriodReason.optional(),
  summaryFile: fields.summaryFile.optional(),
  featuredImage: fields.featuredImage.optional(),
  slug: z.string().max(130).optional(),
  publishedAt: isoDateTime("Ngày đăng").optional(),
});

const updateSchema = z.object({ version, ...fields }).partial().required({ version: true });

/** A file reference before `prepare` has resolved it: the id only. */
const unresolved = (id: string) => ({ id }) as ConsultationFile;
const periodMs = (content: { opensAt: string; closesAt: string }) => Date.parse(content.closesAt) - Date.parse(content.opensAt);
const isShort = (content: { opensAt: string; closesAt: string }) => periodMs(content) < MIN_PERIOD_DAYS * DAY_MS;

/** Plain text stripped, rich text sanitized, instants in UTC; the same key order every time (revisions compare JSON). */
function clean(content: ConsultationContent): ConsultationContent {
  const instant = (value: string) => (Number.isNaN(Date.parse(value)) ? value : new Date(value).toISOString());
  const r: Receiver = content.receiver;
  const out: ConsultationContent = {
    title: plainText(content.title),
    summary: plainText(content.summary ?? ""),
    body: sanitizeRichText(content.body ?? ""),
    sectionId: content.sectionId,
    files: content.files ?? [],
    opensAt: instant(content.opensAt),
    closesAt: instant(content.closesAt),
    receiver: { unit: plainText(r.unit), address: plainText(r.address), email: r.email.trim(), ...(r.phone?.trim() ? { phone: plainText(r.phone) } : {}) },
  };
  // A reason only means something for a short period: a period lengthened later drops it.
  const reason = plainText(content.shortPeriodReason ?? "");
  if (reason && isShort(out)) out.shortPeriodReason = reason;
  if (content.summaryFile) out.summaryFile = content.summaryFile;
  if (content.featuredImage) out.featuredImage = content.featuredImage;
  return out;
}

export const consultations: ContentKind<ConsultationContent, PublishedConsultation> = {
  name: "consultations",
  space: CONSULTATION_SPACE,
  itemType: "consultation",
  noun: "dự thảo",
  contentFields: CONTENT_FIELDS,
  richTextField: "body",
  createSchema: createSchema as unknown as ContentKind["createSchema"],
  updateSchema: updateSchema as unknown as ContentKind["updateSchema"],

  fromCreate(data, { sectionId }) {
    const input = data as z.infer<typeof createSchema>;
    return clean({
      title: input.title,
      summary: input.summary,
      body: input.body,
      sectionId,
      files: input.files.map(unresolved),
      opensAt: input.opensAt,
      closesAt: input.closesAt,
      receiver: input.receiver as Receiver,
      shortPeriodReason: input.shortPeriodReason,
      ...(input.summaryFile ? { summaryFile: unresolved(input.summaryFile) } : {}),
      featuredImage: chosenImage(input.featuredImage, undefined),
    });
  },

  applyUpdate(current, changes, sectionId) {
    const input = changes as Partial<z.infer<typeof updateSchema>>;
    const next: ConsultationContent = { ...current, sectionId };
    for (const field of ["title", "summary", "body", "opensAt", "closesAt", "shortPeriodReason"] as const) if (input[field] !== undefined) next[field] = input[field];
    if (input.receiver) next.receiver = input.receiver as Receiver;
    if (input.files) next.files = input.files.map(unresolved);
    if (input.summaryFile !== undefined) {
      if (input.summaryFile) next.summaryFile = unresolved(input.summaryFile);
      else delete next.summaryFile;
    }
    next.featuredImage = chosenImage(input.featuredImage, current.featuredImage);
    return clean(next);
  },

  /** Media ids → snapshots (name, size, type, URL), re-read at every save so they are never stale. */
  async prepare(content, { store }) {
    const unique = content.files.filter((file, i, all) => all.findIndex((other) => other.id === file.id) === i);
    const [files, summary] = await Promise.all([
      unique.length ? fileSnapshots(store, unique, "files") : Promise.resolve([]),
      content.summaryFile ? fileSnapshots(store, [content.summaryFile], "summaryFile", "Báo cáo tổng hợp, tiếp thu, giải trình") : Promise.resolve([]),
    ]);
    return resolveFeatured({ ...content, files, ...(summary[0] ? { summaryFile: summary[0] } : {}) }, store);
  },

  check(content) {
    if (Buffer.byteLength(content.body, "utf8") > MAX_BODY_BYTES)
      throw invalid("Toàn văn dự thảo quá dài (tối đa khoảng 300 KB sau khi làm sạch). Hãy đưa bản đầy đủ vào tệp đính kèm.", { body: "Quá dài." });
    if (!content.title) throw invalid("Tiêu đề không được để trống.", { title: "Tiêu đề không được để trống." });
    if (!(periodMs(content) > 0)) throw invalid("Thời điểm kết thúc phải sau thời điểm bắt đầu.", { closesAt: "Thời điểm kết thúc phải sau thời điểm bắt đầu." });
    if (isShort(content) && !content.shortPeriodReason)
      throw invalid(`Thời gian lấy ý kiến ngắn hơn ${MIN_PERIOD_DAYS} ngày: hãy nêu lý do (được lưu trong nhật ký).`, {
        shortPeriodReason: `Bắt buộc khi thời gian lấy ý kiến ngắn hơn ${MIN_PERIOD_DAYS} ngày.`,
      });
  },

  missingForReview(content) {
    const missing: Record<string, string> = {};
    if (!content.summary.trim()) missing.summary = "Tóm tắt không được để trống.";
    if (!plainText(content.body).trim()) missing.body = "Toàn văn dự thảo không được để trống.";
    return missing;
  },

  publishedView(content, meta) {
    return {
      id: meta.id,
      slug: meta.slug,
      title: content.title,
      summary: content.summary,
      body: sanitizeRichText(content.body),
      sectionId: content.sectionId,
      files: content.files,
      opensAt: content.opensAt,
      closesAt: content.closesAt,
      receiver: content.receiver,
      ...(content.summaryFile ? { summaryFile: content.summaryFile } : {}),
      ...(content.featuredImage ? { featuredImage: content.featuredImage } : {}),
      publishedAt: meta.publishedAt,
      updatedAt: meta.updatedAt,
      approvedBy: meta.approvedBy,
      ...(meta.revisedAt ? { revisedAt: meta.revisedAt } : {}),
    };
  },

  summaryAttributes: CONSULTATION_SUMMARY_ATTRIBUTES,

  searchDocument: (view) => ({
    id: view.id,
    slug: view.slug,
    url: Urls.consultation(view.slug),
    kind: "consultations",
    sectionId: view.sectionId,
    title: view.title,
    summary: view.summary,
    body: view.body,
    publishedAt: view.publishedAt,
  }),

  reportKind: () => "consultations",
  // Attached files and the summary report are uses in the media library: they cannot be deleted.
  mediaRefs: (content) => [...content.files.map((file) => file.id), ...(content.summaryFile ? [content.summaryFile.id] : []), ...featuredRefs(content)],
  url: Urls.consultation,
  // The list, every draft's page and the feed (one wildcard path), and the home page.
  paths: () => [Urls.withQueries(Urls.consultations()), Urls.home()],

  /** No `section` in the request: the "gop-y-du-thao" section when the portal has one, else a 400 asking for one. */
  defaultSection: sectionBySlug(DEFAULT_SECTION_SLUG, `Hãy chọn chuyên mục cho dự thảo (cổng chưa có chuyên mục mặc định “${DEFAULT_SECTION_SLUG}”).`),

  auditNote: (content) =>
    content.shortPeriodReason ? { shortPeriodReason: content.shortPeriodReason, opensAt: content.opensAt, closesAt: content.closesAt } : undefined,
};

/** An already-approved draft from an archive or the demo seed (engine `importPublished`). */
export function consultationImport(input: Omit<ConsultationContent, "files" | "summaryFile"> & { id?: string; publishedAt: string; files: string[]; summaryFile?: string }) {
  const { id, publishedAt, files, summaryFile, ...content } = input;
  return {
    ...(id ? { id } : {}),
    publishedAt,
    content: clean({ ...content, files: files.map(unresolved), ...(summaryFile ? { summaryFile: unresolved(summaryFile) } : {}) }),
  };
}
