import { QueryCommand, type QueryCommandInput, type QueryCommandOutput } from "@aws-sdk/lib-dynamodb";
import { invalid } from "./errors";
import type { Store } from "./store";

/** One page of a Query, with an opaque cursor for the next one. */
export interface Page<T> {
  items: T[];
  next?: string;
}

export function encodeCursor(key: Record<string, unknown> | undefined): string | undefined {
  return key ? Buffer.from(JSON.stringify(key)).toString("base64url") : undefined;
}

/** Cursors come from clients: anything that is not one of ours is a 400, never a 500. */
export function decodeCursor(cursor: string | undefined): Record<string, string> | undefined {
  if (!cursor) return undefined;
  try {
    const key = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (key && typeof key === "object" && Object.values(key).every((v) => typeof v === "string")) return key;
  } catch {
    // fall through
  }
  throw invalid("Tham số phân trang không hợp lệ.", { cursor: "Giá trị không hợp lệ." });
}

/**
 * Every page of a Query, one after another, for partitions that are read whole (counts, shards,
 * the staff list, the search change feed): `for await (const items of queryPages(store, input))`.
 */
export async function* queryPages(store: Store, input: Omit<QueryCommandInput, "ExclusiveStartKey">): AsyncGenerator<NonNullable<QueryCommandOutput["Items"]>> {
  let start: Record<string, unknown> | undefined;
  do {
    const out = await store.db.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
    yield out.Items ?? [];
    start = out.LastEvaluatedKey;
  } while (start);
}
