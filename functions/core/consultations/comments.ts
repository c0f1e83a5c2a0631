import { createHash } from "node:crypto";
import { GetCommand, QueryCommand } from "../storage/db";
import { z } from "zod";
import { forbidden, isBoardFor } from "../accounts/permissions";
import type { SessionUser } from "../accounts/users";
import { emailText, phoneText } from "../content/consultations";
import { auditPut, type Actor } from "../publishing/audit";
import type { Item } from "../publishing/kind";
import { csvCell } from "../metrics/reports";
import { unitCount } from "../publishing/report-counts";
import { CONSULTATION_SPACE, consultationState, type ConsultationContent, type PublishedConsultation } from "../reader/consultations";
import { Published } from "../reader/published";
import { AppError, invalid, notFound } from "../shared/errors";
import { plainText } from "../shared/html";
import { vietnamDay } from "../shared/time";
import { optionalText, parse, text } from "../shared/validation";
import { ConsultationKeys, contentKeys } from "../storage/keys";
import { decodeCursor, encodeCursor, queryPages, type Page } from "../storage/page";
import { busy, transact, type Store } from "../storage/store";
import { COMMENT_LIMITS, takeCommentTokens, type CommentLimit } from "./limits";

/**
 * Comments on drafts for public comment (docs/architecture.md, "Contract"): anyone may send one
 * while a published draft is open, without an account; the answer is a receipt ("GY-2026-000123")
 * numbered per Vietnam year. One transaction stores the comment with its receipt number (the
 * year's counter raised by ADD on the condition that nobody took that number since it was read:
 * no gaps, no repeats), the draft's comment count, a mark against the same text from the same
 * client, and the report's `consultationComments` count (day received, the draft's section and
 * approver), and checks that the draft is still published and open at that instant. Nothing is
 * shown publicly until the board publishes it (`setPublished`).
 */

export const COMMENT_MAX = { name: 120, organization: 200, content: 5000 };
/** The honeypot's answer: a person whose browser filled it can still act on it; a robot learns nothing. */
export const NOT_SENT = "Không gửi được góp ý. Xin vui lòng tải lại trang rồi gửi lại, hoặc gửi góp ý bằng thư điện tử tới đơn vị tiếp nhận.";
/** Tries for a receipt number when other comments take the next one first. */
const RECEIPT_TRIES = 20;
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

export interface StoredComment {
  receipt: string;
  consultationId: string;
  name: string;
  email?: string;
  phone?: string;
  organization?: string;
  content: string;
  receivedAt: string;
  published: boolean;
  publishedAt?: string;
  publishedBy?: Actor;
}

const commentSchema = z.object({
  name: text("Họ và tên", COMMENT_MAX.name)
    .transform(plainText)
    .refine((value) => value.length > 0, { error: "Họ và tên không được để trống." }),
  email: z.union([z.literal(""), emailText("Thư điện tử")]).optional(),
  phone: z.union([z.literal(""), phoneText("Số điện thoại")]).optional(),
  organization: optionalText("Cơ quan, tổ chức", COMMENT_MAX.organization).transform(plainText).optional(),
  // Plain text kept with its line breaks; pages and the CSV escape it on the way out.
  content: text("Nội dung góp ý", COMMENT_MAX.content).transform((value) => value.trim().replace(/\n{3,}/g, "\n\n")),
});

/** "08:05 30/11/2026" in Vietnam time, for messages. */
export function vietnamTime(iso: string): string {
  const d = new Date(Date.parse(iso) + VIETNAM_OFFSET_MS);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${p(d.getUTCHours())}:${p(d.getUTCMinutes())} ${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

const receiptOf = (year: string, n: number) => `GY-${year}-${String(n).padStart(6, "0")}`;
/** The same words from the same client, whatever the spacing or letter case. */
const sameText = (client: string, content: string) =>
  createHash("sha256").update(`${client}\n${content.replace(/\s+/g, " ").trim().toLocaleLowerCase("vi")}`).digest("base64url");

async function workingCopy(store: Store, id: string): Promise<Item<ConsultationContent> | undefined> {
  if (!/^[\w-]{1,64}$/.test(id)) return undefined;
  const out = await store.db.send(new GetCommand({ TableName: store.table, Key: contentKeys(CONSULTATION_SPACE).item(id) }));
  return out.Item as Item<ConsultationContent> | undefined;
}

/** The live draft readers see, or a 404 (unknown, never published, unpublished). */
async function liveDraft(store: Store, id: string) {
  const item = await workingCopy(store, id);
  const view = item?.live ? await Published.find<PublishedConsultation>(store, CONSULTATION_SPACE, item.slug) : undefined;
  if (!item || !view) throw notFound("Không tìm thấy dự thảo đang lấy ý kiến.");
  return { item, view };
}

function checkOpen(view: PublishedConsultation, now: number) {
  const state = consultationState(view, now);
  if (state === "upcoming")
    throw new AppError("CONFLICT", `Dự thảo chưa mở lấy ý kiến: thời gian nhận góp ý bắt đầu từ ${vietnamTime(view.opensAt)}.`);
  if (state === "closed") throw new AppError("CONFLICT", `Đã hết thời hạn góp ý (đến ${vietnamTime(view.closesAt)}).`);
}

async function duplicateOf(store: Store, id: string, hash: string): Promise<string | undefined> {
  const out = await store.db.send(new GetCommand({ TableName: store.table, Key: ConsultationKeys.duplicate(id, hash), ConsistentRead: true }));
  return out.Item ? String(out.Item.receipt) : undefined;
}

const duplicate = (receipt: string | undefined) =>
  new AppError("CONFLICT", `Góp ý với nội dung này đã được tiếp nhận trước đó${receipt ? ` (mã tiếp nhận ${receipt})` : ""}.`, { content: "Trùng với góp ý đã gửi." });

/** A receipt number someone else took first: read the counter again. */
class Retry extends Error {}

export interface ReceiveOptions {
  /** The client as metrics/signing.ts `clientKey` hashes it (limits, duplicates). */
  client: string;
  /** Epoch ms; now by default (tests move it). */
  now?: number;
  limits?: Readonly<Record<string, CommentLimit>>;
}

export const Comments = {
  /**
   * Receives a citizen's comment on draft `id`. Refusals, in order: honeypot filled (400, generic),
   * bad fields (400), not live (404), not open yet or closed (409), same text from the same client
   * (409), over the client's limits (429).
   */
  async receive(store: Store, id: string, input: unknown, options: ReceiveOptions): Promise<{ receipt: string; receivedAt: string }> {
    const website = input && typeof input === "object" ? (input as Record<string, unknown>).website : undefined;
    if (website !== undefined && website !== null && website !== "") throw invalid(NOT_SENT);
    const data = parse(commentSchema, input);
    const now = options.now ?? Date.now();
    const { item, view } = await liveDraft(store, id);
    checkOpen(view, now);

    const hash = sameText(options.client, data.content);
    // Checked before the limits so that a double click does not use up the client's allowance.
    const earlier = await duplicateOf(store, id, hash);
    if (earlier) throw duplicate(earlier);
    const tokens = await takeCommentTokens(store, options.client, now, options.limits ?? COMMENT_LIMITS);

    const receivedAt = new Date(now).toISOString();
    const year = vietnamDay(receivedAt).slice(0, 4);
    // Counted like the draft itself: where and by whom it is counted as published.
    const target = {
      at: receivedAt,
      kind: "consultationComments",
      sectionId: item.counted?.sectionId ?? view.sectionId,
      approverId: item.counted?.approverId ?? view.approvedBy.id,
      approverName: item.counted?.approverName ?? view.approvedBy.name,
    };
    try {
      for (let attempt = 1; attempt <= RECEIPT_TRIES; attempt++) {
        const counter = await store.db.send(new GetCommand({ TableName: store.table, Key: ConsultationKeys.receiptCounter(year), ConsistentRead: true }));
        const last = Number(counter.Item?.n ?? 0);
        const receipt = receiptOf(year, last + 1);
        const comment: StoredComment = {
          receipt, consultationId: id, name: data.name,
          ...(data.email ? { email: data.email } : {}), ...(data.phone ? { phone: data.phone } : {}), ...(data.organization ? { organization: data.organization } : {}),
          content: data.content, receivedAt, published: false,
        };
        try {
          await transact(
            store,
            [
              {
                Update: {
                  TableName: store.table,
                  Key: ConsultationKeys.receiptCounter(year),
                  UpdateExpression: "ADD #n :one SET entity = :entity, schemaVersion = :v",
                  ConditionExpression: last === 0 ? "attribute_not_exists(#n)" : "#n = :last",
                  ExpressionAttributeNames: { "#n": "n" },
                  ExpressionAttributeValues: { ":one": 1, ":entity": "ReceiptCounter", ":v": 1, ...(last === 0 ? {} : { ":last": last }) },
                },
              },
              // Still published and open now (an unpublish or a new period may have come in between).
              {
                ConditionCheck: {
                  TableName: store.table,
                  Key: contentKeys(CONSULTATION_SPACE).publishedView(item.slug),
                  ConditionExpression: "attribute_exists(pk) AND opensAt <= :at AND closesAt > :at",
                  ExpressionAttributeValues: { ":at": receivedAt },
                },
              },
              {
                Put: {
                  TableName: store.table,
                  Item: { ...ConsultationKeys.comment(id, receipt), entity: "ConsultationComment", schemaVersion: 1, ...comment },
                  ConditionExpression: "attribute_not_exists(pk)",
                },
              },
              {
                Put: {
                  TableName: store.table,
                  Item: { ...ConsultationKeys.duplicate(id, hash), entity: "ConsultationCommentMark", schemaVersion: 1, receipt, at: receivedAt },
                  ConditionExpression: "attribute_not_exists(pk)",
                },
              },
              {
                Update: {
                  TableName: store.table,
                  Key: ConsultationKeys.commentCount(id),
                  UpdateExpression: "ADD #n :one SET entity = :entity, schemaVersion = :v, consultationId = :id",
                  ExpressionAttributeNames: { "#n": "n" },
                  ExpressionAttributeValues: { ":one": 1, ":entity": "ConsultationCommentCount", ":v": 1, ":id": id },
                },
              },
              unitCount(store, target, 1),
            ],
            {
              onConditionFailed: async (index) => {
                if (index === 0 || index === 2) return new Retry();
                if (index === 3) return duplicate(await duplicateOf(store, id, hash));
                const fresh = await liveDraft(store, id);
                checkOpen(fresh.view, now);
                return new AppError("CONFLICT", "Dự thảo vừa thay đổi. Xin vui lòng tải lại trang rồi gửi lại.");
              },
            },
          );
          return { receipt, receivedAt };
        } catch (error) {
          if (!(error instanceof Retry)) throw error;
        }
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
      }
      throw busy();
    } catch (error) {
      await tokens.release();
      throw error;
    }
  },

  /** The draft's working copy, for a member of its board (where it sits or where it is live); 404 / 403 otherwise. */
  async forBoard(store: Store, user: SessionUser, id: string): Promise<Item<ConsultationContent>> {
    const item = await workingCopy(store, id);
    if (!item) throw notFound("Không tìm thấy dự thảo.");
    if (!isBoardFor(user, item.sectionId) && !(item.counted && isBoardFor(user, item.counted.sectionId)))
      throw forbidden("Chỉ Ban Biên tập phụ trách chuyên mục của dự thảo được xem và công khai góp ý.");
    return item;
  },

  /** Comments of a draft, oldest first, in pages (`limit` 1–100, 50 by default). */
  async list(store: Store, id: string, options: { cursor?: string; limit?: number } = {}): Promise<Page<StoredComment>> {
    const partition = ConsultationKeys.comments(id);
    const limit = options.limit === undefined || !Number.isFinite(options.limit) ? 50 : Math.min(100, Math.max(1, Math.floor(options.limit)));
    const out = await store.db.send(
      new QueryCommand({
        TableName: store.table,
        KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
        ExpressionAttributeValues: { ":pk": partition, ":prefix": ConsultationKeys.commentPrefix() },
        Limit: limit,
        ExclusiveStartKey: decodeCursor(options.cursor, { keys: ["pk", "sk"], partition: { pk: partition } }),
      }),
    );
    return { items: (out.Items ?? []).map(fromStored), next: encodeCursor(out.LastEvaluatedKey) };
  },

  /** Every comment of a draft, oldest first (the CSV export). */
  async all(store: Store, id: string): Promise<StoredComment[]> {
    const comments: StoredComment[] = [];
    for await (const items of queryPages(store, {
      TableName: store.table,
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
      ExpressionAttributeValues: { ":pk": ConsultationKeys.comments(id), ":prefix": ConsultationKeys.commentPrefix() },
    }))
      comments.push(...items.map(fromStored));
    return comments;
  },

  /**
   * Shows (`published: true`) or withdraws a comment on the draft's public page, with an audit
   * event in the same transaction; board only. Unchanged: nothing written.
   */
  async setPublished(store: Store, user: SessionUser, id: string, receipt: string, input: unknown): Promise<{ comment: StoredComment; changed: boolean; slug: string }> {
    const item = await Comments.forBoard(store, user, id);
    const { published } = parse(z.object({ published: z.boolean({ error: "published phải là true hoặc false." }) }), input);
    const key = /^GY-\d{4}-\d{6}$/.test(receipt) ? ConsultationKeys.comment(id, receipt) : undefined;
    const found = key && (await store.db.send(new GetCommand({ TableName: store.table, Key: key, ConsistentRead: true }))).Item;
    if (!key || !found) throw notFound("Không tìm thấy góp ý.");
    const current = fromStored(found);
    if (current.published === published) return { comment: current, changed: false, slug: item.slug };
    const at = new Date().toISOString();
    const actor = { id: user.id, name: user.name };
    const index = ConsultationKeys.publishedComment(id, receipt);
    await transact(store, [
      {
        Update: {
          TableName: store.table,
          Key: key,
          ...(published
            ? {
                UpdateExpression: "SET published = :true, publishedAt = :at, publishedBy = :by, gsi1pk = :gpk, gsi1sk = :gsk",
                ExpressionAttributeValues: { ":true": true, ":at": at, ":by": actor, ":gpk": index.gsi1pk, ":gsk": index.gsi1sk, ":was": false },
              }
            : {
                UpdateExpression: "SET published = :false REMOVE publishedAt, publishedBy, gsi1pk, gsi1sk",
                ExpressionAttributeValues: { ":false": false, ":was": true },
              }),
          // Two board members at once: the second finds it changed (409), nothing audited twice.
          ConditionExpression: "attribute_exists(pk) AND published = :was",
        },
      },
      auditPut(store, {
        actor,
        action: `consultation.comment-${published ? "publish" : "unpublish"}`,
        itemType: "consultation",
        itemId: id,
        at,
        before: { receipt, published: current.published },
        after: { receipt, published },
      }),
    ]);
    const { publishedAt: _at, publishedBy: _by, ...rest } = current;
    void _at, void _by;
    return { comment: published ? { ...rest, published, publishedAt: at, publishedBy: actor } : { ...rest, published }, changed: true, slug: item.slug };
  },

  /** Every comment as CSV: UTF-8 with BOM (spreadsheets then read Vietnamese right), CRLF, RFC 4180. */
  toCsv(comments: readonly StoredComment[]): string {
    const rows: string[][] = [
      ["Mã tiếp nhận", "Thời gian", "Họ tên", "Thư điện tử", "Điện thoại", "Cơ quan/tổ chức", "Nội dung", "Công khai"],
      ...comments.map((c) => [
        c.receipt, vietnamDateTime(c.receivedAt), c.name, c.email ?? "", c.phone ?? "", c.organization ?? "", c.content, c.published ? "Có" : "Không",
      ]),
    ];
    return `\uFEFF${rows.map((row) => row.map(csvCell).join(",")).join("\r\n")}\r\n`;
  },
};

/** "30/11/2026 08:05" (vi-VN, Vietnam time), as the pages show instants. */
function vietnamDateTime(iso: string): string {
  const [time, date] = vietnamTime(iso).split(" ");
  return `${date} ${time}`;
}


function fromStored(item: Record<string, unknown>): StoredComment {
  const { receipt, consultationId, name, email, phone, organization, content, receivedAt, published, publishedAt, publishedBy } = item as unknown as StoredComment;
  return {
    receipt, consultationId, name,
    ...(email ? { email } : {}), ...(phone ? { phone } : {}), ...(organization ? { organization } : {}),
    content, receivedAt, published: published === true,
    ...(publishedAt ? { publishedAt } : {}), ...(publishedBy ? { publishedBy } : {}),
  };
}
