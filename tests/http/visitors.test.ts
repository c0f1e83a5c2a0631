import { beforeAll, describe, expect, it } from "vitest";
import type { PublishedArticle } from "../../functions/core/reader/articles";
import type { CounterConfig } from "../../functions/core/metrics/counters";
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

/** An app on its own table whose counters run on a clock the test moves. */
async function appWithClock(options: CounterConfig = {}) {
  const store = await createTestStore();
  const { articles } = await seedSmallPortal(store);
  const clock = { now: Date.parse("2026-11-02T09:00:00+07:00") };
  const deps: AppDeps = { store, counters: { cacheMs: 0, ...options, now: () => clock.now } };
  return { app: createApp(deps), store, articles, clock };
}

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
    expect(await res.json()).toEqual({ newVisit: true, stats: { total: 1, online: { guests: 1, members: 0, total: 1 } } });
    const header = res.headers.getSetCookie().find((h) => h.startsWith("portal_vid="))!;
    expect(header).toMatch(/^portal_vid=[A-Za-z0-9_-]{22}\.[0-9a-z]+; Max-Age=1800; Path=\/api; HttpOnly; SameSite=Lax$/);

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
    expect(visitorCookie(res)).toMatch(/^portal_vid=[A-Za-z0-9_-]{22}\./);
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
