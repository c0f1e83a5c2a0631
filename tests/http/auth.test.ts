import { beforeAll, describe, expect, it } from "vitest";
import { Sessions, IDLE_MS, ABSOLUTE_MS } from "../../functions/core/accounts/sessions";
import type { Store } from "../../functions/core/storage/store";
import type { User } from "../../functions/core/accounts/users";
import { createApp } from "../../functions/http/app";
import { createSections, createUser, ORIGIN, PASSWORD, request, signIn } from "../support/auth";
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

  describe("login throttling: stops guessing, locks nobody out (ASVS 2.2.1)", () => {
    // Small limits (AppDeps.throttle) so that few password checks (scrypt, ~0.5 s each here) show
    // each rule; the defaults are checked without passwords in tests/integration/throttle.test.ts.
    const LIMITS = { perPair: 2, perClient: 4, accountFree: 3, baseDelayMs: 10_000, maxDelayMs: 40_000, perAccount: 8 };
    const T0 = Date.UTC(2031, 0, 6, 8, 0, 5); // a Monday, 08:00:05 UTC: windows start on the hour
    let clock = T0;
    let limited: ReturnType<typeof createApp>;
    beforeAll(() => {
      limited = createApp({ store, clientAddress: (c) => c.req.header("x-test-client"), throttle: { ...LIMITS, now: () => clock } });
    });

    /** A sign-in from an address, with the browser's device cookie when it has one. */
    const attempt = (email: string, password: string, client: string, device?: string) =>
      limited.request("/api/auth/login", {
        method: "POST",
        headers: { Origin: ORIGIN, "Content-Type": "application/json", "x-test-client": client, ...(device ? { Cookie: device } : {}) },
        body: JSON.stringify({ email, password }),
      });
    const deviceOf = (res: Response) => res.headers.getSetCookie().find((c) => c.startsWith("portal_device="))!.split(";")[0]!;
    async function expectThrottled(res: Response) {
      expect(res.status).toBe(429);
      expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
      const body = await res.json();
      expect(body.error.code).toBe("RATE_LIMITED");
      expect(body.error.message).toMatch(/^Đăng nhập sai quá nhiều lần\. Vui lòng thử lại sau \d+ (giây|phút)\.$/);
      return body;
    }

    it("with the default limits, five wrong passwords stop the guesser, not the owner from another address (issue 9)", async () => {
      const victim = await createUser(store, "writer", ["kinh-te"]);
      // The default limits with a clock that stays put: on the real clock, five attempts that
      // straddle a 15-minute window edge split their count and the sixth is let through.
      const atDefaults = createApp({ store, clientAddress: (c) => c.req.header("x-test-client"), throttle: { now: () => Date.UTC(2030, 5, 3, 10, 7) } }); // a window no other test here uses
      const from = (client: string, password: string) =>
        atDefaults.request("/api/auth/login", {
          method: "POST",
          headers: { Origin: ORIGIN, "Content-Type": "application/json", "x-test-client": client },
          body: JSON.stringify({ email: victim.email, password }),
        });
      for (let i = 0; i < 5; i++) expect((await from("203.0.113.50", `doan-mo-${i}-mat-khau`)).status).toBe(401);
      expect((await from("198.51.100.50", PASSWORD)).status).toBe(200);
      const guesser = await from("203.0.113.50", PASSWORD);
      expect(guesser.status).toBe(429);
      expect(guesser.headers.get("retry-after")).toMatch(/^\d+$/);
      expect((await guesser.json()).error.message).toContain("phút");
    }, 120_000);

    it("refuses a guesser's (account, address) pair quickly, even with the right password; the owner elsewhere and colleagues on that address still sign in", async () => {
      clock = T0;
      const victim = await createUser(store, "writer", ["kinh-te"]);
      const colleague = await createUser(store, "writer", ["kinh-te"]);
      for (let i = 0; i < LIMITS.perPair; i++) expect((await attempt(victim.email, `doan-mo-${i}-mat-khau`, "203.0.113.5")).status).toBe(401);
      await expectThrottled(await attempt(victim.email, "doan-mo-nua-di-mat-khau", "203.0.113.5"));
      await expectThrottled(await attempt(victim.email, PASSWORD, "203.0.113.5")); // guessing right no longer helps this pair
      expect(Number((await attempt(victim.email, PASSWORD, "203.0.113.5")).headers.get("retry-after"))).toBeLessThanOrEqual(15 * 60);
      // The owner, from another address and a browser that never signed in, gets in.
      expect((await attempt(victim.email, PASSWORD, "198.51.100.7")).status).toBe(200);
      // A colleague behind the guesser's address, first time on this browser, gets in too.
      expect((await attempt(colleague.email, PASSWORD, "203.0.113.5")).status).toBe(200);
      // Neither success gave the guesser's pair anything back.
      expect((await attempt(victim.email, PASSWORD, "203.0.113.5")).status).toBe(429);
      // The window over, the pair may try again.
      clock = T0 + 15 * 60 * 1000;
      expect((await attempt(victim.email, PASSWORD, "203.0.113.5")).status).toBe(200);
    }, 120_000);

    it("refuses an address spraying many accounts after more failures; colleagues behind it whose browser signed in before still get in", async () => {
      clock = T0 + 60 * 60 * 1000;
      const colleague = await createUser(store, "editor-in-chief");
      const device = deviceOf(await attempt(colleague.email, PASSWORD, "192.0.2.44")); // yesterday, at the office
      const newcomer = await createUser(store, "writer", ["kinh-te"]);
      // Unknown and real accounts are counted alike: nothing tells them apart.
      for (let i = 0; i < LIMITS.perClient; i++) expect((await attempt(`thu-${i}@hoaphong.example.vn`, "sai-mat-khau-roi", "192.0.2.44")).status).toBe(401);
      const refused = await expectThrottled(await attempt("thu-moi@hoaphong.example.vn", "sai-mat-khau-roi", "192.0.2.44"));
      await expectThrottled(await attempt(newcomer.email, "sai-mat-khau-roi", "192.0.2.44"));
      expect(refused.error.message).toContain("phút");
      // The colleague's browser is trusted for their account: the address's count does not apply.
      const res = await attempt(colleague.email, PASSWORD, "192.0.2.44", device);
      expect(res.status).toBe(200);
      expect(deviceOf(res)).toBe(device); // the same browser keeps its token
      // A browser that never signed in waits, while the address is refused (the price of stopping the sprayer).
      await expectThrottled(await attempt(newcomer.email, PASSWORD, "192.0.2.44"));
      // The colleague's success reset nothing of the guesser's.
      await expectThrottled(await attempt("thu-moi@hoaphong.example.vn", "sai-mat-khau-roi", "192.0.2.44"));
      // A made-up device cookie is no key.
      await expectThrottled(await attempt(newcomer.email, PASSWORD, "192.0.2.44", `portal_device=${"A".repeat(43)}`));
    }, 120_000);

    it("spaces out guesses on one account from many addresses, growing to a cap, and refuses all at the hourly ceiling; the owner's browser is not kept out below it", async () => {
      clock = T0 + 3 * 60 * 60 * 1000;
      const victim = await createUser(store, "writer", ["kinh-te"]);
      const owner = deviceOf(await attempt(victim.email, PASSWORD, "198.51.100.20"));
      let n = 0;
      const guess = () => attempt(victim.email, `doan-mo-${n}-mat-khau`, `10.9.0.${n++}`); // a new address every time
      for (let i = 0; i <= LIMITS.accountFree; i++) expect((await guess()).status).toBe(401); // free failures, then one more
      // Each further failure doubles the wait of untrusted clients: 10 s, 20 s, 40 s (the cap), 40 s…
      for (const wait of [10, 20, 40, 40]) {
        const body = await expectThrottled(await guess());
        expect(body.error.retryAfter).toBe(wait);
        expect(body.error.message).toContain(`${wait} giây`);
        // Meanwhile the owner's browser, trusted for the account, signs in at once.
        if (wait === 20) expect((await attempt(victim.email, PASSWORD, "198.51.100.21", owner)).status).toBe(200);
        clock += (wait - 1) * 1000;
        await expectThrottled(await guess());
        clock += 1000;
        expect((await guess()).status).toBe(401);
      }
      // 8 failures in the hour: the ceiling. Now every attempt on the account waits, trusted ones too.
      const ceiling = await expectThrottled(await attempt(victim.email, PASSWORD, "198.51.100.21", owner));
      expect(ceiling.error.retryAfter).toBeGreaterThan(60 * 60); // this window and the next: no 8 failures in any hour
      clock += ceiling.error.retryAfter * 1000;
      expect((await attempt(victim.email, PASSWORD, "198.51.100.21", owner)).status).toBe(200);
    }, 150_000);

    it("never tries more than the allowance, even in parallel", async () => {
      clock = T0 + 6 * 60 * 60 * 1000;
      const victim = await createUser(store, "writer", ["kinh-te"]);
      const burst = (client: (i: number) => string) =>
        Promise.all(Array.from({ length: 10 }, async (_, i) => (await attempt(victim.email, `doan-mo-${i}-mat-khau`, client(i))).status));
      // From one address: the pair's allowance.
      const one = await burst(() => "10.8.0.1");
      expect(one.filter((status) => status === 401)).toHaveLength(LIMITS.perPair);
      expect(one.filter((status) => status === 429)).toHaveLength(10 - LIMITS.perPair);
      // From ten addresses: the account's free failures and one more, then the wait.
      const many = await burst((i) => `10.8.1.${i}`);
      const tried = many.filter((status) => status === 401).length;
      expect(LIMITS.perPair + tried).toBeLessThanOrEqual(LIMITS.accountFree + 1);
      expect(many.filter((status) => status === 429)).toHaveLength(10 - tried);
    }, 120_000);

    it("gives a successful sign-in its attempts back and clears its own pair: signing in often, or after a typo, is not throttled", async () => {
      clock = T0 + 9 * 60 * 60 * 1000;
      const busy = await createUser(store, "writer", ["kinh-te"]);
      for (let i = 0; i < LIMITS.perPair + 2; i++) expect((await attempt(busy.email, PASSWORD, "10.7.0.1")).status).toBe(200);
      for (let i = 0; i < LIMITS.perPair; i++) {
        expect((await attempt(busy.email, "go-nham-mat-khau", "10.7.0.1")).status).toBe(401);
        expect((await attempt(busy.email, PASSWORD, "10.7.0.1")).status).toBe(200);
      }
      expect((await attempt(busy.email, "go-nham-mat-khau", "10.7.0.1")).status).toBe(401);
    }, 120_000);
  });

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
