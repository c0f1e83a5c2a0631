import type { Context } from "hono";
import type { CounterConfig } from "../core/counters";
import type { Invalidator } from "../core/invalidation";
import type { Store } from "../core/store";
import { createFrame } from "./frame";
import { readerSurface } from "./reader";
import { staffSurface } from "./staff";

/** What the app needs from its composition root (Lambda entry point or local runner). */
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

/**
 * The whole HTTP surface in one app, as `npm start` and the tests run it. On AWS the same two
 * surfaces are deployed as two functions (functions/api.ts, functions/staff.ts), so the reader's
 * bundle carries none of the editor's code.
 */
export function createApp(deps: AppDeps) {
  return createFrame(deps, staffSurface, readerSurface);
}
