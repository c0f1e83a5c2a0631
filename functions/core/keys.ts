/**
 * Every key format of the single table, built in one place.
 *
 * Access patterns (→ operation, key):
 * - section by id                      → GetItem   pk=SECTION#<id>            sk=SECTION
 * - all sections in navigation order   → Query     gsi1pk=SECTIONS            gsi1sk=<order>#<id>
 * - article (editor's working copy)    → GetItem   pk=ARTICLE#<id>            sk=ARTICLE
 * - slug reservation (unique slugs)    → GetItem   pk=SLUG#<slug>             sk=SLUG
 * - published article by slug (reader) → GetItem   pk=SLUG#<slug>             sk=PUBLISHED
 * - published in a section, newest 1st → Query     gsi1pk=PUBLISHED#SECTION#<sectionId> gsi1sk=<publishedAt>#<id>
 * - latest published, all sections     → Query     gsi2pk=PUBLISHED           gsi2sk=<publishedAt>#<id>
 * - user by id                         → GetItem   pk=USER#<id>               sk=USER
 * - user by email (login, uniqueness)  → GetItem   pk=EMAIL#<email>           sk=EMAIL
 * - users by role (is there an admin?) → Query     gsi1pk=USERS#ROLE#<role>   gsi1sk=<email>
 * - report aggregates for a period     → Query     pk=REPORT#<yyyy>           sk between <from> and <to>~
 *     one item per (local publication day, kind, section, approver) with a `count` kept exact by
 *     ADD ±1 in the same transaction as publish / unpublish / section move
 * - audit events of an item           → Query     pk=AUDIT#<itemId>          sk=<at>#<eventId>
 * - audit events of a day (Vietnam)    → Query     gsi1pk=AUDIT#DAY#<yyyy-mm-dd> gsi1sk=<at>#<eventId>
 * - session by token hash              → GetItem   pk=SESSION#<sha256(token)> sk=SESSION  (TTL expiresAt)
 * - login failures in a window         → GetItem   pk=THROTTLE#<scope>#<subject> sk=<window start> (TTL)
 * - users, all                         → Query     gsi2pk=USERS               gsi2sk=<email>
 * - article revisions                  → Query     pk=ARTICLE#<id>            sk begins_with REV#
 * - articles of an author              → Query     gsi2pk=AUTHOR#<userId>     gsi2sk=<updatedAt>#<id>
 * - review queue of a section          → Query     gsi1pk=QUEUE#<sectionId>   gsi1sk=<submittedAt>#<id>  (only while submitted)
 * - scheduled publications, due first  → Query     gsi1pk=SCHEDULED           gsi1sk=<publishAt>#<id>    (only while scheduled)
 * - one-off markers (demo seeded)      → GetItem   pk=META                    sk=<name>
 * Visitors and views (issue 5; functions/core/visitors.ts, views.ts). <s> is a write shard 0…shards-1
 * (configured, only ever raised); counters are summed over the shards on read:
 * - online sessions, last 5 minutes    → Query     pk=ONLINE#<s>              sk between <iso from>#~ and <iso now>#~
 *     one small item per heartbeat (sk=<iso>#<visitorId>), deduplicated by visitor on read, TTL'd
 * - start of a visit, once per window  → Put if absent pk=VISITOR#<visitorId>  sk=VISIT#<previous last seen>
 * - last counted view of an article    → conditional Update pk=VISITOR#<visitorId> sk=VIEW#<articleId>
 * - total visits                       → BatchGet  pk=VISITS#TOTAL#<s>        sk=TOTAL
 * - visits per day in a period         → Query     pk=VISITS#<yyyy>#<s>       sk between <from> and <to>
 * - total views of an article          → BatchGet  pk=VIEWS#<articleId>#<s>   sk=TOTAL
 * - views per article per day, period  → Query     pk=VIEWDAY#<yyyy-mm>#<s>   sk between <from># and <to>#~ (sk=<day>#<articleId>)
 * Search and section paging (issue 4; functions/core/search.ts, listings.ts):
 * - search document of an article      → BatchGet  pk=SEARCH#DOC#<articleId>  sk=SEARCH
 * - search documents changed since t   → Query     gsi1pk=SEARCH#CHANGES      gsi1sk=<changedAt>#<articleId>
 *     one item per article ever published (a tombstone once unpublished), written in the publish /
 *     re-approval / unpublish transaction; readers keep the index in memory and read what changed
 * - published count by month (UTC)     → Query     pk=COUNT#SECTION#<id> | COUNT#ALL  sk=<yyyy-mm>, newest first
 *     `n` and `d01`…`d31` kept exact by ADD ±1 in the same transactions: page N of a section is
 *     located from them without reading the pages before it; the sitemap lists months of COUNT#ALL
 *
 * The published view lives beside the slug reservation, keyed by slug, so a public article read is
 * one GetItem and an edit of the working copy never changes what readers see until it is approved.
 * `publishedAt` is an ISO-8601 UTC string, so lexical order is time order.
 */

export interface Key {
  pk: string;
  sk: string;
}

export const Keys = {
  section: (id: string): Key => ({ pk: `SECTION#${id}`, sk: "SECTION" }),
  sectionList: () => ({ gsi1pk: "SECTIONS" }),
  sectionListSort: (order: number, id: string) => `${String(order).padStart(4, "0")}#${id}`,

  article: (id: string): Key => ({ pk: `ARTICLE#${id}`, sk: "ARTICLE" }),
  slug: (slug: string): Key => ({ pk: `SLUG#${slug}`, sk: "SLUG" }),
  publishedView: (slug: string): Key => ({ pk: `SLUG#${slug}`, sk: "PUBLISHED" }),
  publishedInSection: (sectionId: string) => `PUBLISHED#SECTION#${sectionId}`,
  publishedLatest: () => "PUBLISHED",
  publishedSort: (publishedAt: string, id: string) => `${publishedAt}#${id}`,

  user: (id: string): Key => ({ pk: `USER#${id}`, sk: "USER" }),
  userEmail: (email: string): Key => ({ pk: `EMAIL#${email.toLowerCase()}`, sk: "EMAIL" }),
  usersByRole: (role: string) => `USERS#ROLE#${role}`,

  /** `day` is the publication date in Vietnam (YYYY-MM-DD); kind is news, collected, documents, … */
  reportAggregate: (day: string, kind: string, sectionId: string, approverId: string): Key => ({
    pk: `REPORT#${day.slice(0, 4)}`,
    sk: `${day}#${kind}#${sectionId}#${approverId}`,
  }),

  auditByItem: (itemId: string, at: string, eventId: string): Key => ({ pk: `AUDIT#${itemId}`, sk: `${at}#${eventId}` }),
  auditByDay: (day: string) => `AUDIT#DAY#${day}`,

  session: (tokenHash: string): Key => ({ pk: `SESSION#${tokenHash}`, sk: "SESSION" }),
  throttle: (scope: "account" | "client", subject: string, windowStart: string): Key => ({ pk: `THROTTLE#${scope}#${subject}`, sk: windowStart }),
  allUsers: () => "USERS",

  revision: (articleId: string, number: number): Key => ({ pk: `ARTICLE#${articleId}`, sk: `REV#${String(number).padStart(6, "0")}` }),
  revisionPrefix: () => "REV#",
  articlesByAuthor: (userId: string) => `AUTHOR#${userId}`,
  reviewQueue: (sectionId: string) => `QUEUE#${sectionId}`,
  scheduled: () => "SCHEDULED",

  meta: (name: string): Key => ({ pk: "META", sk: name }),

  // Visitors and views (issue 5). Days are Vietnam days (YYYY-MM-DD); `at` is an ISO-8601 UTC instant.
  presencePartition: (shard: number) => `ONLINE#${shard}`,
  presence: (shard: number, at: string, visitorId: string): Key => ({ pk: `ONLINE#${shard}`, sk: `${at}#${visitorId}` }),
  /** Lower/upper bound for presence sort keys at an instant: "~" sorts after every visitor id. */
  presenceBound: (at: string) => `${at}#~`,
  visitStart: (visitorId: string, previousLastSeen: number): Key => ({ pk: `VISITOR#${visitorId}`, sk: `VISIT#${previousLastSeen}` }),
  viewMark: (visitorId: string, articleId: string): Key => ({ pk: `VISITOR#${visitorId}`, sk: `VIEW#${articleId}` }),
  visitsTotal: (shard: number): Key => ({ pk: `VISITS#TOTAL#${shard}`, sk: "TOTAL" }),
  visitsDailyPartition: (year: string, shard: number) => `VISITS#${year}#${shard}`,
  visitsDaily: (day: string, shard: number): Key => ({ pk: `VISITS#${day.slice(0, 4)}#${shard}`, sk: day }),
  articleViews: (articleId: string, shard: number): Key => ({ pk: `VIEWS#${articleId}#${shard}`, sk: "TOTAL" }),
  viewsDailyPartition: (month: string, shard: number) => `VIEWDAY#${month}#${shard}`,
  viewsDaily: (day: string, shard: number, articleId: string): Key => ({ pk: `VIEWDAY#${day.slice(0, 7)}#${shard}`, sk: `${day}#${articleId}` }),

  // Search (issue 4)
  searchDoc: (articleId: string): Key => ({ pk: `SEARCH#DOC#${articleId}`, sk: "SEARCH" }),
  searchChanges: () => "SEARCH#CHANGES",
  searchChangeSort: (changedAt: string, articleId: string) => `${changedAt}#${articleId}`,
  /** `sectionId` undefined: every section together. `month` is "yyyy-mm" in UTC. */
  publishedCount: (sectionId: string | undefined, month: string): Key => ({
    pk: sectionId === undefined ? "COUNT#ALL" : `COUNT#SECTION#${sectionId}`,
    sk: month,
  }),
  publishedCountPartition: (sectionId: string | undefined) => (sectionId === undefined ? "COUNT#ALL" : `COUNT#SECTION#${sectionId}`),
} as const;
