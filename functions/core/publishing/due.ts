import { QueryCommand } from "../storage/db";
import { AppError } from "../shared/errors";
import { Keys } from "../storage/keys";
import { createEngine, type Change, type EngineContext } from "./engine";
import type { BaseContent, ContentKind } from "./kind";

/**
 * Publishes every scheduled item that is due, of every kind, as the board member who scheduled
 * it. Run every minute by the scheduler Lambda (EventBridge) or the local runner's timer; the
 * engine's effects port does the CDN work, as for an approval. Safe to run twice: each publish
 * is conditional on the version it read.
 */
export async function publishDue(context: EngineContext, kinds: readonly ContentKind[], now = new Date()): Promise<Change<BaseContent>[]> {
  const out = await context.store.db.send(
    new QueryCommand({
      TableName: context.store.table,
      IndexName: "gsi1",
      KeyConditionExpression: "gsi1pk = :pk AND gsi1sk <= :now",
      ExpressionAttributeValues: { ":pk": Keys.scheduled(), ":now": Keys.scheduledUntil(now.toISOString()) },
      ProjectionExpression: "id, contentKind",
      Limit: 50,
    }),
  );
  const published: Change<BaseContent>[] = [];
  for (const item of out.Items ?? []) {
    // Items scheduled before kinds existed are articles.
    const kind = kinds.find((candidate) => candidate.name === (item.contentKind ?? "articles"));
    if (!kind) continue;
    try {
      const change = await createEngine(kind, context).publishIfDue(item.id as string, now);
      if (change) published.push(change);
    } catch (error) {
      // Someone changed it meanwhile (409), or this one cannot be published: the others still go.
      if (!(error instanceof AppError && error.code === "CONFLICT")) console.error(`Không xuất bản được mục hẹn giờ ${item.id}:`, error);
    }
  }
  return published;
}
