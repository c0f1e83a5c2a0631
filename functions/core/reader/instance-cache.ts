/**
 * Lists kept in memory per instance for a few seconds (the home page's blocks, a section's first
 * page, a section's newest entries beside an article), like the page shell (http/reader/shell.ts).
 * Pages are cached longer than that by the CDN anyway; what this saves is the origin's reads
 * when the CDN misses (a purge after a publication, a new query string, a cold edge).
 *
 * Bounded: at most `max` entries, the oldest dropped first. A publication in this process
 * (`readerDataChanged`, called by the engine's reader index and its effects) starts every cache
 * over, so `npm start` and the tests see a change at once; other instances within `ttlMs`.
 * A failed load is not kept.
 */
let generation = 0;

/** Everything cached so far is stale: the next read of each key loads again. */
export function readerDataChanged(): void {
  generation++;
}

/** Changes with every `readerDataChanged`: a cache of its own (the page shell) compares it. */
export function readerCacheGeneration(): number {
  return generation;
}

export interface InstanceCache {
  get<T>(key: string, load: () => Promise<T>): Promise<T>;
  clear(): void;
  readonly size: number;
}

export function instanceCache(options: { ttlMs: number; max: number; now?: () => number }): InstanceCache {
  const now = options.now ?? Date.now;
  const entries = new Map<string, { at: number; generation: number; value: Promise<unknown> }>();
  return {
    get<T>(key: string, load: () => Promise<T>): Promise<T> {
      const at = now();
      const hit = entries.get(key);
      if (hit && hit.generation === generation && at - hit.at < options.ttlMs) return hit.value as Promise<T>;
      entries.delete(key);
      const value = load();
      entries.set(key, { at, generation, value });
      value.catch(() => {
        if (entries.get(key)?.value === value) entries.delete(key);
      });
      // A Map iterates in insertion order: the first key is the oldest entry.
      while (entries.size > options.max) entries.delete(entries.keys().next().value!);
      return value;
    },
    clear: () => entries.clear(),
    get size() {
      return entries.size;
    },
  };
}
