import type { Context } from "hono";
import type { AppDeps } from "./deps";

/**
 * The public origin of the site, for canonical URLs, cookies and the CSRF origin check.
 *
 * Behind CloudFront the request reaches API Gateway under its own execute-api host. A configured
 * `publicUrl` wins; otherwise, when the app runs behind our CloudFront (trustForwardedHost), the
 * viewer's host comes from `x-forwarded-host`, which a CloudFront Function (infra/Web.ts) sets from
 * the viewer's Host header on every request, overwriting whatever the viewer sent.
 */
export function siteOrigin(deps: AppDeps, c: Context): string {
  if (deps.publicUrl) return new URL(deps.publicUrl).origin;
  const forwarded = deps.trustForwardedHost ? c.req.header("x-forwarded-host") : undefined;
  if (forwarded && /^[a-z0-9.-]+(?::\d+)?$/i.test(forwarded)) return `https://${forwarded.toLowerCase()}`;
  return new URL(c.req.url).origin;
}
