import { QueryCommand, type QueryCommandInput, type QueryCommandOutput } from "./db";
import { invalid } from "../shared/errors";
import type { Store } from "./store";

/** One page of a Query, with an opaque cursor for the next one. */
export interface Page<T> {
  items: T[];
  next?: string;
}

/** The opaque cursor of a Query's LastEvaluatedKey (undefined on the last page). */
export function encodeCursor(key: Record<string, unknown> | undefined): string | undefined {
  return key ? Buffer.from(JSON.stringify(key)).toString("base64url") : undefined;
}

/**
 * Cursors come from clients: anything that is not the start key of this very query (its key
 * attributes, its partition) is a 400, never a DynamoDB error and a 500.
 */
export function decodeCursor(
  cursor: string | undefined,
  expected: { keys: string[]; partition: Record<string, string> },
): Record<string, string> | undefined {
  if (!cursor) return undefined;
  try {
    const key = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    const names = key && typeof key === "object" && !Array.isArray(key) ? Object.keys(key).sort() : [];
    const valid =
      names.join() === [...expected.keys].sort().join() &&
      names.every((name) => typeof key[name] === "string" && key[name].length <= 1024) &&
      Object.entries(expected.partition).every(([name, value]) => key[name] === value);
    if (valid) return key;
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
