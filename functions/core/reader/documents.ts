import { GetCommand } from "../storage/db";
import type { BaseContent, PublicationMeta } from "../publishing/kind";
import { invalid, notFound } from "../shared/errors";
import { foldVietnamese, isSlug, slugify } from "../shared/text";
import { DocumentKeys } from "../storage/keys";
import type { Page } from "../storage/page";
import type { Store } from "../storage/store";
import { Published } from "./published";
import { queryTokens, words } from "./search-text";

/**
 * Directive documents (văn bản: nghị quyết, chỉ thị, kết luận…) as readers see them, and the
 * admins' list of document types. Reader-safe: no zod, no sanitizer (the editor side is
 * content/documents.ts and content/document-types.ts). A document's page is one GetItem by slug;
 * `/van-ban` lists come from the kind's facet partitions (docs/architecture.md, "Publishing engine":
 * `facets`), newest issue date first.
 */

export const DOCUMENT_SPACE = "DOCUMENT";
export const DOCUMENTS_PAGE_SIZE = 20;
/** Like the site search's limit. */
const MAX_QUERY_LENGTH = 200;

export type Validity = "in-force" | "expired" | "replaced";
export const VALIDITIES: readonly Validity[] = ["in-force", "expired", "replaced"];

/** A document type (loại văn bản); the slug is what documents store and `?loai=` takes. */
export interface DocumentType {
  slug: string;
  name: string;
}

export interface DocumentTypeList {
  /** 0 while the defaults were never saved. */
  version: number;
  types: DocumentType[];
}

const TYPE_NAMES = [
  "Nghị quyết", "Chỉ thị", "Kết luận", "Quyết định", "Quy định", "Thông báo", "Kế hoạch",
  "Báo cáo", "Hướng dẫn", "Công văn", "Quy chế", "Chương trình", "Tờ trình", "Đề án",
];
export const DEFAULT_DOCUMENT_TYPES: readonly DocumentType[] = TYPE_NAMES.map((name) => ({ slug: slugify(name), name }));

/**
 * Fields (lĩnh vực): a fixed list, not an admin one. It is a classification readers filter by,
 * and a stable list keeps `?linh-vuc=` addresses stable; a new field is a code change here.
 */
export const DOCUMENT_FIELDS: readonly DocumentType[] = [
  { slug: "xay-dung-dang", name: "Xây dựng Đảng" },
  { slug: "to-chuc-can-bo", name: "Tổ chức, cán bộ" },
  { slug: "kiem-tra-giam-sat", name: "Kiểm tra, giám sát" },
  { slug: "tuyen-giao-dan-van", name: "Tuyên giáo, dân vận" },
  { slug: "noi-chinh-phong-chong-tham-nhung", name: "Nội chính, phòng chống tham nhũng" },
  { slug: "kinh-te", name: "Kinh tế" },
  { slug: "van-hoa-xa-hoi", name: "Văn hóa, xã hội" },
  { slug: "quoc-phong-an-ninh", name: "Quốc phòng, an ninh" },
  { slug: "cai-cach-hanh-chinh-chuyen-doi-so", name: "Cải cách hành chính, chuyển đổi số" },
  { slug: "khac", name: "Lĩnh vực khác" },
];

/** An attached file as stored on the document (a snapshot of the media record). */
export interface DocumentFile {
  id: string;
  filename: string;
  size: number;
  contentType: string;
  url: string;
}

export interface DocumentContent extends BaseContent {
  /** Type slug (the admins' list). */
  docType: string;
  /** The type's name when the text was last saved (shown if the type is later renamed or removed). */
  docTypeName: string;
  /** Full notation, "15-CT/TU". */
  number: string;
  issuer: string;
  /** slugify(issuer): the issuer facet and `?co-quan=`. */
  issuerSlug: string;
  /** "YYYY-MM-DD" */
  issuedAt: string;
  /** Trích yếu (also the summary). */
  subject: string;
  signer?: string;
  signerTitle?: string;
  /** A DOCUMENT_FIELDS slug. */
  field?: string;
  /** "YYYY-MM-DD", not before issuedAt. */
  effectiveAt?: string;
  validity: Validity;
  /** Slug of the replacing document (validity "replaced"), and its title when it was linked. */
  replacedBy?: string;
  replacedByTitle?: string;
  /** Sanitized rich text; may be "". */
  body: string;
  files: DocumentFile[];
}

export interface PublishedDocument extends DocumentContent, PublicationMeta {}

/** What lists, facet entries and the home box carry of a document (never body or files). */
export const DOCUMENT_SUMMARY_ATTRIBUTES = [
  "id", "slug", "title", "summary", "sectionId", "docType", "docTypeName", "number", "issuer", "issuerSlug", "issuedAt", "field", "validity", "publishedAt",
] as const;
export type DocumentSummary = Pick<PublishedDocument, (typeof DOCUMENT_SUMMARY_ATTRIBUTES)[number]>;

/** Facet values of the kind (kind `facets`); "all" lists every live document by issue date. */
export const DocumentFacet = {
  all: "all",
  type: (slug: string) => `type:${slug}`,
  year: (year: string) => `year:${year}`,
  issuer: (slug: string) => `issuer:${slug}`,
  field: (slug: string) => `field:${slug}`,
};

/** The facets of a published document: newest issue date first, then newest publication. */
export function documentFacets(view: Pick<PublishedDocument, "docType" | "issuedAt" | "issuerSlug" | "field" | "publishedAt">) {
  const values = [DocumentFacet.all, DocumentFacet.type(view.docType), DocumentFacet.year(view.issuedAt.slice(0, 4)), DocumentFacet.issuer(view.issuerSlug)];
  if (view.field) values.push(DocumentFacet.field(view.field));
  return { values, sort: `${view.issuedAt}#${view.publishedAt}` };
}

/** "15-CT/TU", "15 ct tu", "ct/tu 15"… → "15-ct-tu": the notation without case, marks or separators (in order). */
export function notationKey(number: string): string {
  return (foldVietnamese(number).match(/[a-z0-9]+/g) ?? []).join("-");
}

/** The type's current name, else the one the document was saved with. */
export const typeName = (types: readonly DocumentType[], doc: Pick<DocumentSummary, "docType" | "docTypeName">) =>
  types.find((t) => t.slug === doc.docType)?.name ?? doc.docTypeName;

export const DocumentTypes = {
  /** The admins' list, or the defaults (version 0) until it is first saved. One GetItem. */
  async get(store: Store): Promise<DocumentTypeList> {
    const out = await store.db.send(new GetCommand({ TableName: store.table, Key: DocumentKeys.types() }));
    if (!out.Item) return { version: 0, types: DEFAULT_DOCUMENT_TYPES.map((t) => ({ ...t })) };
    return { version: out.Item.version as number, types: (out.Item.types as DocumentType[]).map(({ slug, name }) => ({ slug, name })) };
  },
};

/** `/van-ban` filters; every one optional. */
export interface DocumentFilters {
  type?: string;
  year?: string;
  issuer?: string;
  field?: string;
  q?: string;
}

/** Query parameter of each filter (shared/urls.ts PAGE_QUERY_PARAMS lists them for the CDN). */
export const FILTER_PARAMS: Record<keyof DocumentFilters, string> = { type: "loai", year: "nam", issuer: "co-quan", field: "linh-vuc", q: "q" };

/**
 * The filters of a request: an empty value (an untouched select of the form) is no filter;
 * anything else that is not a value the page offers is a 400.
 */
export function documentFilters(param: (name: string) => string | undefined, types: readonly DocumentType[]): DocumentFilters {
  const value = (key: keyof DocumentFilters) => {
    const raw = param(FILTER_PARAMS[key]);
    return raw === undefined || raw.trim() === "" ? undefined : raw.trim();
  };
  const filters: DocumentFilters = {};
  const type = value("type");
  if (type !== undefined) {
    if (!types.some((t) => t.slug === type)) throw invalid("Loại văn bản không có trong danh sách.", { loai: "Không có loại văn bản này." });
    filters.type = type;
  }
  const year = value("year");
  if (year !== undefined) {
    if (!/^\d{4}$/.test(year) || Number(year) < 1930 || Number(year) > 2100) throw invalid("Năm ban hành không hợp lệ.", { nam: "Năm có bốn chữ số, ví dụ 2026." });
    filters.year = year;
  }
  const issuer = value("issuer");
  if (issuer !== undefined) {
    if (!isSlug(issuer)) throw invalid("Cơ quan ban hành không hợp lệ.", { "co-quan": "Không hợp lệ." });
    filters.issuer = issuer;
  }
  const field = value("field");
  if (field !== undefined) {
    if (!DOCUMENT_FIELDS.some((f) => f.slug === field)) throw invalid("Lĩnh vực không có trong danh sách.", { "linh-vuc": "Không có lĩnh vực này." });
    filters.field = field;
  }
  // As the site search normalizes it (search.ts `normalizeQuery`, not imported: the staff
  // function loads this module through content/documents.ts and must not bundle search.ts).
  const q = (param(FILTER_PARAMS.q) ?? "").normalize("NFC").replace(/\s+/g, " ").trim();
  if (q.length > MAX_QUERY_LENGTH) throw invalid(`Từ khóa tìm kiếm quá dài (tối đa ${MAX_QUERY_LENGTH} ký tự).`, { q: `Tối đa ${MAX_QUERY_LENGTH} ký tự.` });
  if (q) filters.q = q;
  return filters;
}

/** The filters as query parameters (for links and the canonical URL); absent ones left out. */
export function filterQuery(filters: DocumentFilters): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(FILTER_PARAMS) as (keyof DocumentFilters)[]) if (filters[key]) out[FILTER_PARAMS[key]] = filters[key]!;
  return out;
}

/**
 * Whether a document matches the text of `q`: every query word, diacritics folded, is a word of
 * its title (type, number, subject), number, issuer or subject. The same words and folding as the
 * site search (search-text.ts), so "15-CT/TU", "15 CT TU" and "ct/tu 15" all find 15-CT/TU.
 */
export function textMatcher(q: string | undefined): (doc: DocumentSummary) => boolean {
  const wanted = q ? queryTokens(q).map(foldVietnamese) : [];
  if (wanted.length === 0) return () => true;
  return (doc) => {
    const have = new Set(words(`${doc.title} ${doc.number} ${doc.issuer} ${doc.summary}`).map(foldVietnamese));
    return wanted.every((token) => have.has(token));
  };
}

function matches(filters: DocumentFilters): (doc: DocumentSummary) => boolean {
  const text = textMatcher(filters.q);
  return (doc) =>
    (!filters.type || doc.docType === filters.type) &&
    (!filters.year || doc.issuedAt.startsWith(filters.year)) &&
    (!filters.issuer || doc.issuerSlug === filters.issuer) &&
    (!filters.field || doc.field === filters.field) &&
    text(doc);
}

/**
 * How much a list page reads of one facet partition: `pages` Queries of `pageSize` entries (the
 * summary attributes only, a few hundred bytes each). Tests shrink it to exercise the bound.
 */
export interface ScanLimits {
  pageSize: number;
  pages: number;
}
export const SCAN_LIMITS: ScanLimits = { pageSize: 100, pages: 5 };

interface Scan {
  items: DocumentSummary[];
  /** Every entry of the partition was read. */
  complete: boolean;
}

const list = (store: Store, facet: string, limit: number, cursor?: string): Promise<Page<DocumentSummary>> =>
  Published.withFacet<DocumentSummary>(store, DOCUMENT_SPACE, facet, { limit, cursor, attributes: DOCUMENT_SUMMARY_ATTRIBUTES });

/** Reads a partition from `first` (its first page, when already read) up to the bound. */
async function scan(store: Store, facet: string, limits: ScanLimits, first?: Page<DocumentSummary>): Promise<Scan> {
  let page = first ?? (await list(store, facet, limits.pageSize));
  const items = [...page.items];
  for (let read = 1; page.next && read < limits.pages; read++) {
    page = await list(store, facet, limits.pageSize, page.next);
    items.push(...page.items);
  }
  return { items, complete: !page.next };
}

export interface DocumentListing {
  items: DocumentSummary[];
  total: number;
  pages: number;
  /** More documents exist than the page read: counts and results cover the newest ones only. */
  truncated: boolean;
  /** Options of the filter form, from the newest documents: issuers by name, years newest first. */
  issuers: DocumentType[];
  years: string[];
}

export const Documents = {
  /** A published document, or a 404. One GetItem. */
  get: (store: Store, slug: string) => Published.get<PublishedDocument>(store, DOCUMENT_SPACE, slug, "Văn bản này không tồn tại hoặc chưa được đăng."),

  /** The newest documents by issue date (home page box "Văn bản mới"). One Query. */
  latest: async (store: Store, limit = 5): Promise<DocumentSummary[]> => (await list(store, DocumentFacet.all, limit)).items,

  /**
   * Page `page` of the documents matching `filters`, newest issue date first, with the count.
   *
   * DynamoDB has no OFFSET and keeps no per-filter counts, so a page is computed in memory from a
   * bounded read (SCAN_LIMITS: at most 5 Queries of 100 summaries per partition):
   *  1. the "all" partition, newest first: the form's issuer and year options, and, when it fits
   *     in the bound (a provincial committee publishes some fifty documents a year), every
   *     candidate: the filters are then applied in memory, counts exact;
   *  2. past the bound, with filters: the most selective of the requested facet partitions
   *     (type, year, issuer, field), found by reading the first page of each in parallel (one that
   *     ends on it is complete; the smallest complete one wins, else the first requested), read up
   *     to the bound; the other filters and `q` are applied in memory.
   * When the bound cuts a partition, `truncated` says the results cover the newest documents
   * only and the page asks the reader to narrow the filters.
   */
  async list(store: Store, filters: DocumentFilters, page: number, limits: ScanLimits = SCAN_LIMITS): Promise<DocumentListing> {
    const all = await scan(store, DocumentFacet.all, limits);
    const facets = [
      filters.year && DocumentFacet.year(filters.year),
      filters.type && DocumentFacet.type(filters.type),
      filters.field && DocumentFacet.field(filters.field),
      filters.issuer && DocumentFacet.issuer(filters.issuer),
    ].filter((facet): facet is string => Boolean(facet));
    let candidates: Scan = all;
    if (!all.complete && facets.length > 0) {
      const firsts = await Promise.all(facets.map((facet) => list(store, facet, limits.pageSize)));
      const complete = firsts.map((first, i) => ({ first, i })).filter(({ first }) => !first.next);
      const chosen = complete.length > 0 ? complete.reduce((a, b) => (b.first.items.length < a.first.items.length ? b : a)).i : 0;
      candidates = await scan(store, facets[chosen]!, limits, firsts[chosen]);
    }
    const matched = candidates.items.filter(matches(filters));
    const start = (page - 1) * DOCUMENTS_PAGE_SIZE;
    return {
      items: matched.slice(start, start + DOCUMENTS_PAGE_SIZE),
      total: matched.length,
      pages: Math.max(1, Math.ceil(matched.length / DOCUMENTS_PAGE_SIZE)),
      truncated: !candidates.complete,
      ...formOptions(all.items),
    };
  },

  /** Up to `limit` other live documents of the same type, then of the same issuer. Two Queries. */
  async related(store: Store, doc: Pick<PublishedDocument, "id" | "docType" | "issuerSlug">, limit = 5): Promise<DocumentSummary[]> {
    const [sameType, sameIssuer] = await Promise.all([
      list(store, DocumentFacet.type(doc.docType), limit + 1),
      list(store, DocumentFacet.issuer(doc.issuerSlug), limit + 1),
    ]);
    const seen = new Set([doc.id]);
    const out: DocumentSummary[] = [];
    for (const item of [...sameType.items, ...sameIssuer.items]) {
      if (seen.has(item.id) || out.length >= limit) continue;
      seen.add(item.id);
      out.push(item);
    }
    return out;
  },
};

let collator: Intl.Collator | undefined;

function formOptions(items: readonly DocumentSummary[]): { issuers: DocumentType[]; years: string[] } {
  const issuers = new Map<string, string>();
  const years = new Set<string>();
  // Newest first: an issuer's name is the one of its newest document.
  for (const item of items) {
    if (!issuers.has(item.issuerSlug)) issuers.set(item.issuerSlug, item.issuer);
    years.add(item.issuedAt.slice(0, 4));
  }
  return {
    issuers: [...issuers].map(([slug, name]) => ({ slug, name })).sort((a, b) => (collator ??= new Intl.Collator("vi")).compare(a.name, b.name)),
    years: [...years].sort().reverse(),
  };
}

/** A 404 for a page number past the last one. */
export const pastTheEnd = (page: number) => notFound(`Danh sách văn bản không có trang ${page}.`);
