/**
 * Every key format of the single table, built in one place (docs/architecture.md, "Data").
 *
 * Naming: `Keys.x(…)` is the primary key {pk, sk} of one item (GetItem, UpdateItem, DeleteItem,
 * BatchGet); `Keys.xItem(…)` is the whole key set an item is stored with, index keys included
 * (Put); a builder that returns a string is the partition of a Query, or with `…Sort` a sort
 * key alone; `…Range`, `…From` and `…Bound` are sort-key bounds. No other module writes a
 * key string.
 *
 * Access patterns (→ operation, key):
 * - section by id                      → GetItem   pk=SECTION#<id>            sk=SECTION
 * - all sections in navigation order   → Query     gsi1pk=SECTIONS            gsi1sk=<order, 4 digits>#<id>
 * - content of every kind: working copies, revisions, slugs, published views (by slug, by section,
 *     latest), authors' lists, review queues, scheduled publications → `contentKeys` at the end of
 *     this file. `Keys.article`, `publishedView`, `publishedInSection` and `publishedLatest` are the
 *     article kind's, for the reader paths; sitemap and feeds read `PUBLISHED` between two instants.
 * - user by id                         → GetItem   pk=USER#<id>               sk=USER
 * - user by email (login, uniqueness)  → GetItem   pk=EMAIL#<email>           sk=EMAIL
 * - users by role (is there an admin?) → Query     gsi1pk=USERS#ROLE#<role>   gsi1sk=<email>
 * - users, all                         → Query     gsi2pk=USERS               gsi2sk=<email>
 * - report aggregates for a period     → Query     pk=REPORT#<yyyy>           sk between <from> and <to>~
 *     one item per (local publication day, kind, section, approver), sk=<day>#<kind>#<sectionId>#<approverId>,
 *     with a `count` kept exact by ADD ±1 in the same transaction as publish / unpublish / section move
 * - audit events of an item            → Query     pk=AUDIT#<itemId>          sk=<at>#<eventId>
 * - audit events of a day (Vietnam)    → Query     gsi1pk=AUDIT#DAY#<yyyy-mm-dd> gsi1sk=<at>#<eventId>
 * - session by token hash              → GetItem   pk=SESSION#<sha256(token)> sk=SESSION  (TTL expiresAt)
 * - login failures of an address       → GetItem, conditional Update pk=THROTTLE#client#<address> sk=<window start>
 * - … of an (account, client) pair     → GetItem, conditional Update, Delete pk=THROTTLE#pair#<client> sk=<window start>#<account>
 *     <client> is the address, or device:<sha256(token)> for a browser trusted for the account
 * - … of an account, the last hour     → Query     pk=THROTTLE#account#<account> sk between <previous window> and <window>,
 *     then a conditional Update of the current window's item
 *     (accounts/throttle.ts: counts in TTL'd windows, sk = window start, ISO; reads filter on expiresAt)
 * - browser trusted for an account     → GetItem, Put pk=THROTTLE#device#<sha256(token)> sk=<account>; Query pk (one we issued?)
 * - site settings                      → GetItem   pk=META                    sk=SETTINGS
 * - featured items of the home page     → GetItem   pk=META                    sk=FEATURED  (conditional Put on its version)
 * - health probe (never written)       → GetItem   pk=META                    sk=HEALTH
 * - one-off markers (demo seeded)      → GetItem   pk=META                    sk=SEED#<name>
 * - finished data migrations           → GetItem   pk=META                    sk=MIGRATION#<name>
 * - visitor cookie signing key         → GetItem (consistent) pk=META          sk=KEY#VISITOR  (Put if absent on first use)
 * Visitors and views (metrics/visitors.ts, views.ts). <s> is a write shard 0…shards-1
 * (configured, only ever raised); counters are summed over the shards on read:
 * - online sessions, last 5 minutes    → BatchGet  pk=ONLINE#<yyyy-mm-ddThh:mm>#<s> sk=COUNT  (minutes × shards items)
 *     per UTC minute, `guests` and `members` whose last heartbeat fell in it, moved by ADD ±1 (TTL'd);
 *     older `ONLINE#<s>` presence items (sk=<iso>#<visitorId>) are no longer read
 * - where a session is counted online  → conditional Update pk=VISITOR#<visitorId>  sk=ONLINE  (minute, role; TTL)
 * - start of a visit, once per window  → Put if absent pk=VISITOR#<visitorId>  sk=VISIT#<previous last seen>
 * - last counted view of an article    → conditional Update pk=VISITOR#<visitorId> sk=VIEW#<articleId>
 * - a client's beacons in a window     → conditional Update pk=CLIENT#<visits|views|online>#<client hash> sk=<window start>  (ADD, TTL)
 * - total visits                       → BatchGet  pk=VISITS#TOTAL#<s>        sk=TOTAL
 * - visits per day in a period         → Query     pk=VISITS#<yyyy>#<s>       sk between <from> and <to>  (sk=<day>)
 * - total views of an article          → BatchGet  pk=VIEWS#<articleId>#<s>   sk=TOTAL
 * - views per article per day, period  → Query     pk=VIEWDAY#<yyyy-mm>#<s>   sk between <from># and <to>#~ (sk=<day>#<articleId>)
 * Search and section paging (reader/search.ts, listings.ts):
 * - search document of an article      → BatchGet  pk=SEARCH#DOC#<articleId>  sk=SEARCH
 * - search documents changed since t   → Query     gsi1pk=SEARCH#CHANGES      gsi1sk=<changedAt>#<articleId>  (from the start: >= 0)
 *     one item per article ever published (a tombstone once unpublished), written in the publish /
 *     re-approval / unpublish transaction; readers keep the index in memory and read what changed
 * - published count by month (UTC)     → Query     pk=COUNT#SECTION#<id> | COUNT#ALL  sk=<yyyy-mm>, newest first
 *     `n` and `d01`…`d31` kept exact by ADD ±1 in the same transactions: page N of a section is
 *     located from them without reading the pages before it; the sitemap lists months of COUNT#ALL
 *
 * The published view lives beside the slug reservation, keyed by slug, so a public article read is
 * one GetItem and an edit of the working copy never changes what readers see until it is approved.
 * Instants (`publishedAt`, `at`, …) are ISO-8601 UTC strings, so lexical order is time order, and
 * `<instant>#<id>` sort keys keep items of the same instant apart.
 */

import { FIRST, type ItemKeys, type Key, LAST, type SortRange, timeSort } from "./key-parts";

export type { ItemKeys, Key, SortRange } from "./key-parts";
/** The media, kind-specific and feature keys (split by size; same rule). */
export * from "./feature-keys";

const section = (id: string): Key => ({ pk: `SECTION#${id}`, sk: "SECTION" });
const user = (id: string): Key => ({ pk: `USER#${id}`, sk: "USER" });
const usersByRole = (role: string) => `USERS#ROLE#${role}`;
const auditByItem = (itemId: string) => `AUDIT#${itemId}`;
const auditByDay = (day: string) => `AUDIT#DAY#${day}`;
const meta = (name: string): Key => ({ pk: "META", sk: name });
const searchDoc = (articleId: string): Key => ({ pk: `SEARCH#DOC#${articleId}`, sk: "SEARCH" });
const searchChanges = () => "SEARCH#CHANGES";
/** Articles were the first kind: the reader paths read their keys from the same builder the engine writes with. */
const articleKeys = contentKeys("ARTICLE");

/**
 * The key builders of every entity but the content kinds' (naming in the header above).
 * @example
 * await store.db.send(new GetCommand({ TableName: store.table, Key: Keys.user(id) }));
 * const item = { ...Keys.auditEvent(itemId, vietnamDay(at), at, eventId), entity: "AuditEvent", schemaVersion: 1, ...event };
 * const days = Keys.reportRange(from, to); // sk BETWEEN days.from AND days.to in Keys.reportYear(year)
 */
export const Keys = {
  // Sections
  section,
  /** The partition listing every section (gsi1), in navigation order. */
  sectionsPartition: () => "SECTIONS",
  /** A section's keys: by id, and its place in the navigation (`order`, then id). */
  sectionItem: (id: string, order: number): ItemKeys => ({ ...section(id), gsi1pk: "SECTIONS", gsi1sk: `${String(order).padStart(4, "0")}#${id}` }),

  // Articles, for the reader paths (the engine writes them through `contentKeys`)
  /** An article's working copy, by id. */
  article: articleKeys.item,
  publishedView: articleKeys.publishedView,
  publishedInSection: articleKeys.publishedInSection,
  publishedLatest: articleKeys.publishedLatest,
  /** gsi1sk / gsi2sk of a published view: newest first when read backwards. */
  publishedSort: timeSort,
  /** Published between two instants (ISO-8601; either omitted: no bound), for `gsi2sk BETWEEN`. */
  publishedRange: (from?: string, to?: string): SortRange => ({ from: from ?? FIRST, to: to ?? LAST }),

  // Accounts
  user,
  userEmail: (email: string): Key => ({ pk: `EMAIL#${email.toLowerCase()}`, sk: "EMAIL" }),
  usersByRole,
  allUsers: () => "USERS",
  /** An account's keys: by id, by role (gsi1) and in the list of all accounts (gsi2), both by e-mail. */
  userItem: (id: string, role: string, email: string): ItemKeys => ({
    ...user(id),
    gsi1pk: usersByRole(role),
    gsi1sk: email,
    gsi2pk: "USERS",
    gsi2sk: email,
  }),
  session: (tokenHash: string): Key => ({ pk: `SESSION#${tokenHash}`, sk: "SESSION" }),
  /** Failures on an account (every client) or from an address (untrusted attempts) in the window starting at `windowStart`. */
  throttle: (scope: "account" | "client", subject: string, windowStart: string): Key => ({ pk: `THROTTLE#${scope}#${subject}`, sk: windowStart }),
  /** Failures of one account from one client (an address, or `device:<hash>`) in a window; partitioned by client. */
  throttlePair: (account: string, client: string, windowStart: string): Key => ({ pk: `THROTTLE#pair#${client}`, sk: `${windowStart}#${account}` }),
  /** A browser trusted for an account: it signed in to it (the hash of its device cookie's token). */
  trustedDevice: (tokenHash: string, account: string): Key => ({ pk: `THROTTLE#device#${tokenHash}`, sk: account }),
  /** The accounts a browser is trusted for. */
  trustedDevices: (tokenHash: string) => `THROTTLE#device#${tokenHash}`,

  // Report aggregates
  /** `day` is the publication date in Vietnam (YYYY-MM-DD); kind is news, collected, documents, … */
  reportAggregate: (day: string, kind: string, sectionId: string, approverId: string): Key => ({
    pk: `REPORT#${day.slice(0, 4)}`,
    sk: `${day}#${kind}#${sectionId}#${approverId}`,
  }),
  /** The partition of one year's aggregates ("yyyy"). */
  reportYear: (year: string) => `REPORT#${year}`,
  /** Every aggregate of the days `from`…`to` (YYYY-MM-DD, inclusive), whatever kind, section, approver. */
  reportRange: (from: string, to: string): SortRange => ({ from, to: `${to}${LAST}` }),

  // Audit
  /** The partition of one item's events (article, user, section). */
  auditByItem,
  /** The partition (gsi1) of one Vietnam day's events (YYYY-MM-DD). */
  auditByDay,
  /** An event's keys: under its item, and under its Vietnam `day` (gsi1); both in time order. */
  auditEvent: (itemId: string, day: string, at: string, eventId: string): ItemKeys => ({
    pk: auditByItem(itemId),
    sk: timeSort(at, eventId),
    gsi1pk: auditByDay(day),
    gsi1sk: timeSort(at, eventId),
  }),

  /** Scheduled items of every kind, due first (publishing/due.ts): one partition for the scheduler. */
  scheduled: () => "SCHEDULED",
  /** Due by `now`: the upper bound of the scheduled partition's sort keys. */
  scheduledUntil: (now: string) => `${now}#${LAST}`,

  // One-off items
  settings: () => meta("SETTINGS"),
  /** The home page's featured items, in order (reader/featured.ts). */
  featured: () => meta("FEATURED"),
  /** Read by the health check, never written: any answer, even "not found", means the table is up. */
  health: () => meta("HEALTH"),
  /** Records that a one-off job (the demo seed) finished, so it never runs twice. */
  seedMarker: (name: string) => meta(`SEED#${name}`),
  /** Records that a data migration (reader/summaries.ts `backfillSummaries`) finished. */
  migrationMarker: (name: string) => meta(`MIGRATION#${name}`),
  /** The random key that signs visitor cookies (metrics/signing.ts): created once, never served. */
  visitorKey: () => meta("KEY#VISITOR"),

  // Visitors and views. Days are Vietnam days (YYYY-MM-DD); `at` is an ISO-8601 UTC instant.
  /** The sessions counted online whose last heartbeat fell in `minute` (ISO to the minute, "yyyy-mm-ddThh:mm"), one shard. */
  onlineBucket: (minute: string, shard: number): Key => ({ pk: `ONLINE#${minute}#${shard}`, sk: "COUNT" }),
  /** The bucket a session is counted in now (metrics/presence.ts). */
  presenceMarker: (visitorId: string): Key => ({ pk: `VISITOR#${visitorId}`, sk: "ONLINE" }),
  visitStart: (visitorId: string, previousLastSeen: number): Key => ({ pk: `VISITOR#${visitorId}`, sk: `VISIT#${previousLastSeen}` }),
  viewMark: (visitorId: string, articleId: string): Key => ({ pk: `VISITOR#${visitorId}`, sk: `VIEW#${articleId}` }),
  /** What one client (a hashed address, metrics/limits.ts) was allowed in the window starting at `windowStart` (ISO). */
  clientWindow: (kind: "visits" | "views" | "online", client: string, windowStart: string): Key => ({ pk: `CLIENT#${kind}#${client}`, sk: windowStart }),
  visitsTotal: (shard: number): Key => ({ pk: `VISITS#TOTAL#${shard}`, sk: "TOTAL" }),
  visitsDailyPartition: (year: string, shard: number) => `VISITS#${year}#${shard}`,
  visitsDaily: (day: string, shard: number): Key => ({ pk: `VISITS#${day.slice(0, 4)}#${shard}`, sk: day }),
  articleViews: (articleId: string, shard: number): Key => ({ pk: `VIEWS#${articleId}#${shard}`, sk: "TOTAL" }),
  viewsDailyPartition: (month: string, shard: number) => `VIEWDAY#${month}#${shard}`,
  viewsDaily: (day: string, shard: number, articleId: string): Key => ({ pk: `VIEWDAY#${day.slice(0, 7)}#${shard}`, sk: `${day}#${articleId}` }),
  /** Every article's count of the days `from`…`to` (inclusive) in a `viewsDailyPartition`. */
  viewsDailyRange: (from: string, to: string): SortRange => ({ from: `${from}#`, to: `${to}#${LAST}` }),

  // Search and section paging
  searchDoc,
  searchChanges,
  /** A search document's keys: by article, and its place in the change feed (gsi1). */
  searchDocItem: (articleId: string, changedAt: string): ItemKeys => ({
    ...searchDoc(articleId),
    gsi1pk: searchChanges(),
    gsi1sk: timeSort(changedAt, articleId),
  }),
  /** Lower bound of the change feed's sort keys from the instant `at` on (the whole feed when omitted). */
  searchChangesFrom: (at?: string) => at ?? FIRST,
  /** `sectionId` undefined: every section together. `month` is "yyyy-mm" in UTC. */
  publishedCount: articleKeys.count,
  publishedCountPartition: articleKeys.countPartition,
} as const;

// ───────────── Content kinds (publishing/; kept by the publishing engine's owner) ─────────────

/**
 * Keys of the items of one content kind (publishing/engine.ts), by the kind's key space
 * ("ARTICLE", "DOCUMENT", …; publishing/kind.ts `space`). Access patterns:
 * - working copy                        → GetItem   pk=<S>#<id>                 sk=<S>
 * - revisions                           → Query     pk=<S>#<id>                 sk begins_with REV#
 * - slug reservation (unique per kind)  → GetItem   pk=SLUG#<S>#<slug>          sk=SLUG
 * - published view by slug (reader)     → GetItem   pk=SLUG#<S>#<slug>          sk=PUBLISHED
 * - published in a section, newest 1st  → Query     gsi1pk=PUBLISHED#<S>#SECTION#<sectionId> gsi1sk=<publishedAt>#<id>
 * - latest published of the kind        → Query     gsi2pk=PUBLISHED#<S>        gsi2sk=<publishedAt>#<id>
 * - items of an author, last changed 1st → Query    gsi2pk=AUTHOR#<S>#<userId>  gsi2sk=<updatedAt>#<id>
 * - review queue of a section           → Query     gsi1pk=QUEUE#<S>#<sectionId> gsi1sk=<submittedAt>#<id>  (only while submitted)
 * - scheduled, every kind, due first    → Query     gsi1pk=SCHEDULED            gsi1sk=<scheduledAt>#<id>  (only while scheduled)
 * - unique value of the kind (`uniqueKeys`) → Put if absent / Delete pk=UNIQUE#<S>#<token> sk=UNIQUE (holder: itemId)
 * - live items by facet, newest first   → Query     pk=FACET#<S>#<facet>        sk=<sort>#<id>  (summary attributes; kind `facets`)
 * - summary of a live item (lists)      → BatchGet  pk=<S>#<id>                 sk=SUMMARY  (reader/summaries.ts; written and deleted with the view)
 * - summaries in a section, newest 1st  → Query     gsi1pk=SUMMARY#<S>#SECTION#<sectionId> gsi1sk=<publishedAt>#<id>
 * - summaries of the kind, newest 1st   → Query     gsi2pk=SUMMARY#<S>          gsi2sk=<publishedAt>#<id>
 *     list pages read these small items, never the views (whose gsi1/gsi2 entries above carry the body)
 * - a section's newest entries          → GetItem   pk=RECENT#<S>#SECTION#<sectionId> sk=RECENT  (one attribute `e#<id>` per entry,
 *     set and removed in the publish / unpublish transaction; what an article page shows beside it)
 * Articles came before kinds: their slug, published, author and queue keys keep the shape they
 * were stored with (no `<S>#` part: SLUG#<slug>, PUBLISHED#SECTION#<id>, PUBLISHED, AUTHOR#<userId>,
 * QUEUE#<sectionId>), so stored data needs no migration. Slugs are lowercase, spaces uppercase:
 * the two shapes cannot collide.
 */
export function contentKeys(space: string) {
  const legacy = space === "ARTICLE";
  const scoped = (prefix: string) => (legacy ? prefix : `${prefix}#${space}`);
  const slugPartition = (slug: string) => `${scoped("SLUG")}#${slug}`;
  const sort = (at: string, id: string) => `${at}#${id}`;
  return {
    item: (id: string): Key => ({ pk: `${space}#${id}`, sk: space }),
    revision: (id: string, number: number): Key => ({ pk: `${space}#${id}`, sk: `REV#${String(number).padStart(6, "0")}` }),
    revisionPrefix: () => "REV#",
    slug: (slug: string): Key => ({ pk: slugPartition(slug), sk: "SLUG" }),
    publishedView: (slug: string): Key => ({ pk: slugPartition(slug), sk: "PUBLISHED" }),
    publishedInSection: (sectionId: string) => `${scoped("PUBLISHED")}#SECTION#${sectionId}`,
    publishedLatest: () => scoped("PUBLISHED"),
    /** The index attributes of a published view: by section (gsi1) and across sections (gsi2). */
    publishedIndex(view: { sectionId: string; publishedAt: string; id: string }) {
      const at = sort(view.publishedAt, view.id);
      return { gsi1pk: `${scoped("PUBLISHED")}#SECTION#${view.sectionId}`, gsi1sk: at, gsi2pk: scoped("PUBLISHED"), gsi2sk: at };
    },
    /** Live items per section (or every section: undefined) and UTC month, for numbered pages and sitemaps. */
    countPartition: (sectionId: string | undefined) => `${scoped("COUNT")}#${sectionId === undefined ? "ALL" : `SECTION#${sectionId}`}`,
    count: (sectionId: string | undefined, month: string): Key => ({
      pk: `${scoped("COUNT")}#${sectionId === undefined ? "ALL" : `SECTION#${sectionId}`}`,
      sk: month,
    }),
    unique: (token: string): Key => ({ pk: `UNIQUE#${space}#${token}`, sk: "UNIQUE" }),
    /** The small list item of a live item (reader/summaries.ts), beside its working copy. */
    summary: (id: string): Key => ({ pk: `${space}#${id}`, sk: "SUMMARY" }),
    summariesInSection: (sectionId: string) => `${scoped("SUMMARY")}#SECTION#${sectionId}`,
    summariesLatest: () => scoped("SUMMARY"),
    /** The index attributes of a summary: by section (gsi1) and across sections (gsi2), newest first read backwards. */
    summaryIndex(view: { sectionId: string; publishedAt: string; id: string }) {
      const at = sort(view.publishedAt, view.id);
      return { gsi1pk: `${scoped("SUMMARY")}#SECTION#${view.sectionId}`, gsi1sk: at, gsi2pk: scoped("SUMMARY"), gsi2sk: at };
    },
    /** A section's newest entries, one item (reader/summaries.ts `SectionRecent`). */
    recent: (sectionId: string): Key => ({ pk: `${scoped("RECENT")}#SECTION#${sectionId}`, sk: "RECENT" }),
    facetPartition: (facet: string) => `FACET#${space}#${facet}`,
    facetEntry: (facet: string, order: string, id: string): Key => ({ pk: `FACET#${space}#${facet}`, sk: sort(order, id) }),
    byAuthor: (userId: string) => `${scoped("AUTHOR")}#${userId}`,
    reviewQueue: (sectionId: string) => `${scoped("QUEUE")}#${sectionId}`,
    /**
     * The index attributes of a working copy in its state: the author's list always; the review
     * queue while submitted, the scheduler's list while scheduled.
     */
    workIndex(item: { id: string; status: string; sectionId: string; author: { id: string }; updatedAt: string; submittedAt?: string; scheduledAt?: string }) {
      const state =
        item.status === "submitted" && item.submittedAt
          ? { gsi1pk: `${scoped("QUEUE")}#${item.sectionId}`, gsi1sk: sort(item.submittedAt, item.id) }
          : item.status === "scheduled" && item.scheduledAt
            ? { gsi1pk: Keys.scheduled(), gsi1sk: sort(item.scheduledAt, item.id) }
            : {};
      return { ...state, gsi2pk: `${scoped("AUTHOR")}#${item.author.id}`, gsi2sk: sort(item.updatedAt, item.id) };
    },
  };
}

export type ContentKeys = ReturnType<typeof contentKeys>;

// ───────────── Media (core/media/; kept by the media owner) ─────────────
