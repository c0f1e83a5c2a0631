/**
 * Photo reportages over HTTP: `/api/galleries` (sessions, 400s in Vietnamese naming the photo, the
 * workflow), the public pages `/thu-vien-anh` (grid of covers, pages, bad pages) and
 * `/thu-vien-anh/:slug` (every photo as a <figure> without JavaScript, OpenGraph image of the
 * cover, JSON-LD ImageGallery), the feed and the sitemap's image entries.
 */
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import type { User } from "../../functions/core/accounts/users";
import { galleries, galleryImport } from "../../functions/core/content/galleries";
import { MediaLibrary } from "../../functions/core/media/library";
import { createEngine } from "../../functions/core/publishing/engine";
import { SectionAdmin } from "../../functions/core/sections/section-admin";
import type { Store } from "../../functions/core/storage/store";
import { createApp } from "../../functions/http/app";
import { createSections, createUser, request, signIn } from "../support/auth";
import { createTestStore } from "../support/store";
import { findAll, parseXml } from "../support/xml";

const ORIGIN = "https://tinhuy.example.vn";
let store: Store;
let staff: ReturnType<typeof createApp>;
let app: ReturnType<typeof createApp>;
const as = { writer: "", board: "" };
const photos: string[] = [];
let reportage: { id: string; slug: string; version: number };

const call = (who: keyof typeof as | null, method: string, path: string, body?: unknown) => request(staff, method, path, { cookie: who ? as[who] : undefined, body });
const json = async (res: Response) => ({ status: res.status, body: await res.json() });
/** The markup without Solid's hydration markers, entities decoded, as a reader sees it. */
const clean = (html: string) =>
  html.replace(/<!--[\s\S]*?-->/g, "").replace(/ data-hk="[^"]*"/g, "").replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&#39;/g, "'");
const meta = (html: string, key: string) => new RegExp(`<meta (?:name|property)="${key.replace(/[.:]/g, "\\$&")}" content="([^"]*)">`).exec(html)?.[1];

async function page(path: string, status = 200) {
  const res = await app.request(path);
  const html = clean(await res.text());
  expect(res.status, `${path}: ${html.slice(0, 200)}`).toBe(status);
  return html;
}

const CAPTIONS = ["Cờ hội giăng kín bến sông Vân.", "Đội thuyền thôn Bến Đò xuất phát.", "Khán giả cổ vũ trên triền đồi.", "Lễ trao giải tại Nhà văn hóa xã."];

beforeAll(async () => {
  store = await createTestStore();
  await createSections(store);
  await SectionAdmin.create(store, { slug: "tin-tuc-su-kien", name: "Tin tức - Sự kiện", description: "", order: 0 });
  staff = createApp({ store });
  app = createApp({ store, publicUrl: ORIGIN });
  const users: Record<keyof typeof as, User> = {
    writer: await createUser(store, "writer", ["tin-tuc-su-kien"], "Lê Văn Viết"),
    board: await createUser(store, "section-editor", ["tin-tuc-su-kien"], "Trần Thị Duyệt"),
  };
  for (const key of Object.keys(as) as (keyof typeof as)[]) as[key] = await signIn(staff, users[key].email);
  const uploader = { id: users.writer.id, name: users.writer.name };
  for (const [i, colour] of ["#1d6f8c", "#8c1d1d", "#2a6f3c", "#6f5a2a"].entries()) {
    const bytes = await sharp({ create: { width: 1280, height: 853, channels: 3, background: colour } }).jpeg({ quality: 80 }).toBuffer();
    const record = await MediaLibrary.importFile(store, { filename: `Lễ hội ${i + 1}.jpg`, bytes: new Uint8Array(bytes), uploadedBy: uploader });
    await MediaLibrary.update(store, record.id, { alt: `Lễ hội đua thuyền, ảnh ${i + 1}`, caption: CAPTIONS[i]!, credit: "Nguyễn Văn Ảnh" });
    photos.push(record.id);
  }
}, 60_000);

describe("/api/galleries", () => {
  it("asks for a session and answers bad photos with Vietnamese 400s naming the photo", async () => {
    expect((await call(null, "POST", "/api/galleries", { title: "Khách", photos: [{ media: photos[0] }] })).status).toBe(401);
    const unknown = await json(await call("writer", "POST", "/api/galleries", { title: "Ảnh lạ", photos: [{ media: photos[0] }, { media: "khong-co-anh" }] }));
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ code: "VALIDATION", fields: { "photos.1.media": expect.any(String) } });
    expect(unknown.body.error.message).toContain("Ảnh thứ 2");
    const dup = await json(await call("writer", "POST", "/api/galleries", { title: "Ảnh trùng", photos: [{ media: photos[0] }, { media: photos[0] }] }));
    expect(dup.status).toBe(400);
    expect(dup.body.error.fields["photos.1.media"]).toContain("trùng với ảnh thứ 1");
    const none = await json(await call("writer", "POST", "/api/galleries", { title: "Không ảnh", photos: [] }));
    expect(none.status).toBe(400);
    expect(none.body.error.fields.photos).toBe("Phóng sự ảnh cần ít nhất một ảnh.");
  });
});

describe("gallery pages", () => {
  beforeAll(async () => {
    const created = await json(await call("writer", "POST", "/api/galleries", {
      title: "Lễ hội đua thuyền trên sông Vân",
      summary: "Hơn 20 đội thuyền tranh tài trong ngày hội lớn nhất năm của huyện Ngọc Khê.",
      photos: photos.map((media, i) => (i === 3 ? { media, caption: "Đội <b>Bến Đò</b> nhận cúp vô địch.", credit: "Trần Thị Máy" } : { media })),
    }));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const submitted = await json(await call("writer", "POST", `/api/galleries/${created.body.id}/submit`, { version: created.body.version }));
    const approved = await json(await call("board", "POST", `/api/galleries/${created.body.id}/approve`, { version: submitted.body.version }));
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    reportage = approved.body;
  });

  it("shows every photo as a figure with caption and credit, complete without JavaScript; og:image is the cover's 1200 px JPEG", async () => {
    const html = await page(`/thu-vien-anh/${reportage.slug}`);
    expect(html).toContain('<h1 class="article__title">Lễ hội đua thuyền trên sông Vân</h1>');
    const list = /<ol class="gallery-list">([\s\S]*?)<\/ol>/.exec(html)?.[1];
    expect(list, "danh sách ảnh").toBeDefined();
    const figures = [...list!.matchAll(/<figure class="gallery-photo">([\s\S]*?)<\/figure>/g)].map((m) => m[1]!);
    expect(figures).toHaveLength(4);
    figures.forEach((figure, i) => {
      expect(figure).toContain(`alt="Lễ hội đua thuyền, ảnh ${i + 1}"`);
      expect(figure).toMatch(new RegExp(`src="/media/${photos[i]}/\\d+\\.jpg"`));
      expect(figure).toContain(`Ảnh ${i + 1}/4.`);
    });
    expect(figures[0]).toContain(`${CAPTIONS[0]} <span class="gallery-photo__credit">Ảnh: Nguyễn Văn Ảnh</span>`);
    expect(figures[3]).toContain('Đội Bến Đò nhận cúp vô địch. <span class="gallery-photo__credit">Ảnh: Trần Thị Máy</span>');
    // Only the first photo is fetched eagerly; the rest wait until scrolled to.
    expect(figures[0]).toContain('loading="eager"');
    expect(figures.slice(1).every((f) => f.includes('loading="lazy"'))).toBe(true);
    // The viewer is the browser's: nothing of it is in the server's markup.
    expect(html).not.toContain("gallery-viewer__");

    expect(meta(html, "og:image")).toBe(`${ORIGIN}/media/${photos[0]}/1200.jpg`);
    expect(meta(html, "og:image:alt")).toBe("Lễ hội đua thuyền, ảnh 1");
    expect(meta(html, "twitter:card")).toBe("summary_large_image");
    expect(meta(html, "og:description")).toBe("Hơn 20 đội thuyền tranh tài trong ngày hội lớn nhất năm của huyện Ngọc Khê.");
    const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/.exec(html)![1]!);
    expect(ld).toMatchObject({ "@type": "ImageGallery", name: "Lễ hội đua thuyền trên sông Vân", url: `${ORIGIN}/thu-vien-anh/${reportage.slug}` });
    expect(ld.image).toHaveLength(4);
    expect(ld.image[3]).toMatchObject({ "@type": "ImageObject", caption: "Đội Bến Đò nhận cúp vô địch.", creditText: "Trần Thị Máy", contentUrl: expect.stringMatching(new RegExp(`^${ORIGIN}/media/${photos[3]}/`)) });
  });

  it("lists reportages newest first with cover, title, date and photo count, 12 a page; bad pages are 400 and 404", async () => {
    const engine = createEngine(galleries, { store });
    for (let day = 1; day <= 12; day++)
      await engine.importPublished(
        galleryImport({ sectionId: "kinh-te", title: `Phóng sự lưu trữ số ${day}`, summary: "Tư liệu.", photos: photos.slice(0, 1 + (day % 3)).map((media) => ({ media })), publishedAt: `2025-03-${String(day).padStart(2, "0")}T09:00:00+07:00` }),
        { id: "u-admin", name: "Quản trị" },
      );
    const first = await page("/thu-vien-anh");
    expect(first).toContain('<h1 id="tieu-de-trang" class="page-title">Thư viện ảnh</h1>');
    expect(first).toContain("13 phóng sự ảnh · trang 1/2");
    const titles = (html: string) => [...html.matchAll(/<h2 class="gallery-card__title"><a href="([^"]+)">([^<]+)<\/a><\/h2>/g)].map((m) => m[2]);
    const onFirst = titles(first);
    expect(onFirst).toHaveLength(12);
    expect(onFirst[0]).toBe("Lễ hội đua thuyền trên sông Vân");
    expect(onFirst[1]).toBe("Phóng sự lưu trữ số 12");
    expect(first).toContain(`href="/thu-vien-anh/${reportage.slug}"`);
    expect(first).toMatch(/<time datetime="[^"]+">\d{2}\/\d{2}\/\d{4}<\/time> · 4 ảnh/);
    expect(first).toContain('alt="Lễ hội đua thuyền, ảnh 1"');
    expect(first).toContain('href="/thu-vien-anh?trang=2"');
    const second = await page("/thu-vien-anh?trang=2");
    expect(titles(second)).toEqual(["Phóng sự lưu trữ số 1"]);
    expect(second).toContain("<title>Thư viện ảnh - Trang 2 - ");
    expect(second).toContain("01/03/2025");
    await page("/thu-vien-anh?trang=abc", 400);
    await page("/thu-vien-anh?trang=0", 400);
    expect(await page("/thu-vien-anh?trang=3", 404)).toContain("Thư viện ảnh không có trang 3.");
  });

  it("answers an unknown reportage with a 404 page", async () => {
    const html = await page("/thu-vien-anh/khong-co-phong-su-nay", 404);
    expect(html).toContain("Phóng sự ảnh không tồn tại hoặc đã được gỡ xuống.");
    expect(meta(html, "robots")).toBe("noindex, follow");
  });

  it("has a feed, and sitemap entries listing every photo", async () => {
    const feed = await app.request("/thu-vien-anh/rss.xml");
    expect(feed.status).toBe(200);
    expect(findAll(parseXml(await feed.text()), "link").map((link) => link.text)).toContain(`${ORIGIN}/thu-vien-anh/${reportage.slug}`);
    const sitemap = parseXml(await (await app.request("/sitemap.xml")).text());
    const entry = findAll(sitemap, "url").find((url) => url.children.find((c) => c.name === "loc")?.text === `${ORIGIN}/thu-vien-anh/${reportage.slug}`);
    expect(entry, "mục sitemap").toBeDefined();
    const images = findAll(entry!, "image:loc").map((loc) => loc.text);
    expect(images).toHaveLength(4);
    images.forEach((url, i) => expect(url).toMatch(new RegExp(`^${ORIGIN}/media/${photos[i]}/\\d+\\.jpg$`)));
  });
});
