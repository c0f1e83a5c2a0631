import type { Context } from "hono";
import type { AppDeps } from "./http/deps";

/** The caller of API Gateway: on AWS, with no origin secret configured, the only address to go by. */
function sourceAddress(c: Context): string | undefined {
  return (c.env as { requestContext?: { http?: { sourceIp?: string } } } | undefined)?.requestContext?.http?.sourceIp;
}

/**
 * The viewer's address behind CloudFront: `x-portal-viewer-ip`, which the viewer-request function
 * (infra/Web.ts ForwardHost) sets from `event.viewer.ip`, overwriting any a viewer sent. Used only
 * with the origin secret check on (http/origin.ts `cloudFrontOnly`): every request answered then
 * came through CloudFront and its function.
 */
function viewerAddress(c: Context): string | undefined {
  return c.req.header("x-portal-viewer-ip") || sourceAddress(c);
}

/**
 * Configuration of a Lambda, read once from its environment (set by infra/Api.ts): everything but
 * the store, which each function builds with its own client (config.ts with the AWS SDK,
 * reader-config.ts with signed fetch). This module imports neither. The local runner builds
 * AppDeps itself (scripts/local); the other read is cloud.ts (the distribution's SSM parameter,
 * for the functions that publish).
 *
 * PORTAL_ORIGIN_SECRET (infra/Api.ts, a generated Secrets Manager secret) turns on the check that
 * a request came through the portal's CloudFront, and only with it are the headers CloudFront
 * sets (x-forwarded-host, x-portal-viewer-ip) trusted: the execute-api endpoint is public,
 * and anyone calling it directly could send them.
 */
export function settingsFromEnv(env: NodeJS.ProcessEnv): { names: { table: string; bucket: string }; deps: Omit<AppDeps, "store"> } {
  const table = env.PORTAL_TABLE;
  const bucket = env.PORTAL_BUCKET;
  if (!table || !bucket) throw new Error("PORTAL_TABLE and PORTAL_BUCKET must be set");
  const originSecret = env.PORTAL_ORIGIN_SECRET || undefined;
  return {
    names: { table, bucket },
    deps: {
      publicUrl: env.PORTAL_PUBLIC_URL || undefined,
      originSecret,
      trustForwardedHost: originSecret !== undefined,
      // Write shards of hot counters; may only ever be raised (reads sum shards 0…n-1).
      ...(env.PORTAL_COUNTER_SHARDS ? { counters: { shards: Number(env.PORTAL_COUNTER_SHARDS) } } : {}),
      clientAddress: originSecret ? viewerAddress : sourceAddress,
    },
  };
}
