import { GetCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { notFound } from "./errors";
import { Keys } from "./keys";
import { decodeCursor, encodeCursor, type Page } from "./page";
import type { Store } from "./store";
import { isSlug } from "./text";
import { vietnamDay } from "./time";

export type ArticleKind = "news" | "collected";

/** The fields an editor writes (every save of them is a revision) and readers read once approved. */
export interface ArticleContent {
  kind: ArticleKind;
  title: string;
  summary: string;
  /** Sanitized HTML. */
  body: string;
  sectionId: string;
  byline: string;
  tags: string[];
  /** Collected articles only: where the text comes from. */
  sourceName?: string;
  sourceUrl?: string;
  image?: string;
}

/** What readers see: the published view, one item per published article, keyed by slug. */
export interface PublishedArticle extends ArticleContent {
  id: string;
  slug: string;
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

const MAX_PAGE = 50;

/** An already-approved article from an archive or the demo seed (Editorial.importPublished). */
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
    ExclusiveStartKey: decodeCursor(cursor, { keys: ["pk", "sk", pkName, `${index}sk`], partition: { [pkName]: partition } }),
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

};
