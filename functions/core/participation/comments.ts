import { createHash, randomUUID } from "node:crypto";
import { GetCommand, QueryCommand, UpdateCommand } from "../storage/db";
import { z } from "zod";
import { forbidden, isBoardFor } from "../accounts/permissions";
import type { SessionUser } from "../accounts/users";
import { kindNamed } from "../content";
import { auditPut } from "../publishing/audit";
import type { ContentKind, Item } from "../publishing/kind";
import { unitCount } from "../publishing/report-counts";
import { Sections } from "../sections/sections";
import { AppError, invalid, notFound } from "../shared/errors";
import { plainText } from "../shared/html";
import { optionalText, parse, text } from "../shared/validation";
import { contentKeys, ParticipationKeys } from "../storage/keys";
import { transact, type Store } from "../storage/store";
import { READER_COMMENT_LIMITS, takeReaderCommentTokens, type ReaderCommentLimits } from "./limits";
import type { PublicComment } from "./public";

/**
 * Readers' comments (bình luận của bạn đọc) under articles, documents, galleries and videos
 * (docs/architecture.md, "Contract"). Anyone may send one on a live item, without an account;
 * it waits as `pending` until the board of the item's section approves or rejects it.
 *
 * Where readers see them, without a read of their own: approved comments are copied onto the
 * item's published view (`readerComments`, `commentCount`) in the approval's transaction, so the
 * item's page stays the one GetItem of its view (issue 14). The truth is the per-item APPROVED
 * item; `syncView` rebuilds the view's copy from it. An editor's re-approval rewrites the view
 * whole and drops the copy: the composition root's publish effects must call `syncView` after
 * each publication (functions/core/publishing/invalidation.ts; until then the next moderation of
 * the item restores it). The copy is bounded (`VIEW_BYTES`): past it the oldest approved comments
 * stay counted but leave the page.
 */

/** Kinds that take readers' comments (not consultations: they have formal comments; not schedules). */
export const COMMENT_KINDS = ["articles", "documents", "galleries", "videos"] as const;
export const READER_COMMENT_MAX = { name: 80, email: 254, content: 2000, reply: 2000, reason: 500 };
/** The most the published view carries of approved comments (JSON bytes), far under DynamoDB's 400 KB item. */
const VIEW_BYTES = 80_000;
const STATUSES = ["pending", "approved", "rejected"] as const;
export type CommentStatus = (typeof STATUSES)[number];

export interface ReaderComment {
  id: string;
  kind: string;
  itemId: string;
  /** Where the item was when the comment came; the board is that of the item's section now. */
  sectionId: string;
  slug: string;
  title: string;
  url: string;
  status: CommentStatus;
  name: string;
  email?: string;
  content: string;
  receivedAt: string;
  decidedAt?: string;
  decidedBy?: { id: string; name: string };
  reason?: string;
  reply?: string;
}

const commentSchema = z.object({
  name: text("Họ và tên", READER_COMMENT_MAX.name)
    .transform(plainText)
    .refine((value) => value.length > 0, { error: "Họ và tên không được để trống." }),
  email: z
    .union([z.literal(""), z.email({ error: "Thư điện tử không hợp lệ." }).max(READER_COMMENT_MAX.email, { error: "Thư điện tử quá dài." })])
    .optional(),
  // Plain text with its line breaks; pages escape it and never make links of it.
  content: text("Nội dung ý kiến", READER_COMMENT_MAX.content).transform((value) => value.trim().replace(/\n{3,}/g, "\n\n")),
});
const approveSchema = z.object({
  reply: optionalText("Trả lời của Ban Biên tập", READER_COMMENT_MAX.reply).transform((value) => value.trim()).optional(),
});
const rejectSchema = z.object({
  reason: text("Lý do không duyệt", READER_COMMENT_MAX.reason).transform((value) => value.trim()),
});

/** The same words from the same client on the same item, whatever the spacing or letter case. */
const sameText = (client: string, content: string) =>
  createHash("sha256").update(`${client}\n${content.replace(/\s+/g, " ").trim().toLocaleLowerCase("vi")}`).digest("base64url");

const duplicate = () => new AppError("CONFLICT", "Ý kiến với nội dung này đã được gửi trước đó.", { content: "Trùng với ý kiến bạn đã gửi." });

function commentKind(name: string): ContentKind {
  const kind = (COMMENT_KINDS as readonly string[]).includes(name) ? kindNamed(name) : undefined;
  if (!kind) throw notFound("Nội dung này không nhận ý kiến bạn đọc.");
  return kind;
}

async function workingCopy(store: Store, kind: ContentKind, id: string): Promise<Item | undefined> {
  if (!/^[\w-]{1,64}$/.test(id)) return undefined;
  const out = await store.db.send(new GetCommand({ TableName: store.table, Key: contentKeys(kind.space).item(id) }));
  return out.Item as Item | undefined;
}

/** Where a live item is published (its board decides): the counted section, else the working copy's. */
const liveSection = (item: Item) => item.counted?.sectionId ?? item.sectionId;

function publicOf(comment: ReaderComment): PublicComment {
  return { id: comment.id, name: comment.name, content: comment.content, at: comment.receivedAt, ...(comment.reply ? { reply: comment.reply } : {}) };
}

/** The newest approved comments that fit in `VIEW_BYTES`, oldest first. */
function viewCopy(all: PublicComment[]): PublicComment[] {
  let bytes = 0;
  let start = all.length;
  while (start > 0) {
    bytes += Buffer.byteLength(JSON.stringify(all[start - 1]));
    if (bytes > VIEW_BYTES) break;
    start--;
  }
  return all.slice(start);
}

async function readComment(store: Store, id: string): Promise<ReaderComment> {
  const found = /^[\w-]{1,64}$/.test(id)
    ? (await store.db.send(new GetCommand({ TableName: store.table, Key: ParticipationKeys.comment(id), ConsistentRead: true }))).Item
    : undefined;
  if (!found) throw notFound("Không tìm thấy ý kiến.");
  return fromStored(found);
}

function fromStored(item: Record<string, unknown>): ReaderComment {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, entity: _e, schemaVersion: _v, ...rest } = item;
  void _pk, void _sk, void _g1, void _g2, void _e, void _v;
  return rest as unknown as ReaderComment;
}

export interface ReceiveOptions {
  /** The client as metrics/signing.ts `clientKey` hashes it. */
  client: string;
  now?: number;
  limits?: ReaderCommentLimits;
}

export const ReaderComments = {
  /**
   * Receives a reader's comment on item `id` of kind `kindName`. The honeypot (`website`) filled:
   * answered like any comment (202 pending) but nothing is stored, so a robot learns nothing.
   * Refusals: bad fields (400), not live or no comments for the kind (404), the same text from
   * the same client on the item (409), over the client's limits (429 with Retry-After).
   */
  async receive(store: Store, kindName: string, id: string, input: unknown, options: ReceiveOptions): Promise<{ status: "pending" }> {
    const kind = commentKind(kindName);
    const website = input && typeof input === "object" ? (input as Record<string, unknown>).website : undefined;
    if (website !== undefined && website !== null && website !== "") return { status: "pending" };
    const data = parse(commentSchema, input);
    const item = await workingCopy(store, kind, id);
    if (!item?.live) throw notFound("Không tìm thấy nội dung để gửi ý kiến.");
    const view = (await store.db.send(new GetCommand({ TableName: store.table, Key: contentKeys(kind.space).publishedView(item.slug) }))).Item;
    if (!view) throw notFound("Không tìm thấy nội dung để gửi ý kiến.");

    const hash = sameText(options.client, data.content);
    const dupKey = ParticipationKeys.duplicate(kind.space, id, hash);
    // Before the limits, so that a double click does not use up the reader's allowance.
    if ((await store.db.send(new GetCommand({ TableName: store.table, Key: dupKey, ConsistentRead: true }))).Item) throw duplicate();
    const now = options.now ?? Date.now();
    const tokens = await takeReaderCommentTokens(store, options.client, now, options.limits ?? READER_COMMENT_LIMITS);

    const receivedAt = new Date(now).toISOString();
    const sectionId = String(view.sectionId ?? liveSection(item));
    const comment: ReaderComment = {
      id: randomUUID(), kind: kind.name, itemId: id, sectionId, slug: item.slug, title: String(view.title ?? item.title), url: kind.url(item.slug),
      status: "pending", name: data.name, ...(data.email ? { email: data.email } : {}), content: data.content, receivedAt,
    };
    try {
      await transact(
        store,
        [
          {
            Put: {
              TableName: store.table,
              Item: { ...ParticipationKeys.comment(comment.id), ...ParticipationKeys.commentIndex("pending", sectionId, receivedAt, comment.id), entity: "ReaderComment", schemaVersion: 1, ...comment },
              ConditionExpression: "attribute_not_exists(pk)",
            },
          },
          {
            Put: {
              TableName: store.table,
              Item: { ...dupKey, entity: "ReaderCommentMark", schemaVersion: 1, commentId: comment.id, at: receivedAt },
              ConditionExpression: "attribute_not_exists(pk)",
            },
          },
        ],
        { onConditionFailed: async (index) => (index === 1 ? duplicate() : new AppError("CONFLICT", "Xin vui lòng gửi lại.")) },
      );
    } catch (error) {
      await tokens.release();
      throw error;
    }
    return { status: "pending" };
  },

  /**
   * Comments by status in the sections `user` is board for (or in `section`: 403 when not
   * theirs), pending oldest first, decided newest first; at most `limit` per section (100).
   */
  async list(store: Store, user: SessionUser, query: { status?: string; section?: string }): Promise<{ items: ReaderComment[] }> {
    const status = (query.status || "pending") as CommentStatus;
    if (!STATUSES.includes(status)) throw invalid("Trạng thái không hợp lệ.", { status: "Chỉ nhận pending, approved hoặc rejected." });
    let sections: string[];
    if (query.section) {
      if (!/^[\w-]{1,64}$/.test(query.section)) throw invalid("Chuyên mục không hợp lệ.", { section: "Mã chuyên mục không hợp lệ." });
      if (!isBoardFor(user, query.section)) throw forbidden("Bạn không thuộc Ban Biên tập của chuyên mục này.");
      sections = [query.section];
    } else {
      sections = (await Sections.list(store)).map((section) => section.id).filter((sectionId) => isBoardFor(user, sectionId));
    }
    if (sections.length === 0) throw forbidden("Chỉ Ban Biên tập được duyệt ý kiến bạn đọc.");
    const pages = await Promise.all(
      sections.map(async (sectionId) => {
        const out = await store.db.send(
          new QueryCommand({
            TableName: store.table,
            IndexName: "gsi1",
            KeyConditionExpression: "gsi1pk = :pk",
            ExpressionAttributeValues: { ":pk": ParticipationKeys.commentsByStatus(status, sectionId) },
            ScanIndexForward: status === "pending",
            Limit: 100,
          }),
        );
        return (out.Items ?? []).map(fromStored);
      }),
    );
    const items = pages.flat().sort((a, b) => (status === "pending" ? a.receivedAt.localeCompare(b.receivedAt) : (b.decidedAt ?? "").localeCompare(a.decidedAt ?? "")));
    return { items };
  },

  /**
   * Approves (`{ reply? }`) or rejects (`{ reason }`, required) a pending comment; board of the
   * item's section only. One transaction: the comment (conditional on still pending), on approval
   * the item's APPROVED list, the published view's copy, the report's `comments` count (approval
   * day) — and the audit event. Returns the comment and the page path to invalidate.
   */
  async decide(store: Store, user: SessionUser, id: string, action: "approve" | "reject", input: unknown): Promise<{ comment: ReaderComment; path?: string }> {
    const comment = await readComment(store, id);
    const kind = commentKind(comment.kind);
    const item = await workingCopy(store, kind, comment.itemId);
    const boardSections = [comment.sectionId, ...(item ? [item.sectionId, liveSection(item)] : [])];
    if (!boardSections.some((sectionId) => isBoardFor(user, sectionId)))
      throw forbidden("Chỉ Ban Biên tập phụ trách chuyên mục của nội dung được duyệt ý kiến này.");
    if (comment.status !== "pending") throw new AppError("CONFLICT", "Ý kiến này đã được xử lý trước đó.");
    const fields = action === "approve" ? parse(approveSchema, input ?? {}) : parse(rejectSchema, input ?? {});
    const at = new Date().toISOString();
    const actor = { id: user.id, name: user.name };
    const next: ReaderComment = {
      ...comment,
      status: action === "approve" ? "approved" : "rejected",
      decidedAt: at,
      decidedBy: actor,
      ...("reply" in fields && fields.reply ? { reply: fields.reply } : {}),
      ...("reason" in fields ? { reason: fields.reason } : {}),
    };
    const commentWrite = {
      Put: {
        TableName: store.table,
        Item: { ...ParticipationKeys.comment(id), ...ParticipationKeys.commentIndex(next.status, comment.sectionId, comment.receivedAt, id), entity: "ReaderComment", schemaVersion: 1, ...next },
        ConditionExpression: "#status = :pending",
        ExpressionAttributeNames: { "#status": "status" },
        ExpressionAttributeValues: { ":pending": "pending" },
      },
    };
    const audit = auditPut(store, {
      actor,
      action: `comment.${action}`,
      itemType: kind.itemType,
      itemId: comment.itemId,
      at,
      before: { commentId: id, status: "pending" },
      after: { commentId: id, status: next.status, ...(next.reply ? { reply: next.reply } : {}) },
      ...(next.reason ? { reason: next.reason } : {}),
    });
    const stale = async () => new AppError("CONFLICT", "Ý kiến này vừa được người khác xử lý hoặc nội dung vừa thay đổi. Xin tải lại danh sách.");
    if (action === "reject") {
      await transact(store, [commentWrite, audit], { onConditionFailed: stale });
      return { comment: next };
    }

    const approvedKey = ParticipationKeys.approved(kind.space, comment.itemId);
    const current = (await store.db.send(new GetCommand({ TableName: store.table, Key: approvedKey, ConsistentRead: true }))).Item;
    const n = Number(current?.n ?? 0);
    const all = [...((current?.comments as PublicComment[] | undefined) ?? []), publicOf(next)].sort((a, b) => a.at.localeCompare(b.at));
    const live = item?.live ? item : undefined;
    await transact(
      store,
      [
        commentWrite,
        {
          Put: {
            TableName: store.table,
            Item: { ...approvedKey, entity: "ReaderCommentsApproved", schemaVersion: 1, kind: kind.name, itemId: comment.itemId, n: n + 1, comments: all },
            // Two approvals on the same item at once: the second finds the list changed (409, try again).
            ConditionExpression: n === 0 ? "attribute_not_exists(pk)" : "n = :n",
            ...(n === 0 ? {} : { ExpressionAttributeValues: { ":n": n } }),
          },
        },
        ...(live
          ? [
              {
                Update: {
                  TableName: store.table,
                  Key: contentKeys(kind.space).publishedView(live.slug),
                  UpdateExpression: "SET readerComments = :comments, commentCount = :count",
                  ConditionExpression: "attribute_exists(pk)",
                  ExpressionAttributeValues: { ":comments": viewCopy(all), ":count": n + 1 },
                },
              },
            ]
          : []),
        unitCount(store, { at, kind: "comments", sectionId: live ? liveSection(live) : comment.sectionId, approverId: actor.id, approverName: actor.name }, 1),
        audit,
      ],
      { onConditionFailed: stale },
    );
    return { comment: next, ...(live ? { path: kind.url(live.slug) } : {}) };
  },

  /**
   * Copies the item's approved comments onto its published view again (after a publication
   * rewrote the view); nothing when the item has none or is not live. Never throws.
   */
  async syncView(store: Store, kind: Pick<ContentKind, "space">, itemId: string, slug: string): Promise<void> {
    try {
      const current = (await store.db.send(new GetCommand({ TableName: store.table, Key: ParticipationKeys.approved(kind.space, itemId), ConsistentRead: true }))).Item;
      if (!current) return;
      const all = (current.comments as PublicComment[] | undefined) ?? [];
      await store.db.send(
        new UpdateCommand({
          TableName: store.table,
          Key: contentKeys(kind.space).publishedView(slug),
          UpdateExpression: "SET readerComments = :comments, commentCount = :count",
          ConditionExpression: "attribute_exists(pk) AND id = :id",
          ExpressionAttributeValues: { ":comments": viewCopy(all), ":count": Number(current.n ?? all.length), ":id": itemId },
        }),
      );
    } catch (error) {
      if ((error as Error).name !== "ConditionalCheckFailedException") console.error("Không chép lại được ý kiến bạn đọc lên trang:", error);
    }
  },
};
