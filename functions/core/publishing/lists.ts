import { QueryCommand } from "../storage/db";
import { isBoardFor } from "../accounts/permissions";
import type { SessionUser } from "../accounts/users";
import { Sections } from "../sections/sections";
import { invalid } from "../shared/errors";
import { foldVietnamese } from "../shared/text";
import { contentKeys, Keys } from "../storage/keys";
import { decodeCursor, encodeCursor, queryPages, type Page } from "../storage/page";
import type { Store } from "../storage/store";
import { LIST_PROJECTION, listItem } from "./items";
import type { ContentKind, ListItem } from "./kind";
import { STATUSES, type Status } from "./workflow";

export type WorkListView = "mine" | "queue" | "scheduled" | "published";
const VIEWS: readonly WorkListView[] = ["mine", "queue", "scheduled", "published"];

/**
 * Optional filters of a work list (`?section=&status=&author=&q=`): a section id, a status, the
 * author (id, or part of the name) and part of the title, both compared without tones. They are
 * applied to the lines read, so a filtered page reads at most FILTER_READ_LIMIT lines and then
 * answers with what it found and a cursor to go on.
 */
export interface ListFilters {
  section?: string;
  status?: string;
  author?: string;
  q?: string;
}

const FILTER_READ_LIMIT = 500;
const FILTER_TEXT_MAX = 100;

/** Validated filters as a predicate, or undefined when none is set. 400 on a bad value. */
function filterOf(filters: ListFilters = {}): ((item: ListItem) => boolean) | undefined {
  const fields: Record<string, string> = {};
  const section = filters.section?.trim();
  const status = filters.status?.trim();
  const author = filters.author?.trim() ?? "";
  const q = filters.q?.trim() ?? "";
  if (section && !/^[\w-]{1,64}$/.test(section)) fields.section = "Chuyên mục không hợp lệ.";
  if (status && !STATUSES.includes(status as Status)) fields.status = `Chọn một trong: ${STATUSES.join(", ")}.`;
  if (author.length > FILTER_TEXT_MAX) fields.author = `Tối đa ${FILTER_TEXT_MAX} ký tự.`;
  if (q.length > FILTER_TEXT_MAX) fields.q = `Tối đa ${FILTER_TEXT_MAX} ký tự.`;
  if (Object.keys(fields).length) throw invalid("Bộ lọc danh sách không hợp lệ.", fields);
  if (!section && !status && !author && !q) return undefined;
  const foldedAuthor = foldVietnamese(author);
  const foldedTitle = foldVietnamese(q);
  return (item) =>
    (!section || item.sectionId === section) &&
    (!status || item.status === status) &&
    // Published views carry no author (the byline is the kind's own field): the author filter then matches nothing.
    (!author || item.author?.id === author || foldVietnamese(item.author?.name ?? "").includes(foldedAuthor)) &&
    (!q || foldVietnamese(item.title ?? "").includes(foldedTitle));
}

/** The editors' work lists of a kind: `GET /api/<kind>?view=mine|queue|scheduled|published`. */
export const WorkLists = {
  async list(
    store: Store,
    kind: ContentKind,
    user: SessionUser,
    view: string | undefined,
    options: { cursor?: string; limit?: number; filters?: ListFilters },
  ): Promise<Page<ListItem>> {
    const chosen = (view ?? "mine") as WorkListView;
    if (!VIEWS.includes(chosen)) throw invalid("Danh sách không hợp lệ.", { view: `Chọn một trong: ${VIEWS.join(", ")}.` });
    if (options.limit !== undefined && (!Number.isInteger(options.limit) || options.limit < 1))
      throw invalid("Số mục mỗi trang không hợp lệ.", { limit: "Phải là số nguyên từ 1 trở lên." });
    const limit = Math.min(options.limit ?? 20, 100);
    const keep = filterOf(options.filters);
    const keys = contentKeys(kind.space);
    switch (chosen) {
      case "mine":
        return newestFirst(store, kind, "gsi2", keys.byAuthor(user.id), limit, options.cursor, keep);
      case "published":
        return newestFirst(store, kind, "gsi2", keys.publishedLatest(), limit, options.cursor, keep);
      case "queue": {
        const items = await waiting(store, kind, user, (sectionId) => keys.reviewQueue(sectionId));
        return { items: keep ? items.filter(keep) : items };
      }
      case "scheduled": {
        const items = await scheduled(store, kind, user);
        return { items: keep ? items.filter(keep) : items };
      }
    }
  },
};

/**
 * Newest first, a page of `limit` lines; with a filter, pages are read until `limit` lines match
 * or FILTER_READ_LIMIT lines were read (a page may then hold fewer, or up to a read page more).
 */
async function newestFirst(
  store: Store,
  kind: ContentKind,
  index: "gsi2",
  partition: string,
  limit: number,
  cursor: string | undefined,
  keep?: (item: ListItem) => boolean,
): Promise<Page<ListItem>> {
  let start = decodeCursor(cursor, { keys: ["pk", "sk", `${index}pk`, `${index}sk`], partition: { [`${index}pk`]: partition } });
  const items: ListItem[] = [];
  let read = 0;
  do {
    const out = await store.db.send(
      new QueryCommand({
        TableName: store.table,
        IndexName: index,
        KeyConditionExpression: "#pk = :pk",
        ...LIST_PROJECTION,
        ExpressionAttributeNames: { ...LIST_PROJECTION.ExpressionAttributeNames, "#pk": `${index}pk` },
        ExpressionAttributeValues: { ":pk": partition },
        ScanIndexForward: false,
        Limit: keep ? 100 : limit,
        ExclusiveStartKey: start,
      }),
    );
    // A published view has no workflow state of its own: it is live, and "published" as readers see it.
    const lines = (out.Items ?? []).map((item) => listItem(kind, index === "gsi2" && partition === contentKeys(kind.space).publishedLatest() ? { status: "published", live: true, ...item } : item));
    read += lines.length;
    items.push(...(keep ? lines.filter(keep) : lines));
    start = out.LastEvaluatedKey;
  } while (keep && start && items.length < limit && read < FILTER_READ_LIMIT);
  return { items, next: encodeCursor(start) };
}

/** Submitted items waiting in the sections the user approves for, oldest first. */
async function waiting(store: Store, kind: ContentKind, user: SessionUser, partition: (sectionId: string) => string): Promise<ListItem[]> {
  const sections = (await Sections.list(store)).filter((section) => isBoardFor(user, section.id));
  const queues = await Promise.all(sections.map((section) => readAll(store, kind, partition(section.id))));
  return queues.flat().sort((a, b) => (a.submittedAt ?? "").localeCompare(b.submittedAt ?? ""));
}

/** Scheduled items of this kind in the user's sections (or their own), due first. */
async function scheduled(store: Store, kind: ContentKind, user: SessionUser): Promise<ListItem[]> {
  const items = await readAll(store, kind, Keys.scheduled(), true);
  return items.filter((item) => item.contentKind === kind.name && (item.author.id === user.id || isBoardFor(user, item.sectionId)));
}

async function readAll(store: Store, kind: ContentKind, partition: string, anyKind = false): Promise<ListItem[]> {
  const items: ListItem[] = [];
  for await (const page of queryPages(store, {
    TableName: store.table,
    IndexName: "gsi1",
    KeyConditionExpression: "gsi1pk = :pk",
    ExpressionAttributeValues: { ":pk": partition },
    ...LIST_PROJECTION,
  })) {
    // The scheduled partition holds every kind; items stored before kinds existed are articles.
    items.push(...page.map((item) => (anyKind ? ({ contentKind: "articles", ...item } as unknown as ListItem) : listItem(kind, item))));
  }
  return items;
}
