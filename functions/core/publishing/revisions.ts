import { diffWords } from "diff";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { notFound } from "../shared/errors";
import { plainText } from "../shared/html";
import { contentKeys } from "../storage/keys";
import { queryPages } from "../storage/page";
import type { Store } from "../storage/store";
import { Audit } from "./audit";
import { strip } from "./items";
import type { BaseContent, ContentKind, Revision } from "./kind";

/** Revisions: every save of an item's content, listed, read, compared (restore is the engine's). */
export const Revisions = {
  /** Every revision, newest first, without the content (a Query stops after 1 MB: read page by page). */
  async list(store: Store, kind: ContentKind<BaseContent>, id: string): Promise<Omit<Revision, "body">[]> {
    const keys = contentKeys(kind.space);
    const revisions: Omit<Revision, "body">[] = [];
    for await (const items of queryPages(store, {
      TableName: store.table,
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :rev)",
      ExpressionAttributeValues: { ":pk": keys.item(id).pk, ":rev": keys.revisionPrefix() },
      ProjectionExpression: "#number, #at, #by, note, title",
      ExpressionAttributeNames: { "#number": "number", "#at": "at", "#by": "by" },
      ScanIndexForward: false,
    })) {
      revisions.push(...(items as Omit<Revision, "body">[]));
    }
    return revisions;
  },

  /** Revisions and audit history together, for the editor's screen of an item. */
  async overview(store: Store, kind: ContentKind<BaseContent>, id: string) {
    const [revisions, history] = await Promise.all([Revisions.list(store, kind, id), Audit.byItem(store, id, { limit: 100 })]);
    return { revisions, history: history.items };
  },

  /** One revision, after `authorize` (the engine's read check) passes. */
  async get(store: Store, kind: ContentKind<BaseContent>, id: string, number: number, authorize: () => Promise<unknown>): Promise<Revision> {
    await authorize();
    if (!Number.isInteger(number) || number < 1 || number > 999_999) throw notFound("Không tìm thấy phiên bản này.");
    const out = await store.db.send(new GetCommand({ TableName: store.table, Key: contentKeys(kind.space).revision(id, number) }));
    if (!out.Item) throw notFound("Không tìm thấy phiên bản này.");
    return strip<Revision>(out.Item, ["itemId", "articleId"]);
  },

  /**
   * What changed between two revisions: the plain fields side by side, and the rich text as a
   * word diff of its text (block elements on their own lines), which is what editors review.
   */
  async compare(store: Store, kind: ContentKind<BaseContent>, id: string, a: number, b: number, authorize: () => Promise<unknown>) {
    await authorize();
    const [older, newer] = await Promise.all([Revisions.get(store, kind, id, a, async () => {}), Revisions.get(store, kind, id, b, async () => {})]);
    const rich = kind.richTextField;
    const fields = kind.contentFields
      .filter((field) => field !== rich && JSON.stringify(older[field]) !== JSON.stringify(newer[field]))
      .map((field) => ({ field, before: older[field] ?? null, after: newer[field] ?? null }));
    const asText = (html: unknown) =>
      plainText(String(html ?? "").replace(/<\/(p|h\d|li|blockquote|tr|figcaption)>|<br\s*\/?>/g, "\n§")).replace(/ ?§ ?/g, "\n");
    const body = rich
      ? diffWords(asText(older[rich]), asText(newer[rich])).map((part) => ({ op: part.added ? "added" : part.removed ? "removed" : "same", text: part.value }))
      : [];
    return { a: { number: older.number, at: older.at, by: older.by }, b: { number: newer.number, at: newer.at, by: newer.by }, fields, body };
  },
};
