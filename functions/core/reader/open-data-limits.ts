import { UpdateCommand } from "../storage/db";
import { AppError } from "../shared/errors";
import { OpenDataKeys } from "../storage/keys";
import type { Store } from "../storage/store";

/** The per-client limit of the open-data datasets (reader/open-data.ts, http/reader/open-data.ts). */
export interface RateLimit {
  max: number;
  windowMs: number;
}

/** Generous: a program paging through every dataset at 2 requests a second is never refused. */
export const OPEN_DATA_RATE: RateLimit = { max: 120, windowMs: 60_000 };

/** Window items outlive their window by an hour (TTL; nothing reads old windows). */
const TTL_S = 3600;
const MAX_REMEMBERED = 10_000;

/**
 * Fixed windows per client (metrics/signing.ts `clientKey`, a hash of the address), as in
 * consultations/limits.ts: one conditional ADD per request, never past the limit. A refused
 * client is remembered by this instance until its window ends, so a flood costs no further writes.
 * Only requests that reach the origin count: the CDN answers repeated ones from its cache.
 */
export function createRateLimiter(store: Store, limit: RateLimit = OPEN_DATA_RATE) {
  const refused = new Map<string, number>();
  const tooMany = (retryAfter: number) =>
    new AppError(
      "RATE_LIMITED",
      `Đã nhận đủ ${limit.max} yêu cầu dữ liệu mở từ địa chỉ mạng của bạn trong ${Math.round(limit.windowMs / 1000)} giây. Xin vui lòng gửi lại sau ${retryAfter} giây.`,
      undefined,
      { retryAfter },
    );
  return async function take(client: string, now = Date.now()): Promise<void> {
    const start = Math.floor(now / limit.windowMs) * limit.windowMs;
    const end = start + limit.windowMs;
    const until = refused.get(client);
    if (until !== undefined && until > now) throw tooMany(Math.max(1, Math.ceil((until - now) / 1000)));
    refused.delete(client);
    try {
      await store.db.send(
        new UpdateCommand({
          TableName: store.table,
          Key: OpenDataKeys.clientWindow(client, new Date(start).toISOString()),
          UpdateExpression: "ADD #count :one SET entity = :entity, schemaVersion = :schemaVersion, expiresAt = :expires",
          ConditionExpression: "attribute_not_exists(#count) OR #count < :max",
          ExpressionAttributeNames: { "#count": "count" },
          ExpressionAttributeValues: { ":one": 1, ":entity": "OpenDataWindow", ":schemaVersion": 1, ":expires": Math.floor(end / 1000) + TTL_S, ":max": limit.max },
        }),
      );
    } catch (error) {
      if ((error as Error).name !== "ConditionalCheckFailedException") throw error;
      if (refused.size >= MAX_REMEMBERED) refused.clear();
      refused.set(client, end);
      throw tooMany(Math.max(1, Math.ceil((end - now) / 1000)));
    }
  };
}
