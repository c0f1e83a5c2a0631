import { Hono } from "hono";
import { z } from "zod";
import { Sessions } from "../../core/accounts/sessions";
import { parse } from "../../core/shared/validation";
import type { AppDeps } from "../deps";
import { readJson } from "../body";
import { clearSessionCookie, clientAddress, readSessionToken, writeSessionCookie } from "../session";
import type { StaffEnv } from "./guard";

const loginSchema = z.object({
  email: z.string({ error: "Hãy nhập thư điện tử." }).min(1, { error: "Hãy nhập thư điện tử." }).max(254, { error: "Thư điện tử quá dài." }),
  password: z.string({ error: "Hãy nhập mật khẩu." }).min(1, { error: "Hãy nhập mật khẩu." }).max(1024, { error: "Mật khẩu quá dài." }),
});

/** Sign in, sign out (both open to guests), who am I (staff.ts guards it). */
export function createAuthApi(deps: AppDeps) {
  const auth = new Hono<StaffEnv>();

  auth.post("/login", async (c) => {
    const { email, password } = parse(loginSchema, await readJson(c));
    // A fresh token at every login: a session id planted before login is never promoted.
    await Sessions.logout(deps.store, readSessionToken(deps, c));
    const { token, user } = await Sessions.login(deps.store, { email, password, client: clientAddress(deps, c) });
    writeSessionCookie(deps, c, token);
    return c.json({ user });
  });

  auth.post("/logout", async (c) => {
    await Sessions.logout(deps.store, readSessionToken(deps, c));
    clearSessionCookie(deps, c);
    return c.json({ ok: true });
  });

  auth.get("/me", (c) => c.json({ user: c.get("staff") }));

  return auth;
}
