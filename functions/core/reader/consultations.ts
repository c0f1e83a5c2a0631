import { GetCommand, QueryCommand } from "../storage/db";
import { ConsultationKeys } from "../storage/keys";
import type { Store } from "../storage/store";
import type { ImageSnapshot } from "./images";
import { Published } from "./published";

/**
 * Drafts for public comment (góp ý dự thảo) as readers see them: types shared by the descriptor
 * (content/consultations.ts), the comment routes and the pages, and the reader's reads. Reader-safe:
 * no zod, no sanitizer.
 */

/** Key space of the kind (publishing/kind.ts `space`). */
export const CONSULTATION_SPACE = "CONSULTATION";

/** A file as the content keeps it: a snapshot of the media record, so pages need no second read. */
export interface ConsultationFile {
  id: string;
  filename: string;
  size: number;
  contentType: string;
  url: string;
}

/** The unit that receives the comments (đơn vị tiếp nhận góp ý). */
export interface Receiver {
  unit: string;
  address: string;
  email: string;
  phone?: string;
}

/** What an editor writes (every save is a revision). Instants are ISO-8601 UTC. */
export interface ConsultationContent {
  title: string;
  summary: string;
  /** Sanitized HTML. */
  body: string;
  sectionId: string;
  files: ConsultationFile[];
  opensAt: string;
  closesAt: string;
  receiver: Receiver;
  /** Required when the period is shorter than 30 days; kept in the audit, not shown to readers. */
  shortPeriodReason?: string;
  /** The report on how comments were taken in (báo cáo tổng hợp, tiếp thu, giải trình), shown once closed. */
  summaryFile?: ConsultationFile;
  featuredImage?: ImageSnapshot;
}

/** The published view: everything readers see, keyed by slug. */
export interface PublishedConsultation extends Omit<ConsultationContent, "shortPeriodReason"> {
  id: string;
  slug: string;
  publishedAt: string;
  updatedAt: string;
  approvedBy: { id: string; name: string };
  revisedAt?: string;
}

export const CONSULTATION_SUMMARY_ATTRIBUTES = [
  "id", "slug", "title", "summary", "sectionId", "opensAt", "closesAt", "publishedAt", "updatedAt", "summaryFile", "featuredImage",
] as const;

export type ConsultationSummary = Pick<PublishedConsultation, (typeof CONSULTATION_SUMMARY_ATTRIBUTES)[number]>;

export type ConsultationState = "open" | "upcoming" | "closed";

/** The list page's groups (`Consultations.overview`). */
export interface ConsultationOverview {
  open: (ConsultationSummary & { daysLeft: number })[];
  upcoming: ConsultationSummary[];
  closed: ConsultationSummary[];
}

/** A comment as the public page shows it: no e-mail, phone or client. */
export interface PublicComment {
  receipt: string;
  name: string;
  organization?: string;
  content: string;
  receivedAt: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** Published drafts read for the list page: a handful a year, so a few pages cover every one. */
const LIST_PAGES = 5;
const PAGE_SIZE = 100;
/** Published comments shown on a draft's page. */
const PUBLIC_COMMENTS = 200;

/** Where a draft stands at `now` (epoch ms): taking comments, not yet, or over. */
export function consultationState(view: { opensAt: string; closesAt: string }, now: number): ConsultationState {
  if (now < Date.parse(view.opensAt)) return "upcoming";
  return now < Date.parse(view.closesAt) ? "open" : "closed";
}

/** Whole days left, rounded up ("Còn N ngày"); 0 once closed. */
export function daysLeft(view: { closesAt: string }, now: number): number {
  return Math.max(0, Math.ceil((Date.parse(view.closesAt) - now) / DAY_MS));
}

export const Consultations = {
  /** The published view of `slug`, or a NOT_FOUND error. One GetItem. */
  get: (store: Store, slug: string) =>
    Published.get<PublishedConsultation>(store, CONSULTATION_SPACE, slug, "Dự thảo này không tồn tại hoặc chưa được đăng."),

  /**
   * Every published draft for the list page, grouped: open (closing soonest first), upcoming
   * (opening soonest first), closed (closed most recently first).
   */
  async overview(store: Store, now: number): Promise<ConsultationOverview> {
    const all: ConsultationSummary[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < LIST_PAGES; page++) {
      const out = await Published.latest<ConsultationSummary>(store, CONSULTATION_SPACE, { attributes: CONSULTATION_SUMMARY_ATTRIBUTES, limit: PAGE_SIZE, cursor });
      all.push(...out.items);
      cursor = out.next;
      if (!cursor) break;
    }
    const of = (state: ConsultationState) => all.filter((item) => consultationState(item, now) === state);
    return {
      open: of("open").sort((a, b) => a.closesAt.localeCompare(b.closesAt)).map((item) => ({ ...item, daysLeft: daysLeft(item, now) })),
      upcoming: of("upcoming").sort((a, b) => a.opensAt.localeCompare(b.opensAt)),
      closed: of("closed").sort((a, b) => b.closesAt.localeCompare(a.closesAt)),
    };
  },

  /** Comments received by a draft (the count kept with each comment). One GetItem. */
  async commentCount(store: Store, consultationId: string): Promise<number> {
    const out = await store.db.send(new GetCommand({ TableName: store.table, Key: ConsultationKeys.commentCount(consultationId), ProjectionExpression: "n" }));
    return Number(out.Item?.n ?? 0);
  },

  /** The comments the board chose to publish, oldest first (the public fields only). */
  async publishedComments(store: Store, consultationId: string): Promise<PublicComment[]> {
    const out = await store.db.send(
      new QueryCommand({
        TableName: store.table,
        IndexName: "gsi1",
        KeyConditionExpression: "gsi1pk = :pk",
        ExpressionAttributeValues: { ":pk": ConsultationKeys.publishedComments(consultationId) },
        ExpressionAttributeNames: { "#receipt": "receipt", "#name": "name", "#organization": "organization", "#content": "content", "#receivedAt": "receivedAt" },
        ProjectionExpression: "#receipt, #name, #organization, #content, #receivedAt",
        Limit: PUBLIC_COMMENTS,
      }),
    );
    return (out.Items ?? []).map((item) => ({
      receipt: String(item.receipt),
      name: String(item.name),
      ...(item.organization ? { organization: String(item.organization) } : {}),
      content: String(item.content),
      receivedAt: String(item.receivedAt),
    }));
  },
};
