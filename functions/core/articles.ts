import { randomUUID } from "node:crypto";
import { GetCommand, QueryCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { invalid, notFound } from "./errors";
import { Keys } from "./keys";
import { decodeCursor, encodeCursor, type Page } from "./page";
import { ReaderIndex } from "./reader-index";
import type { Store } from "./store";
import { isSlug, slugify } from "./text";
import { vietnamDay } from "./time";

export type ArticleKind = "news" | "collected";

/** What readers see: the published view, one item per published article, keyed by slug. */
export interface PublishedArticle {
  id: string;
  slug: string;
  kind: ArticleKind;
  title: string;
  summary: string;
  /** Sanitized HTML. */
  body: string;
  sectionId: string;
  byline: string;
  tags: string[];
  sourceName?: string;
  sourceUrl?: string;
  image?: string;
  /** ISO-8601 UTC. */
  publishedAt: string;
  updatedAt: string;
  /** The editorial board member accountable for the publication. */
  approvedBy: { id: string; name: string };
}

/** An entry in a list of articles: the published view without its body. */
export type ArticleSummary = Omit<PublishedArticle, "body" | "approvedBy">;

const SUMMARY_ATTRIBUTES = [
  "id", "slug", "kind", "title", "summary", "sectionId", "byline", "tags",
  "sourceName", "sourceUrl", "image", "publishedAt", "updatedAt",
] as const;

const PUBLISHED_ENTITY = "PublishedArticle";
const ARTICLE_ENTITY = "Article";
const SCHEMA_VERSION = 1;
const MAX_PAGE = 50;

export interface ImportInput {
  /** A fixed id makes an import idempotent (demo seed); a random one is made otherwise. */
  id?: string;
  kind: ArticleKind;
  sectionId: string;
  title: string;
  summary: string;
  body: string;
  byline: string;
  tags?: string[];
  sourceName?: string;
  sourceUrl?: string;
  publishedAt: string;
}

function summaryQuery(store: Store, index: "gsi1" | "gsi2", partition: string, limit: number, cursor?: string) {
  const pkName = `${index}pk`;
  return new QueryCommand({
    TableName: store.table,
    IndexName: index,
    KeyConditionExpression: "#pk = :pk",
    ExpressionAttributeNames: {
      "#pk": pkName,
      ...Object.fromEntries(SUMMARY_ATTRIBUTES.map((name) => [`#${name}`, name])),
    },
    ExpressionAttributeValues: { ":pk": partition },
    ProjectionExpression: SUMMARY_ATTRIBUTES.map((name) => `#${name}`).join(", "),
    ScanIndexForward: false,
    Limit: Math.min(Math.max(1, limit), MAX_PAGE),
    ExclusiveStartKey: decodeCursor(cursor),
  });
}

async function page(store: Store, command: QueryCommand): Promise<Page<ArticleSummary>> {
  const out = await store.db.send(command);
  return { items: (out.Items ?? []) as ArticleSummary[], next: encodeCursor(out.LastEvaluatedKey) };
}

/**
 * The transaction item that keeps the report aggregate of a publication exact: +1 on publish,
 * -1 on unpublish (and -1/+1 on a section move), always in the same transaction as the change.
 */
export function reportCount(
  store: Store,
  item: { publishedAt: string; kind: string; sectionId: string; approverId: string; approverName: string },
  delta: 1 | -1,
) {
  const day = vietnamDay(item.publishedAt);
  return {
    Update: {
      TableName: store.table,
      Key: Keys.reportAggregate(day, item.kind, item.sectionId, item.approverId),
      UpdateExpression:
        "ADD #count :delta SET entity = :entity, #day = :day, kind = :kind, sectionId = :section, approverId = :approver, approverName = :approverName",
      ExpressionAttributeNames: { "#count": "count", "#day": "day" },
      ExpressionAttributeValues: {
        ":delta": delta,
        ":entity": "ReportAggregate",
        ":day": day,
        ":kind": item.kind,
        ":section": item.sectionId,
        ":approver": item.approverId,
        ":approverName": item.approverName,
      },
    },
  };
}

function isSlugTaken(error: unknown, slugItemIndex: number): boolean {
  const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons;
  return (error as Error).name === "TransactionCanceledException" && reasons?.[slugItemIndex]?.Code === "ConditionalCheckFailed";
}

export const Articles = {
  /** The published view of an article, or a NOT_FOUND error. One GetItem. */
  async getPublished(store: Store, slug: string): Promise<PublishedArticle> {
    if (!isSlug(slug)) throw notFound("Không tìm thấy bài viết.");
    const out = await store.db.send(new GetCommand({ TableName: store.table, Key: Keys.publishedView(slug) }));
    if (!out.Item) throw notFound("Không tìm thấy bài viết.");
    return out.Item as PublishedArticle;
  },

  /** Newest published articles across all sections. */
  async listLatest(store: Store, options: { limit?: number; cursor?: string } = {}): Promise<Page<ArticleSummary>> {
    return page(store, summaryQuery(store, "gsi2", Keys.publishedLatest(), options.limit ?? 10, options.cursor));
  },

  /** Newest published articles of one section. */
  async listBySection(store: Store, sectionId: string, options: { limit?: number; cursor?: string } = {}): Promise<Page<ArticleSummary>> {
    return page(store, summaryQuery(store, "gsi1", Keys.publishedInSection(sectionId), options.limit ?? 10, options.cursor));
  },

  /**
   * Writes an already-approved article (archive import, demo seed): working copy, slug
   * reservation and published view in one transaction; the slug gets "-2", "-3"… on collision.
   * The body must already be sanitized by the caller.
   */
  async importPublished(store: Store, input: ImportInput, approver: { id: string; name: string }): Promise<PublishedArticle> {
    if (input.kind === "collected" && (!input.sourceName || !input.sourceUrl))
      throw invalid("Tin sưu tầm phải ghi rõ nguồn.", { sourceName: "Bắt buộc với tin sưu tầm.", sourceUrl: "Bắt buộc với tin sưu tầm." });
    const publishedAt = new Date(input.publishedAt);
    if (Number.isNaN(publishedAt.getTime())) throw invalid("Ngày đăng không hợp lệ.", { publishedAt: "Ngày giờ không hợp lệ." });

    const id = input.id ?? randomUUID();
    const now = new Date().toISOString();
    const base = slugify(input.title);
    for (let attempt = 1; attempt <= 100; attempt++) {
      const slug = attempt === 1 ? base : `${base}-${attempt}`;
      const view: PublishedArticle = {
        id,
        slug,
        kind: input.kind,
        title: input.title,
        summary: input.summary,
        body: input.body,
        sectionId: input.sectionId,
        byline: input.byline,
        tags: input.tags ?? [],
        ...(input.kind === "collected" ? { sourceName: input.sourceName, sourceUrl: input.sourceUrl } : {}),
        publishedAt: publishedAt.toISOString(),
        updatedAt: now,
        approvedBy: approver,
      };
      const sort = Keys.publishedSort(view.publishedAt, id);
      try {
        await store.db.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: store.table,
                  Item: { ...Keys.article(id), entity: ARTICLE_ENTITY, schemaVersion: SCHEMA_VERSION, ...view, status: "published", version: 1, createdAt: now },
                  ConditionExpression: "attribute_not_exists(pk)",
                },
              },
              {
                Put: {
                  TableName: store.table,
                  Item: { ...Keys.slug(slug), entity: "SlugReservation", schemaVersion: SCHEMA_VERSION, articleId: id },
                  ConditionExpression: "attribute_not_exists(pk)",
                },
              },
              reportCount(store, { ...view, approverId: approver.id, approverName: approver.name }, +1),
              {
                Put: {
                  TableName: store.table,
                  Item: {
                    ...Keys.publishedView(slug),
                    gsi1pk: Keys.publishedInSection(view.sectionId),
                    gsi1sk: sort,
                    gsi2pk: Keys.publishedLatest(),
                    gsi2sk: sort,
                    entity: PUBLISHED_ENTITY,
                    schemaVersion: SCHEMA_VERSION,
                    ...view,
                  },
                },
              },
              ...ReaderIndex.publishItems(store, view),
            ],
          }),
        );
        return view;
      } catch (error) {
        if (isSlugTaken(error, 1)) continue;
        throw error;
      }
    }
    throw invalid("Không tạo được đường dẫn duy nhất cho tiêu đề này.", { title: "Hãy đổi tiêu đề." });
  },
};
