import { randomUUID } from "node:crypto";
import { QueryCommand } from "../storage/db";
import { Keys } from "../storage/keys";
import { decodeCursor, encodeCursor, type Page } from "../storage/page";
import type { Store, TransactItem } from "../storage/store";
import { vietnamDay } from "../shared/time";

/** Who did something: the account and its display name at the time. */
export interface Actor {
  id: string;
  name: string;
}

export interface AuditEvent {
  id: string;
  at: string;
  actor: Actor;
  /** e.g. "article.approve", "user.deactivate", "section.update" */
  action: string;
  /** "user", "section", "session", "featured", or a content kind's item type ("article", …). */
  itemType: string;
  itemId: string;
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
  reason?: string;
}

/**
 * The append-only audit trail. Events are never updated or deleted: `auditPut` returns the
 * transaction item that writes one (conditional on not existing), so an event is stored in the
 * same transaction as the change it records, or not at all.
 */
export function auditPut(store: Store, event: Omit<AuditEvent, "id" | "at"> & { at?: string }): TransactItem {
  const full: AuditEvent = { id: randomUUID(), at: event.at ?? new Date().toISOString(), ...event };
  return {
    Put: {
      TableName: store.table,
      Item: {
        ...Keys.auditEvent(full.itemId, vietnamDay(full.at), full.at, full.id),
        entity: "AuditEvent",
        schemaVersion: 1,
        ...full,
      },
      ConditionExpression: "attribute_not_exists(pk)",
    },
  };
}

const FIELDS = ["id", "at", "actor", "action", "itemType", "itemId", "before", "after", "reason"];

async function query(store: Store, input: { index?: "gsi1"; pk: string; limit?: number; cursor?: string }): Promise<Page<AuditEvent>> {
  const pkName = input.index ? "gsi1pk" : "pk";
  const out = await store.db.send(
    new QueryCommand({
      TableName: store.table,
      IndexName: input.index,
      KeyConditionExpression: "#pk = :pk",
      ExpressionAttributeNames: { "#pk": pkName, ...Object.fromEntries(FIELDS.map((f) => [`#${f}`, f])) },
      ExpressionAttributeValues: { ":pk": input.pk },
      ProjectionExpression: FIELDS.map((f) => `#${f}`).join(", "),
      ScanIndexForward: false,
      Limit: Math.min(Math.max(input.limit ?? 50, 1), 200),
      ExclusiveStartKey: decodeCursor(input.cursor, {
        keys: input.index ? ["pk", "sk", "gsi1pk", "gsi1sk"] : ["pk", "sk"],
        partition: { [pkName]: input.pk },
      }),
    }),
  );
  return { items: (out.Items ?? []) as AuditEvent[], next: encodeCursor(out.LastEvaluatedKey) };
}

export const Audit = {
  /** Events of one item (article, user, section), newest first. */
  byItem: (store: Store, itemId: string, options: { limit?: number; cursor?: string } = {}) =>
    query(store, { pk: Keys.auditByItem(itemId), ...options }),

  /** Events of one day in Vietnam (YYYY-MM-DD), newest first. */
  byDay: (store: Store, day: string, options: { limit?: number; cursor?: string } = {}) =>
    query(store, { index: "gsi1", pk: Keys.auditByDay(day), ...options }),
};
