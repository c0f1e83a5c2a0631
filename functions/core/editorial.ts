import { randomUUID } from "node:crypto";
import { diffWords } from "diff";
import { GetCommand, QueryCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import { reportCount, type ArticleContent, type ImportInput, type PublishedArticle } from "./articles";
import { Audit, auditPut, type Actor, type AuditEvent } from "./audit";
import { AppError, invalid, notFound } from "./errors";
import { plainText, sanitizeRichText } from "./html";
import { Keys } from "./keys";
import { ReaderIndex, type Placement } from "./reader-index";
import { decodeCursor, encodeCursor, queryPages, type Page } from "./page";
import { canOnArticle, forbidden, isBoardFor, type ArticleAction } from "./permissions";
import { Sections } from "./sections";
import { conditionFailedAt, isContention, type Store } from "./store";
import { isSlug, slugify } from "./text";
import type { SessionUser } from "./users";
import { httpUrl, isoDateTime, optionalText, parse, text, version } from "./validation";

/**
 * The editorial workflow of news and collected articles (DESIGN.md, Editorial model).
 *
 *   draft ─submit→ submitted ─approve→ published ─unpublish→ unpublished
 *     ↑               │  └─schedule→ scheduled ─(scheduler, when due)→ published
 *     └── returned ←──┘ return (with a reason)
 *
 * The working copy (`ARTICLE#<id>/ARTICLE`) is what editors change; readers only ever see the
 * published view (`SLUG#<slug>/PUBLISHED`), written at approval. Editing a published article puts
 * the working copy back to draft while `live` stays true: readers keep the approved text until
 * the next approval. Every change is one transaction, conditional on the version the editor
 * read: working copy, revision, published view, report aggregates and audit event together.
 */

export type ArticleStatus = "draft" | "submitted" | "returned" | "scheduled" | "published" | "unpublished";

export type { ArticleContent };

/** Where a live article is counted in the report aggregates, so unpublish/moves undo exactly that. */
interface Counted {
  publishedAt: string;
  kind: string;
  sectionId: string;
  approverId: string;
  approverName: string;
}

export interface Article extends ArticleContent {
  id: string;
  slug: string;
  status: ArticleStatus;
  /** A published view exists (readers see the last approved text). */
  live: boolean;
  version: number;
  revision: number;
  author: Actor;
  createdAt: string;
  updatedAt: string;
  updatedBy: Actor;
  submittedAt?: string;
  returnReason?: string;
  scheduledAt?: string;
  /** Publication date: the first approval, or the archive date given at creation. */
  publishedAt?: string;
  approvedBy?: Actor;
  approvedAt?: string;
  counted?: Counted;
}

export interface Revision extends ArticleContent {
  number: number;
  at: string;
  by: Actor;
  /** "create", "edit", "restore:<n>" */
  note: string;
}

export type ArticleListItem = Pick<Article, "id" | "slug" | "title" | "status" | "live" | "sectionId" | "kind" | "version" | "updatedAt" | "author" | "submittedAt" | "scheduledAt" | "publishedAt">;

const CONTENT_FIELDS = ["kind", "title", "summary", "body", "sectionId", "byline", "tags", "sourceName", "sourceUrl", "image"] as const;
const LIMITS = { title: 300, summary: 1000, body: 200_000, byline: 120, tag: 50, tags: 20, source: 200, reason: 2000, image: 500 };

const contentShape = {
  kind: z.enum(["news", "collected"], { error: "Loại bài phải là news (tin bài) hoặc collected (tin sưu tầm)." }),
  title: text("Tiêu đề", LIMITS.title),
  summary: optionalText("Sapo (tóm tắt)", LIMITS.summary),
  body: optionalText("Nội dung", LIMITS.body),
  section: text("Chuyên mục", 120),
  byline: optionalText("Bút danh tác giả", LIMITS.byline),
  tags: z
    .array(optionalText("Từ khóa", LIMITS.tag), { error: "Từ khóa phải là danh sách." })
    .max(LIMITS.tags, { error: `Tối đa ${LIMITS.tags} từ khóa.` }),
  sourceName: optionalText("Tên nguồn", LIMITS.source),
  sourceUrl: z.union([httpUrl("Địa chỉ nguồn"), z.literal("")]),
  // Our own media (/media/…) or an https address, like images in the body (html.ts).
  image: z.union([
    z.literal(""),
    optionalText("Ảnh đại diện", LIMITS.image).refine((value) => /^\/media\/[\w\-./]+$/.test(value) || isHttpsUrl(value), {
      error: "Ảnh đại diện phải là ảnh trong thư viện (/media/…) hoặc địa chỉ https:// hợp lệ.",
    }),
  ]),
};

function isHttpsUrl(value: string): boolean {
  try {
    return new URL(value).protocol === "https:" && /^https:\/\/[^\s]+$/.test(value);
  } catch {
    return false;
  }
}

const createSchema = z.object({
  ...contentShape,
  summary: contentShape.summary.default(""),
  body: contentShape.body.default(""),
  byline: contentShape.byline.optional(),
  tags: contentShape.tags.default([]),
  sourceName: contentShape.sourceName.optional(),
  sourceUrl: contentShape.sourceUrl.optional(),
  image: contentShape.image.optional(),
  slug: z.string().max(130).optional(),
  publishedAt: isoDateTime("Ngày đăng").optional(),
});

const updateSchema = z.object({ version, ...contentShape }).partial().required({ version: true });

export type CreateInput = z.input<typeof createSchema>;
export type UpdateInput = z.input<typeof updateSchema>;

const conflict = (current: Article) =>
  new AppError("CONFLICT", "Bài viết đã được người khác cập nhật. Hãy tải lại để xem phiên bản mới nhất trước khi lưu.", undefined, {
    currentVersion: current.version,
  });

const actorOf = (user: SessionUser): Actor => ({ id: user.id, name: user.name });

/** Cleans what editors send: rich text sanitized, plain text stripped of markup. */
function cleanContent<T extends Partial<ArticleContent>>(content: T): T {
  const out = { ...content };
  if (out.title !== undefined) out.title = plainText(out.title);
  if (out.summary !== undefined) out.summary = plainText(out.summary);
  if (out.byline !== undefined) out.byline = plainText(out.byline);
  if (out.sourceName !== undefined) out.sourceName = plainText(out.sourceName);
  if (out.tags !== undefined) out.tags = [...new Set(out.tags.map(plainText).filter(Boolean))];
  if (out.body !== undefined) out.body = sanitizeRichText(out.body);
  return out;
}

/** DynamoDB items stop at 400 KB; the body is stored on the working copy, a revision and the view. */
const MAX_BODY_BYTES = 300 * 1024;

function checkContent(content: ArticleContent) {
  if (Buffer.byteLength(content.body, "utf8") > MAX_BODY_BYTES)
    throw invalid("Nội dung bài viết quá dài (tối đa khoảng 300 KB sau khi làm sạch). Hãy tách thành nhiều bài.", { body: "Quá dài." });
  if (!content.title) throw invalid("Tiêu đề không được để trống.", { title: "Tiêu đề không được để trống." });
  if (content.kind === "collected" && (!content.sourceName || !content.sourceUrl))
    throw invalid("Tin sưu tầm phải ghi rõ tên và địa chỉ nguồn.", {
      ...(content.sourceName ? {} : { sourceName: "Bắt buộc với tin sưu tầm." }),
      ...(content.sourceUrl ? {} : { sourceUrl: "Bắt buộc với tin sưu tầm." }),
    });
}

function contentOf(article: ArticleContent): ArticleContent {
  const out = {} as Record<string, unknown>;
  for (const field of CONTENT_FIELDS) if (article[field] !== undefined) out[field] = article[field];
  return out as unknown as ArticleContent;
}

function sameContent(a: ArticleContent, b: ArticleContent) {
  return JSON.stringify(contentOf(a)) === JSON.stringify(contentOf(b));
}

/** The stored working copy, with the index attributes its state calls for. */
function articleItem(article: Article) {
  const index =
    article.status === "submitted"
      ? { gsi1pk: Keys.reviewQueue(article.sectionId), gsi1sk: `${article.submittedAt}#${article.id}` }
      : article.status === "scheduled"
        ? { gsi1pk: Keys.scheduled(), gsi1sk: `${article.scheduledAt}#${article.id}` }
        : {};
  return {
    ...Keys.article(article.id),
    ...index,
    gsi2pk: Keys.articlesByAuthor(article.author.id),
    gsi2sk: `${article.updatedAt}#${article.id}`,
    entity: "Article",
    schemaVersion: 1,
    ...article,
  };
}

function putArticle(store: Store, next: Article, expectedVersion: number | null) {
  return {
    Put: {
      TableName: store.table,
      Item: articleItem(next),
      ...(expectedVersion === null
        ? { ConditionExpression: "attribute_not_exists(pk)" }
        : { ConditionExpression: "version = :version", ExpressionAttributeValues: { ":version": expectedVersion } }),
    },
  };
}

function putRevision(store: Store, article: Article, by: Actor, at: string, note: string) {
  const revision: Revision = { ...contentOf(article), number: article.revision, at, by, note };
  return {
    Put: {
      TableName: store.table,
      Item: { ...Keys.revision(article.id, article.revision), entity: "Revision", schemaVersion: 1, articleId: article.id, ...revision },
      ConditionExpression: "attribute_not_exists(pk)",
    },
  };
}

function publishedView(article: Article, approvedBy: Actor, publishedAt: string, now: string): PublishedArticle {
  return {
    id: article.id,
    slug: article.slug,
    kind: article.kind,
    title: article.title,
    summary: article.summary,
    body: sanitizeRichText(article.body),
    sectionId: article.sectionId,
    byline: article.byline,
    tags: article.tags,
    ...(article.kind === "collected" ? { sourceName: article.sourceName, sourceUrl: article.sourceUrl } : {}),
    ...(article.image ? { image: article.image } : {}),
    publishedAt,
    updatedAt: now,
    approvedBy,
  };
}

function putPublishedView(store: Store, view: PublishedArticle) {
  const sort = Keys.publishedSort(view.publishedAt, view.id);
  return {
    Put: {
      TableName: store.table,
      Item: {
        ...Keys.publishedView(view.slug),
        gsi1pk: Keys.publishedInSection(view.sectionId),
        gsi1sk: sort,
        gsi2pk: Keys.publishedLatest(),
        gsi2sk: sort,
        entity: "PublishedArticle",
        schemaVersion: 1,
        ...view,
      },
    },
  };
}

const counts = (counted: Counted, delta: 1 | -1, store: Store) => reportCount(store, counted, delta);

/** Where readers find an article now (slug and the section it is live in), or undefined. */
export function liveLocation(article: Article | undefined): { slug: string; sectionId: string } | undefined {
  return article?.live && article.counted ? { slug: article.slug, sectionId: article.counted.sectionId } : undefined;
}

/** Where the live published view of an article is listed (section, publication instant). */
function liveAt(article: Article): Placement | undefined {
  return article.live && article.counted ? { sectionId: article.counted.sectionId, publishedAt: article.counted.publishedAt } : undefined;
}

const TRANSACTION_TRIES = 4;

/**
 * Runs a workflow transaction. A stale version (the first item's condition) is a 409 with the
 * current version. Publications share count items (per month, per section, the report row), and
 * DynamoDB cancels one of two transactions that touch the same item at the same moment
 * (TransactionConflict): those are retried with jitter, then reported as busy, never as a 500.
 */
async function send(store: Store, items: object[], current: Article | null) {
  for (let attempt = 1; ; attempt++) {
    try {
      await store.db.send(new TransactWriteCommand({ TransactItems: items as never }));
      return;
    } catch (error) {
      if (current && conditionFailedAt(error, 0)) {
        const fresh = await Editorial.load(store, current.id);
        throw conflict(fresh ?? current);
      }
      if (!isContention(error)) throw error;
      if (attempt >= TRANSACTION_TRIES) throw new AppError("UNAVAILABLE", "Hệ thống đang bận xử lý một thay đổi khác. Vui lòng thử lại sau giây lát.");
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt + Math.random() * 50));
    }
  }
}

function requireVersion(current: Article, expected: number) {
  if (current.version !== expected) throw conflict(current);
}

function allow(user: SessionUser, action: ArticleAction, article: { sectionId: string; authorId?: string; status?: string }) {
  if (!canOnArticle(user, action, article)) throw forbidden();
}

/**
 * Approving, scheduling or unpublishing a live article changes what readers see in the section
 * where it is live, which may differ from the working copy's (an edit can move it): the board of
 * that section must agree too.
 */
function allowOnLive(user: SessionUser, article: Article) {
  if (article.live && article.counted && !isBoardFor(user, article.counted.sectionId))
    throw forbidden("Bài viết đang được đăng ở một chuyên mục bạn không phụ trách.");
}

async function requireSection(store: Store, sectionId: string) {
  const section = (await Sections.list(store)).find((s) => s.id === sectionId || s.slug === sectionId);
  if (!section) throw invalid("Chuyên mục không tồn tại.", { section: "Chuyên mục không tồn tại." });
  return section;
}

async function reserveSlugAndCreate(store: Store, base: string, build: (slug: string) => object[]) {
  for (let attempt = 1; attempt <= 100; attempt++) {
    const slug = attempt === 1 ? base : `${base}-${attempt}`;
    try {
      await store.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: store.table,
                Item: { ...Keys.slug(slug), entity: "SlugReservation", schemaVersion: 1 },
                ConditionExpression: "attribute_not_exists(pk)",
              },
            },
            ...build(slug),
          ] as never,
        }),
      );
      return slug;
    } catch (error) {
      if (conditionFailedAt(error, 0)) continue;
      throw error;
    }
  }
  throw invalid("Không tạo được đường dẫn duy nhất cho tiêu đề này.", { title: "Hãy đổi tiêu đề." });
}

export const Editorial = {
  async load(store: Store, id: string): Promise<Article | undefined> {
    if (!/^[\w-]{1,64}$/.test(id)) return undefined;
    const out = await store.db.send(new GetCommand({ TableName: store.table, Key: Keys.article(id), ConsistentRead: true }));
    if (!out.Item) return undefined;
    const { pk, sk, gsi1pk, gsi1sk, gsi2pk, gsi2sk, entity, schemaVersion, ...article } = out.Item;
    void pk, sk, gsi1pk, gsi1sk, gsi2pk, gsi2sk, entity, schemaVersion;
    return article as Article;
  },

  /** The working copy, for those who may see it: its author, the board of its section, the chiefs. */
  async get(store: Store, user: SessionUser, id: string): Promise<Article> {
    const article = await Editorial.load(store, id);
    if (!article) throw notFound("Không tìm thấy bài viết.");
    const liveIn = article.live ? article.counted?.sectionId : undefined;
    if (article.author.id !== user.id && !isBoardFor(user, article.sectionId) && !(liveIn && isBoardFor(user, liveIn)))
      throw forbidden("Bạn không có quyền xem bài viết này.");
    return article;
  },

  async create(store: Store, user: SessionUser, input: unknown): Promise<Article> {
    const data = parse(createSchema, input);
    const section = await requireSection(store, data.section);
    allow(user, "create", { sectionId: section.id });
    if (data.publishedAt && !["admin", "editor-in-chief"].includes(user.role))
      throw forbidden("Chỉ quản trị viên và Tổng biên tập được đặt ngày đăng khi nhập bài lưu trữ.");
    if (data.slug !== undefined && !isSlug(data.slug))
      throw invalid("Đường dẫn không hợp lệ.", { slug: "Chỉ gồm chữ thường không dấu, số và dấu gạch ngang." });

    const now = new Date().toISOString();
    const me = actorOf(user);
    const content = cleanContent({
      kind: data.kind,
      title: data.title,
      summary: data.summary,
      body: data.body,
      sectionId: section.id,
      byline: data.byline ?? user.name,
      tags: data.tags,
      ...(data.kind === "collected" ? { sourceName: data.sourceName, sourceUrl: data.sourceUrl || undefined } : {}),
      ...(data.image ? { image: data.image } : {}),
    });
    checkContent(content);
    const id = randomUUID();
    let article!: Article;
    const slug = await reserveSlugAndCreate(store, data.slug ?? slugify(content.title), (slug) => {
      article = {
        ...content,
        id,
        slug,
        status: "draft",
        live: false,
        version: 1,
        revision: 1,
        author: me,
        createdAt: now,
        updatedAt: now,
        updatedBy: me,
        ...(data.publishedAt ? { publishedAt: new Date(data.publishedAt).toISOString() } : {}),
      };
      return [
        putArticle(store, article, null),
        putRevision(store, article, me, now, "create"),
        auditPut(store, { actor: me, action: "article.create", itemType: "article", itemId: id, at: now, after: { title: article.title, sectionId: article.sectionId, kind: article.kind } }),
      ];
    });
    article.slug = slug;
    return article;
  },

  /**
   * Saves a new version of the content. Conditional on `version`: a stale one gets 409 with the
   * current version, and nothing is written. Saving a published or scheduled article puts it back
   * to draft (readers keep the approved text; a schedule is cancelled).
   */
  async update(store: Store, user: SessionUser, id: string, input: unknown): Promise<Article> {
    const data = parse(updateSchema, input);
    const current = await Editorial.get(store, user, id);
    allow(user, "edit", { sectionId: current.sectionId, authorId: current.author.id, status: current.status });
    requireVersion(current, data.version);
    const { version: _v, section, ...fields } = data;
    void _v;
    const sectionId = section === undefined ? current.sectionId : (await requireSection(store, section)).id;
    if (sectionId !== current.sectionId) allow(user, "edit", { sectionId, authorId: current.author.id, status: current.status });

    const content = cleanContent({ ...contentOf(current), ...fields, sectionId, ...(fields.sourceUrl === "" ? { sourceUrl: undefined } : {}) });
    if (content.kind === "news") {
      delete content.sourceName;
      delete content.sourceUrl;
    }
    checkContent(content);
    if (sameContent(content, current)) return current;
    return Editorial.saveContent(store, user, current, content, "edit");
  },

  async saveContent(store: Store, user: SessionUser, current: Article, content: ArticleContent, note: string): Promise<Article> {
    const now = new Date().toISOString();
    const me = actorOf(user);
    const backToDraft = current.status === "published" || current.status === "scheduled" || current.status === "unpublished";
    const next: Article = {
      ...current,
      ...content,
      status: backToDraft ? "draft" : current.status,
      version: current.version + 1,
      revision: current.revision + 1,
      updatedAt: now,
      updatedBy: me,
    };
    if (!content.sourceName) delete next.sourceName;
    if (!content.sourceUrl) delete next.sourceUrl;
    if (!content.image) delete next.image;
    if (backToDraft) delete next.scheduledAt;
    const changed = CONTENT_FIELDS.filter((field) => JSON.stringify(current[field]) !== JSON.stringify(next[field]));
    await send(
      store,
      [
        putArticle(store, next, current.version),
        putRevision(store, next, me, now, note),
        auditPut(store, {
          actor: me,
          action: "article.edit",
          itemType: "article",
          itemId: current.id,
          at: now,
          before: { status: current.status, fields: changed, version: current.version },
          after: { status: next.status, version: next.version, revision: next.revision, ...(note !== "edit" ? { note } : {}) },
        }),
      ],
      current,
    );
    return next;
  },

  /** draft | returned → submitted: into the review queue of its section. */
  async submit(store: Store, user: SessionUser, id: string, input: unknown): Promise<Article> {
    const { version: expected } = parse(z.object({ version }), input);
    const current = await Editorial.get(store, user, id);
    allow(user, "submit", { sectionId: current.sectionId, authorId: current.author.id, status: current.status });
    requireVersion(current, expected);
    if (current.status !== "draft" && current.status !== "returned")
      throw new AppError("CONFLICT", "Chỉ gửi duyệt được bài đang là bản nháp hoặc bị trả lại.", undefined, { currentVersion: current.version });
    const now = new Date().toISOString();
    const next: Article = { ...current, status: "submitted", submittedAt: now, version: current.version + 1, updatedAt: now, updatedBy: actorOf(user) };
    delete next.returnReason;
    await Editorial.transition(store, user, current, next, "article.submit");
    return next;
  },

  /** submitted → returned, with the reason the writer will read. */
  async returnToAuthor(store: Store, user: SessionUser, id: string, input: unknown): Promise<Article> {
    const data = parse(z.object({ version, reason: text("Lý do trả lại", LIMITS.reason) }), input);
    const current = await Editorial.get(store, user, id);
    allow(user, "return", { sectionId: current.sectionId, authorId: current.author.id, status: current.status });
    requireVersion(current, data.version);
    if (current.status !== "submitted")
      throw new AppError("CONFLICT", "Chỉ trả lại được bài đang chờ duyệt.", undefined, { currentVersion: current.version });
    const now = new Date().toISOString();
    const reason = plainText(data.reason);
    const next: Article = { ...current, status: "returned", returnReason: reason, version: current.version + 1, updatedAt: now, updatedBy: actorOf(user) };
    delete next.submittedAt;
    await Editorial.transition(store, user, current, next, "article.return", reason);
    return next;
  },

  /**
   * Approves and publishes now, or at `at` when it is in the future (scheduled). The approver is
   * recorded on the article and on the published view: the board answers for what it publishes.
   */
  async approve(store: Store, user: SessionUser, id: string, input: unknown, action: "approve" | "schedule" = "approve"): Promise<Article> {
    const data = parse(z.object({ version, at: isoDateTime("Thời điểm xuất bản").optional() }), input);
    if (action === "schedule" && !data.at) throw invalid("Hãy chọn thời điểm xuất bản.", { at: "Bắt buộc khi hẹn giờ." });
    const current = await Editorial.get(store, user, id);
    allow(user, action, { sectionId: current.sectionId, authorId: current.author.id, status: current.status });
    allowOnLive(user, current);
    requireVersion(current, data.version);
    if (!["draft", "submitted", "returned", "scheduled"].includes(current.status))
      throw new AppError("CONFLICT", "Bài viết này không ở trạng thái có thể duyệt.", undefined, { currentVersion: current.version });
    const now = new Date();
    const at = data.at ? new Date(data.at) : undefined;
    if (at && at.getTime() > now.getTime() + 30_000) {
      if (at.getTime() > now.getTime() + 366 * 24 * 3600 * 1000) throw invalid("Chỉ hẹn giờ xuất bản trong vòng một năm.", { at: "Quá xa." });
      const next: Article = {
        ...current,
        status: "scheduled",
        scheduledAt: at.toISOString(),
        approvedBy: actorOf(user),
        approvedAt: now.toISOString(),
        version: current.version + 1,
        updatedAt: now.toISOString(),
        updatedBy: actorOf(user),
      };
      await Editorial.transition(store, user, current, next, "article.schedule");
      return next;
    }
    return Editorial.publish(store, current, actorOf(user), now, "article.approve");
  },

  /** Writes the published view, the status, the report aggregates and the audit event, together. */
  async publish(store: Store, current: Article, approver: Actor, now: Date, action: string): Promise<Article> {
    const nowIso = now.toISOString();
    const publishedAt = current.publishedAt ?? current.scheduledAt ?? nowIso;
    const next: Article = {
      ...current,
      status: "published",
      live: true,
      publishedAt,
      approvedBy: approver,
      approvedAt: nowIso,
      version: current.version + 1,
      updatedAt: nowIso,
      updatedBy: approver,
    };
    delete next.submittedAt;
    delete next.scheduledAt;
    delete next.returnReason;
    const view = publishedView(next, approver, publishedAt, nowIso);

    // Counted once per live publication; a re-approval after edits moves the count only if the
    // kind or section changed, keeping the original day and approver.
    const aggregates: object[] = [];
    const target: Counted = current.counted && current.live
      ? { ...current.counted, kind: next.kind, sectionId: next.sectionId }
      : { publishedAt, kind: next.kind, sectionId: next.sectionId, approverId: approver.id, approverName: approver.name };
    if (!current.live || !current.counted) aggregates.push(counts(target, 1, store));
    else if (current.counted.kind !== target.kind || current.counted.sectionId !== target.sectionId)
      aggregates.push(counts(current.counted, -1, store), counts(target, 1, store));
    next.counted = target;

    await send(
      store,
      [
        putArticle(store, next, current.version),
        putPublishedView(store, view),
        ...aggregates,
        ...ReaderIndex.publishItems(store, view, liveAt(current), now),
        auditPut(store, {
          actor: approver,
          action,
          itemType: "article",
          itemId: current.id,
          at: nowIso,
          before: { status: current.status, live: current.live },
          after: { status: "published", publishedAt, revision: next.revision, sectionId: next.sectionId },
        }),
      ],
      current,
    );
    return next;
  },

  /** published → unpublished: the published view is deleted and the count undone. */
  async unpublish(store: Store, user: SessionUser, id: string, input: unknown): Promise<Article> {
    const data = parse(z.object({ version, reason: optionalText("Lý do gỡ bài", LIMITS.reason).optional() }), input);
    const current = await Editorial.get(store, user, id);
    // Readers lose it in the section where it is live: that board decides, wherever an edit moved it.
    allow(user, "unpublish", { sectionId: current.counted?.sectionId ?? current.sectionId, authorId: current.author.id, status: current.status });
    requireVersion(current, data.version);
    if (!current.live) throw new AppError("CONFLICT", "Bài viết này hiện không được đăng.", undefined, { currentVersion: current.version });
    const now = new Date().toISOString();
    const next: Article = { ...current, status: "unpublished", live: false, version: current.version + 1, updatedAt: now, updatedBy: actorOf(user) };
    delete next.counted;
    delete next.scheduledAt;
    await send(
      store,
      [
        putArticle(store, next, current.version),
        { Delete: { TableName: store.table, Key: Keys.publishedView(current.slug) } },
        ...(current.counted ? [counts(current.counted, -1, store)] : []),
        ...ReaderIndex.unpublishItems(store, current.id, liveAt(current) ?? { sectionId: current.sectionId, publishedAt: current.publishedAt ?? now }, new Date(now)),
        auditPut(store, {
          actor: actorOf(user),
          action: "article.unpublish",
          itemType: "article",
          itemId: id,
          at: now,
          before: { status: current.status, live: true },
          after: { status: "unpublished", live: false },
          ...(data.reason ? { reason: plainText(data.reason) } : {}),
        }),
      ],
      current,
    );
    return next;
  },

  /**
   * Stores an already-approved article (archive import, demo seed) exactly as the workflow would
   * have left it: working copy, first revision, published view, report count, search and listing
   * items and the audit event, in one transaction; the slug gets "-2", "-3"… on collision. The
   * content is cleaned like any editor's. The approver is recorded as author and approver.
   */
  async importPublished(store: Store, input: ImportInput, approver: Actor): Promise<PublishedArticle> {
    const content = cleanContent({
      kind: input.kind,
      title: input.title,
      summary: input.summary,
      body: input.body,
      sectionId: input.sectionId,
      byline: input.byline,
      tags: input.tags ?? [],
      ...(input.kind === "collected" ? { sourceName: input.sourceName, sourceUrl: input.sourceUrl } : {}),
    });
    checkContent(content);
    const published = new Date(input.publishedAt);
    if (Number.isNaN(published.getTime())) throw invalid("Ngày đăng không hợp lệ.", { publishedAt: "Ngày giờ không hợp lệ." });
    const publishedAt = published.toISOString();
    const now = new Date();
    const nowIso = now.toISOString();
    const id = input.id ?? randomUUID();
    const counted: Counted = { publishedAt, kind: content.kind, sectionId: content.sectionId, approverId: approver.id, approverName: approver.name };
    let view!: PublishedArticle;
    await reserveSlugAndCreate(store, slugify(content.title), (slug) => {
      const article: Article = {
        ...content,
        id,
        slug,
        status: "published",
        live: true,
        version: 1,
        revision: 1,
        author: approver,
        createdAt: nowIso,
        updatedAt: nowIso,
        updatedBy: approver,
        publishedAt,
        approvedBy: approver,
        approvedAt: nowIso,
        counted,
      };
      view = publishedView(article, approver, publishedAt, nowIso);
      return [
        putArticle(store, article, null),
        putRevision(store, article, approver, nowIso, "import"),
        putPublishedView(store, view),
        counts(counted, 1, store),
        ...ReaderIndex.publishItems(store, view, undefined, now),
        auditPut(store, { actor: approver, action: "article.import", itemType: "article", itemId: id, at: nowIso, after: { publishedAt, sectionId: content.sectionId } }),
      ];
    });
    return view;
  },

  /** A status change without new content: working copy and audit event in one transaction. */
  async transition(store: Store, user: SessionUser, current: Article, next: Article, action: string, reason?: string) {
    await send(
      store,
      [
        putArticle(store, next, current.version),
        auditPut(store, {
          actor: actorOf(user),
          action,
          itemType: "article",
          itemId: current.id,
          at: next.updatedAt,
          before: { status: current.status },
          after: { status: next.status, ...(next.scheduledAt ? { scheduledAt: next.scheduledAt } : {}) },
          ...(reason ? { reason } : {}),
        }),
      ],
      current,
    );
  },

  /**
   * Publishes every scheduled article that is due, as its scheduler (the approver). Run every
   * minute by the scheduler Lambda (EventBridge) or the local runner's timer. Safe to run twice:
   * each publish is conditional on the version it read.
   */
  async publishDue(store: Store, now = new Date()): Promise<{ published: Article; previous: Article }[]> {
    const out = await store.db.send(
      new QueryCommand({
        TableName: store.table,
        IndexName: "gsi1",
        KeyConditionExpression: "gsi1pk = :pk AND gsi1sk <= :now",
        ExpressionAttributeValues: { ":pk": Keys.scheduled(), ":now": `${now.toISOString()}#~` },
        Limit: 50,
      }),
    );
    const published: { published: Article; previous: Article }[] = [];
    for (const item of out.Items ?? []) {
      const current = await Editorial.load(store, item.id as string);
      if (!current || current.status !== "scheduled" || !current.approvedBy) continue;
      try {
        published.push({ published: await Editorial.publish(store, current, current.approvedBy, now, "article.publish-scheduled"), previous: current });
      } catch (error) {
        // Someone changed it meanwhile (409), or this one cannot be published: the others still go.
        if (!(error instanceof AppError && error.code === "CONFLICT")) console.error(`Không xuất bản được bài hẹn giờ ${current.id}:`, error);
      }
    }
    return published;
  },

  /** The articles a user wrote, most recently changed first. */
  async listMine(store: Store, user: SessionUser, options: { cursor?: string; limit?: number } = {}): Promise<Page<ArticleListItem>> {
    const out = await store.db.send(
      new QueryCommand({
        TableName: store.table,
        IndexName: "gsi2",
        KeyConditionExpression: "gsi2pk = :pk",
        ExpressionAttributeValues: { ":pk": Keys.articlesByAuthor(user.id) },
        ScanIndexForward: false,
        Limit: Math.min(Math.max(options.limit ?? 20, 1), 100),
        ExclusiveStartKey: decodeCursor(options.cursor, { keys: ["pk", "sk", "gsi2pk", "gsi2sk"], partition: { gsi2pk: Keys.articlesByAuthor(user.id) } }),
      }),
    );
    return { items: (out.Items ?? []).map(listItem), next: encodeCursor(out.LastEvaluatedKey) };
  },

  /** Submitted articles waiting in the sections the user approves for, oldest first. */
  async reviewQueue(store: Store, user: SessionUser): Promise<ArticleListItem[]> {
    const sections = (await Sections.list(store)).filter((section) => isBoardFor(user, section.id));
    const LIST_FIELDS = ["id", "slug", "title", "status", "live", "sectionId", "kind", "version", "updatedAt", "author", "submittedAt", "scheduledAt", "publishedAt"];
    const queues = await Promise.all(
      sections.map(async (section) => {
        const waiting: ArticleListItem[] = [];
        for await (const items of queryPages(store, {
          TableName: store.table,
          IndexName: "gsi1",
          KeyConditionExpression: "gsi1pk = :pk",
          ExpressionAttributeValues: { ":pk": Keys.reviewQueue(section.id) },
          ExpressionAttributeNames: Object.fromEntries(LIST_FIELDS.map((name) => [`#${name}`, name])),
          ProjectionExpression: LIST_FIELDS.map((name) => `#${name}`).join(", "),
        })) {
          waiting.push(...items.map(listItem));
        }
        return waiting;
      }),
    );
    return queues.flat().sort((a, b) => (a.submittedAt ?? "").localeCompare(b.submittedAt ?? ""));
  },

  async revisions(store: Store, user: SessionUser, id: string): Promise<Omit<Revision, "body">[]> {
    await Editorial.get(store, user, id);
    return revisionList(store, id);
  },

  /** The working copy with its revisions and history, for the editor's article screen. */
  async detail(store: Store, user: SessionUser, id: string) {
    const article = await Editorial.get(store, user, id);
    const [revisions, history] = await Promise.all([revisionList(store, id), Audit.byItem(store, id, { limit: 100 })]);
    return { ...article, revisions, history: history.items };
  },

  async revision(store: Store, user: SessionUser, id: string, number: number): Promise<Revision> {
    await Editorial.get(store, user, id);
    if (!Number.isInteger(number) || number < 1 || number > 999_999) throw notFound("Không tìm thấy phiên bản này.");
    const out = await store.db.send(new GetCommand({ TableName: store.table, Key: Keys.revision(id, number) }));
    if (!out.Item) throw notFound("Không tìm thấy phiên bản này.");
    const { pk, sk, entity, schemaVersion, articleId, ...revision } = out.Item;
    void pk, sk, entity, schemaVersion, articleId;
    return revision as Revision;
  },

  /** Restoring an old revision saves its content as a new revision; nothing is overwritten. */
  async restore(store: Store, user: SessionUser, id: string, number: number, input: unknown): Promise<Article> {
    const { version: expected } = parse(z.object({ version }), input);
    const old = await Editorial.revision(store, user, id, number);
    const current = await Editorial.get(store, user, id);
    allow(user, "edit", { sectionId: current.sectionId, authorId: current.author.id, status: current.status });
    if (old.sectionId !== current.sectionId) allow(user, "edit", { sectionId: old.sectionId, authorId: current.author.id, status: current.status });
    requireVersion(current, expected);
    return Editorial.saveContent(store, user, current, contentOf(old), `restore:${number}`);
  },

  /**
   * What changed between two revisions: the plain fields side by side, and the body as a word
   * diff of its text (block elements on their own lines), which is what editors review.
   */
  async compare(store: Store, user: SessionUser, id: string, a: number, b: number) {
    const [older, newer] = await Promise.all([Editorial.revision(store, user, id, a), Editorial.revision(store, user, id, b)]);
    const fields = CONTENT_FIELDS.filter((field) => field !== "body" && JSON.stringify(older[field]) !== JSON.stringify(newer[field])).map(
      (field) => ({ field, before: older[field] ?? null, after: newer[field] ?? null }),
    );
    const asText = (html: string) => plainText(html.replace(/<\/(p|h\d|li|blockquote|tr|figcaption)>|<br\s*\/?>/g, "\n§")).replace(/ ?§ ?/g, "\n");
    const body = diffWords(asText(older.body), asText(newer.body)).map((part) => ({
      op: part.added ? "added" : part.removed ? "removed" : "same",
      text: part.value,
    }));
    return { a: { number: older.number, at: older.at, by: older.by }, b: { number: newer.number, at: newer.at, by: newer.by }, fields, body };
  },
};

/**
 * Every revision, newest first, without bodies. Read page by page: a Query stops after 1 MB read
 * before projection, which a few large bodies reach.
 */
async function revisionList(store: Store, id: string): Promise<Omit<Revision, "body">[]> {
  const revisions: Omit<Revision, "body">[] = [];
  for await (const items of queryPages(store, {
    TableName: store.table,
    KeyConditionExpression: "pk = :pk AND begins_with(sk, :rev)",
    ExpressionAttributeValues: { ":pk": Keys.article(id).pk, ":rev": Keys.revisionPrefix() },
    ProjectionExpression: "#number, #at, #by, note, title",
    ExpressionAttributeNames: { "#number": "number", "#at": "at", "#by": "by" },
    ScanIndexForward: false,
  })) {
    revisions.push(...(items as Omit<Revision, "body">[]));
  }
  return revisions;
}

function listItem(item: Record<string, unknown>): ArticleListItem {
  const { id, slug, title, status, live, sectionId, kind, version, updatedAt, author, submittedAt, scheduledAt, publishedAt } = item as unknown as Article;
  return { id, slug, title, status, live, sectionId, kind, version, updatedAt, author, submittedAt, scheduledAt, publishedAt };
}

