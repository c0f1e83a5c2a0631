import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { isBoardFor } from "../accounts/permissions";
import type { SessionUser } from "../accounts/users";
import { Sections } from "../sections/sections";
import { invalid } from "../shared/errors";
import { contentKeys, Keys } from "../storage/keys";
import { decodeCursor, encodeCursor, queryPages, type Page } from "../storage/page";
import type { Store } from "../storage/store";
import { LIST_PROJECTION, listItem } from "./items";
import type { ContentKind, ListItem } from "./kind";

export type WorkListView = "mine" | "queue" | "scheduled" | "published";
const VIEWS: readonly WorkListView[] = ["mine", "queue", "scheduled", "published"];

/** The editors' work lists of a kind: `GET /api/<kind>?view=mine|queue|scheduled|published`. */
export const WorkLists = {
  async list(store: Store, kind: ContentKind, user: SessionUser, view: string | undefined, options: { cursor?: string; limit?: number }): Promise<Page<ListItem>> {
    const chosen = (view ?? "mine") as WorkListView;
    if (!VIEWS.includes(chosen)) throw invalid("Danh sách không hợp lệ.", { view: `Chọn một trong: ${VIEWS.join(", ")}.` });
    if (options.limit !== undefined && (!Number.isInteger(options.limit) || options.limit < 1))
      throw invalid("Số mục mỗi trang không hợp lệ.", { limit: "Phải là số nguyên từ 1 trở lên." });
    const limit = Math.min(options.limit ?? 20, 100);
    const keys = contentKeys(kind.space);
    switch (chosen) {
      case "mine":
        return newestFirst(store, kind, "gsi2", keys.byAuthor(user.id), limit, options.cursor);
      case "published":
        return newestFirst(store, kind, "gsi2", keys.publishedLatest(), limit, options.cursor);
      case "queue":
        return { items: await waiting(store, kind, user, (sectionId) => keys.reviewQueue(sectionId)) };
      case "scheduled":
        return { items: await scheduled(store, kind, user) };
    }
  },
};

async function newestFirst(store: Store, kind: ContentKind, index: "gsi2", partition: string, limit: number, cursor?: string): Promise<Page<ListItem>> {
  const out = await store.db.send(
    new QueryCommand({
      TableName: store.table,
      IndexName: index,
      KeyConditionExpression: "#pk = :pk",
      ...LIST_PROJECTION,
      ExpressionAttributeNames: { ...LIST_PROJECTION.ExpressionAttributeNames, "#pk": `${index}pk` },
      ExpressionAttributeValues: { ":pk": partition },
      ScanIndexForward: false,
      Limit: limit,
      ExclusiveStartKey: decodeCursor(cursor, { keys: ["pk", "sk", `${index}pk`, `${index}sk`], partition: { [`${index}pk`]: partition } }),
    }),
  );
  return { items: (out.Items ?? []).map((item) => listItem(kind, item)), next: encodeCursor(out.LastEvaluatedKey) };
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
