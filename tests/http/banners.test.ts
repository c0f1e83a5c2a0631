/**
 * `/api/banners` through the real app: admins only (guests 401, other staff 403), the CSRF origin
 * check of every staff route, Vietnamese 4xx for bad input and stale versions, CDN invalidation
 * of every page after a change; and the sidebar as readers get it on the home page and an
 * article page: active banners in order, a <picture> per banner, new tabs only for other sites.
 */
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { MediaLibrary, type MediaRecord } from "../../functions/core/media/library";
import { RecordingInvalidator } from "../../functions/core/publishing/invalidation";
import type { PublishedArticle } from "../../functions/core/reader/articles";
import type { Store } from "../../functions/core/storage/store";
import { createApp } from "../../functions/http/app";
import { createUser, request, signIn } from "../support/auth";
import { seedSmallPortal } from "../support/fixtures";
import { createTestStore } from "../support/store";

let store: Store;
let app: ReturnType<typeof createApp>;
const invalidator = new RecordingInvalidator();
let asAdmin: string;
let asWriter: string;
let asChief: string;
let photo: MediaRecord;
let article: PublishedArticle;

const call = (cookie: string | undefined, method: string, path: string, body?: unknown, origin?: string | null) =>
  request(app, method, path, { cookie, body, origin });
/** The markup without Solid's hydration markers, as a reader's browser shows it. */
const clean = (html: string) => html.replace(/<!--[\s\S]*?-->/g, "").replace(/ data-hk="[^"]*"/g, "");

async function create(body: Record<string, unknown>) {
  const res = await call(asAdmin, "POST", "/api/banners", { image: photo.id, active: true, ...body });
  expect(res.status, await res.clone().text()).toBe(201);
  return res.json();
}

/** The sidebar's banner list of a page, read by a fresh reader app (the shell is cached per app for a few seconds). */
async function sidebarBanners(path: string) {
  const res = await createApp({ store }).request(path);
  expect(res.status, path).toBe(200);
  const html = clean(await res.text());
  const aside = /<aside class="sidebar"[\s\S]*?<\/aside>/.exec(html)?.[0] ?? "";
  const list = /<ul class="banners">([\s\S]*?)<\/ul>/.exec(aside)?.[1];
  return { aside, links: list ? [...list.matchAll(/<a [^>]*>[\s\S]*?<\/a>/g)].map((m) => m[0]) : [] };
}

const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(/^<a [^>]*>/.exec(tag)![0])?.[1];

beforeAll(async () => {
  store = await createTestStore();
  ({ articles: [article] } = (await seedSmallPortal(store)) as { articles: [PublishedArticle] });
  app = createApp({ store, invalidator });
  const [admin, writer, chief] = await Promise.all([
    createUser(store, "admin", [], "Nguyễn Văn Quản"),
    createUser(store, "writer", ["kinh-te"], "Lê Văn Viết"),
    createUser(store, "editor-in-chief", [], "Phạm Thị Tổng"),
  ]);
  asAdmin = await signIn(app, admin.email);
  asWriter = await signIn(app, writer.email);
  asChief = await signIn(app, chief.email);
  const bytes = await sharp({ create: { width: 1200, height: 420, channels: 3, background: "#0b3d91" } }).jpeg({ quality: 80 }).toBuffer();
  const imported = await MediaLibrary.importFile(store, { filename: "Biểu ngữ.jpg", bytes: new Uint8Array(bytes), uploadedBy: { id: admin.id, name: admin.name } });
  photo = await MediaLibrary.update(store, imported.id, { alt: "Biểu ngữ màu xanh có dòng chữ Cổng Dịch vụ công" });
}, 90_000);

describe("who may manage banners", () => {
  it("asks guests to sign in and refuses staff who are not admins", async () => {
    const body = { title: "Cổng Dịch vụ công quốc gia", image: photo.id, href: "https://dichvucong.gov.vn", order: 1, active: true };
    for (const [method, path] of [["GET", "/api/banners"], ["POST", "/api/banners"], ["PATCH", "/api/banners/0b9c3c1e-2a4d-4c5e-9f10-000000000001"], ["DELETE", "/api/banners/0b9c3c1e-2a4d-4c5e-9f10-000000000001"]] as const) {
      const guest = await call(undefined, method, path, method === "GET" || method === "DELETE" ? undefined : body);
      expect(guest.status, `${method} ${path}`).toBe(401);
      expect((await guest.json()).error.code).toBe("UNAUTHENTICATED");
      for (const cookie of [asWriter, asChief]) {
        const staff = await call(cookie, method, path, method === "GET" || method === "DELETE" ? undefined : { ...body, version: 1 });
        expect(staff.status, `${method} ${path}`).toBe(403);
        expect((await staff.json()).error.message).toBe("Chỉ quản trị viên được quản lý ảnh liên kết.");
      }
    }
    expect((await (await call(asAdmin, "GET", "/api/banners")).json()).items).toEqual([]);
  });

  it("refuses a change sent from another site or without an Origin (CSRF)", async () => {
    const body = { title: "Cổng Dịch vụ công quốc gia", image: photo.id, href: "https://dichvucong.gov.vn" };
    expect((await call(asAdmin, "POST", "/api/banners", body, "https://evil.example.com")).status).toBe(403);
    expect((await call(asAdmin, "POST", "/api/banners", body, null)).status).toBe(403);
    expect((await (await call(asAdmin, "GET", "/api/banners")).json()).items).toEqual([]);
    expect(invalidator.calls).toEqual([]);
  });
});

describe("the admin API", () => {
  it("answers bad input with Vietnamese 400s naming the fields, never a 500", async () => {
    const bad = await call(asAdmin, "POST", "/api/banners", { title: "", image: "khong co", href: "javascript:alert(1)", order: "đầu", active: "có" });
    expect(bad.status).toBe(400);
    const { error } = await bad.json();
    expect(error.code).toBe("VALIDATION");
    expect(Object.keys(error.fields).sort()).toEqual(["active", "href", "image", "order", "title"]);
    const noAlt = await MediaLibrary.importFile(store, {
      filename: "Chưa mô tả.jpg",
      bytes: new Uint8Array(await sharp({ create: { width: 1200, height: 420, channels: 3, background: "#777777" } }).jpeg().toBuffer()),
      uploadedBy: { id: "u", name: "U" },
    });
    const withoutAlt = await call(asAdmin, "POST", "/api/banners", { title: "Thiếu mô tả", image: noAlt.id, href: "/gop-y" });
    expect(withoutAlt.status).toBe(400);
    expect((await withoutAlt.json()).error.fields).toEqual({ image: "Ảnh chưa có mô tả (alt)." });
    const notJson = await app.request("/api/banners", { method: "POST", headers: { Origin: "http://localhost", Cookie: asAdmin, "Content-Type": "application/json" }, body: "{" });
    expect(notJson.status).toBe(400);
    expect((await call(asAdmin, "GET", "/api/banners/khong-co")).status).toBe(404);
    expect((await call(asAdmin, "DELETE", "/api/banners/0b9c3c1e-2a4d-4c5e-9f10-000000000001?version=abc")).status).toBe(400);
    expect(invalidator.calls).toEqual([]);
  });

  it("creates, edits and deletes with versions, invalidating every cached page after each change", async () => {
    const banner = await create({ title: "Cổng Dịch vụ công quốc gia", href: "https://dichvucong.gov.vn", order: 10 });
    expect(banner).toMatchObject({ version: 1, href: "https://dichvucong.gov.vn/", image: { id: photo.id } });
    expect(invalidator.calls.at(-1)).toEqual(["/*"]);

    const listed = await (await call(asAdmin, "GET", "/api/banners")).json();
    expect(listed.items.map((b: { id: string }) => b.id)).toEqual([banner.id]);
    expect(await (await call(asAdmin, "GET", `/api/banners/${banner.id}`)).json()).toEqual(banner);

    const calls = invalidator.calls.length;
    const edited = await call(asAdmin, "PATCH", `/api/banners/${banner.id}`, { version: 1, active: false });
    expect(edited.status).toBe(200);
    expect(await edited.json()).toMatchObject({ version: 2, active: false });
    expect(invalidator.calls).toHaveLength(calls + 1);

    const stale = await call(asAdmin, "PATCH", `/api/banners/${banner.id}`, { version: 1, title: "Bản cũ" });
    expect(stale.status).toBe(409);
    expect((await stale.json()).error).toMatchObject({ code: "CONFLICT", currentVersion: 2 });
    // Nothing changed: nothing to invalidate.
    const same = await call(asAdmin, "PATCH", `/api/banners/${banner.id}`, { version: 2, active: false });
    expect(await same.json()).toMatchObject({ version: 2 });
    expect(invalidator.calls).toHaveLength(calls + 1);

    expect((await call(asAdmin, "DELETE", `/api/banners/${banner.id}?version=1`)).status).toBe(409);
    const inUse = await call(asAdmin, "DELETE", `/api/media/${photo.id}`);
    expect(inUse.status).toBe(409);
    expect((await inUse.json()).error.uses).toEqual([`banners#${banner.id}`]);
    expect((await call(asAdmin, "DELETE", `/api/banners/${banner.id}?version=2`)).status).toBe(204);
    expect(invalidator.calls).toHaveLength(calls + 2);
    expect((await call(asAdmin, "GET", `/api/banners/${banner.id}`)).status).toBe(404);
    expect((await MediaLibrary.get(store, photo.id))!.uses).toBeUndefined();
  });
});

describe("the sidebar of every page", () => {
  it("shows the active banners in order on the home page and an article page; other sites open a new tab", async () => {
    const national = await create({ title: "Cổng Dịch vụ công quốc gia", href: "https://dichvucong.gov.vn", order: 20 });
    const comments = await create({ title: "Góp ý dự thảo văn bản", href: "/gop-y", order: 10 });
    await create({ title: "Liên kết đang ẩn", href: "https://an.example.vn", order: 15, active: false });
    const government = await create({ title: "Cổng Thông tin điện tử Chính phủ", href: "https://chinhphu.vn", order: 30 });

    for (const path of ["/", `/bai-viet/${article.slug}`]) {
      const { aside, links } = await sidebarBanners(path);
      expect(aside).toContain("Liên kết website");
      expect(aside, path).not.toContain("Liên kết đang ẩn");
      expect(links.map((a) => attr(a, "href")), path).toEqual(["/gop-y", "https://dichvucong.gov.vn/", "https://chinhphu.vn/"]);

      const [internal, external] = links as [string, string];
      expect(attr(internal, "target")).toBeUndefined();
      expect(attr(internal, "rel")).toBeUndefined();
      expect(internal).not.toContain("mở trang mới");
      expect(attr(external, "target")).toBe("_blank");
      expect(attr(external, "rel")).toBe("noopener noreferrer");
      expect(external).toContain('<span class="visually-hidden"> (mở trang mới)</span>');

      // A responsive, lazy picture whose text alternative is the link's purpose.
      const img = /<img [^>]*>/.exec(external)![0];
      expect(img).toContain(`alt="${national.title}"`);
      expect(img).toContain('loading="lazy"');
      expect(img).toContain('width="1200"');
      expect(external).toMatch(/<source type="image\/webp" srcset="\/media\/[^"]+ 320w/);
      expect(internal).toContain(`alt="${comments.title}"`);
      expect(links[2]).toContain(`alt="${government.title}"`);
    }
  });

  it("shows no banner box when no banner is active", async () => {
    for (const banner of (await (await call(asAdmin, "GET", "/api/banners")).json()).items) {
      expect((await call(asAdmin, "DELETE", `/api/banners/${banner.id}`)).status).toBe(204);
    }
    const { aside, links } = await sidebarBanners("/");
    expect(links).toEqual([]);
    expect(aside).not.toContain("Liên kết website");
  });
});
