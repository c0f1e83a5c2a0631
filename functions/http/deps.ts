import type { Context } from "hono";
import type { CounterConfig } from "../core/metrics/counters";
import type { Invalidator } from "../core/publishing/invalidation";
import type { Store } from "../core/storage/store";

/**
 * What the app needs from its composition root (a Lambda entry point through functions/config.ts,
 * or the local runner). A module of its own, imported by every route file, so that none of them
 * imports app.ts, which imports them all.
 */
export interface AppDeps {
  store: Store;
  /** Public origin for canonical URLs ("https://tinhuy.example.vn"); the request's origin when unset. */
  publicUrl?: string;
  /** Visitor and view counters: shard count (only ever raise it), read cache, clock. */
  counters?: CounterConfig;
  /** Tells the CDN which cached pages a publish or unpublish changed (none locally). */
  invalidator?: Invalidator;
  /** Behind our CloudFront: take the site's host from x-forwarded-host (see origin.ts). */
  trustForwardedHost?: boolean;
  /** The client's IP address, read the way the runtime exposes it; used for login throttling. */
  clientAddress?: (c: Context) => string | undefined;
}
