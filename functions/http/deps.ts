import type { Context } from "hono";
import type { CounterConfig } from "../core/metrics/counters";
import type { ThrottleConfig } from "../core/accounts/throttle";
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
  /**
   * The stage's origin secret (on AWS: PORTAL_ORIGIN_SECRET): when set, only requests carrying it
   * in the header CloudFront adds are answered, others get 403 (origin.ts `cloudFrontOnly`).
   */
  originSecret?: string;
  /** The client's IP address, read the way the runtime exposes it; used for login throttling. */
  clientAddress?: (c: Context) => string | undefined;
  /** Login throttling: limits and clock (core/accounts/throttle.ts; defaults there). */
  throttle?: ThrottleConfig;
}
