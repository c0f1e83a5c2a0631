/**
 * Planned outage notices (thông báo tạm ngừng hoạt động): read side, reader-safe (no zod). Admins
 * announce them (notice-admin.ts); every page shows a banner from the announcement to the end of
 * the outage (loaded with the page shell, http/reader/shell.ts) and /thong-bao lists them.
 * A cancelled notice is deleted (the audit keeps what it said and who cancelled it).
 */
import { QueryCommand } from "../storage/db";
import { NoticeKeys } from "../storage/keys";
import type { Store } from "../storage/store";

/** What readers see of a notice. */
export interface PublicNotice {
  id: string;
  /** ISO instants. */
  startsAt: string;
  endsAt: string;
  message: string;
  /** When it was announced (ISO). */
  createdAt: string;
  urgent: boolean;
}

/** At most this many current and upcoming notices are read: more would be noise, not notice. */
export const MAX_OPEN_NOTICES = 20;

export const NOTICE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const FIELDS = ["id", "startsAt", "endsAt", "message", "createdAt", "urgent"] as const;

export const toPublicNotice = (item: Record<string, unknown>): PublicNotice =>
  ({ id: item.id, startsAt: item.startsAt, endsAt: item.endsAt, message: item.message, createdAt: item.createdAt, urgent: Boolean(item.urgent) }) as PublicNotice;

export const Notices = {
  /**
   * Notices not yet ended at `now`, soonest start first: one Query of the notices' partition
   * (gsi1, sorted by end), from `now` on, so ended ones are never read.
   */
  async open(store: Store, now = new Date()): Promise<PublicNotice[]> {
    const out = await store.db.send(
      new QueryCommand({
        TableName: store.table,
        IndexName: "gsi1",
        KeyConditionExpression: "gsi1pk = :pk AND gsi1sk > :now",
        ExpressionAttributeValues: { ":pk": NoticeKeys.all(), ":now": now.toISOString() },
        ExpressionAttributeNames: Object.fromEntries(FIELDS.map((field) => [`#${field}`, field])),
        ProjectionExpression: FIELDS.map((field) => `#${field}`).join(", "),
        Limit: MAX_OPEN_NOTICES,
      }),
    );
    return (out.Items ?? []).map(toPublicNotice).sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  },
};
