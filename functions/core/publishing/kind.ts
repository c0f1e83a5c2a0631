import type { z } from "zod";
import type { Store } from "../storage/store";
import type { ImageSnapshot } from "../reader/images";
import type { Actor } from "./audit";
import type { Status } from "./workflow";

/**
 * A content kind (articles, documents, schedules, consultations, galleries, videos) as the
 * publishing engine sees it: everything that differs between kinds, and nothing else. The
 * workflow, revisions, audit, report counts, search, listings and CDN invalidation are the
 * engine's (engine.ts); a new kind is one descriptor file in functions/core/content/ plus its
 * tests. See docs/architecture.md, "Publishing engine".
 */
export interface ContentKind<C extends BaseContent = BaseContent, V extends PublishedBase = PublishedBase> {
  /** Registry name and API segment: `/api/<name>` ("articles", "documents", …). */
  name: string;
  /** Key space of its items in the table (storage/keys.ts `contentKeys`): "ARTICLE", "DOCUMENT", … */
  space: string;
  /** Audit item type and action prefix: "article" gives "article.approve". */
  itemType: string;
  /** Vietnamese words for messages: `one` "bài viết" ("Không tìm thấy bài viết."). */
  noun: string;
  /** Fields an editor writes: what a revision holds and a compare shows. */
  contentFields: readonly string[];
  /** The rich-text field a compare diffs word by word (others are compared whole). */
  richTextField?: string;
  /** Validates a create request (zod): content fields plus `section`, `slug?`, `publishedAt?`. */
  createSchema: z.ZodType<CreateRequest>;
  /** Validates an edit: any content field plus `version`, `section?`. */
  updateSchema: z.ZodType<UpdateRequest>;
  /** Clean content from a validated create request (sanitized, defaults filled). */
  fromCreate(data: CreateRequest, context: { sectionId: string; author: Actor }): C;
  /** Clean content after applying a validated edit to the current content. */
  applyUpdate(current: C, changes: Record<string, unknown>, sectionId: string): C;
  /** Refuses (400) content that may never be stored, whatever its status. */
  check(content: C): void;
  /** Fields that must be filled before review (submit, approve): field → Vietnamese message. */
  missingForReview(content: C): Record<string, string>;
  /** What readers see once approved (its own item, keyed by slug). */
  publishedView(content: C, meta: PublicationMeta): V;
  /** Listing attributes read by list pages (a projection of the published view, never the body). */
  summaryAttributes: readonly string[];
  /** The search document, or undefined when the kind is not searched. */
  searchDocument?(view: V): SearchInput;
  /** Report key of a publication (`published.byKind`): "news", "collected", "documents", … */
  reportKind(content: C): string;
  /** The item's public path (shared/urls.ts). */
  url(slug: string): string;
  /** Every cached public path a change of this item touches, besides the site-wide ones. */
  paths(location: { slug: string; sectionSlug: string }): string[];
  /** Live items are counted per section and month, in the kind's own key space, for numbered pages and sitemaps. */
  sectionListing?: boolean;
  /**
   * Values that must be unique among the kind's items besides the slug (documents: number +
   * issuer + year). Each token is reserved in the transaction that creates or changes the item
   * and released when it is deleted; a token held by another item is a 409 with `message`.
   */
  uniqueKeys?(content: C): UniqueKey[];
  /**
   * A slug fixed by the content (schedules: owner and week) instead of one made from the title.
   * A taken fixed slug is a 409, never "-2".
   */
  slugOf?(content: C): string;
  /**
   * Secondary report counts of a live publication beside its `reportKind` (schedules:
   * `{ scheduleEntries: 12 }`): kept exact like it, shown in `published.byKind`, never in the totals.
   */
  reportUnits?(content: C): Record<string, number>;
  /**
   * Facet indexes of a published view (documents: by type, year, issuer, field): the engine keeps
   * one small entry per facet value with the summary attributes, sorted by `sort` newest first,
   * written and removed with the view (reader/facets.ts reads them).
   */
  facets?(view: V): { values: string[]; sort: string };
  /**
   * Resolves what needs the store (media ids → file snapshots) after `fromCreate` / `applyUpdate`
   * and before `check`, on create, edit, restore and import; throws 400s.
   */
  prepare?(content: C, context: { store: Store }): Promise<C>;
  /**
   * Media library ids the content uses (attached files, images): the engine records the item as a
   * use of each, in the same transaction, so a used file cannot be deleted from the library. Uses
   * are added on create, edit, restore and import, and dropped only when the item is deleted (an
   * edit may drop a file the published view still links to).
   */
  mediaRefs?(content: C): string[];
  /** Facts the audit events of create, edit and approval keep besides the engine's (consultations: a short period's reason). */
  auditNote?(content: C): Record<string, unknown> | undefined;
  /**
   * The section (id or slug) of a create request that names none (schedules: their owner's);
   * undefined leaves it missing (a 400).
   */
  defaultSection?(data: CreateRequest, context: { store: Store }): Promise<string | undefined>;
}

export interface UniqueKey {
  /** Normalized value, e.g. "15-ct-tu#tinh-uy#2026"; compared exactly. */
  token: string;
  /** The request field a 409 names. */
  field: string;
  /** Vietnamese message of the 409. */
  message: string;
}

/** What every kind's content has: a title, a summary and the section whose board approves it. */
export interface BaseContent {
  title: string;
  summary: string;
  sectionId: string;
  /**
   * Every kind may take a featured image (a library image chosen by id, kept as a snapshot by the
   * kind's `prepare` through core/media/snapshots.ts `resolveFeatured`, listed in its `mediaRefs`).
   */
  featuredImage?: ImageSnapshot;
}

export interface PublicationMeta {
  id: string;
  slug: string;
  publishedAt: string;
  updatedAt: string;
  approvedBy: Actor;
  /** Set when a changed text replaces an earlier published one (schedules show "Lịch điều chỉnh"): the instant of the change. */
  revisedAt?: string;
}

/** What every published view has. */
export interface PublishedBase extends PublicationMeta, BaseContent {}

/** A validated create request: the kind's fields plus the engine's. */
export interface CreateRequest {
  /** Required unless the kind has `defaultSection`. */
  section?: string;
  slug?: string;
  publishedAt?: string;
  [field: string]: unknown;
}

export interface UpdateRequest {
  version: number;
  section?: string;
  [field: string]: unknown;
}

/** What the search index keeps of a published item (reader/search.ts). */
export interface SearchInput {
  id: string;
  slug: string;
  url: string;
  /** Report kind, shown on results ("news", "documents", …). */
  kind: string;
  sectionId: string;
  title: string;
  summary: string;
  /** HTML or plain text of the body; its text is indexed. */
  body: string;
  publishedAt: string;
}

/** Where a live item is counted in the report aggregates, so unpublish and moves undo exactly that. */
export interface Counted {
  publishedAt: string;
  kind: string;
  sectionId: string;
  approverId: string;
  approverName: string;
  /** Secondary counts (`reportUnits`) counted with it. */
  units?: Record<string, number>;
}

/** The working copy of any kind: its content at the top level, the workflow's state beside it. */
export type Item<C extends BaseContent = BaseContent> = C & WorkflowState;

export interface WorkflowState {
  id: string;
  slug: string;
  /** The kind's registry name ("articles"). */
  contentKind: string;
  status: Status;
  /** A published view exists (readers see the last approved text). */
  live: boolean;
  version: number;
  revision: number;
  author: Actor;
  createdAt: string;
  updatedAt: string;
  updatedBy: Actor;
  submittedAt?: string;
  returnReason?: string;
  scheduledAt?: string;
  /** Publication date: the first approval, or the archive date given at creation. */
  publishedAt?: string;
  /** Set at creation with an archive date (`publishedAt`): exempt from the four-eyes rule. */
  archive?: boolean;
  /** The first time it went live; never-published drafts (none) may be deleted. */
  firstPublishedAt?: string;
  approvedBy?: Actor;
  approvedAt?: string;
  counted?: Counted;
  /** When a changed text last replaced a published one (PublicationMeta `revisedAt`). */
  revisedAt?: string;
  /** The revision readers see (set at each publication): a later approval of another revision is a revision of the published text. */
  publishedRevision?: number;
  /** Facet entries written for the live view (`facets`), so a change or unpublish removes exactly those. */
  faceted?: { values: string[]; sort: string };
  /** Media ids this item has recorded itself as a use of (`mediaRefs`), released when it is deleted. */
  mediaUsed?: string[];
  /** Unique tokens this item holds (`uniqueKeys`). */
  uniques?: string[];
}

export interface Revision {
  number: number;
  at: string;
  by: Actor;
  /** "create", "edit", "restore:<n>", "import" */
  note: string;
  [field: string]: unknown;
}

/** A line of a work list (mine, the review queue, scheduled, published). */
export type ListItem = Pick<
  WorkflowState,
  "id" | "slug" | "contentKind" | "status" | "live" | "version" | "updatedAt" | "author" | "submittedAt" | "scheduledAt" | "publishedAt" | "returnReason" | "approvedBy"
> & { title: string; sectionId: string; kind?: string };

export const LIST_FIELDS = [
  "id", "slug", "contentKind", "title", "status", "live", "sectionId", "kind", "version", "updatedAt", "author",
  "submittedAt", "scheduledAt", "publishedAt", "returnReason", "approvedBy",
] as const;
