import { beforeAll, describe, expect, it } from "vitest";
import { Sessions, THROTTLE, IDLE_MS, ABSOLUTE_MS } from "../../functions/core/accounts/sessions";
import type { Store } from "../../functions/core/storage/store";
import type { User } from "../../functions/core/accounts/users";
import { createApp } from "../../functions/http/app";
import { createSections, createUser, PASSWORD, request, signIn } from "../support/auth";
import { createTestStore } from "../support/store";

describe("accounts and sessions", () => {
  let store: Store;
  let app: ReturnType<typeof createApp>;
  let admin: User;
  let writer: User;

  beforeAll(async () => {
    store = await createTestStore();
    await createSections(store);
    admin = await createUser(store, "admin");
    writer = await createUser(store, "writer", ["kinh-te"], "Lê Văn Viết");
    app = createApp({ store, clientAddress: (c) => c.req.header("x-test-client") });
  });

  it("signs in with an HttpOnly, SameSite cookie and knows who is signed in", async () => {
    const res = await request(app, "POST", "/api/auth/login", { body: { email: writer.email.toUpperCase(), password: PASSWORD } });
    expect(res.status).toBe(200);
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^portal_session=[\w-]{43};/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    expect(cookie).not.toContain("Secure"); // http://localhost only
    const me = await request(app, "GET", "/api/auth/me", { cookie: cookie.split(";")[0] });
    expect(await me.json()).toEqual({ user: { id: writer.id, email: writer.email, name: "Lê Văn Viết", role: "writer", sections: ["kinh-te"] } });
  });

  it("uses a __Host- Secure cookie when the site is served over https", async () => {
    const secure = createApp({ store, publicUrl: "https://tinhuy.example.vn" });
    const res = await request(secure, "POST", "/api/auth/login", { body: { email: writer.email, password: PASSWORD }, origin: "https://tinhuy.example.vn" });
    expect(res.status).toBe(200);
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^__Host-portal_session=/);
    expect(cookie).toContain("Secure");
    expect(cookie).toContain("Path=/");
    expect(cookie).not.toContain("Domain");
  });

  it("issues a new session at every login and revokes it at logout", async () => {
    const first = await signIn(app, writer.email);
    const second = await signIn(app, writer.email);
    expect(first).not.toBe(second);
    expect((await request(app, "GET", "/api/auth/me", { cookie: first })).status).toBe(200);
    expect((await request(app, "POST", "/api/auth/logout", { cookie: first })).status).toBe(200);
    expect((await request(app, "GET", "/api/auth/me", { cookie: first })).status).toBe(401);
    expect((await request(app, "GET", "/api/auth/me", { cookie: second })).status).toBe(200);
  });

  it("answers a wrong password and an unknown account with the same generic message", async () => {
    const wrong = await request(app, "POST", "/api/auth/login", { body: { email: admin.email, password: "sai-mat-khau-roi" }, cookie: undefined });
    const unknown = await request(app, "POST", "/api/auth/login", { body: { email: "khong-co@hoaphong.example.vn", password: "sai-mat-khau-roi" } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
  });

  it("throttles repeated failures per account, even against the right password afterwards", async () => {
    const victim = await createUser(store, "writer", ["kinh-te"]);
    for (let i = 0; i < THROTTLE.perAccount; i++) {
      const res = await app.request("/api/auth/login", {
        method: "POST",
        headers: { Origin: "http://localhost", "Content-Type": "application/json", "x-test-client": `10.0.0.${i}` },
        body: JSON.stringify({ email: victim.email, password: "doan-mo-mat-khau" }),
      });
      expect(res.status).toBe(401);
    }
    const res = await request(app, "POST", "/api/auth/login", { body: { email: victim.email, password: PASSWORD } });
    expect(res.status).toBe(429);
    expect((await res.json()).error.message).toContain("15 phút");
  });

  it("throttles parallel guesses too: no more than the allowance is ever tried", async () => {
    const victim = await createUser(store, "writer", ["kinh-te"]);
    const statuses = await Promise.all(
      Array.from({ length: 20 }, async (_, i) =>
        (await app.request("/api/auth/login", {
          method: "POST",
          headers: { Origin: "http://localhost", "Content-Type": "application/json", "x-test-client": `10.1.0.${i}` },
          body: JSON.stringify({ email: victim.email, password: `doan-mo-${i}-mat-khau` }),
        })).status,
      ),
    );
    expect(statuses.filter((status) => status === 401)).toHaveLength(THROTTLE.perAccount);
    expect(statuses.filter((status) => status === 429)).toHaveLength(20 - THROTTLE.perAccount);
  });

  it("gives a successful login's attempt back: signing in often is not throttled", async () => {
    const busy = await createUser(store, "writer", ["kinh-te"]);
    for (let i = 0; i < THROTTLE.perAccount + 2; i++) {
      const res = await request(app, "POST", "/api/auth/login", { body: { email: busy.email, password: PASSWORD } });
      expect(res.status).toBe(200);
    }
  });

  // 31 password checks (scrypt, N=2^17, a dummy hash for unknown accounts) take ~30 s on a loaded 2-core machine.
  it("throttles one client trying many accounts", async () => {
    const headers = { Origin: "http://localhost", "Content-Type": "application/json", "x-test-client": "203.0.113.99" };
    let last = 0;
    for (let i = 0; i <= THROTTLE.perClient; i++) {
      const res = await app.request("/api/auth/login", { method: "POST", headers, body: JSON.stringify({ email: `thu-${i}@x.vn`, password: "sai-mat-khau-roi" }) });
      last = res.status;
    }
    expect(last).toBe(429);
  }, 120_000);

  it("ends a deactivated account's open session at once", async () => {
    const target = await createUser(store, "writer", ["kinh-te"]);
    const session = await signIn(app, target.email);
    const adminSession = await signIn(app, admin.email);
    expect((await request(app, "GET", "/api/auth/me", { cookie: session })).status).toBe(200);
    const res = await request(app, "PATCH", `/api/users/${target.id}`, { body: { active: false }, cookie: adminSession });
    expect(res.status).toBe(200);
    expect((await request(app, "GET", "/api/auth/me", { cookie: session })).status).toBe(401);
    expect((await request(app, "POST", "/api/auth/login", { body: { email: target.email, password: PASSWORD } })).status).toBe(401);
  });

  it("expires sessions after 30 idle minutes and after 12 hours in any case", async () => {
    const t0 = Date.now();
    const { token } = await Sessions.login(store, { email: writer.email, password: PASSWORD, client: "t" }, t0);
    expect(await Sessions.resolve(store, token, t0 + IDLE_MS - 1000)).toBeDefined();
    expect(await Sessions.resolve(store, token, t0 + 2 * IDLE_MS - 2000)).toBeDefined(); // kept alive by the previous use
    expect(await Sessions.resolve(store, token, t0 + 3 * IDLE_MS + 1000)).toBeUndefined();

    const { token: busy } = await Sessions.login(store, { email: writer.email, password: PASSWORD, client: "t" }, t0);
    for (let t = t0; t < t0 + ABSOLUTE_MS; t += IDLE_MS / 2) expect(await Sessions.resolve(store, busy, t)).toBeDefined();
    expect(await Sessions.resolve(store, busy, t0 + ABSOLUTE_MS + 1)).toBeUndefined();
  });

  it("refuses state-changing requests from another origin or with no origin (CSRF)", async () => {
    const session = await signIn(app, admin.email);
    const body = { email: "moi@hoaphong.example.vn", password: PASSWORD, name: "Mới", role: "writer" };
    expect((await request(app, "POST", "/api/users", { body, cookie: session, origin: "https://evil.example" })).status).toBe(403);
    expect((await request(app, "POST", "/api/users", { body, cookie: session, origin: null })).status).toBe(403);
    const users = await (await request(app, "GET", "/api/users", { cookie: session })).json();
    expect(users.items.some((u: User) => u.email === "moi@hoaphong.example.vn")).toBe(false);
  });

  it("behind CloudFront, takes the site origin from x-forwarded-host (set by the CloudFront function)", async () => {
    const behind = createApp({ store, trustForwardedHost: true });
    const login = (origin: string, forwarded: string) =>
      behind.request("https://abc.execute-api.ap-southeast-1.amazonaws.com/api/auth/login", {
        method: "POST",
        headers: { Origin: origin, "x-forwarded-host": forwarded, "Content-Type": "application/json" },
        body: JSON.stringify({ email: writer.email, password: PASSWORD }),
      });
    const ok = await login("https://d111.cloudfront.net", "d111.cloudfront.net");
    expect(ok.status).toBe(200);
    expect(ok.headers.get("set-cookie")).toMatch(/^__Host-portal_session=/);
    expect((await login("https://evil.example", "d111.cloudfront.net")).status).toBe(403);
    // Without trust, a forged header changes nothing: the request's own origin is the site.
    const direct = await app.request("http://localhost/api/auth/login", {
      method: "POST",
      headers: { Origin: "https://evil.example", "x-forwarded-host": "evil.example", "Content-Type": "application/json" },
      body: JSON.stringify({ email: writer.email, password: PASSWORD }),
    });
    expect(direct.status).toBe(403);
  });

  it("answers malformed bodies with Vietnamese 4xx errors", async () => {
    const bad = await app.request("/api/auth/login", { method: "POST", headers: { Origin: "http://localhost", "Content-Type": "application/json" }, body: "{not json" });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toContain("JSON");
    const form = await app.request("/api/auth/login", { method: "POST", headers: { Origin: "http://localhost", "Content-Type": "text/plain" }, body: "a=b" });
    expect(form.status).toBe(400);
    const missing = await request(app, "POST", "/api/auth/login", { body: { email: 42 } });
    expect(missing.status).toBe(400);
    expect((await missing.json()).error.fields).toMatchObject({ email: expect.any(String), password: expect.any(String) });
    const huge = await request(app, "POST", "/api/auth/login", { body: { email: "a@b.vn", password: "x".repeat(2 * 1024 * 1024) } });
    expect(huge.status).toBe(413);
  });
});
