import { beforeAll, describe, expect, it } from "vitest";
import type { PublishedArticle } from "../../functions/core/reader/articles";
import type { CounterConfig } from "../../functions/core/metrics/counters";
import { CLIENT_LIMITS, ONLINE_PER_CLIENT } from "../../functions/core/metrics/limits";
import { createApp } from "../../functions/http/app";
import type { AppDeps } from "../../functions/http/deps";
import { createUser, signIn } from "../support/auth";
import { seedSmallPortal } from "../support/fixtures";
import { createTestStore } from "../support/store";

const MINUTE = 60_000;
const ORIGIN = "http://localhost";

type App = ReturnType<typeof createApp>;

/** A beacon as the page sends it: POST from the site's own origin, with whatever cookies it has. */
function beacon(app: App, path: string, cookies: (string | undefined)[] = [], init: { body?: string; headers?: Record<string, string> } = {}) {
  const cookie = cookies.filter(Boolean).join("; ");
  return app.request(path, {
    method: "POST",
    headers: { Origin: ORIGIN, ...(cookie ? { Cookie: cookie } : {}), ...init.headers },
    body: init.body,
  });
}

/** "portal_vid=…" from a response's Set-Cookie, or undefined. */
function visitorCookie(res: Response): string | undefined {
  return res.headers
    .getSetCookie()
    .find((header) => header.startsWith("portal_vid="))
    ?.split(";")[0];
}

/**
 * An app on its own table whose counters run on a clock the test moves. The client address is
 * the `x-test-client` header (none: every request is the one client "unknown").
 */
async function appWithClock(options: CounterConfig = {}) {
  const store = await createTestStore();
  const { articles } = await seedSmallPortal(store);
  // 02:00 UTC: the start of a 10-minute limit window.
  const clock = { now: Date.parse("2026-11-02T09:00:00+07:00") };
  const deps: AppDeps = { store, counters: { cacheMs: 0, ...options, now: () => clock.now }, clientAddress: (c) => c.req.header("x-test-client") };
  return { app: createApp(deps), store, articles, clock };
}

/** `count` tasks, `batch` at a time, each batch started at the clock time `at(batchIndex)`. */
async function inBatches<T>(count: number, batch: number, clock: { now: number }, at: (batchIndex: number) => number, task: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (let start = 0; start < count; start += batch) {
    clock.now = at(start / batch);
    results.push(...(await Promise.all(Array.from({ length: Math.min(batch, count - start) }, (_, i) => task(start + i)))));
  }
  return results;
}

const answer = async (res: Response) => ({ status: res.status, body: (await res.json()) as { counted?: boolean; newVisit?: boolean }, cookie: visitorCookie(res) });

describe("visitor and view beacons", () => {
  let app: App;
  let articles: PublishedArticle[];

  beforeAll(async () => {
    ({ app, articles } = await appWithClock());
  });

  it("starts a visit on the first heartbeat with an HttpOnly, SameSite=Lax cookie scoped to the API, and answers no-store", async () => {
    const { app } = await appWithClock();
    const res = await beacon(app, "/api/visits/heartbeat");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toEqual({ newVisit: true, counted: true, stats: { total: 1, online: { guests: 1, members: 0, total: 1 } } });
    const header = res.headers.getSetCookie().find((h) => h.startsWith("portal_vid="))!;
    expect(header).toMatch(/^portal_vid=[A-Za-z0-9_-]{22}\.[0-9a-z]+\.[A-Za-z0-9_-]{22}; Max-Age=1800; Path=\/api; HttpOnly; SameSite=Lax$/);

    const again = await beacon(app, "/api/visits/heartbeat", [header.split(";")[0]]);
    expect(await again.json()).toMatchObject({ newVisit: false, stats: { total: 1 } });
    expect(visitorCookie(again)).toMatch(/^portal_vid=/);
  });

  it("marks the cookie Secure when the site is served over https", async () => {
    const res = await beacon(app, "/api/visits/heartbeat", [], { headers: { "X-Forwarded-Proto": "https" } });
    expect(res.headers.getSetCookie().find((h) => h.startsWith("portal_vid="))).toContain("; Secure");
  });

  it("GET /api/stats/visitors answers the visitor box's numbers", async () => {
    const res = await app.request("/api/stats/visitors");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = await res.json();
    expect(body).toEqual({ total: expect.any(Number), online: { guests: expect.any(Number), members: expect.any(Number), total: expect.any(Number) } });
    expect(body.online.total).toBe(body.online.guests + body.online.members);
  });

  it("turns a reload storm from one session into one visit and one view", async () => {
    const { app, articles } = await appWithClock();
    const article = articles[0]!;
    const first = visitorCookie(await beacon(app, "/api/visits/heartbeat"));
    const storm = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        beacon(app, i % 2 ? "/api/visits/heartbeat" : `/api/views/${article.id}`, [first], { body: "{", headers: { "Content-Type": "application/json" } }),
      ),
    );
    expect(storm.map((res) => res.status)).toEqual(storm.map(() => 200));
    const views = await Promise.all(storm.filter((_, i) => i % 2 === 0).map((res) => res.json() as Promise<{ counted: boolean }>));
    expect(views.filter((view) => view.counted)).toHaveLength(1);
    expect(await (await app.request("/api/stats/visitors")).json()).toEqual({ total: 1, online: { guests: 1, members: 0, total: 1 } });
    expect(await (await app.request(`/api/views/${article.id}`)).json()).toEqual({ views: 1 });
  });

  it("counts a view beacon without a cookie as a new visit and a view, and gives the session its cookie", async () => {
    const { app, articles } = await appWithClock();
    const res = await beacon(app, `/api/views/${articles[1]!.id}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ counted: true, views: 1 });
    const cookie = visitorCookie(res);
    expect(cookie).toBeDefined();
    expect(await (await beacon(app, `/api/views/${articles[1]!.id}`, [cookie])).json()).toEqual({ counted: false, views: 1 });
    expect(await (await app.request("/api/stats/visitors")).json()).toMatchObject({ total: 1 });
  });

  it("counts members apart from guests, and lets a stopped session go within 5 minutes", async () => {
    const { app, store, clock } = await appWithClock();
    const editor = await createUser(store, "writer");
    const session = await signIn(app, editor.email);
    const member = visitorCookie(await beacon(app, "/api/visits/heartbeat", [session]));
    const guests = await Promise.all(Array.from({ length: 3 }, async () => visitorCookie(await beacon(app, "/api/visits/heartbeat"))));
    expect(await (await app.request("/api/stats/visitors")).json()).toEqual({ total: 4, online: { guests: 3, members: 1, total: 4 } });

    // The member keeps beating; the guests close their tabs.
    clock.now += 3 * MINUTE;
    await beacon(app, "/api/visits/heartbeat", [session, member]);
    clock.now += 2 * MINUTE;
    expect(await (await app.request("/api/stats/visitors")).json()).toEqual({ total: 4, online: { guests: 0, members: 1, total: 1 } });
    // A guest who comes back after 30 minutes is a new visit.
    clock.now += 30 * MINUTE;
    expect(await (await beacon(app, "/api/visits/heartbeat", [guests[0]])).json()).toMatchObject({ newVisit: true, stats: { total: 5 } });
  });

  it("shows a visitor their own visit and view at once, even while the numbers are cached", async () => {
    const { app, articles } = await appWithClock({ cacheMs: 5_000 });
    const article = articles[0]!;
    expect(await (await beacon(app, "/api/visits/heartbeat")).json()).toMatchObject({ stats: { total: 1, online: { total: 1 } } });
    expect(await (await beacon(app, "/api/visits/heartbeat")).json()).toMatchObject({ stats: { total: 2, online: { guests: 2, total: 2 } } });
    expect(await (await app.request("/api/stats/visitors")).json()).toMatchObject({ total: 2 });
    expect(await (await beacon(app, `/api/views/${article.id}`)).json()).toEqual({ counted: true, views: 1 });
    expect(await (await beacon(app, `/api/views/${article.id}`)).json()).toEqual({ counted: true, views: 2 });
    expect(await (await app.request(`/api/views/${article.id}`)).json()).toEqual({ views: 2 });
  });

  it.each([
    ["an unknown id", "khong-co-bai-nay"],
    ["a path-like id", "..%2F..%2Fetc%2Fpasswd"],
    ["a malformed escape", "%E0%A4%A"],
    ["a huge id", "a".repeat(20_000)],
    ["quotes and spaces", "%22%3B%20DROP"],
  ])("answers a view of %s with a Vietnamese 404 and counts nothing", async (_label, id) => {
    for (const res of [await beacon(app, `/api/views/${id}`), await app.request(`/api/views/${id}`)]) {
      expect(res.status).toBe(404);
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(await res.json()).toEqual({ error: { code: "NOT_FOUND", message: "Không tìm thấy bài viết." } });
    }
  });

  it.each([
    ["garbage", "portal_vid=%%%; other=1"],
    ["a forged id with no time", "portal_vid=AAAAAAAAAAAAAAAAAAAAAA"],
    ["a time in the future", `portal_vid=AAAAAAAAAAAAAAAAAAAAAA.${(Date.parse("2030-01-01")).toString(36)}`],
    ["two visitor cookies", "portal_vid=a.b; portal_vid=c.d"],
    ["a huge cookie", `portal_vid=${"x".repeat(6000)}`],
    ["control characters", "portal_vid=\u0001\u0002"],
  ])("answers a heartbeat with %s as a new visitor, never a 500", async (_label, cookie) => {
    const res = await beacon(app, "/api/visits/heartbeat", [cookie], { body: "{not json", headers: { "Content-Type": "application/json" } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ newVisit: true });
    expect(visitorCookie(res)).toMatch(/^portal_vid=[A-Za-z0-9_-]{22}\.[0-9a-z]+\.[A-Za-z0-9_-]{22}$/);
  });

  it("ignores whatever body a beacon carries", async () => {
    for (const body of ["", "null", "{\"views\": 1e309}", "\u0000".repeat(100), "x".repeat(100_000)]) {
      const res = await beacon(app, `/api/views/${articles[2]!.id}`, [], { body, headers: { "Content-Type": "text/plain" } });
      expect(res.status).toBe(200);
    }
  });

  it("refuses beacons from another site, so a page elsewhere cannot inflate the counts", async () => {
    const before = await (await app.request("/api/stats/visitors")).json();
    const res = await app.request("/api/visits/heartbeat", { method: "POST", headers: { Origin: "https://evil.example" } });
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe("FORBIDDEN");
    expect(await (await app.request("/api/stats/visitors")).json()).toEqual(before);
  });

  it("answers other methods on beacon paths with a JSON 404, not a page", async () => {
    const res = await app.request("/api/visits/heartbeat");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toContain("application/json");
  });
});

describe("per-client limits: counters a script cannot inflate", { timeout: 120_000 }, () => {
  const OFFICE = { "x-test-client": "203.0.113.9" };
  const OTHER = { "x-test-client": "198.51.100.4" };
  const VISITS = CLIENT_LIMITS.visits.max;

  it("adds no more than the per-client limit for 300 cookie-less view beacons from one client in 10 s, and answers the rest 202", async () => {
    const { app, articles, clock } = await appWithClock({ cacheMs: 5_000 });
    const start = clock.now;
    const article = articles[0]!;
    const answers = await inBatches(300, 25, clock, (b) => start + b * 833, async () => answer(await beacon(app, `/api/views/${article.id}`, [], { headers: OFFICE })));
    const counted = answers.filter((a) => a.body.counted);
    expect(counted).toHaveLength(VISITS); // each cookie-less beacon is a new visitor: the visits limit binds first
    expect(counted.every((a) => a.status === 200 && a.cookie)).toBe(true);
    const refused = answers.filter((a) => !a.body.counted);
    expect(refused.every((a) => a.status === 202 && a.body.counted === false && !a.cookie)).toBe(true);

    clock.now = start + 10_000;
    expect(await (await app.request(`/api/views/${article.id}`)).json()).toEqual({ views: VISITS });
    expect(await (await app.request("/api/stats/visitors")).json()).toEqual({ total: VISITS, online: { guests: VISITS, members: 0, total: VISITS } });
    // Another address is not held back by this one.
    const other = await beacon(app, `/api/views/${article.id}`, [], { headers: OTHER });
    expect(other.status).toBe(200);
    expect(await other.json()).toEqual({ counted: true, views: VISITS + 1 });
  });

  it("treats forged, unsigned and tampered cookies as new visitors, so they start no visit beyond the limit", async () => {
    const { app, clock } = await appWithClock({ cacheMs: 5_000 });
    const start = clock.now;
    const real = visitorCookie(await beacon(app, "/api/visits/heartbeat", [], { headers: OFFICE }))!;
    const [id, seen, signature = ""] = real.slice("portal_vid=".length).split(".") as [string, string, string?];
    const hoursAgo = (start - 2 * 60 * MINUTE).toString(36);
    const forged = (i: number) => {
      const fakeId = `${String(i).padStart(6, "0")}AAAAAAAAAAAAAAAA`;
      return [
        `portal_vid=${fakeId}.${hoursAgo}`, // the old format: an invented id "last seen" 2 hours ago
        `portal_vid=${fakeId}.${hoursAgo}.${signature}`, // someone else's signature
        `portal_vid=${id}.${hoursAgo}.${signature}`, // the real visitor, made idle
        `portal_vid=${id}.${seen}.${signature.slice(0, -2)}AA`, // the real visitor, signature changed
      ][i % 4]!;
    };
    const answers = await inBatches(200, 25, clock, (b) => start + 1_000 + b * 5_000, async (i) =>
      answer(await beacon(app, "/api/visits/heartbeat", [forged(i)], { headers: OFFICE })),
    );
    expect(answers.filter((a) => a.body.newVisit)).toHaveLength(VISITS - 1);
    // None of them was taken for the real visitor or for the invented ids.
    for (const a of answers.filter((a) => a.cookie)) expect(a.cookie!.slice(11, 33)).not.toMatch(new RegExp(`^(${id}|\\d{6}A{16})$`));
    clock.now = start + MINUTE;
    expect(await (await app.request("/api/stats/visitors")).json()).toMatchObject({ total: VISITS });
    // The real cookie still works: its visitor is continuing, not new.
    expect(await (await beacon(app, "/api/visits/heartbeat", [real], { headers: OFFICE })).json()).toMatchObject({ newVisit: false, counted: true });
  });

  it("does not put thousands online for 3,000 heartbeats from one client in 44 s", async () => {
    const { app, clock } = await appWithClock({ cacheMs: 5_000 });
    const start = clock.now;
    const answers = await inBatches(3_000, 50, clock, (b) => start + Math.floor((b * 44_000) / 60), async () =>
      answer(await beacon(app, "/api/visits/heartbeat", [], { headers: OFFICE })),
    );
    clock.now = start + 44_000;
    const stats = (await (await app.request("/api/stats/visitors")).json()) as { total: number; online: { total: number } };
    expect(stats.online.total).toBeLessThanOrEqual(ONLINE_PER_CLIENT);
    expect(stats.total).toBe(VISITS);
    expect(answers.filter((a) => a.body.newVisit)).toHaveLength(VISITS);
    expect(answers.filter((a) => a.status === 202 && a.body.counted === false)).toHaveLength(3_000 - VISITS);
  });

  it("caps one client's share of online even with signed cookies collected over 30 minutes", async () => {
    const { app, clock } = await appWithClock({ cacheMs: 5_000 });
    const start = clock.now;
    let cookies: string[] = [];
    for (let window = 0; window < 3; window++) {
      // Keep the cookies already collected alive (a continuing visit asks no limit), and collect more.
      const at = start + window * CLIENT_LIMITS.visits.windowMs;
      const alive = await inBatches(cookies.length, 50, clock, () => at, async (i) => answer(await beacon(app, "/api/visits/heartbeat", [cookies[i]], { headers: OFFICE })));
      const fresh = await inBatches(VISITS + 20, 50, clock, () => at + 1_000, async () => answer(await beacon(app, "/api/visits/heartbeat", [], { headers: OFFICE })));
      expect(alive.every((a) => a.status === 200 && a.body.newVisit === false)).toBe(true);
      expect(fresh.filter((a) => a.body.newVisit)).toHaveLength(VISITS);
      cookies = [...alive, ...fresh].map((a) => a.cookie!).filter(Boolean);
    }
    expect(cookies).toHaveLength(3 * VISITS);
    const end = start + 2 * CLIENT_LIMITS.visits.windowMs + 2 * MINUTE;
    await inBatches(cookies.length, 50, clock, () => end, async (i) => beacon(app, "/api/visits/heartbeat", [cookies[i]], { headers: OFFICE }));
    await beacon(app, "/api/visits/heartbeat", [], { headers: OTHER });
    // Read once the numbers cached during the burst have expired: a read during it may count a session
    // in both minutes while it moves (between its +1 and its -1, core/metrics/presence.ts).
    clock.now = end + 5_000;
    expect(await (await app.request("/api/stats/visitors")).json()).toEqual({
      total: 3 * VISITS + 1, // the documented sustained maximum: VISITS per 10 minutes
      online: { guests: ONLINE_PER_CLIENT + 1, members: 0, total: ONLINE_PER_CLIENT + 1 },
    });
  });

  it("counts every one of 50 real readers behind one office address: visits, views, online, and their return after lunch", async () => {
    const { app, articles, clock } = await appWithClock({ cacheMs: 5_000 });
    const start = clock.now;
    const first = await inBatches(50, 10, clock, (b) => start + b * 20_000, async () => answer(await beacon(app, "/api/visits/heartbeat", [], { headers: OFFICE })));
    expect(first.every((a) => a.status === 200 && a.body.newVisit && a.cookie)).toBe(true);
    const cookies = first.map((a) => a.cookie!);
    const views = await inBatches(150, 10, clock, (b) => start + 2 * MINUTE + b * 10_000, async (i) =>
      answer(await beacon(app, `/api/views/${articles[i % 3]!.id}`, [cookies[Math.floor(i / 3)]], { headers: OFFICE })),
    );
    expect(views.every((a) => a.status === 200 && a.body.counted)).toBe(true);
    clock.now = start + 4 * MINUTE + 30_000; // within 5 minutes of the first heartbeats
    expect(await (await app.request("/api/stats/visitors")).json()).toEqual({ total: 50, online: { guests: 50, members: 0, total: 50 } });

    // An hour later they all come back at once (signed cookies idle for 30 minutes): 50 new visits, 50 new views.
    const back = start + 65 * MINUTE;
    const again = await inBatches(50, 25, clock, () => back, async (i) => answer(await beacon(app, `/api/views/${articles[0]!.id}`, [cookies[i]], { headers: OFFICE })));
    expect(again.every((a) => a.status === 200 && a.body.counted)).toBe(true);
    expect(new Set(again.map((a) => a.cookie!.slice(11, 33)))).toEqual(new Set(cookies.map((cookie) => cookie.slice(11, 33))));
    clock.now = back + MINUTE;
    expect(await (await app.request("/api/stats/visitors")).json()).toEqual({ total: 100, online: { guests: 50, members: 0, total: 50 } });
    expect(await (await app.request(`/api/views/${articles[0]!.id}`)).json()).toEqual({ views: 100 });
  });
});
