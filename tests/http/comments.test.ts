/**
 * Readers' comments through the routes (app.request): the public POST without a session (202,
 * honeypot, Vietnamese 429 with Retry-After, duplicates), the board's list and decisions with
 * their permissions by section, the CDN invalidation, and the article page rendered from the SSR
 * build (run `npx tsx scripts/build.ts` after changing web/): pending not shown, approved shown
 * oldest first with the count, rejected gone, XSS payloads as text, e-mail never shown.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { User } from "../../functions/core/accounts/users";
import { RecordingInvalidator } from "../../functions/core/publishing/invalidation";
import type { Store } from "../../functions/core/storage/store";
import { createApp } from "../../functions/http/app";
import { createSections, createUser, ORIGIN, request, signIn } from "../support/auth";
import { importArticle } from "../support/engine";
import { createTestStore } from "../support/store";

let store: Store;
let app: ReturnType<typeof createApp>;
const invalidator = new RecordingInvalidator();
let board: User;
let asBoard: string;
let asOtherBoard: string;
let asWriter: string;
let article: { id: string; slug: string };
const XSS = `<script>alert("xss")</script> <img src=x onerror=alert(1)> https://lua-dao.example/nhan-qua`;

const comment = (body: Record<string, unknown>, client = "203.0.113.7", id = article.id, kind = "articles") =>
  app.request(`/api/${kind}/${id}/comments`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: ORIGIN, "x-test-client": client },
    body: JSON.stringify({ name: "Nguyễn Thị Bình", email: "binh@example.vn", website: "", ...body }),
  });
const articlePage = async () => {
  const res = await app.request(`/bai-viet/${article.slug}`);
  expect(res.status).toBe(200);
  return (await res.text()).replace(/<!--[\s\S]*?-->/g, "");
};
const pending = async (cookie: string) => (await (await request(app, "GET", "/api/comments?status=pending", { cookie })).json()) as { items: { id: string; content: string }[] };

beforeAll(async () => {
  store = await createTestStore();
  await createSections(store);
  app = createApp({ store, invalidator, clientAddress: (c) => c.req.header("x-test-client") });
  board = await createUser(store, "section-editor", ["kinh-te"], "Trần Thị Duyệt");
  const other = await createUser(store, "section-editor", ["van-hoa"], "Đỗ Văn Khác");
  const writer = await createUser(store, "writer", ["kinh-te"], "Lê Văn Viết");
  [asBoard, asOtherBoard, asWriter] = await Promise.all([signIn(app, board.email), signIn(app, other.email), signIn(app, writer.email)]);
  article = await importArticle(
    store,
    { kind: "news", sectionId: "kinh-te", title: "Hòa Phong khởi công cầu Sông Lam mới", summary: "Cầu mới nối hai huyện.", body: "<p>Nội dung.</p>", byline: "Phóng viên", publishedAt: new Date(Date.now() - 3_600_000).toISOString() },
    { id: board.id, name: board.name },
  );
}, 60_000);

describe("readers' comments through the routes", () => {
  it("takes a comment without an account: 202 pending, not on the page yet", async () => {
    const res = await comment({ content: "Mong cầu sớm hoàn thành.\nBà con rất phấn khởi." });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ status: "pending" });
    const html = await articlePage();
    expect(html).toContain("Các ý kiến của bạn đọc (0)");
    expect(html).not.toContain("Mong cầu sớm hoàn thành.");
  });

  it("answers the honeypot like any comment and stores nothing", async () => {
    const res = await comment({ content: "Mua hàng giá rẻ tại đây", website: "http://spam.example" }, "198.51.100.9");
    expect(res.status).toBe(202);
    expect((await pending(asBoard)).items.some((c) => c.content === "Mua hàng giá rẻ tại đây")).toBe(false);
  });

  it("refuses bad input, unknown items and kinds without comments, in Vietnamese", async () => {
    const bad = await comment({ name: "", content: "" }, "198.51.100.20");
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { error: { fields: Record<string, string> } };
    expect(body.error.fields.name).toMatch(/Họ và tên/);
    expect(body.error.fields.content).toMatch(/Nội dung ý kiến/);
    expect((await comment({ content: "A" }, "198.51.100.21", "khong-co")).status).toBe(404);
    expect((await comment({ content: "A" }, "198.51.100.22", article.id, "schedules")).status).toBe(401); // the kind's own (guarded) API
  });

  it("refuses a duplicate (409) and a second comment within 30 s (429, Retry-After)", async () => {
    const dup = await comment({ content: "mong cầu SỚM hoàn thành.\nBà con rất phấn khởi." });
    expect(dup.status).toBe(409);
    expect(((await dup.json()) as { error: { message: string } }).error.message).toContain("đã được gửi trước đó");
    const fast = await comment({ content: XSS });
    expect(fast.status).toBe(429);
    expect(Number(fast.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(((await fast.json()) as { error: { message: string } }).error.message).toMatch(/Xin vui lòng chờ \d+ giây/);
  });

  it("lets only the board of the item's section list and decide", async () => {
    expect((await comment({ content: XSS }, "192.0.2.44")).status).toBe(202);
    expect((await request(app, "GET", "/api/comments")).status).toBe(401);
    expect((await request(app, "GET", "/api/comments", { cookie: asWriter })).status).toBe(403);
    expect((await pending(asOtherBoard)).items).toEqual([]);
    expect((await request(app, "GET", "/api/comments?section=kinh-te", { cookie: asOtherBoard })).status).toBe(403);
    const [first] = (await pending(asBoard)).items;
    expect((await request(app, "POST", `/api/comments/${first!.id}/approve`, { cookie: asOtherBoard, body: {} })).status).toBe(403);
    expect((await request(app, "GET", "/api/comments?status=bad", { cookie: asBoard })).status).toBe(400);
  });

  it("shows approved comments oldest first with the reply and count; rejected ones never; scripts as text", async () => {
    const items = (await pending(asBoard)).items;
    const kind = items.find((c) => c.content.startsWith("Mong cầu"))!;
    const xss = items.find((c) => c.content === XSS)!;
    invalidator.calls.length = 0;
    const approved = await request(app, "POST", `/api/comments/${xss.id}/approve`, { cookie: asBoard, body: { reply: "Cảm ơn bạn đọc.\nBan Biên tập sẽ kiểm tra đường dẫn." } });
    expect(approved.status).toBe(200);
    expect(invalidator.calls.flat()).toContain(`/bai-viet/${article.slug}`);
    expect((await request(app, "POST", `/api/comments/${kind.id}/approve`, { cookie: asBoard, body: {} })).status).toBe(200);
    expect((await request(app, "POST", `/api/comments/${kind.id}/reject`, { cookie: asBoard, body: { reason: "Muộn" } })).status).toBe(409);

    expect((await comment({ content: "Nội dung sẽ bị từ chối." }, "192.0.2.99")).status).toBe(202);
    const rejectMe = (await pending(asBoard)).items.find((c) => c.content === "Nội dung sẽ bị từ chối.")!;
    const noReason = await request(app, "POST", `/api/comments/${rejectMe.id}/reject`, { cookie: asBoard, body: {} });
    expect(noReason.status).toBe(400);
    expect((await request(app, "POST", `/api/comments/${rejectMe.id}/reject`, { cookie: asBoard, body: { reason: "Không phù hợp." } })).status).toBe(200);

    const html = await articlePage();
    expect(html).toContain("Các ý kiến của bạn đọc (2)");
    const list = html.slice(html.indexOf("reader-comments__list"));
    expect(list.indexOf("Mong cầu sớm hoàn thành.")).toBeGreaterThan(-1);
    expect(list.indexOf("Mong cầu sớm hoàn thành.")).toBeLessThan(list.indexOf("&lt;script"));
    expect(html).toContain("Mong cầu sớm hoàn thành.\nBà con rất phấn khởi.");
    expect(html).toContain("Ban Biên tập trả lời:");
    expect(html).not.toContain('<script>alert("xss")');
    expect(html).not.toMatch(/<img src=x/);
    expect(html).not.toContain('href="https://lua-dao.example');
    expect(html).not.toContain("Nội dung sẽ bị từ chối.");
    expect(html).not.toContain("binh@example.vn");

    const rejected = (await (await request(app, "GET", "/api/comments?status=rejected&section=kinh-te", { cookie: asBoard })).json()) as { items: { reason: string }[] };
    expect(rejected.items[0]?.reason).toBe("Không phù hợp.");
  });
});
