/**
 * Keys of the media library, the kinds' own lookups (documents, schedules, consultations) and the
 * site's features (banners, open data, participation, notices). Split from keys.ts by size, under the
 * same rule: no other module writes a key string. keys.ts re-exports everything here, so callers
 * import from "storage/keys" either way.
 */
import { type ItemKeys, type Key, LAST } from "./key-parts";

/**
 * Media library records (core/media/library.ts):
 * - media item by id                   → GetItem, BatchGet, conditional Update/Delete pk=MEDIA#<id> sk=MEDIA
 * - media, newest first                → Query     gsi1pk=MEDIA#ALL           gsi1sk=<createdAt>#<id>  (ScanIndexForward false)
 * - media of a kind, newest first      → Query     gsi2pk=MEDIA#KIND#<kind>   gsi2sk=<createdAt>#<id>
 */
export const MediaKeys = {
  item: (id: string): Key => ({ pk: `MEDIA#${id}`, sk: "MEDIA" }),
  /** The whole key set of a record: by id, in the list of all media and in its kind's list. */
  itemKeys: (record: { id: string; kind: string; createdAt: string }): ItemKeys => ({
    pk: `MEDIA#${record.id}`,
    sk: "MEDIA",
    gsi1pk: "MEDIA#ALL",
    gsi1sk: `${record.createdAt}#${record.id}`,
    gsi2pk: `MEDIA#KIND#${record.kind}`,
    gsi2sk: `${record.createdAt}#${record.id}`,
  }),
  all: () => "MEDIA#ALL",
  byKind: (kind: string) => `MEDIA#KIND#${kind}`,
};

// ───────────── Documents (content/documents.ts, reader/documents.ts; kept by their owner) ─────────────
/**
 * Document types (loại văn bản: Nghị quyết, Chỉ thị…), the admins' list (content/document-types.ts):
 * - the whole list, in display order     → GetItem, conditional Put on `version` pk=META sk=DOCUMENT_TYPES
 * Documents themselves are the kind's items (`contentKeys("DOCUMENT")`); their reader lists are the
 * kind's facet partitions (`facetPartition`: "all", "type:<slug>", "year:<yyyy>", "issuer:<slug>", "field:<slug>").
 */
export const DocumentKeys = {
  types: (): Key => ({ pk: "META", sk: "DOCUMENT_TYPES" }),
};

// ───────────── Schedules (content/schedules.ts, reader/schedules.ts; kept by their owner) ─────────────
/**
 * Bodies that publish weekly work schedules (schedule owners: Thường trực Tỉnh ủy, Ban Thường vụ…);
 * an owner's id is its slug, fixed at creation. Access patterns:
 * - owner by id (= slug)                → GetItem   pk=SCHEDULE_OWNER#<id>     sk=SCHEDULE_OWNER  (Put if absent on create)
 * - every owner, in display order       → Query     gsi1pk=SCHEDULE_OWNERS     gsi1sk=<order, 4 digits>#<id>
 * A published week is the kind's published view (`contentKeys("SCHEDULE")`), slug <owner slug>-<yyyy>-w<ww>:
 * one GetItem per owner and week, a BatchGet for several owners (today's entries).
 */
const scheduleOwner = (id: string): Key => ({ pk: `SCHEDULE_OWNER#${id}`, sk: "SCHEDULE_OWNER" });
export const ScheduleKeys = {
  owner: scheduleOwner,
  /** The partition (gsi1) listing every owner in display order. */
  ownersPartition: () => "SCHEDULE_OWNERS",
  /** An owner's keys: by id, and its place in the list (`order`, then id). */
  ownerItem: (id: string, order: number): ItemKeys => ({ ...scheduleOwner(id), gsi1pk: "SCHEDULE_OWNERS", gsi1sk: `${String(order).padStart(4, "0")}#${id}` }),
};

// ───────────── Consultations (content/consultations.ts and their comments; kept by their owner) ─────────────
/**
 * Comments on drafts for public comment (consultations/comments.ts). A comment's id is its
 * receipt ("GY-2026-000123"): numbered per Vietnam year in commit order, so it sorts in time order.
 * - comment by receipt                  → GetItem, Put if absent, Update pk=COMMENTS#CONSULTATION#<consultationId> sk=C#<receipt>
 * - comments of a draft, oldest first   → Query     pk=COMMENTS#CONSULTATION#<consultationId> sk begins_with C#
 * - published comments, oldest first    → Query     gsi1pk=COMMENTS#CONSULTATION#<consultationId>#PUBLISHED gsi1sk=<receipt>  (only while published)
 * - comments received by a draft        → GetItem   pk=COMMENTS#CONSULTATION#<consultationId> sk=COUNT  (`n`, ADD 1 with each comment)
 * - same text from the same client      → Put if absent pk=COMMENTS#CONSULTATION#<consultationId> sk=DUP#<sha256(client, text)>
 * - last receipt number of a year       → GetItem, conditional Update pk=RECEIPTS#GY sk=<yyyy>  (`n`, in the comment's transaction)
 * - a client's comments in a window     → conditional Update pk=CLIENT#comments#<client hash> sk=<10m|day>#<window start>  (ADD, TTL)
 */
const commentsOf = (consultationId: string) => `COMMENTS#CONSULTATION#${consultationId}`;
export const ConsultationKeys = {
  comments: commentsOf,
  /** Sort-key prefix of the comments in `comments(id)` (the count and duplicate marks live beside them). */
  commentPrefix: () => "C#",
  comment: (consultationId: string, receipt: string): Key => ({ pk: commentsOf(consultationId), sk: `C#${receipt}` }),
  /** The index attributes of a published comment (removed when it is withdrawn). */
  publishedComment: (consultationId: string, receipt: string) => ({ gsi1pk: `${commentsOf(consultationId)}#PUBLISHED`, gsi1sk: receipt }),
  publishedComments: (consultationId: string) => `${commentsOf(consultationId)}#PUBLISHED`,
  commentCount: (consultationId: string): Key => ({ pk: commentsOf(consultationId), sk: "COUNT" }),
  duplicate: (consultationId: string, hash: string): Key => ({ pk: commentsOf(consultationId), sk: `DUP#${hash}` }),
  receiptCounter: (year: string): Key => ({ pk: "RECEIPTS#GY", sk: year }),
  clientWindow: (client: string, scope: string, windowStart: string): Key => ({ pk: `CLIENT#comments#${client}`, sk: `${scope}#${windowStart}` }),
};

// ───────────── Banners (site/banners.ts, site/banner-admin.ts; kept by their owner) ─────────────
/**
 * Linked banners (ảnh liên kết) shown in every page's sidebar, managed by admins:
 * - banner by id                        → GetItem, conditional Put/Delete pk=BANNER#<id> sk=BANNER
 * - every banner, in display order      → Query     gsi1pk=BANNERS         gsi1sk=<order, 4 digits>#<id>  (admin list)
 * - active banners, in display order    → Query     gsi2pk=BANNERS#ACTIVE  gsi2sk=<order, 4 digits>#<id>  (the sidebar: a sparse
 *     index, the keys are present only while the banner is active, so readers read active ones only)
 * - how many banners exist              → conditional Update pk=META sk=BANNER_COUNT  (`n`, ADD ±1 in the create and delete
 *     transactions, refused past the limit: two admins adding at once cannot exceed it)
 */
const bannerSort = (order: number, id: string) => `${String(order).padStart(4, "0")}#${id}`;
export const BannerKeys = {
  item: (id: string): Key => ({ pk: `BANNER#${id}`, sk: "BANNER" }),
  /** A banner's keys: by id, in the admins' list (gsi1) and, while active, in the sidebar's (gsi2). */
  itemKeys: (banner: { id: string; order: number; active: boolean }): ItemKeys => ({
    pk: `BANNER#${banner.id}`,
    sk: "BANNER",
    gsi1pk: "BANNERS",
    gsi1sk: bannerSort(banner.order, banner.id),
    ...(banner.active ? { gsi2pk: "BANNERS#ACTIVE", gsi2sk: bannerSort(banner.order, banner.id) } : {}),
  }),
  all: () => "BANNERS",
  active: () => "BANNERS#ACTIVE",
  count: (): Key => ({ pk: "META", sk: "BANNER_COUNT" }),
};

// ───────────── Open data (reader/open-data.ts; kept by its owner) ─────────────
/**
 * The open-data datasets (`/api/public/*`) read the kinds' published views by their section (gsi1)
 * and latest (gsi2) indexes, `publishedRange` bounding the publication instant. Their own items:
 * - a client's requests in a minute     → conditional Update pk=CLIENT#opendata#<client hash> sk=<window start>  (ADD, TTL)
 */
export const OpenDataKeys = {
  clientWindow: (client: string, windowStart: string): Key => ({ pk: `CLIENT#opendata#${client}`, sk: windowStart }),
};

// ───────────── Readers' comments and ratings (core/participation/; kept by their owner) ─────────────
/**
 * Readers' comments under articles, documents, galleries and videos (participation/comments.ts):
 * - comment by id                       → GetItem, Put if absent, conditional Update pk=RCOMMENT#<id> sk=RCOMMENT
 * - comments by status and section      → Query     gsi1pk=RCOMMENTS#<pending|approved|rejected>#<sectionId> gsi1sk=<receivedAt>#<id>
 *     (the board's moderation lists; the keys move with the status in the decision's transaction)
 * - approved comments of an item        → GetItem, conditional Put pk=RCOMMENTS#<S>#<itemId> sk=APPROVED  (`comments`, `n`; the
 *     truth the published view's copy is rebuilt from)
 * - same text from the same client      → Put if absent pk=RCOMMENTS#<S>#<itemId> sk=DUP#<sha256(client, text)>
 * - a client's last comment             → conditional Update pk=CLIENT#rcomments#<client hash> sk=LAST  (`at`, TTL)
 * - a client's comments in an hour      → conditional Update pk=CLIENT#rcomments#<client hash> sk=HOUR#<window start>  (ADD, TTL)
 * Satisfaction ratings (participation/ratings.ts):
 * - a session's rating of an item       → Put if absent pk=RATING#<S>#<itemId> sk=V#<visitor id>
 * - an item's totals                    → GetItem, Update ADD pk=RATINGS#ITEM#<S>#<itemId> sk=TOTAL  (`count`, `sum`)
 * - totals per day, kind and section    → Query     pk=RATINGS#<yyyy> sk between <from> and <to>~, sk=<day>#<kind>#<sectionId>
 *     (`count`, `sum` by ADD in the rating's transaction; the report sums them)
 */
export const ParticipationKeys = {
  comment: (id: string): Key => ({ pk: `RCOMMENT#${id}`, sk: "RCOMMENT" }),
  commentIndex: (status: string, sectionId: string, receivedAt: string, id: string) => ({ gsi1pk: `RCOMMENTS#${status}#${sectionId}`, gsi1sk: `${receivedAt}#${id}` }),
  commentsByStatus: (status: string, sectionId: string) => `RCOMMENTS#${status}#${sectionId}`,
  approved: (space: string, itemId: string): Key => ({ pk: `RCOMMENTS#${space}#${itemId}`, sk: "APPROVED" }),
  duplicate: (space: string, itemId: string, hash: string): Key => ({ pk: `RCOMMENTS#${space}#${itemId}`, sk: `DUP#${hash}` }),
  clientLast: (client: string): Key => ({ pk: `CLIENT#rcomments#${client}`, sk: "LAST" }),
  clientHour: (client: string, windowStart: string): Key => ({ pk: `CLIENT#rcomments#${client}`, sk: `HOUR#${windowStart}` }),
  rating: (space: string, itemId: string, visitorId: string): Key => ({ pk: `RATING#${space}#${itemId}`, sk: `V#${visitorId}` }),
  ratingTotal: (space: string, itemId: string): Key => ({ pk: `RATINGS#ITEM#${space}#${itemId}`, sk: "TOTAL" }),
  ratingYear: (year: string) => `RATINGS#${year}`,
  ratingDay: (day: string, kind: string, sectionId: string): Key => ({ pk: `RATINGS#${day.slice(0, 4)}`, sk: `${day}#${kind}#${sectionId}` }),
  ratingRange: (from: string, to: string) => ({ from, to: `${to}~` }),
};

// ───────────── Outage notices and holidays (site/notices.ts, notice-admin.ts, holidays.ts; kept by duties) ─────────────
/**
 * - one notice                          → GetItem   pk=NOTICE#<id> sk=NOTICE
 * - notices not yet ended               → Query     gsi1pk=NOTICES gsi1sk > <now ISO>  (gsi1sk=<endsAt ISO>#<id>)
 * - the public holidays list            → GetItem   pk=META sk=HOLIDAYS  (one item, versioned)
 */
export const NoticeKeys = {
  item: (id: string): Key => ({ pk: `NOTICE#${id}`, sk: "NOTICE" }),
  itemKeys: (notice: { id: string; endsAt: string }): ItemKeys => ({ pk: `NOTICE#${notice.id}`, sk: "NOTICE", gsi1pk: "NOTICES", gsi1sk: `${notice.endsAt}#${notice.id}` }),
  all: () => "NOTICES",
  holidays: (): Key => ({ pk: "META", sk: "HOLIDAYS" }),
};
