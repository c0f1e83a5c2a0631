/** Cases from the security review: each was a 500, a bypass or a wrong answer before its fix. */
import { beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../../functions/core/storage/store";
import type { User } from "../../functions/core/accounts/users";
import { createApp } from "../../functions/http/app";
import { createSections, createUser, request, signIn } from "../support/auth";
import { createTestStore } from "../support/store";

let store: Store;
let app: ReturnType<typeof createApp>;
let writer: User;
let asWriter: string;
let asBoardA: string;
let asBoardB: string;
let asAdmin: string;

const call = (cookie: string, method: string, path: string, body?: unknown) => request(app, method, path, { cookie, body });
const draft = async (overrides: Record<string, unknown> = {}) =>
  (await call(asWriter, "POST", "/api/articles", { kind: "news", title: `Bài ${Math.random()}`, section: "kinh-te", summary: "Tóm tắt.", body: "<p>x</p>", ...overrides })).json();

beforeAll(async () => {
  store = await createTestStore();
  await createSections(store);
  app = createApp({ store });
  writer = await createUser(store, "writer", ["kinh-te", "van-hoa"]);
  const boardA = await createUser(store, "section-editor", ["kinh-te"]);
  const boardB = await createUser(store, "section-editor", ["van-hoa"]);
  const admin = await createUser(store, "admin");
  asWriter = await signIn(app, writer.email);
  asBoardA = await signIn(app, boardA.email);
  asBoardB = await signIn(app, boardB.email);
  asAdmin = await signIn(app, admin.email);
}, 60_000);

describe("hardening", () => {
  it("keeps a live article under the board of the section it is live in, even after an edit moves it", async () => {
    let a = await draft({ section: "van-hoa" });
    a = await (await call(asBoardB, "POST", `/api/articles/${a.id}/approve`, { version: a.version })).json();
    a = await (await call(asWriter, "PATCH", `/api/articles/${a.id}`, { version: a.version, section: "kinh-te" })).json();
    expect(a).toMatchObject({ sectionId: "kinh-te", live: true, status: "draft" });
    expect((await call(asBoardA, "POST", `/api/articles/${a.id}/unpublish`, { version: a.version })).status).toBe(403);
    expect((await call(asBoardA, "POST", `/api/articles/${a.id}/approve`, { version: a.version })).status).toBe(403);
    expect((await app.request(`/bai-viet/${a.slug}`)).status).toBe(200);
    expect((await call(asBoardB, "GET", `/api/articles/${a.id}`)).status).toBe(200);
    expect((await call(asBoardB, "POST", `/api/articles/${a.id}/unpublish`, { version: a.version })).status).toBe(200);
    expect((await app.request(`/bai-viet/${a.slug}`)).status).toBe(404);
  });

  it("refuses a body that is too large once cleaned or encoded, with a 400", async () => {
    for (const body of [">".repeat(199_000), "ệ".repeat(199_000)]) {
      const res = await call(asWriter, "POST", "/api/articles", { kind: "news", title: "Bài rất dài", section: "kinh-te", body });
      expect(res.status).toBe(400);
      expect((await res.json()).error.fields.body).toBeDefined();
    }
  });

  it("accepts only library or https images, and a stored bad one never breaks the page", async () => {
    for (const image of ["http://", "javascript:alert(1)", "//evil.example/x.png", "http://insecure.example/x.jpg"]) {
      const res = await call(asWriter, "POST", "/api/articles", { kind: "news", title: "Ảnh", section: "kinh-te", image });
      expect(res.status, image).toBe(400);
    }
    const ok = await draft({ image: "/media/abc/anh-1200.webp" });
    expect(ok.image).toBe("/media/abc/anh-1200.webp");
  });

  it("answers foreign or malformed pagination cursors with 400", async () => {
    const foreign = Buffer.from(JSON.stringify({ pk: "ARTICLE#x", sk: "ARTICLE", gsi2pk: "AUTHOR#someone-else", gsi2sk: "2026#x" })).toString("base64url");
    for (const cursor of ["e30", "W10", "eyJmb28iOiJiYXIifQ", foreign, "%%%"]) {
      expect((await call(asWriter, "GET", `/api/articles?cursor=${cursor}`)).status, cursor).toBe(400);
      expect((await call(asAdmin, "GET", `/api/audit?day=2026-01-01&cursor=${cursor}`)).status, cursor).toBe(400);
    }
  });

  it("still pages with its own cursors", async () => {
    const pager = await createUser(store, "writer", ["kinh-te"]);
    const asPager = await signIn(app, pager.email);
    for (let i = 0; i < 3; i++) await call(asPager, "POST", "/api/articles", { kind: "news", title: `Trang ${i}`, section: "kinh-te" });
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await (await call(asPager, "GET", `/api/articles?limit=2${cursor ? `&cursor=${cursor}` : ""}`)).json();
      seen.push(...page.items.map((item: { title: string }) => item.title));
      cursor = page.next;
      pages++;
    } while (cursor && pages < 5);
    expect(pages).toBeGreaterThan(1);
    expect(seen.sort()).toEqual(["Trang 0", "Trang 1", "Trang 2"]);
  });

  it("counts views of published articles only, not of drafts", async () => {
    const a = await draft();
    const res = await request(app, "POST", `/api/views/${a.id}`);
    expect(res.status).toBe(404);
    const published = await (await call(asBoardA, "POST", `/api/articles/${a.id}/approve`, { version: a.version })).json();
    expect(published.live).toBe(true);
    // "Not published" is not remembered: the same instance counts it as soon as it is approved.
    expect((await request(app, "POST", `/api/views/${a.id}`)).status).toBeLessThan(300);
    expect(await (await app.request(`/api/views/${a.id}`)).json()).toEqual({ views: 1 });
  });

  it("lists every revision even when their bodies exceed one 1 MB Query page", async () => {
    let a = await draft({ body: `<p>${"ệ".repeat(90_000)}</p>` });
    for (let i = 1; i <= 4; i++) {
      a = await (await call(asWriter, "PATCH", `/api/articles/${a.id}`, { version: a.version, body: `<p>${String(i).repeat(5)}${"ệ".repeat(90_000)}</p>` })).json();
    }
    const detail = await (await call(asWriter, "GET", `/api/articles/${a.id}`)).json();
    expect(detail.revisions.map((r: { number: number }) => r.number)).toEqual([5, 4, 3, 2, 1]);
    expect(detail.revisionsNext).toBeUndefined();
    expect(detail.history).toHaveLength(5);
    // The same through the paged list, following its cursors (each page spans Query pages too).
    for (const limit of [2, 4, 50]) {
      const seen: number[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await (await call(asWriter, "GET", `/api/articles/${a.id}/revisions?limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`)).json();
        seen.push(...page.items.map((r: { number: number; body?: string }) => (expect(r.body).toBeUndefined(), r.number)));
        cursor = page.next;
      } while (cursor && ++pages < 10);
      expect(seen, `limit ${limit}`).toEqual([5, 4, 3, 2, 1]);
    }
  });

  it("stores titles, summaries, names and reasons without bidi overrides, zero-width characters or lone surrogates, in NFC", async () => {
    const a = await draft({ title: "Báo cáo\u202Etxt.exe", summary: "Tóm\u200B tắt\uFEFF \uD800Hoa\u0300", byline: "Bi\u0300nh\u2066", tags: ["x\u200Dy"] });
    expect(a).toMatchObject({ title: "Báo cáotxt.exe", summary: "Tóm tắt Hoà", byline: "Bình", tags: ["xy"] });
    const invisible = await call(asWriter, "POST", "/api/articles", { kind: "news", title: "\u202E\u200B", section: "kinh-te" });
    expect(invisible.status).toBe(400);
    expect((await invisible.json()).error.fields.title).toBeDefined();
    const submitted = await (await call(asWriter, "POST", `/api/articles/${a.id}/submit`, { version: a.version })).json();
    const returned = await (await call(asBoardA, "POST", `/api/articles/${a.id}/return`, { version: submitted.version, reason: "Sửa\u202E lại\u200B" })).json();
    expect(returned.returnReason).toBe("Sửa lại");
    const user = await (await call(asAdmin, "POST", "/api/users", { email: `ten-${Date.now()}@hoaphong.example.vn`, password: "mat-khau-du-dai-456", name: "Nguye\u0302\u0303n\u200B Va\u0306n\u202E A", role: "writer", sections: ["kinh-te"] })).json();
    expect(user.name).toBe("Nguyễn Văn A");
  });

  it("answers absurd user ids with 404, not 500", async () => {
    const long = "x".repeat(3000);
    expect((await call(asAdmin, "GET", `/api/users/${long}`)).status).toBe(404);
    expect((await call(asAdmin, "PATCH", `/api/users/${long}`, { name: "A" })).status).toBe(404);
    expect((await call(asAdmin, "POST", `/api/users/${long}/password`, { password: "mat-khau-du-dai-789" })).status).toBe(404);
  });
});
