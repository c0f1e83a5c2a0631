/**
 * DynamoDB reads per public page type (docs/architecture.md, "Budgets"): every command the app
 * sends carries `ReturnConsumedCapacity: "TOTAL"` (DynamoDB Local reports it as AWS bills it),
 * and each page type is requested once cold (this instance's caches emptied) and once warm.
 * `countingDb` is also what tests/http/page-reads.test.ts counts calls with.
 */
import type { Db, DbCommand } from "../functions/core/storage/db";
import { readerDataChanged } from "../functions/core/reader/instance-cache";
import { Published } from "../functions/core/reader/published";
import { Sections } from "../functions/core/sections/sections";
import type { Store } from "../functions/core/storage/store";

export interface Call {
  op: DbCommand["op"];
  /** Capacity units the call consumed (read or write), as DynamoDB reported them. */
  units: number;
  /** The index a Query read, if any. */
  index?: string;
  /** A Query's partition (`:pk`). */
  partition?: string;
  /** Keys a GetItem or BatchGetItem read, as `<pk>|<sk>`. */
  keys?: string[];
}

export interface Counter {
  calls: Call[];
  reset(): void;
  /** Calls and units of reads only (GetItem, BatchGetItem, Query, Scan). */
  reads(): { calls: number; units: number; ops: Record<string, number> };
}

const READS = new Set(["GetItem", "BatchGetItem", "Query", "Scan"]);

function unitsOf(output: unknown): number {
  const consumed = (output as { ConsumedCapacity?: { CapacityUnits?: number } | { CapacityUnits?: number }[] }).ConsumedCapacity;
  const list = Array.isArray(consumed) ? consumed : consumed ? [consumed] : [];
  return list.reduce((sum, entry) => sum + (entry.CapacityUnits ?? 0), 0);
}

type Key = { pk: string; sk: string };

function describe(command: DbCommand): Pick<Call, "index" | "partition" | "keys"> {
  const input = command.input as {
    IndexName?: string;
    ExpressionAttributeValues?: Record<string, unknown>;
    Key?: Key;
    RequestItems?: Record<string, { Keys?: Key[] }>;
  };
  const keys = input.Key ? [input.Key] : input.RequestItems ? Object.values(input.RequestItems).flatMap((request) => request.Keys ?? []) : [];
  return {
    ...(input.IndexName ? { index: input.IndexName } : {}),
    ...(command.op === "Query" ? { partition: String(input.ExpressionAttributeValues?.[":pk"]) } : {}),
    ...(keys.length ? { keys: keys.map((key) => `${key.pk}|${key.sk}`) } : {}),
  };
}

/**
 * A Db that sends every command with `ReturnConsumedCapacity: "TOTAL"` through `db` and records
 * its operation and units in `counter.calls`.
 */
export function countingDb(db: Db): { db: Db; counter: Counter } {
  const calls: Call[] = [];
  const counted = {
    async send(command: DbCommand, options?: Parameters<Db["send"]>[1]) {
      const Class = command.constructor as new (input: unknown) => DbCommand;
      const copy = new Class({ ...(command.input as object), ReturnConsumedCapacity: "TOTAL" });
      const output = await (db.send as (c: DbCommand, o?: unknown) => Promise<unknown>)(copy, options);
      calls.push({ op: command.op, units: unitsOf(output), ...describe(command) });
      return output;
    },
  } as Db;
  const counter: Counter = {
    calls,
    reset: () => void calls.splice(0),
    reads() {
      const reads = calls.filter((call) => READS.has(call.op));
      const ops: Record<string, number> = {};
      for (const call of reads) ops[call.op] = (ops[call.op] ?? 0) + 1;
      return { calls: reads.length, units: reads.reduce((sum, call) => sum + call.units, 0), ops };
    },
  };
  return { db: counted, counter };
}

/** `store` with its `db` replaced by a counting one (the same table and bucket). */
export function countingStore<S extends Store>(store: S): { store: S; counter: Counter } {
  const { db, counter } = countingDb(store.db);
  return { store: { ...store, db }, counter };
}

async function firstSlug(store: Store, space: string): Promise<string | undefined> {
  return (await Published.latest<{ slug: string }>(store, space, { limit: 1, attributes: ["slug"] })).items[0]?.slug;
}

/**
 * Requests each public page type of the portal at `url` (served with `store`, in this process)
 * once cold and once warm, and prints calls and read units of each. `store.db` is wrapped for the
 * run and put back after.
 */
export async function readUnitsPerPageType(url: string, store: Store) {
  const [sections, article, document, gallery, video, consultation] = await Promise.all([
    Sections.list(store),
    firstSlug(store, "ARTICLE"),
    firstSlug(store, "DOCUMENT"),
    firstSlug(store, "GALLERY"),
    firstSlug(store, "VIDEO"),
    firstSlug(store, "CONSULTATION"),
  ]);
  const types: [string, string | undefined][] = [
    ["home", "/"],
    ["section", sections[0] && `/chuyen-muc/${sections[0].slug}`],
    ["article", article && `/bai-viet/${article}`],
    ["documents list", "/van-ban"],
    ["document", document && `/van-ban/${document}`],
    ["schedule", "/lich-cong-tac"],
    ["galleries", "/thu-vien-anh"],
    ["gallery", gallery && `/thu-vien-anh/${gallery}`],
    ["videos", "/video"],
    ["video", video && `/video/${video}`],
    ["consultations", "/gop-y"],
    ["consultation", consultation && `/gop-y/${consultation}`],
    ["search", "/tim-kiem?q=tinh+uy"],
    ["rss", "/rss.xml"],
  ];
  const original = store.db;
  const { db, counter } = countingDb(original);
  store.db = db;
  const rows: string[] = [];
  const coldUnits: Record<string, number> = {};
  try {
    const measure = async (path: string) => {
      counter.reset();
      const res = await fetch(url + path);
      await res.arrayBuffer();
      return { status: res.status, ...counter.reads() };
    };
    for (const [label, path] of types) {
      if (!path) {
        rows.push(`${label.padEnd(16)} (no such item in the demo content)`);
        continue;
      }
      readerDataChanged(); // cold: this instance's shell and lists start over
      const cold = await measure(path);
      const warm = await measure(path);
      coldUnits[label] = cold.units;
      const ops = (r: { ops: Record<string, number> }) => Object.entries(r.ops).map(([op, n]) => `${n} ${op}`).join(", ") || "none";
      rows.push(
        `${label.padEnd(16)} ${String(cold.status).padStart(3)}   cold ${String(cold.calls).padStart(2)} reads ${cold.units.toFixed(1).padStart(6)} RCU   ` +
          `warm ${String(warm.calls).padStart(2)} reads ${warm.units.toFixed(1).padStart(6)} RCU   (warm: ${ops(warm)})`,
      );
    }
  } finally {
    store.db = original;
  }
  console.log("\n## DynamoDB reads per page type at the origin (ReturnConsumedCapacity, eventually consistent = 0.5 RCU per 4 KB)");
  for (const row of rows) console.log(row);
  console.log("goal: article page one GetItem when warm; lists read summary items, never bodies");
  return coldUnits;
}
