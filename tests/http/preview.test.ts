/**
 * The editors' preview of a draft (issue 12, "Preview exactly as readers will see it"):
 * `GET /api/preview/articles/:id` on the reader surface renders the working copy with the reader's
 * article page, for its author and its section's board only, never stored or indexed, with a
 * visible banner and no script (no view counted), while the public address is still a 404. And
 * what the editor produces (a table, a link, a library image) survives the server's sanitizer.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../functions/http/app";
import type { Store } from "../../functions/core/storage/store";
import { createSections, createUser, request, signIn } from "../support/auth";
import { createTestStore } from "../support/store";

let store: Store;
let app: ReturnType<typeof createApp>;
let asWriter: string;
let asOtherWriter: string;
let asEditor: string;
let article: { id: string; slug: string; version: number };

const TITLE = "Hòa Phong chuẩn bị Đại hội đại biểu Đảng bộ tỉnh";
// As Tiptap writes it: a colgroup with styles, cells with paragraphs; a link; an image from the library.
const BODY =
  '<p>Đoạn mở đầu có <a href="https://hoaphong.example.vn/dai-hoi" target="_blank">liên kết</a>.</p>' +
  '<table style="min-width: 75px"><colgroup><col style="min-width: 25px"><col></colgroup><tbody>' +
  '<tr><th colspan="1" rowspan="1" scope="col"><p>Huyện</p></th><th colspan="1" rowspan="1" scope="col"><p>Đại biểu</p></th></tr>' +
  '<tr><td colspan="1" rowspan="1"><p>Đông Sơn</p></td><td colspan="1" rowspan="1"><p>42</p></td></tr></tbody></table>' +
  '<img src="/media/2026/11/anh-dai-hoi-800.webp" alt="Hội trường Đại hội" width="800" height="533" loading="lazy">';

beforeAll(async () => {
  store = await createTestStore();
  app = createApp({ store });
  await createSections(store);
  const writer = await createUser(store, "writer", ["kinh-te"], "Lê Thu Hà");
  const other = await createUser(store, "writer", ["van-hoa"], "Phạm Văn Lợi");
  const editor = await createUser(store, "section-editor", ["kinh-te"], "Trần Văn Minh");
  asWriter = await signIn(app, writer.email);
  asOtherWriter = await signIn(app, other.email);
  asEditor = await signIn(app, editor.email);
  const res = await request(app, "POST", "/api/articles", {
    cookie: asWriter,
    body: { kind: "news", title: TITLE, section: "kinh-te", summary: "Tóm tắt bản nháp.", body: BODY, byline: "Lê Thu Hà" },
  });
  expect(res.status, await res.clone().text()).toBe(201);
  article = await res.json();
}, 60_000);

describe("the preview of a draft", () => {
  it("asks guests to sign in and refuses staff who may not open the item", async () => {
    const guest = await request(app, "GET", `/api/preview/articles/${article.id}`);
    expect(guest.status).toBe(401);
    expect((await guest.json()).error.code).toBe("UNAUTHENTICATED");
    const other = await request(app, "GET", `/api/preview/articles/${article.id}`, { cookie: asOtherWriter });
    expect(other.status).toBe(403);
    expect((await other.json()).error.message).toMatch(/không có quyền/);
    expect((await request(app, "GET", "/api/preview/articles/khong-co", { cookie: asWriter })).status).toBe(404);
    expect((await request(app, "GET", "/api/preview/articles/..%2F..", { cookie: asWriter })).status).toBe(404);
    expect((await request(app, "GET", `/api/preview/documents/${article.id}`, { cookie: asWriter })).status).toBe(404);
  });

  it("shows the author and the section's board the draft with the reader's page, a banner, no cache, no index, no script", async () => {
    for (const cookie of [asWriter, asEditor]) {
      const res = await request(app, "GET", `/api/preview/articles/${article.id}`, { cookie });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toContain("text/html");
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(res.headers.get("x-robots-tag")).toContain("noindex");
      const html = await res.text();
      expect(html).toContain("Bản xem trước — chưa đăng");
      expect(html).toContain('<meta name="robots" content="noindex, nofollow">');
      expect(html).toMatch(new RegExp(`<h1[^>]*>${TITLE}</h1>`));
      expect(html).toContain("<table>");
      expect(html).not.toMatch(/<script type="module"/);
      expect(html).not.toMatch(/\/assets\/dashboard-/);
    }
    // Readers see nothing yet.
    expect((await request(app, "GET", `/bai-viet/${article.slug}`)).status).toBe(404);
  });

  it("keeps the editor's table, link and library image through the sanitizer, and drops Tiptap's styles", async () => {
    const res = await request(app, "GET", `/api/articles/${article.id}`, { cookie: asWriter });
    const { body } = (await res.json()) as { body: string };
    expect(body).toContain('<th colspan="1" rowspan="1" scope="col"><p>Huyện</p></th>');
    expect(body).toContain("<td colspan=\"1\" rowspan=\"1\"><p>42</p></td>");
    expect(body).toContain('<a href="https://hoaphong.example.vn/dai-hoi" rel="noopener noreferrer">liên kết</a>');
    expect(body).toContain('<img src="/media/2026/11/anh-dai-hoi-800.webp" alt="Hội trường Đại hội" width="800" height="533" loading="lazy" />');
    expect(body).not.toMatch(/style=|colgroup/);
  });
});
