import { UpdateCommand } from "../storage/db";
import { AppError } from "../shared/errors";
import { ConsultationKeys } from "../storage/keys";
import type { Store } from "../storage/store";

/**
 * Per-client limits on public comments (docs/architecture.md, "Security"): at most 3 comments per
 * 10 minutes and 10 per Vietnam day from one client (an address as metrics/signing.ts `clientKey`
 * groups and hashes it: an office behind one address shares its limits).
 *
 * Why not metrics/limits.ts `ClientLimits`: it leases tokens to each instance in chunks and
 * remembers refusals in memory, which is right for thousands of beacons a minute but not for a
 * handful of comments with exact small limits and a Retry-After to tell the citizen; its kinds and
 * keys are the beacons'. Here each comment makes one conditional ADD per window (never past the
 * limit), and a comment refused later (a duplicate, a closed draft) gives its tokens back.
 */
export interface CommentLimit {
  max: number;
  windowMs: number;
  /** Where the window starts, besides multiples of `windowMs` (a Vietnam day starts at 17:00 UTC). */
  offsetMs?: number;
  /** Vietnamese words for the window in the refusal ("10 phút", "một ngày"). */
  label: string;
}

const MINUTE = 60_000;
const VIETNAM_OFFSET_MS = 7 * 60 * MINUTE;

export const COMMENT_LIMITS: Readonly<Record<"burst" | "day", CommentLimit>> = {
  burst: { max: 3, windowMs: 10 * MINUTE, label: "10 phút" },
  day: { max: 10, windowMs: 24 * 60 * MINUTE, offsetMs: -VIETNAM_OFFSET_MS, label: "một ngày" },
};

/** Window items outlive their window by an hour (TTL; reads never look at old windows). */
const TTL_S = 3600;

function windowOf(limit: CommentLimit, now: number) {
  const offset = limit.offsetMs ?? 0;
  const start = Math.floor((now - offset) / limit.windowMs) * limit.windowMs + offset;
  return { start, end: start + limit.windowMs };
}

function waitText(seconds: number): string {
  if (seconds < 60) return `${seconds} giây`;
  if (seconds < 3600) return `${Math.ceil(seconds / 60)} phút`;
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.ceil((seconds % 3600) / 60);
  return minutes > 0 ? `${hours} giờ ${minutes} phút` : `${hours} giờ`;
}

async function add(store: Store, client: string, scope: string, limit: CommentLimit, now: number, delta: 1 | -1): Promise<boolean> {
  const { start, end } = windowOf(limit, now);
  try {
    await store.db.send(
      new UpdateCommand({
        TableName: store.table,
        Key: ConsultationKeys.clientWindow(client, scope, new Date(start).toISOString()),
        UpdateExpression: "ADD #count :delta SET entity = :entity, schemaVersion = :schemaVersion, expiresAt = :expires",
        ...(delta > 0 ? { ConditionExpression: "attribute_not_exists(#count) OR #count < :max" } : {}),
        ExpressionAttributeNames: { "#count": "count" },
        ExpressionAttributeValues: {
          ":delta": delta,
          ":entity": "CommentWindow",
          ":schemaVersion": 1,
          ":expires": Math.floor(end / 1000) + TTL_S,
          ...(delta > 0 ? { ":max": limit.max } : {}),
        },
      }),
    );
    return true;
  } catch (error) {
    if ((error as Error).name === "ConditionalCheckFailedException") return false;
    throw error;
  }
}

export interface Taken {
  /** Gives the tokens back (the comment was not stored); never throws. */
  release(): Promise<void>;
}

/**
 * One comment's place in each of the client's windows, or a 429 RATE_LIMITED with the wait in the
 * message and `retryAfter` (seconds) in the details. A refusal by a later window gives back what
 * the earlier ones took.
 */
export async function takeCommentTokens(
  store: Store,
  client: string,
  now: number,
  limits: Readonly<Record<string, CommentLimit>> = COMMENT_LIMITS,
): Promise<Taken> {
  const taken: [string, CommentLimit][] = [];
  const release = async () => {
    await Promise.all(taken.map(([scope, limit]) => add(store, client, scope, limit, now, -1).catch((error) => console.error("Không trả lại được lượt góp ý:", error))));
  };
  for (const [scope, limit] of Object.entries(limits)) {
    if (await add(store, client, scope, limit, now, 1)) {
      taken.push([scope, limit]);
      continue;
    }
    await release();
    const retryAfter = Math.max(1, Math.ceil((windowOf(limit, now).end - now) / 1000));
    throw new AppError(
      "RATE_LIMITED",
      `Đã nhận đủ ${limit.max} góp ý từ địa chỉ mạng của bạn trong ${limit.label}. Xin vui lòng gửi lại sau ${waitText(retryAfter)}, hoặc gửi góp ý bằng thư điện tử tới đơn vị tiếp nhận.`,
      undefined,
      { retryAfter },
    );
  }
  return { release };
}
