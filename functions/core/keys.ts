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
 * - one-off markers (demo seeded)      → GetItem   pk=META                    sk=<name>
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

  meta: (name: string): Key => ({ pk: "META", sk: name }),
} as const;
