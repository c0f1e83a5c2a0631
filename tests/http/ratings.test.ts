/**
 * Satisfaction ratings through `POST /api/ratings`: one per visitor session per item (the signed
 * `portal_vid` cookie; a second → 409 in Vietnamese, the first kept), exact averages per item,
 * kind and section, and the activity report's `ratings`.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { visitorKey } from "../../functions/core/metrics/signing";
import { VISITOR_COOKIE, Visitors } from "../../functions/core/metrics/visitors";
import { vietnamDay } from "../../functions/core/shared/time";
import type { Store } from "../../functions/core/storage/store";
import { createApp } from "../../functions/http/app";
import { createSections, createUser, ORIGIN, request, signIn } from "../support/auth";
import { importArticle } from "../support/engine";
import { createTestStore } from "../support/store";

let store: Store;
let app: ReturnType<typeof createApp>;
let asChief: string;
let first: { id: string };
let second: { id: string };
let sessions = 0;

/** A visitor's signed cookie, as the page's beacon would have set it. */
const visitor = async () => `${VISITOR_COOKIE}=${Visitors.cookieValue(`test-visitor-${String(++sessions).padStart(9, "0")}`, Date.now(), await visitorKey(store))}`;
const rate = (cookie: string | undefined, body: unknown) =>
  app.request("/api/ratings", { method: "POST", headers: { "Content-Type": "application/json", Origin: ORIGIN, ...(cookie ? { Cookie: cookie } : {}) }, body: JSON.stringify(body) });

beforeAll(async () => {
  store = await createTestStore();
  await createSections(store);
  app = createApp({ store });
  const chief = await createUser(store, "editor-in-chief", [], "Phạm Tổng Biên");
  asChief = await signIn(app, chief.email);
  const by = { id: chief.id, name: chief.name };
  const at = new Date(Date.now() - 3_600_000).toISOString();
  first = await importArticle(store, { kind: "news", sectionId: "kinh-te", title: "Giá lúa vụ mùa ổn định", summary: "Tóm tắt.", body: "<p>Nội dung.</p>", byline: "PV", publishedAt: at }, by);
  second = await importArticle(store, { kind: "news", sectionId: "van-hoa", title: "Lễ hội đền Hòa Phong", summary: "Tóm tắt.", body: "<p>Nội dung.</p>", byline: "PV", publishedAt: at }, by);
}, 60_000);

describe("satisfaction ratings", () => {
  it("counts one rating per session per item: a second is 409 and changes nothing", async () => {
    const cookie = await visitor();
    const res = await rate(cookie, { kind: "articles", id: first.id, score: 5, comment: "Thông tin rõ ràng." });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ count: 1, sum: 5, average: 5 });
    const again = await rate(cookie, { kind: "articles", id: first.id, score: 1 });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { message: string } }).error.message).toContain("Bạn đã đánh giá nội dung này");
    // The same session may rate another item.
    expect((await rate(cookie, { kind: "articles", id: second.id, score: 2 })).status).toBe(201);
  });

  it("refuses a request without a session, bad scores and unknown items", async () => {
    const none = await rate(undefined, { kind: "articles", id: first.id, score: 4 });
    expect(none.status).toBe(400);
    expect(((await none.json()) as { error: { message: string } }).error.message).toContain("phiên truy cập");
    const cookie = await visitor();
    for (const score of [0, 6, 3.5, "4"]) expect((await rate(cookie, { kind: "articles", id: first.id, score })).status, String(score)).toBe(400);
    expect((await rate(cookie, { kind: "banners", id: first.id, score: 3 })).status).toBe(400);
    expect((await rate(cookie, { kind: "articles", id: "khong-co", score: 3 })).status).toBe(404);
    expect((await rate(cookie, { kind: "articles", id: first.id, score: 3, comment: "x".repeat(501) })).status).toBe(400);
  });

  it("keeps exact averages per item, kind and section, in the report", async () => {
    for (const score of [4, 4]) expect((await rate(await visitor(), { kind: "articles", id: first.id, score })).status).toBe(201);
    const item = await request(app, "GET", `/api/ratings?kind=articles&id=${first.id}`, { cookie: asChief });
    expect(await item.json()).toEqual({ count: 3, sum: 13, average: 4.33 });
    const today = vietnamDay(new Date());
    const report = (await (await request(app, "GET", `/api/reports/activity?from=${today}&to=${today}`, { cookie: asChief })).json()) as {
      ratings: { count: number; sum: number; average: number; byKind: Record<string, unknown>; bySection: Record<string, unknown> };
    };
    expect(report.ratings).toMatchObject({ count: 4, sum: 15, average: 3.75 });
    expect(report.ratings.byKind.articles).toEqual({ count: 4, sum: 15, average: 3.75 });
    expect(report.ratings.bySection["kinh-te"]).toEqual({ count: 3, sum: 13, average: 4.33 });
    expect(report.ratings.bySection["van-hoa"]).toEqual({ count: 1, sum: 2, average: 2 });
  });

  it("takes concurrent ratings of one item without losing any", async () => {
    const cookies = await Promise.all(Array.from({ length: 8 }, () => visitor()));
    const results = await Promise.all(cookies.map((cookie) => rate(cookie, { kind: "articles", id: second.id, score: 3 })));
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(201));
    const item = await request(app, "GET", `/api/ratings?kind=articles&id=${second.id}`, { cookie: asChief });
    expect(await item.json()).toEqual({ count: 9, sum: 26, average: 2.89 });
  });
});
