import { GetCommand } from "../storage/db";
import { z } from "zod";
import { fileSnapshots } from "../media/library";
import { chosenImage, featuredImageField, featuredRefs, resolveFeatured } from "../media/snapshots";
import type { ContentKind } from "../publishing/kind";
import {
  DOCUMENT_FIELDS, DOCUMENT_SPACE, DOCUMENT_SUMMARY_ATTRIBUTES, documentFacets, DocumentTypes, notationKey, VALIDITIES,
  type DocumentContent, type DocumentFile, type PublishedDocument, type Validity,
} from "../reader/documents";
import { Published } from "../reader/published";
import { invalid } from "../shared/errors";
import { plainText, sanitizeRichText } from "../shared/html";
import { slugify } from "../shared/text";
import { Urls } from "../shared/urls";
import { isoDateTime, optionalText, text, version } from "../shared/validation";
import { contentKeys } from "../storage/keys";
import { sectionBySlug } from "./default-section";
import type { Store } from "../storage/store";

/**
 * Directive documents (văn bản): number and notation, issuer, dates, subject, signer, validity,
 * files and an optional body (metadata after NĐ 30/2020, Phụ lục VI: subject ≤ 500, issuer ≤ 200
 * characters). Number + issuer + year is unique (`uniqueKeys`, 409); readers list them by type,
 * year, issuer and field (`facets`). The workflow, counts and invalidation are the engine's
 * (docs/architecture.md, "Publishing engine"); reader-side types and reads are reader/documents.ts.
 */

const LIMITS = { docType: 60, number: 50, issuer: 200, subject: 500, signer: 120, signerTitle: 200, body: 200_000, files: 20, ref: 130, section: 120 };
/** DynamoDB items stop at 400 KB; the body is stored on the working copy, a revision and the view. */
const MAX_BODY_BYTES = 300 * 1024;
/** The section whose board approves documents when a request names none. */
export const DOCUMENT_SECTION_SLUG = "van-ban";

const CONTENT_FIELDS = [
  "title", "summary", "sectionId", "docType", "docTypeName", "number", "issuer", "issuerSlug", "issuedAt", "subject", "signer", "signerTitle",
  "field", "effectiveAt", "validity", "replacedBy", "replacedByTitle", "body", "files", "featuredImage",
] as const;

/**
 * A notation: the number, then one to six groups of letters or digits after "-" or "/":
 * 15-CT/TU, 05-NQ/TU, 123/QĐ-UBND, 12/2024/NĐ-CP, 1234/QĐ-TTg. At least one group has a letter.
 */
const NOTATION = /^\d{1,6}(?:[-/][\p{L}\p{N}]{1,20}){1,6}$/u;
const NUMBER_MESSAGE = "Số, ký hiệu không hợp lệ: ghi số rồi ký hiệu, cách nhau bởi dấu - hoặc /, ví dụ 15-CT/TU hoặc 123/QĐ-UBND.";

/** "Số 15 - CT / TU" → "15-CT/TU": what people type around a notation goes. */
export function cleanNumber(raw: string): string {
  return raw.normalize("NFC").trim().replace(/^số\s*:?\s*/iu, "").replace(/\s*([-/])\s*/g, "$1").replace(/\s+/g, " ");
}

export const isNotation = (value: string) => NOTATION.test(value) && /\p{L}/u.test(value);

function isCalendarDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value && value >= "1930-01-01";
}

const day = (label: string) =>
  z.string({ error: `${label} phải là chuỗi dạng YYYY-MM-DD.` }).refine(isCalendarDay, { error: `${label} phải là ngày có thật, dạng YYYY-MM-DD.` });
const mediaId = z.string({ error: "Mỗi tệp là mã tệp trong thư viện." }).regex(/^[\w-]{1,64}$/, { error: "Mã tệp không hợp lệ." });

const fields = {
  docType: text("Loại văn bản", LIMITS.docType),
  number: text("Số, ký hiệu", LIMITS.number),
  issuer: text("Cơ quan ban hành", LIMITS.issuer),
  issuedAt: day("Ngày ban hành"),
  subject: text("Trích yếu", LIMITS.subject),
  signer: optionalText("Người ký", LIMITS.signer),
  signerTitle: optionalText("Chức vụ người ký", LIMITS.signerTitle),
  field: z.union([z.literal(""), z.enum(DOCUMENT_FIELDS.map((f) => f.slug) as [string, ...string[]], { error: "Lĩnh vực không có trong danh sách." })]),
  effectiveAt: z.union([z.literal(""), day("Ngày hiệu lực")]),
  validity: z.enum(VALIDITIES as [Validity, ...Validity[]], { error: "Hiệu lực phải là in-force (còn hiệu lực), expired (hết hiệu lực) hoặc replaced (bị thay thế)." }),
  replacedBy: optionalText("Văn bản thay thế", LIMITS.ref),
  body: optionalText("Nội dung", LIMITS.body),
  files: z.array(mediaId, { error: "Tệp đính kèm (files) phải là danh sách mã tệp." }).max(LIMITS.files, { error: `Tối đa ${LIMITS.files} tệp đính kèm.` }),
};

const createSchema = z.object({
  ...fields,
  signer: fields.signer.optional(),
  signerTitle: fields.signerTitle.optional(),
  field: fields.field.optional(),
  effectiveAt: fields.effectiveAt.optional(),
  validity: fields.validity.default("in-force"),
  replacedBy: fields.replacedBy.optional(),
  body: fields.body.default(""),
  files: fields.files.default([]),
  featuredImage: featuredImageField.optional(),
  section: text("Chuyên mục", LIMITS.section).optional(),
  slug: z.string().max(130).optional(),
  publishedAt: isoDateTime("Ngày đăng").optional(),
});
const updateSchema = z.object({ version, section: text("Chuyên mục", LIMITS.section), featuredImage: featuredImageField, ...fields }).partial().required({ version: true });
type CreateInput = z.infer<typeof createSchema>;
type UpdateInput = Partial<z.infer<typeof updateSchema>>;

/** A file not resolved yet: its media id only (`prepare` makes it a snapshot). */
const ref = (id: string) => ({ id }) as DocumentFile;

/** Text cleaned, empty optional fields dropped, the replacement kept only on a replaced document. */
function clean(content: DocumentContent): DocumentContent {
  const out: DocumentContent = {
    ...content,
    number: cleanNumber(content.number),
    issuer: plainText(content.issuer).trim(),
    subject: plainText(content.subject).trim(),
    body: sanitizeRichText(content.body ?? ""),
  };
  out.issuerSlug = slugify(out.issuer);
  out.summary = out.subject;
  for (const name of ["signer", "signerTitle"] as const) {
    const value = plainText(out[name] ?? "").trim();
    if (value) out[name] = value;
    else delete out[name];
  }
  if (!out.field) delete out.field;
  if (!out.effectiveAt) delete out.effectiveAt;
  if (out.validity !== "replaced" || !out.replacedBy?.trim()) {
    delete out.replacedBy;
    delete out.replacedByTitle;
  } else out.replacedBy = out.replacedBy.trim();
  if (!out.featuredImage) delete out.featuredImage;
  return out;
}

/** "Chỉ thị số 15-CT/TU về tăng cường…", or "Báo cáo số 12-BC/TU: Kết quả…" when the subject does not start with "về". */
export function documentTitle(typeName: string, number: string, subject: string): string {
  const head = `${typeName} số ${number}`;
  if (!subject) return head;
  return /^về\s/iu.test(subject) ? `${head} ${subject.charAt(0).toLowerCase()}${subject.slice(1)}` : `${head}: ${subject}`;
}

const uniqueMessage = (content: Pick<DocumentContent, "number" | "issuer" | "issuedAt">) =>
  `Văn bản số ${content.number} của ${content.issuer} năm ${content.issuedAt.slice(0, 4)} đã có.`;
const uniqueToken = (content: Pick<DocumentContent, "number" | "issuerSlug" | "issuedAt">) =>
  `${notationKey(content.number)}#${content.issuerSlug}#${content.issuedAt.slice(0, 4)}`;

/**
 * The replacing document of `ref`: the slug of a published document, or the id of any document
 * (it may be approved later); 400 when there is none, or when it is this document itself.
 */
async function replacement(store: Store, ref: string, self: DocumentContent): Promise<{ slug: string; title: string }> {
  const view = await Published.find<PublishedDocument>(store, DOCUMENT_SPACE, ref);
  let found: Pick<DocumentContent, "number" | "issuerSlug" | "issuedAt" | "title"> & { slug: string } | undefined = view;
  if (!found && /^[\w-]{1,64}$/.test(ref)) {
    const out = await store.db.send(new GetCommand({ TableName: store.table, Key: contentKeys(DOCUMENT_SPACE).item(ref) }));
    found = out.Item as typeof found;
  }
  if (!found) throw invalid("Không tìm thấy văn bản thay thế: hãy ghi đường dẫn (slug) hoặc mã của văn bản đó.", { replacedBy: "Không tìm thấy văn bản." });
  if (uniqueToken(found) === uniqueToken(self)) throw invalid("Văn bản không thể thay thế chính nó.", { replacedBy: "Hãy chọn văn bản khác." });
  return { slug: found.slug, title: found.title };
}

export const documents: ContentKind<DocumentContent, PublishedDocument> = {
  name: "documents",
  space: DOCUMENT_SPACE,
  itemType: "document",
  noun: "văn bản",
  contentFields: CONTENT_FIELDS,
  richTextField: "body",
  createSchema: createSchema as unknown as ContentKind["createSchema"],
  updateSchema: updateSchema as unknown as ContentKind["updateSchema"],

  /** The section with slug "van-ban" (the documents' board); without one, the request must name a section. */
  defaultSection: sectionBySlug(DOCUMENT_SECTION_SLUG, "Hãy chọn chuyên mục duyệt văn bản (chưa có chuyên mục “Văn bản”)."),

  fromCreate(data, { sectionId }) {
    const input = data as CreateInput;
    // Type name, title, files and the replacing document need the store: `prepare` fills them.
    return clean({
      title: "", summary: "", sectionId,
      docType: input.docType, docTypeName: "", number: input.number, issuer: input.issuer, issuerSlug: "", issuedAt: input.issuedAt,
      subject: input.subject, signer: input.signer, signerTitle: input.signerTitle, field: input.field, effectiveAt: input.effectiveAt,
      validity: input.validity, replacedBy: input.replacedBy, body: input.body, files: [...new Set(input.files)].map(ref),
      featuredImage: chosenImage(input.featuredImage, undefined),
    });
  },

  applyUpdate(current, changes, sectionId) {
    const edit = changes as UpdateInput;
    const next: DocumentContent = { ...current, sectionId };
    for (const [key, value] of Object.entries(edit)) {
      if (value === undefined || key === "files" || key === "version" || key === "section" || key === "featuredImage") continue;
      (next as unknown as Record<string, unknown>)[key] = value;
    }
    next.featuredImage = chosenImage(edit.featuredImage, current.featuredImage);
    if (edit.docType !== undefined && edit.docType !== current.docType) next.docTypeName = "";
    if (edit.replacedBy !== undefined && edit.replacedBy !== current.replacedBy) delete next.replacedByTitle;
    // Files already attached keep their snapshot; new ids are resolved by `prepare`.
    if (edit.files) next.files = [...new Set(edit.files)].map((id) => current.files.find((file) => file.id === id && file.url) ?? ref(id));
    return clean(next);
  },

  /**
   * Store-dependent parts: the type (400 when not in the admins' list; a type removed since the
   * document was saved keeps its name), files not yet resolved (400 for unknown, unready or
   * non-document media), the replacing document; then title and summary.
   */
  async prepare(content, { store }) {
    const out: DocumentContent = { ...content };
    const type = (await DocumentTypes.get(store)).types.find((t) => t.slug === out.docType);
    if (type) out.docTypeName = type.name;
    else if (!out.docTypeName) throw invalid("Loại văn bản không có trong danh sách.", { docType: "Hãy chọn loại văn bản trong danh sách." });
    if (out.files.some((file) => !file.url)) {
      const resolved = await fileSnapshots(store, out.files.filter((file) => !file.url).map((file) => file.id), "files");
      const byId = new Map(resolved.map((file) => [file.id, file]));
      out.files = out.files.map((file) => (file.url ? file : byId.get(file.id)!));
    }
    if (out.validity === "replaced" && out.replacedBy && !out.replacedByTitle) {
      const found = await replacement(store, out.replacedBy, out);
      out.replacedBy = found.slug;
      out.replacedByTitle = found.title;
    }
    out.title = documentTitle(out.docTypeName, out.number, out.subject);
    out.summary = out.subject;
    return resolveFeatured(out, store);
  },

  check(content) {
    if (!isNotation(content.number)) throw invalid(NUMBER_MESSAGE, { number: "Số, ký hiệu không hợp lệ." });
    if (!/[\p{L}\p{N}]/u.test(content.issuer)) throw invalid("Cơ quan ban hành không được để trống.", { issuer: "Bắt buộc." });
    if (!content.subject) throw invalid("Trích yếu không được để trống.", { subject: "Bắt buộc." });
    if (!isCalendarDay(content.issuedAt)) throw invalid("Ngày ban hành không hợp lệ.", { issuedAt: "Ngày có thật, dạng YYYY-MM-DD." });
    if (content.effectiveAt && content.effectiveAt < content.issuedAt)
      throw invalid("Ngày hiệu lực không được trước ngày ban hành.", { effectiveAt: "Ngày hiệu lực phải từ ngày ban hành trở đi." });
    if (content.validity === "replaced" && !content.replacedBy)
      throw invalid("Văn bản bị thay thế phải ghi văn bản thay thế (replacedBy).", { replacedBy: "Bắt buộc khi văn bản bị thay thế." });
    if (content.files.length > LIMITS.files) throw invalid(`Tối đa ${LIMITS.files} tệp đính kèm.`, { files: "Quá nhiều tệp." });
    if (Buffer.byteLength(content.body, "utf8") > MAX_BODY_BYTES)
      throw invalid("Nội dung văn bản quá dài (tối đa khoảng 300 KB sau khi làm sạch).", { body: "Quá dài." });
    if (!content.title) throw invalid("Thiếu tiêu đề văn bản.", { docType: "Bắt buộc." });
  },

  missingForReview(content): Record<string, string> {
    return content.files.length > 0 ? {} : { files: "Văn bản phải có ít nhất một tệp đính kèm." };
  },

  publishedView(content, meta) {
    const view: PublishedDocument = {
      id: meta.id,
      slug: meta.slug,
      title: content.title,
      summary: content.summary,
      sectionId: content.sectionId,
      docType: content.docType,
      docTypeName: content.docTypeName,
      number: content.number,
      issuer: content.issuer,
      issuerSlug: content.issuerSlug,
      issuedAt: content.issuedAt,
      subject: content.subject,
      validity: content.validity,
      body: sanitizeRichText(content.body),
      files: content.files.map(({ id, filename, size, contentType, url }) => ({ id, filename, size, contentType, url })),
      publishedAt: meta.publishedAt,
      updatedAt: meta.updatedAt,
      approvedBy: meta.approvedBy,
    };
    for (const name of ["signer", "signerTitle", "field", "effectiveAt", "replacedBy", "replacedByTitle"] as const) if (content[name]) view[name] = content[name];
    if (content.featuredImage) view.featuredImage = content.featuredImage;
    if (meta.revisedAt) view.revisedAt = meta.revisedAt;
    return view;
  },

  summaryAttributes: DOCUMENT_SUMMARY_ATTRIBUTES,

  searchDocument: (view) => ({
    id: view.id,
    slug: view.slug,
    url: Urls.document(view.slug),
    kind: "documents",
    sectionId: view.sectionId,
    // The title carries type, notation and subject: "15-CT/TU" is indexed as 15, ct, tu, so any
    // spelling of the notation finds it (reader/search-text.ts).
    title: view.title,
    summary: view.subject,
    body: [view.issuer, view.signer, view.signerTitle].filter(Boolean).map((line) => `<p>${escapeHtml(line!)}</p>`).join("") + view.body,
    publishedAt: view.publishedAt,
  }),

  reportKind: () => "documents",
  // Attached files are uses in the media library: a file of a document cannot be deleted.
  mediaRefs: (content) => [...content.files.map((file) => file.id), ...featuredRefs(content)],
  uniqueKeys: (content) => [{ token: uniqueToken(content), field: "number", message: uniqueMessage(content) }],
  facets: (view) => documentFacets(view),

  url: Urls.document,
  // "/van-ban*" covers every list page (filters, pages) and the feed; "/" shows "Văn bản mới".
  paths: ({ slug }) => [Urls.document(slug), Urls.withQueries(Urls.documents()), Urls.home()],
};

const escapeHtml = (value: string) => value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** An already-approved document from an archive or the demo seed (engine `importPublished`). */
export interface DocumentImport {
  id?: string;
  /** Section id. */
  sectionId: string;
  docType: string;
  number: string;
  issuer: string;
  issuedAt: string;
  subject: string;
  signer?: string;
  signerTitle?: string;
  field?: string;
  effectiveAt?: string;
  validity?: Validity;
  replacedBy?: string;
  body?: string;
  /** Media ids of ready files. */
  files: string[];
  publishedAt: string;
}

/** The engine's import request for a document, cleaned like an editor's; `prepare` resolves the rest. */
export function documentImport(input: DocumentImport) {
  const { id, publishedAt, files, ...rest } = input;
  const content = clean({
    ...rest, title: "", summary: "", docTypeName: "", issuerSlug: "", validity: rest.validity ?? "in-force", body: rest.body ?? "", files: [...new Set(files)].map(ref),
  });
  return { ...(id ? { id } : {}), publishedAt, content };
}
