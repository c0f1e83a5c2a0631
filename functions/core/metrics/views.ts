/**
 * Article views ("Số lần xem"): one per visitor session per article per 30 minutes, counted
 * from a beacon, never on the article item (a view must not cost more for a long article).
 *
 * A view is claimed by a conditional write on a small per-(visitor, article) item that holds the
 * time of the last counted view: a reload storm makes one claim succeed, the others fail their
 * condition. The claim then adds one to the article's total (write-sharded, so a viral article is
 * not capped by one partition) and to its count for the day (for reports and charts), each a
 * single 1-WCU item. A counted view is 3 write units, a repeated one 1 (the failed condition).
 * The three are not one transaction (that would double the units, and concurrent transactions on
 * a hot counter item conflict in DynamoDB): the claim comes first, so a crash between the writes
 * can lose that one view but never count one twice.
 *
 * With a `from` (the beacon's client, visitors.ts `BeaconClient`), a view whose claim succeeded
 * also asks the client's `views` limit (limits.ts) before it is added: a repeated view never asks,
 * and a client this instance already knows to be over the limit is refused before the claim.
 *
 * Only ids of articles that exist are counted. Beacons come from article pages, which exist only
 * for published articles; accepting any id would let anyone create counter items at will and put
 * invented "articles" at the top of the leadership's report. Whether the article is still
 * published does not matter for counting, so the check is one GetItem of the editor's item by id
 * (projecting only its key; callers cache the answer), not a lookup of the published view by slug.
 */
import { GetCommand, QueryCommand, UpdateCommand } from "../storage/db";
import { COUNTER_SCHEMA_VERSION, type Counters, increment, randomShard, shardList, sumCounts, writeUnits } from "./counters";
import type { BeaconClient } from "./visitors";
import { Keys } from "../storage/keys";
import { queryPages } from "../storage/page";
import { batchGet, type Store } from "../storage/store";
import { vietnamDay } from "../shared/time";

export const VIEW_WINDOW_MS = 30 * 60_000;
/** Article ids are UUIDs or short readable ids ("demo-0001"); anything else is not ours. */
const ARTICLE_ID_PATTERN = /^[A-Za-z0-9_-]{1,100}$/;

export interface ViewResult {
  counted: boolean;
  /** Present (true) when the view was not counted because its client is over the `views` limit. */
  limited?: true;
  /** Write units consumed, as DynamoDB reports them (a failed condition is counted as 1). */
  writeUnits: number;
}

export interface ArticleViews {
  articleId: string;
  views: number;
  /** From the editor's item, when the article still exists. */
  title?: string;
  slug?: string;
  sectionId?: string;
}

const monthsBetween = (from: string, to: string): string[] => {
  const months: string[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  const last = to.slice(0, 7);
  for (;;) {
    const value = `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}`;
    if (value > last) return months;
    months.push(value);
    month = month === 12 ? 1 : month + 1;
    if (month === 1) year++;
  }
};

/** Runs `tasks` with at most `limit` in flight. */
async function inBatches<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, tasks.length) }, async () => {
      while (next < tasks.length) {
        const index = next++;
        results[index] = await tasks[index]!();
      }
    }),
  );
  return results;
}

export const Views = {
  isArticleId: (value: string) => ARTICLE_ID_PATTERN.test(value),

  /** Whether an article with this id is published (live). One small GetItem. */
  async articleExists(store: Store, articleId: string): Promise<boolean> {
    if (!Views.isArticleId(articleId)) return false;
    // Only articles readers can see: a draft or an unpublished article has no views to count.
    const out = await store.db.send(new GetCommand({ TableName: store.table, Key: Keys.article(articleId), ProjectionExpression: "live" }));
    return out.Item?.live === true;
  },

  /**
   * Counts a view of an existing article unless this visitor's last counted one is under 30
   * minutes old, or (with `from`) its client is over the `views` limit.
   */
  async count(store: Store, counters: Counters, input: { visitorId: string; articleId: string; now: number; from?: BeaconClient }): Promise<ViewResult> {
    const { visitorId, articleId, now, from } = input;
    if (from?.limits.exhausted("views", from.client, now)) return { counted: false, limited: true, writeUnits: 0 };
    let units = 0;
    try {
      const claim = await store.db.send(
        new UpdateCommand({
          TableName: store.table,
          Key: Keys.viewMark(visitorId, articleId),
          UpdateExpression: "SET #at = :now, expiresAt = :expires, entity = :entity, schemaVersion = :schemaVersion",
          ConditionExpression: "attribute_not_exists(pk) OR #at <= :windowStart",
          ExpressionAttributeNames: { "#at": "at" },
          ExpressionAttributeValues: {
            ":now": now,
            ":windowStart": now - VIEW_WINDOW_MS,
            ":expires": Math.floor((now + VIEW_WINDOW_MS) / 1000) + 60,
            ":entity": "ViewMark",
            ":schemaVersion": COUNTER_SCHEMA_VERSION,
          },
          ReturnConsumedCapacity: "TOTAL",
        }),
      );
      units += writeUnits(claim.ConsumedCapacity);
    } catch (error) {
      if ((error as Error).name !== "ConditionalCheckFailedException") throw error;
      return { counted: false, writeUnits: 1 };
    }
    if (from) {
      const allowance = await from.limits.take("views", from.client, now);
      units += allowance.writeUnits;
      if (!allowance.allowed) return { counted: false, limited: true, writeUnits: units };
    }
    const day = vietnamDay(new Date(now));
    const shard = randomShard(counters.shards);
    const outs = await Promise.all([
      store.db.send(increment(store, Keys.articleViews(articleId, shard), "ArticleViews", { articleId })),
      store.db.send(increment(store, Keys.viewsDaily(day, shard, articleId), "ArticleViewsPerDay", { articleId, day })),
    ]);
    for (const out of outs) units += writeUnits(out.ConsumedCapacity);
    return { counted: true, writeUnits: units };
  },

  /** All counted views of an article: the sum of its shards. */
  async total(store: Store, counters: Counters, articleId: string): Promise<number> {
    return sumCounts(store, shardList(counters.shards).map((shard) => Keys.articleViews(articleId, shard)));
  },

  /** Views per article from `from` to `to` (Vietnam days, inclusive), most viewed first. */
  async top(store: Store, counters: Counters, from: string, to: string, limit = 10): Promise<ArticleViews[]> {
    const byArticle = new Map<string, number>();
    const days = Keys.viewsDailyRange(from, to);
    const queries = monthsBetween(from, to).flatMap((month) =>
      shardList(counters.shards).map((shard) => async () => {
        for await (const items of queryPages(store, {
          TableName: store.table,
          KeyConditionExpression: "pk = :pk AND sk BETWEEN :from AND :to",
          ExpressionAttributeNames: { "#count": "count" },
          ExpressionAttributeValues: { ":pk": Keys.viewsDailyPartition(month, shard), ":from": days.from, ":to": days.to },
          ProjectionExpression: "articleId, #count",
        })) {
          for (const item of items) {
            const id = item.articleId as string;
            byArticle.set(id, (byArticle.get(id) ?? 0) + Number(item.count ?? 0));
          }
        }
      }),
    );
    await inBatches(queries, 16);
    const top = [...byArticle]
      .filter(([, views]) => views > 0)
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, limit)
      .map(([articleId, views]): ArticleViews => ({ articleId, views }));
    if (top.length === 0) return top;
    // Titles as readers saw them (the published view), not an unapproved edit of the working copy.
    const articles = await batchGet(store, top.map((entry) => Keys.article(entry.articleId)), ["id", "title", "slug", "sectionId"]);
    const views = await batchGet(store, articles.map((item) => Keys.publishedView(item.slug as string)), ["id", "title", "sectionId"]);
    const published = new Map(views.map((item) => [item.id as string, item]));
    const details = new Map(articles.map((item) => [item.id as string, { ...item, ...published.get(item.id as string) }]));
    return top.map((entry) => {
      const item = details.get(entry.articleId);
      return item ? { ...entry, title: item.title as string, slug: item.slug as string, sectionId: item.sectionId as string } : entry;
    });
  },
};
