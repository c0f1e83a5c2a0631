/**
 * What the visitor and view counters share: their configuration, write sharding, the sums over
 * shards and a short per-instance cache of those sums.
 *
 * A hot counter (site-wide visits, a viral article's views) is split over `shards` items with
 * their own partition keys, so its writes are not capped by DynamoDB's ~1,000 writes/s per
 * partition. A write goes to a random shard; a read sums them all. Sums are kept for `cacheMs`
 * per instance, so a page view costs no read most of the time.
 */
import { UpdateCommand } from "../storage/db";
import type { ConsumedCapacity } from "@aws-sdk/client-dynamodb";
import type { Key } from "../storage/keys";
import { batchGet, type Store } from "../storage/store";

/** Counter settings, from the composition root (`AppDeps.counters`); every field has a default. */
export interface CounterConfig {
  /**
   * Write shards per hot counter (default 4: ~4,000 writes/s each). Only ever raise it: reads
   * sum shards 0…shards-1, so lowering it would hide what the dropped shards counted.
   */
  shards?: number;
  /** How long a per-instance sum (visitor box, view count) is reused, in ms (default 5,000). */
  cacheMs?: number;
  /** The clock, in epoch ms; tests move it instead of sleeping. */
  now?: () => number;
}

export interface Counters {
  shards: number;
  cacheMs: number;
  now: () => number;
}

export const DEFAULT_SHARDS = 4;
export const DEFAULT_CACHE_MS = 5_000;
const MAX_SHARDS = 100;

/** The counter settings with their defaults filled in; a shard count out of range is a startup error. */
export function resolveCounters(config: CounterConfig = {}): Counters {
  const shards = Math.trunc(config.shards ?? DEFAULT_SHARDS);
  if (!(shards >= 1 && shards <= MAX_SHARDS)) throw new Error(`counters.shards must be 1…${MAX_SHARDS}`);
  return { shards, cacheMs: Math.max(0, config.cacheMs ?? DEFAULT_CACHE_MS), now: config.now ?? Date.now };
}

/** The shard a write goes to: random, so concurrent writes spread over the partitions. */
export const randomShard = (shards: number) => Math.floor(Math.random() * shards);

/** Every shard of a counter, 0…shards-1: what a read sums. */
export const shardList = (shards: number) => Array.from({ length: shards }, (_, shard) => shard);

/** Schema version of every item the counters write (docs/architecture.md, "Data": every stored item carries one). */
export const COUNTER_SCHEMA_VERSION = 1;

/** Adds one to the counter item at `key` (created at 0 if absent), setting `attributes` beside it. */
export function increment(store: Store, key: Key, entity: string, attributes: Record<string, string> = {}) {
  const set: Record<string, string | number> = { entity, schemaVersion: COUNTER_SCHEMA_VERSION, ...attributes };
  const names = Object.keys(set);
  return new UpdateCommand({
    TableName: store.table,
    Key: key,
    UpdateExpression: `ADD #count :one SET ${names.map((name) => `#${name} = :${name}`).join(", ")}`,
    ExpressionAttributeNames: { "#count": "count", ...Object.fromEntries(names.map((name) => [`#${name}`, name])) },
    ExpressionAttributeValues: { ":one": 1, ...Object.fromEntries(names.map((name) => [`:${name}`, set[name]])) },
    ReturnConsumedCapacity: "TOTAL",
  });
}

/** Write units a response reports (ReturnConsumedCapacity: "TOTAL"); 0 when it reports none. */
export const writeUnits = (capacity: ConsumedCapacity | ConsumedCapacity[] | undefined): number =>
  [capacity ?? []].flat().reduce((sum, item) => sum + (item.CapacityUnits ?? 0), 0);

/** The `count` attributes of the items at `keys`, summed (the shards of one counter). */
export async function sumCounts(store: Store, keys: Key[]): Promise<number> {
  return (await batchGet(store, keys, ["count"])).reduce((sum, item) => sum + Number(item.count ?? 0), 0);
}

/**
 * A value per key kept for `ttlMs` of the counters' clock. The promise itself is cached, so a
 * burst of requests on a cold key makes one read, not one each; a failed read is not kept.
 */
export class SumCache<T> {
  private readonly entries = new Map<string, { at: number; value: Promise<T> }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  get(key: string, now: number, load: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && now >= hit.at && now - hit.at < this.ttlMs) return hit.value;
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    const value = load();
    const entry = { at: now, value };
    this.entries.set(key, entry);
    value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return value;
  }

  forget(key: string): void {
    this.entries.delete(key);
  }

  /**
   * Applies a change this instance just wrote to a cached value read before the write, so a
   * visitor sees their own visit or view at once. A value loaded after `writtenAt` has it already.
   */
  adjust(key: string, writtenAt: number, change: (value: T) => T): void {
    const hit = this.entries.get(key);
    if (!hit || hit.at > writtenAt) return;
    const value = hit.value.then(change);
    value.catch(() => undefined);
    this.entries.set(key, { at: hit.at, value });
  }
}
