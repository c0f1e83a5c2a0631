import { QueryCommand } from "../storage/db";
import type { Section } from "../sections/sections";
import { invalid } from "../shared/errors";
import { isSlug } from "../shared/text";
import { OPEN_DATASETS, Urls } from "../shared/urls";
import { contentKeys, Keys } from "../storage/keys";
import { decodeCursor, encodeCursor } from "../storage/page";
import type { Store } from "../storage/store";
import { CONSULTATION_SPACE } from "./consultations";
import { DOCUMENT_FIELDS, DOCUMENT_SPACE, typeName, type DocumentType } from "./documents";
import type { ImageSnapshot } from "./images";
import { SCHEDULE_SPACE, SESSION_LABELS, type ScheduleEntry } from "./schedules";

/**
 * Open data (docs/architecture.md, "Contract"): published news, documents, schedules and
 * consultations as read-only JSON under /api/public/<dataset>, paged with opaque cursors
 * (storage/page.ts), filtered by Vietnam day of publication, section and type. Reader-safe: no zod
 * (parameters are checked by hand), no sanitizer (bodies are the published, sanitized HTML).
 *
 * Reads: one Query of the kind's published views by section (gsi1) or across sections (gsi2), the
 * sort key (`<publishedAt>#<id>`) bounded by `from`/`to`, newest first; the same indexes as
 * reader/published.ts `inSection`/`latest`, which take no sort-key bounds, hence a Query of our
 * own here. Only the public attributes are projected (never `approvedBy.id`, a consultation's
 * `shortPeriodReason`, versions or keys), then each item is rebuilt field by field.
 *
 * `type` (news: news|collected; documents: a type slug) is no index: it is a FilterExpression, and a
 * request reads at most READ_BOUNDS.queries Queries of READ_BOUNDS.filteredPageSize views. A page
 * may then hold fewer than `limit` items, even none, while `next` is still given.
 */

export type DatasetName = (typeof OPEN_DATASETS)[number];
type View = Record<string, any>;

export interface ItemContext {
  /** Public origin, for absolute URLs. */
  origin: string;
  sections: readonly Section[];
  /** The admins' document types (documents only; names of types). */
  types: readonly DocumentType[];
}

export interface Dataset {
  name: DatasetName;
  /** Key space of the kind (publishing/kind.ts `space`). */
  space: string;
  title: string;
  description: string;
  /** The stored attribute `type` filters on, and the values it takes (documents: the admins' list). */
  type?: { attribute: string; values(context: Pick<ItemContext, "types">): readonly DocumentType[] };
  /** Attributes read from the view (dotted: a part of a map). */
  attributes: readonly string[];
  item(view: View, context: ItemContext): Record<string, unknown>;
}

export const ARTICLE_TYPES: readonly DocumentType[] = [
  { slug: "news", name: "Tin bài của Ban Biên tập" },
  { slug: "collected", name: "Tin sưu tầm (ghi nguồn)" },
];

const text = (value: unknown): string | null => (typeof value === "string" && value !== "" ? value : null);

/** An absolute http(s) URL of a site path or stored address, or null (never a javascript: link). */
function absolute(href: unknown, origin: string): string | null {
  if (typeof href !== "string" || href === "") return null;
  try {
    const url = new URL(href, origin);
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
  } catch {
    return null;
  }
}

function section(id: unknown, context: ItemContext) {
  const found = context.sections.find((s) => s.id === id);
  return found ? { slug: found.slug, name: found.name } : null;
}

function image(snapshot: ImageSnapshot | undefined, origin: string) {
  if (!snapshot || !Array.isArray(snapshot.variants)) return null;
  return {
    alt: snapshot.alt,
    width: snapshot.width,
    height: snapshot.height,
    variants: snapshot.variants.map((v) => ({ width: v.width, format: v.format, url: absolute(v.url, origin) ?? "" })),
  };
}

const file = (f: View, origin: string) => ({ filename: f.filename, size: f.size, contentType: f.contentType, url: absolute(f.url, origin) ?? "" });
const files = (list: unknown, origin: string) => (Array.isArray(list) ? list.map((f) => file(f, origin)) : []);

/** What every item carries, first and last. */
const head = (v: View, url: string, context: ItemContext) => ({ id: v.id, slug: v.slug, url: absolute(url, context.origin)! });
const dates = (v: View) => ({ publishedAt: v.publishedAt, updatedAt: v.updatedAt, revisedAt: text(v.revisedAt) });
const COMMON = ["id", "slug", "title", "sectionId", "publishedAt", "updatedAt", "revisedAt"];

export const DATASETS: readonly Dataset[] = [
  {
    name: "news",
    space: "ARTICLE",
    title: "Tin bài",
    description: "Tin bài đã đăng: tiêu đề, tóm tắt, nội dung (HTML), chuyên mục, tác giả, thẻ, ảnh đại diện, nguồn của tin sưu tầm.",
    type: { attribute: "kind", values: () => ARTICLE_TYPES },
    attributes: [...COMMON, "kind", "summary", "body", "byline", "tags", "sourceName", "sourceUrl", "image", "featuredImage"],
    item: (v, context) => ({
      ...head(v, Urls.article(v.slug), context),
      type: v.kind,
      title: v.title,
      summary: v.summary ?? "",
      body: v.body ?? "",
      section: section(v.sectionId, context),
      byline: text(v.byline),
      tags: Array.isArray(v.tags) ? v.tags : [],
      source: v.kind === "collected" && text(v.sourceName) ? { name: v.sourceName, url: absolute(v.sourceUrl, context.origin) } : null,
      image: absolute(v.image, context.origin),
      featuredImage: image(v.featuredImage, context.origin),
      ...dates(v),
    }),
  },
  {
    name: "documents",
    space: DOCUMENT_SPACE,
    title: "Văn bản",
    description: "Văn bản chỉ đạo đã đăng: số, ký hiệu, loại, cơ quan ban hành, ngày ban hành, trích yếu, người ký, lĩnh vực, hiệu lực, tệp đính kèm.",
    type: { attribute: "docType", values: (context) => context.types },
    attributes: [
      ...COMMON, "docType", "docTypeName", "number", "issuer", "issuedAt", "effectiveAt", "subject", "signer", "signerTitle", "field",
      "validity", "replacedBy", "replacedByTitle", "body", "files", "featuredImage", "approvedBy.name",
    ],
    item: (v, context) => {
      const field = DOCUMENT_FIELDS.find((f) => f.slug === v.field);
      return {
        ...head(v, Urls.document(v.slug), context),
        title: v.title,
        number: v.number,
        type: v.docType,
        typeName: typeName(context.types, { docType: v.docType, docTypeName: v.docTypeName }),
        subject: v.subject,
        issuer: v.issuer,
        issuedAt: v.issuedAt,
        effectiveAt: text(v.effectiveAt),
        signer: text(v.signer),
        signerTitle: text(v.signerTitle),
        field: field ? { slug: field.slug, name: field.name } : null,
        validity: v.validity,
        replacedBy: text(v.replacedBy) ? { url: absolute(Urls.document(v.replacedBy), context.origin), title: text(v.replacedByTitle) } : null,
        body: v.body ?? "",
        files: files(v.files, context.origin),
        featuredImage: image(v.featuredImage, context.origin),
        section: section(v.sectionId, context),
        approvedBy: text(v.approvedBy?.name),
        ...dates(v),
      };
    },
  },
  {
    name: "schedules",
    space: SCHEDULE_SPACE,
    title: "Lịch công tác",
    description: "Lịch công tác tuần đã đăng của từng cơ quan, đơn vị: từng buổi, giờ, nội dung, chủ trì, thành phần, địa điểm, đơn vị chuẩn bị.",
    attributes: [...COMMON, "summary", "ownerSlug", "ownerName", "week", "monday", "sunday", "entries", "note", "approvedBy.name"],
    item: (v, context) => ({
      ...head(v, Urls.scheduleWeek(v.slug), context),
      calendarUrl: absolute(Urls.scheduleCalendar(v.week, v.ownerSlug), context.origin),
      title: v.title,
      summary: v.summary ?? "",
      owner: { slug: v.ownerSlug, name: v.ownerName },
      week: v.week,
      monday: v.monday,
      sunday: v.sunday,
      entries: (Array.isArray(v.entries) ? (v.entries as ScheduleEntry[]) : []).map((e) => ({
        date: e.date,
        session: e.session,
        sessionName: SESSION_LABELS[e.session] ?? e.session,
        time: text(e.time),
        content: e.content,
        leader: text(e.leader),
        participants: text(e.participants),
        location: text(e.location),
        preparer: text(e.preparer),
      })),
      note: text(v.note),
      section: section(v.sectionId, context),
      approvedBy: text(v.approvedBy?.name),
      ...dates(v),
    }),
  },
  {
    name: "consultations",
    space: CONSULTATION_SPACE,
    title: "Góp ý dự thảo",
    description: "Dự thảo văn bản lấy ý kiến Nhân dân: nội dung, thời gian lấy ý kiến, đơn vị tiếp nhận, tệp dự thảo, báo cáo tiếp thu, giải trình.",
    attributes: [...COMMON, "summary", "body", "opensAt", "closesAt", "receiver", "files", "summaryFile", "featuredImage"],
    item: (v, context) => ({
      ...head(v, Urls.consultation(v.slug), context),
      title: v.title,
      summary: v.summary ?? "",
      body: v.body ?? "",
      opensAt: v.opensAt,
      closesAt: v.closesAt,
      receiver: { unit: v.receiver?.unit ?? "", address: v.receiver?.address ?? "", email: v.receiver?.email ?? "", phone: text(v.receiver?.phone) },
      files: files(v.files, context.origin),
      summaryFile: v.summaryFile ? file(v.summaryFile, context.origin) : null,
      featuredImage: image(v.featuredImage, context.origin),
      section: section(v.sectionId, context),
      ...dates(v),
    }),
  },
];

export const datasetNamed = (name: string) => DATASETS.find((d) => d.name === name);

// ───────────── Parameters ─────────────

export const OPEN_DATA_LIMIT = { default: 20, max: 100 } as const;

/** How much one request may read: Queries, views per Query with a `type` filter, bytes of items. */
export const READ_BOUNDS = { queries: 5, filteredPageSize: 100, maxBytes: 3 * 1024 * 1024 };

export interface OpenDataQuery {
  /** Vietnam days "YYYY-MM-DD", inclusive. */
  from?: string;
  to?: string;
  sectionId?: string;
  type?: string;
  cursor?: string;
  limit: number;
}

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const LIMIT_PATTERN = /^\d{1,3}$/;
const MAX_CURSOR = 2048;

function isDay(value: string): boolean {
  if (!DAY_PATTERN.test(value)) return false;
  const year = Number(value.slice(0, 4));
  const date = new Date(`${value}T00:00:00Z`);
  return year >= 1900 && year <= 2100 && !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

const bad = (name: string, message: string) => invalid(message, { [name]: message });

/**
 * The parameters of a request, checked by hand: an empty value is no filter; anything else that
 * is not a value the dataset takes is a 400 naming the parameter. Unknown parameters are ignored
 * (the CDN drops them before they reach us anyway).
 */
export function openDataQuery(
  dataset: Dataset,
  param: (name: string) => string | undefined,
  context: Pick<ItemContext, "sections" | "types">,
): OpenDataQuery {
  const value = (name: string) => {
    const raw = param(name)?.trim();
    return raw ? raw : undefined;
  };
  const query: OpenDataQuery = { limit: OPEN_DATA_LIMIT.default };
  for (const name of ["from", "to"] as const) {
    const day = value(name);
    if (day === undefined) continue;
    if (!isDay(day)) throw bad(name, `Tham số ${name} phải là một ngày có thật dạng YYYY-MM-DD, ví dụ 2026-11-28.`);
    query[name] = day;
  }
  if (query.from && query.to && query.from > query.to) throw bad("to", "Tham số to phải là ngày sau hoặc trùng ngày from.");
  const sectionSlug = value("section");
  if (sectionSlug !== undefined) {
    const found = isSlug(sectionSlug) ? context.sections.find((s) => s.slug === sectionSlug) : undefined;
    if (!found) throw bad("section", "Tham số section phải là đường dẫn của một chuyên mục trên cổng (xem trang /du-lieu-mo).");
    query.sectionId = found.id;
  }
  const type = value("type");
  if (type !== undefined) {
    if (!dataset.type) throw bad("type", `Tham số type không dùng được với dữ liệu ${dataset.title.toLowerCase()}.`);
    const values = dataset.type.values(context);
    if (!values.some((t) => t.slug === type)) {
      throw bad("type", `Tham số type của dữ liệu ${dataset.title.toLowerCase()} chỉ nhận: ${values.map((t) => t.slug).join(", ")}.`);
    }
    query.type = type;
  }
  const limit = value("limit");
  if (limit !== undefined) {
    if (!LIMIT_PATTERN.test(limit) || Number(limit) < 1 || Number(limit) > OPEN_DATA_LIMIT.max) {
      throw bad("limit", `Tham số limit phải là số nguyên từ 1 đến ${OPEN_DATA_LIMIT.max}.`);
    }
    query.limit = Number(limit);
  }
  const cursor = value("cursor");
  if (cursor !== undefined) {
    if (cursor.length > MAX_CURSOR) throw badCursor();
    query.cursor = cursor;
  }
  return query;
}

const badCursor = () =>
  bad("cursor", "Tham số cursor không hợp lệ: hãy dùng đúng giá trị next của trang trước, với cùng các tham số from, to và section.");

/** The instant a Vietnam day starts, ISO-8601 UTC (the published views' sort keys start with one). */
const dayStart = (day: string) => new Date(`${day}T00:00:00+07:00`).toISOString();
const nextDayStart = (day: string) => new Date(Date.parse(`${day}T00:00:00+07:00`) + 86_400_000).toISOString();

/** `ExpressionAttributeNames` and `ProjectionExpression` for attributes, dotted ones as map paths. */
function projection(attributes: readonly string[]) {
  const names: Record<string, string> = {};
  const paths = attributes.map((attribute, i) =>
    attribute
      .split(".")
      .map((part, j) => {
        names[`#p${i}_${j}`] = part;
        return `#p${i}_${j}`;
      })
      .join("."),
  );
  return { names, expression: paths.join(", ") };
}

export interface OpenDataPage {
  items: Record<string, unknown>[];
  /** The cursor of the next page; null on the last one. */
  next: string | null;
}

/** One page of a dataset, newest publication first (module comment: what it reads). */
export async function readDataset(store: Store, dataset: Dataset, query: OpenDataQuery, context: ItemContext, bounds = READ_BOUNDS): Promise<OpenDataPage> {
  const keys = contentKeys(dataset.space);
  const index = query.sectionId ? "gsi1" : "gsi2";
  const partition = query.sectionId ? keys.publishedInSection(query.sectionId) : keys.publishedLatest();
  // An upper bound of the next day's first instant keeps that instant's items out: "<instant>#<id>" sorts after it.
  const range = Keys.publishedRange(query.from && dayStart(query.from), query.to && nextDayStart(query.to));
  const keyNames = ["pk", "sk", `${index}pk`, `${index}sk`];
  let start: Record<string, unknown> | undefined;
  try {
    start = decodeCursor(query.cursor, { keys: keyNames, partition: { [`${index}pk`]: partition } });
  } catch {
    throw badCursor();
  }
  const sort = start?.[`${index}sk`] as string | undefined;
  if (sort !== undefined && (sort < range.from || sort > range.to)) throw badCursor();

  const filter = query.type && dataset.type ? { attribute: dataset.type.attribute, value: query.type } : undefined;
  const { names, expression } = projection([...new Set([...keyNames, ...dataset.attributes])]);
  const keyOf = (view: View) => Object.fromEntries(keyNames.map((name) => [name, view[name]]));
  const items: Record<string, unknown>[] = [];
  let bytes = 0;
  for (let reads = 0; reads < bounds.queries; reads++) {
    const out = await store.db.send(
      new QueryCommand({
        TableName: store.table,
        IndexName: index,
        KeyConditionExpression: "#pk = :pk AND #sk BETWEEN :from AND :to",
        ...(filter ? { FilterExpression: "#type = :type" } : {}),
        ExpressionAttributeNames: { ...names, "#pk": `${index}pk`, "#sk": `${index}sk`, ...(filter ? { "#type": filter.attribute } : {}) },
        ExpressionAttributeValues: { ":pk": partition, ":from": range.from, ":to": range.to, ...(filter ? { ":type": filter.value } : {}) },
        ProjectionExpression: expression,
        ScanIndexForward: false,
        // Unfiltered: one view more than needed tells whether another page exists.
        Limit: filter ? bounds.filteredPageSize : query.limit - items.length + 1,
        ExclusiveStartKey: start,
      }),
    );
    let last: View | undefined;
    for (const view of out.Items ?? []) {
      const item = dataset.item(view, context);
      const size = Buffer.byteLength(JSON.stringify(item));
      // Full, or over the byte budget (a Lambda answer is at most 6 MB): the next page starts after the last item kept.
      if (items.length >= query.limit || (items.length > 0 && bytes + size > bounds.maxBytes)) return { items, next: encodeCursor(keyOf(last ?? start!))! };
      items.push(item);
      bytes += size;
      last = view;
    }
    start = out.LastEvaluatedKey;
    if (!start) return { items, next: null };
  }
  // Read bound reached with views left: go on from the last one read.
  return { items, next: encodeCursor(start) ?? null };
}
