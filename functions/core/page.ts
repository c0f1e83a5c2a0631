import { invalid } from "./errors";

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
