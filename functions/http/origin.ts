import { createHash, timingSafeEqual } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { CACHE } from "./cache";
import type { AppDeps } from "./deps";

/**
 * The header CloudFront adds to every request it sends to the API origin (infra/Web.ts), carrying
 * the stage's origin secret (a generated Secrets Manager secret, infra/Api.ts).
 */
export const ORIGIN_SECRET_HEADER = "x-portal-origin-secret";

const FORBIDDEN_MESSAGE = "Truy cập trực tiếp không được phép. Hãy vào cổng thông tin qua địa chỉ chính thức.";
const FORBIDDEN_PAGE = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Không được phép truy cập</title></head><body><h1>Không được phép truy cập</h1><p>${FORBIDDEN_MESSAGE}</p></body></html>`;

const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();

/**
 * The functions answer only requests that came through the portal's CloudFront: the API Gateway
 * endpoint (execute-api) is public, and a request sent there directly could otherwise set
 * x-forwarded-host (canonical URLs, the CSRF origin) and x-portal-viewer-ip (the client of
 * per-client throttles) to anything. With `deps.originSecret` set (on AWS: PORTAL_ORIGIN_SECRET),
 * a request without the right origin secret header is answered 403 before anything else runs
 * (routing, body, session); the comparison takes the same time wherever the values differ. The
 * composition root (functions/config.ts) trusts the forwarded headers only when this check is on.
 * Without a secret (npm start, tests) every request passes, as before.
 */
export function cloudFrontOnly(deps: AppDeps): MiddlewareHandler {
  if (!deps.originSecret) return async (_c, next) => next();
  const expected = digest(deps.originSecret);
  return async (c, next) => {
    const sent = c.req.header(ORIGIN_SECRET_HEADER);
    // Hashing both sides gives equal lengths, so timingSafeEqual leaks neither value nor length.
    if (sent === undefined || !timingSafeEqual(digest(sent), expected)) {
      const headers = { "Cache-Control": CACHE.none };
      if (c.req.path === "/api" || c.req.path.startsWith("/api/"))
        return c.json({ error: { code: "FORBIDDEN", message: FORBIDDEN_MESSAGE } }, 403, headers);
      return c.html(FORBIDDEN_PAGE, 403, headers);
    }
    await next();
  };
}

/**
 * The public origin of the site, for canonical URLs, cookies and the CSRF origin check.
 *
 * Behind CloudFront the request reaches API Gateway under its own execute-api host. A configured
 * `publicUrl` wins; otherwise, when the app runs behind our CloudFront (trustForwardedHost, set by
 * the composition root only together with the origin secret check above), the viewer's host comes
 * from `x-forwarded-host`, which a CloudFront Function (infra/Web.ts) sets from the viewer's Host
 * header on every request, overwriting whatever the viewer sent.
 */
export function siteOrigin(deps: AppDeps, c: Context): string {
  if (deps.publicUrl) return new URL(deps.publicUrl).origin;
  const forwarded = deps.trustForwardedHost ? c.req.header("x-forwarded-host") : undefined;
  if (forwarded && /^[a-z0-9.-]+(?::\d+)?$/i.test(forwarded)) return `https://${forwarded.toLowerCase()}`;
  return new URL(c.req.url).origin;
}
