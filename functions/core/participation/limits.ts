import { UpdateCommand } from "../storage/db";
import { AppError } from "../shared/errors";
import { ParticipationKeys } from "../storage/keys";
import type { Store } from "../storage/store";

/**
 * Per-client limits on readers' comments: one comment per 30 seconds (a sliding gap, exact: the
 * client's last accepted comment is one item, moved by a conditional Update) and 5 per clock hour
 * (a fixed window, a conditional ADD that never passes the limit). The client is an address as
 * metrics/signing.ts `clientKey` groups and hashes it. Not consultations/limits.ts: those windows
 * are the formal comments' (3 per 10 minutes, 10 a day) and their refusal talks about drafts.
 */
export interface ReaderCommentLimits {
  gapMs: number;
  perHour: number;
}

export const READER_COMMENT_LIMITS: ReaderCommentLimits = { gapMs: 30_000, perHour: 5 };

const HOUR_MS = 3_600_000;
const TTL_S = 3600;

const failed = (error: unknown) => (error as Error).name === "ConditionalCheckFailedException";

function waitText(seconds: number): string {
  if (seconds < 60) return `${seconds} giây`;
  return `${Math.ceil(seconds / 60)} phút`;
}

const limited = (message: string, retryAfter: number) => new AppError("RATE_LIMITED", message, undefined, { retryAfter });

async function hourWindow(store: Store, client: string, start: number, delta: 1 | -1, max: number): Promise<boolean> {
  try {
    await store.db.send(
      new UpdateCommand({
        TableName: store.table,
        Key: ParticipationKeys.clientHour(client, new Date(start).toISOString()),
        UpdateExpression: "ADD #count :delta SET entity = :entity, schemaVersion = :v, expiresAt = :expires",
        ...(delta > 0 ? { ConditionExpression: "attribute_not_exists(#count) OR #count < :max" } : {}),
        ExpressionAttributeNames: { "#count": "count" },
        ExpressionAttributeValues: {
          ":delta": delta, ":entity": "ReaderCommentWindow", ":v": 1, ":expires": Math.floor((start + HOUR_MS) / 1000) + TTL_S,
          ...(delta > 0 ? { ":max": max } : {}),
        },
      }),
    );
    return true;
  } catch (error) {
    if (failed(error)) return false;
    throw error;
  }
}

/**
 * Takes one comment's place for `client` at `now`, or throws a Vietnamese 429 RATE_LIMITED with
 * `retryAfter` (seconds). The hour is asked first so that a refusal there leaves the gap untouched;
 * a refusal by the gap gives the hour's token back. `release()` undoes the hour's token (a comment
 * refused later); the gap stays taken, which only delays the client's next try by 30 s.
 */
export async function takeReaderCommentTokens(store: Store, client: string, now: number, limits: ReaderCommentLimits = READER_COMMENT_LIMITS) {
  const start = Math.floor(now / HOUR_MS) * HOUR_MS;
  if (!(await hourWindow(store, client, start, 1, limits.perHour))) {
    const retryAfter = Math.max(1, Math.ceil((start + HOUR_MS - now) / 1000));
    throw limited(`Bạn đã gửi ${limits.perHour} ý kiến trong một giờ. Xin vui lòng gửi lại sau ${waitText(retryAfter)}.`, retryAfter);
  }
  const release = () => hourWindow(store, client, start, -1, limits.perHour).then(() => undefined, (error) => console.error("Không trả lại được lượt gửi ý kiến:", error));
  try {
    await store.db.send(
      new UpdateCommand({
        TableName: store.table,
        Key: ParticipationKeys.clientLast(client),
        UpdateExpression: "SET #at = :now, entity = :entity, schemaVersion = :v, expiresAt = :expires",
        ConditionExpression: "attribute_not_exists(#at) OR #at <= :since",
        ExpressionAttributeNames: { "#at": "at" },
        ExpressionAttributeValues: { ":now": now, ":since": now - limits.gapMs, ":entity": "ReaderCommentLast", ":v": 1, ":expires": Math.floor(now / 1000) + TTL_S },
        ReturnValuesOnConditionCheckFailure: "ALL_OLD",
      }),
    );
  } catch (error) {
    if (!failed(error)) throw error;
    await release();
    // The old item comes back marshalled ({ N: "…" }) or plain, depending on the client's version.
    const raw = (error as { Item?: { at?: number | { N?: string } } }).Item?.at;
    const last = typeof raw === "number" ? raw : Number(raw?.N ?? now);
    const retryAfter = Math.max(1, Math.ceil((last + limits.gapMs - now) / 1000));
    throw limited(`Bạn vừa gửi một ý kiến. Xin vui lòng chờ ${waitText(retryAfter)} rồi gửi tiếp.`, retryAfter);
  }
  return { release };
}
