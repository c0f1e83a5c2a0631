import { vietnamDay } from "../shared/time";
import { Keys } from "../storage/keys";
import type { Store, TransactItem } from "../storage/store";
import type { Counted } from "./kind";

/**
 * The report aggregates (metrics/reports.ts reads them): one item per (Vietnam day, report kind,
 * section, approver) with a `count` kept exact by ADD in the same transaction as the change it
 * counts. A publication counts 1 under its report kind; its secondary units (a week's schedule
 * entries) count under their own kind with `unit: true`, shown by kind but never in the totals.
 */

/** Where one count lands. */
export interface CountTarget {
  /** The instant that decides the day (publication, or receipt for units counted on their own). */
  at: string;
  kind: string;
  sectionId: string;
  approverId: string;
  approverName: string;
}

function update(store: Store, target: CountTarget, delta: number, unit: boolean): TransactItem {
  const day = vietnamDay(target.at);
  return {
    Update: {
      TableName: store.table,
      Key: Keys.reportAggregate(day, target.kind, target.sectionId, target.approverId),
      UpdateExpression:
        "ADD #count :delta SET entity = :entity, schemaVersion = :schemaVersion, #day = :day, kind = :kind, sectionId = :section, approverId = :approver, approverName = :approverName" +
        (unit ? ", #unit = :unit" : ""),
      ExpressionAttributeNames: { "#count": "count", "#day": "day", ...(unit ? { "#unit": "unit" } : {}) },
      ExpressionAttributeValues: {
        ":delta": delta,
        ":entity": "ReportAggregate",
        ":schemaVersion": 1,
        ":day": day,
        ":kind": target.kind,
        ":section": target.sectionId,
        ":approver": target.approverId,
        ":approverName": target.approverName,
        ...(unit ? { ":unit": true } : {}),
      },
    },
  };
}

/**
 * A secondary count of its own (comments received on a draft, counted on the day received):
 * `delta` under `kind`, not part of the totals.
 */
export function unitCount(store: Store, target: CountTarget, delta: number): TransactItem {
  return update(store, target, delta, true);
}

/**
 * The aggregate updates that take the counts from `before` (undefined: not counted) to `after`
 * (undefined: no longer counted): net deltas per aggregate, so a re-approval that changes only a
 * unit count, or nothing, touches one item or none (a transaction may not touch an item twice).
 */
export function countChanges(store: Store, before: Counted | undefined, after: Counted | undefined): TransactItem[] {
  const deltas = new Map<string, { target: CountTarget; unit: boolean; delta: number }>();
  const add = (counted: Counted, sign: 1 | -1) => {
    const entries: [string, number, boolean][] = [[counted.kind, 1, false], ...Object.entries(counted.units ?? {}).map(([kind, n]) => [kind, n, true] as [string, number, boolean])];
    for (const [kind, n, unit] of entries) {
      const target = { at: counted.publishedAt, kind, sectionId: counted.sectionId, approverId: counted.approverId, approverName: counted.approverName };
      const key = JSON.stringify([vietnamDay(target.at), kind, target.sectionId, target.approverId]);
      const entry = deltas.get(key) ?? { target, unit, delta: 0 };
      entry.delta += sign * n;
      deltas.set(key, entry);
    }
  };
  if (before) add(before, -1);
  if (after) add(after, 1);
  return [...deltas.values()].filter((entry) => entry.delta !== 0).map((entry) => update(store, entry.target, entry.delta, entry.unit));
}
