import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { AppError } from "../core/shared/errors";
import type { AppDeps } from "./deps";
import type { AppEnv } from "./env";
import { siteOrigin } from "./origin";

/**
 * Session cookie, session middleware and the CSRF origin check (docs/architecture.md, "Security").
 *
 * The cookie is `__Host-portal_session` (HttpOnly, Secure, SameSite=Lax, Path=/, no Domain)
 * whenever the site is served over https. Browsers refuse `__Host-` cookies without Secure, and
 * a local http://localhost has no TLS, so there, and only there, it is `portal_session` without
 * Secure.
 */
const SECURE_NAME = "__Host-portal_session";
const LOCAL_NAME = "portal_session";


const isSecure = (deps: AppDeps, c: Context) => siteOrigin(deps, c).startsWith("https:");
const cookieName = (deps: AppDeps, c: Context) => (isSecure(deps, c) ? SECURE_NAME : LOCAL_NAME);

export function readSessionToken(deps: AppDeps, c: Context): string | undefined {
  return getCookie(c, cookieName(deps, c));
}

/** `maxAgeMs`: the session's absolute lifetime (core/accounts/sessions.ts `ABSOLUTE_MS`; staff/auth.ts, the only writer, passes it). */
export function writeSessionCookie(deps: AppDeps, c: Context, token: string, maxAgeMs: number) {
  setCookie(c, cookieName(deps, c), token, {
    httpOnly: true,
    secure: isSecure(deps, c),
    sameSite: "Lax",
    path: "/",
    maxAge: Math.floor(maxAgeMs / 1000),
  });
}

export function clearSessionCookie(deps: AppDeps, c: Context) {
  deleteCookie(c, cookieName(deps, c), { path: "/", secure: isSecure(deps, c) });
}

/**
 * Sets `user` from the session cookie; guests pass through with no user. The session store (with
 * users, passwords and login throttling) is imported on the first request that carries the
 * cookie: most of the reader's requests never need it (docs/architecture.md, "Budgets").
 */
export function sessionMiddleware(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = readSessionToken(deps, c);
    if (token) {
      const { Sessions } = await import("../core/accounts/sessions");
      const user = await Sessions.resolve(deps.store, token);
      if (user) c.set("user", user);
    }
    await next();
  };
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * CSRF: SameSite=Lax already keeps the cookie off cross-site POSTs; on top of that every
 * state-changing request must come from the site's own origin. hono/csrf checks only form
 * content types, and JSON needs the same check, so this one looks at every method but GET/HEAD/
 * OPTIONS: the Origin header must equal the site origin; without Origin, Sec-Fetch-Site must say
 * same-origin. Clients that send neither (scripts, curl) are refused.
 */
export function originCheck(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!SAFE_METHODS.has(c.req.method)) {
      const origin = c.req.header("origin");
      const fetchSite = c.req.header("sec-fetch-site");
      const ok = origin ? origin === siteOrigin(deps, c) : fetchSite === "same-origin";
      if (!ok) throw new AppError("FORBIDDEN", "Yêu cầu bị từ chối vì không xuất phát từ trang của cổng thông tin.");
    }
    await next();
  };
}

/** The client's address for login throttling, as the composition root knows how to read it. */
export function clientAddress(deps: AppDeps, c: Context): string {
  return deps.clientAddress?.(c) || "unknown";
}
