import { Hono, type Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { z } from "zod";
import { changeOwnPassword } from "../../core/accounts/password-change";
import { ABSOLUTE_MS, Sessions } from "../../core/accounts/sessions";
import { resolveThrottle } from "../../core/accounts/throttle";
import { AppError } from "../../core/shared/errors";
import { parse } from "../../core/shared/validation";
import type { AppDeps } from "../deps";
import { readJson } from "../body";
import { siteOrigin } from "../origin";
import { clearSessionCookie, clientAddress, readSessionToken, writeSessionCookie } from "../session";
import type { StaffEnv } from "./guard";

/**
 * The device cookie of login throttling (core/accounts/throttle.ts): a random token, set at each
 * successful sign-in, that makes this browser trusted for that account, so a guesser behind the
 * same address or guessing the same account elsewhere does not keep it out. Sent only to
 * /api/auth; `__Secure-` over https, plain on http://localhost (as the session cookie).
 */
const DEVICE_PATH = "/api/auth";
const isSecure = (deps: AppDeps, c: Context) => siteOrigin(deps, c).startsWith("https:");
const deviceCookie = (deps: AppDeps, c: Context) => (isSecure(deps, c) ? "__Secure-portal_device" : "portal_device");

const loginSchema = z.object({
  email: z.string({ error: "Hãy nhập thư điện tử." }).min(1, { error: "Hãy nhập thư điện tử." }).max(254, { error: "Thư điện tử quá dài." }),
  password: z.string({ error: "Hãy nhập mật khẩu." }).min(1, { error: "Hãy nhập mật khẩu." }).max(1024, { error: "Mật khẩu quá dài." }),
});

const passwordSchema = z.object({
  currentPassword: z.string({ error: "Hãy nhập mật khẩu hiện tại." }).min(1, { error: "Hãy nhập mật khẩu hiện tại." }).max(1024, { error: "Mật khẩu quá dài." }),
  newPassword: z.string({ error: "Hãy nhập mật khẩu mới." }).min(1, { error: "Hãy nhập mật khẩu mới." }).max(1024, { error: "Mật khẩu quá dài." }),
});

/** Sign in, sign out (both open to guests), who am I (staff.ts guards it). */
export function createAuthApi(deps: AppDeps) {
  const auth = new Hono<StaffEnv>();

  auth.post("/login", async (c) => {
    const { email, password } = parse(loginSchema, await readJson(c));
    // A fresh token at every login: a session id planted before login is never promoted.
    await Sessions.logout(deps.store, readSessionToken(deps, c));
    const throttle = resolveThrottle(deps.throttle);
    const attempt = { email, password, client: clientAddress(deps, c), device: getCookie(c, deviceCookie(deps, c)) };
    const { token, user, device } = await Sessions.login(deps.store, attempt, throttle.now(), throttle).catch((error: unknown) => {
      // Throttled: say when to come back (the message says it too, in words).
      if (error instanceof AppError && error.code === "RATE_LIMITED" && typeof error.details?.retryAfter === "number")
        c.header("Retry-After", String(error.details.retryAfter));
      throw error;
    });
    writeSessionCookie(deps, c, token, ABSOLUTE_MS);
    setCookie(c, deviceCookie(deps, c), device, {
      httpOnly: true,
      secure: isSecure(deps, c),
      sameSite: "Strict",
      path: DEVICE_PATH,
      maxAge: Math.floor(throttle.deviceTrustMs / 1000),
    });
    // A one-time password (npm run admin): the dashboard asks for a new one before anything else.
    return c.json({ user, ...(user.mustChangePassword ? { mustChangePassword: true } : {}) });
  });

  auth.post("/logout", async (c) => {
    await Sessions.logout(deps.store, readSessionToken(deps, c));
    clearSessionCookie(deps, c);
    return c.json({ ok: true });
  });

  auth.get("/me", (c) => c.json({ user: c.get("staff") }));

  // The signed-in user's own password (staff.ts guards it): other sessions end, this one stays.
  auth.post("/password", async (c) => {
    const { currentPassword, newPassword } = parse(passwordSchema, await readJson(c));
    const throttle = resolveThrottle(deps.throttle);
    const input = { currentPassword, newPassword, token: readSessionToken(deps, c) ?? "", client: clientAddress(deps, c), device: getCookie(c, deviceCookie(deps, c)) };
    const { device } = await changeOwnPassword(deps.store, c.get("staff"), input, throttle.now(), throttle).catch((error: unknown) => {
      if (error instanceof AppError && error.code === "RATE_LIMITED" && typeof error.details?.retryAfter === "number")
        c.header("Retry-After", String(error.details.retryAfter));
      throw error;
    });
    setCookie(c, deviceCookie(deps, c), device, {
      httpOnly: true,
      secure: isSecure(deps, c),
      sameSite: "Strict",
      path: DEVICE_PATH,
      maxAge: Math.floor(throttle.deviceTrustMs / 1000),
    });
    return c.json({ ok: true });
  });

  return auth;
}
