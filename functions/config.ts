import type { Context } from "hono";
import type { AppDeps } from "./http/deps";
import { createStore } from "./core/storage/store";

/**
 * The viewer's address behind CloudFront (its CloudFront-Viewer-Address header, "ip:port"), else
 * the caller of API Gateway. A caller who bypasses CloudFront can forge the header; login
 * throttling per account still holds then.
 */
function lambdaClientAddress(c: Context): string | undefined {
  const viewer = c.req.header("cloudfront-viewer-address");
  if (viewer) return viewer.replace(/:\d+$/, "");
  return (c.env as { requestContext?: { http?: { sourceIp?: string } } } | undefined)?.requestContext?.http?.sourceIp;
}

/**
 * Configuration of a Lambda, read once from its environment (set by infra/Api.ts). The local
 * runner builds AppDeps itself (scripts/local); the other read is cloud.ts (the distribution's
 * SSM parameter, for the functions that publish).
 */
export function depsFromEnv(env: NodeJS.ProcessEnv = process.env): AppDeps {
  const table = env.PORTAL_TABLE;
  const bucket = env.PORTAL_BUCKET;
  if (!table || !bucket) throw new Error("PORTAL_TABLE and PORTAL_BUCKET must be set");
  return {
    store: createStore({ table, bucket }),
    publicUrl: env.PORTAL_PUBLIC_URL || undefined,
    trustForwardedHost: env.PORTAL_TRUST_FORWARDED_HOST === "1",
    // Write shards of hot counters; may only ever be raised (reads sum shards 0…n-1).
    ...(env.PORTAL_COUNTER_SHARDS ? { counters: { shards: Number(env.PORTAL_COUNTER_SHARDS) } } : {}),
    clientAddress: lambdaClientAddress,
  };
}
