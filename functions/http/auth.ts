import { Hono } from "hono";
import { z } from "zod";
import { requireUser } from "../core/permissions";
import { Sessions } from "../core/sessions";
import { parse } from "../core/validation";
import type { AppDeps } from "./app";
import { readJson } from "./body";
import type { AppEnv } from "./env";
import { clearSessionCookie, clientAddress, readSessionToken, writeSessionCookie } from "./session";

const loginSchema = z.object({
  email: z.string({ error: "Hãy nhập thư điện tử." }).min(1, { error: "Hãy nhập thư điện tử." }).max(254, { error: "Thư điện tử quá dài." }),
  password: z.string({ error: "Hãy nhập mật khẩu." }).min(1, { error: "Hãy nhập mật khẩu." }).max(1024, { error: "Mật khẩu quá dài." }),
});

/** Sign in, sign out, who am I. */
export function createAuthApi(deps: AppDeps) {
  const auth = new Hono<AppEnv>();

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

  auth.get("/me", (c) => c.json({ user: requireUser(c.get("user")) }));

  return auth;
}
