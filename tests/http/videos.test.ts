/**
 * Videos over HTTP: `/api/videos` (sessions, 400s in Vietnamese, the workflow), the public pages
 * `/video` (grid, pages, bad pages) and `/video/:slug` (a <video> element for an upload, an iframe
 * from youtube-nocookie.com only for YouTube, OpenGraph video, JSON-LD VideoObject), the home
 * page's video box, the feed and the sitemap's video entries.
 */
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import type { User } from "../../functions/core/accounts/users";
import { MediaLibrary } from "../../functions/core/media/library";
import { SectionAdmin } from "../../functions/core/sections/section-admin";
import type { Store } from "../../functions/core/storage/store";
import { createApp } from "../../functions/http/app";
import { createSections, createUser, request, signIn } from "../support/auth";
import { Samples } from "../support/media";
import { createTestStore } from "../support/store";
import { findAll, parseXml } from "../support/xml";

const ORIGIN = "https://tinhuy.example.vn";
let store: Store;
/** The dashboard's app (same origin as the requests) and the public site's (its canonical origin), on one store. */
let staff: ReturnType<typeof createApp>;
let app: ReturnType<typeof createApp>;
const as = { writer: "", board: "" };
let clip: string;
let poster: string;
let uploaded: { id: string; slug: string; version: number };
let embedded: { id: string; slug: string; version: number };

const call = (who: keyof typeof as | null, method: string, path: string, body?: unknown) => request(staff, method, path, { cookie: who ? as[who] : undefined, body });
const json = async (res: Response) => ({ status: res.status, body: await res.json() });
/** The markup without Solid's hydration markers, entities decoded, as a reader sees it. */
const clean = (html: string) =>
  html.replace(/<!--[\s\S]*?-->/g, "").replace(/ data-hk="[^"]*"/g, "").replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&#39;/g, "'");
const meta = (html: string, key: string) => new RegExp(`<meta (?:name|property)="${key.replace(/[.:]/g, "\\$&")}" content="([^"]*)">`).exec(html)?.[1];
const tags = (html: string, name: string) => [...html.matchAll(new RegExp(`<${name}\\b[^>]*>`, "g"))].map((m) => m[0]);
const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];

async function page(path: string, status = 200) {
  const res = await app.request(path);
  const html = clean(await res.text());
  expect(res.status, `${path}: ${html.slice(0, 200)}`).toBe(status);
  return html;
}

async function publish(input: Record<string, unknown>) {
  const created = await json(await call("writer", "POST", "/api/videos", { summary: "Phóng sự của Trung tâm Văn hóa - Truyền thông tỉnh Hòa Phong.", ...input }));
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  expect(created.body).toMatchObject({ status: "draft", version: 1 });
  const submitted = await json(await call("writer", "POST", `/api/videos/${created.body.id}/submit`, { version: created.body.version }));
  const approved = await json(await call("board", "POST", `/api/videos/${created.body.id}/approve`, { version: submitted.body.version }));
  expect(approved.status, JSON.stringify(approved.body)).toBe(200);
  return approved.body as { id: string; slug: string; version: number };
}

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
  clip = (await MediaLibrary.importFile(store, { filename: "Phóng sự sông Vân.mp4", bytes: Samples.mp4(6000), uploadedBy: uploader })).id;
  const bytes = await sharp({ create: { width: 1600, height: 900, channels: 3, background: "#2a6f3c" } }).jpeg({ quality: 80 }).toBuffer();
  poster = (await MediaLibrary.importFile(store, { filename: "Ảnh bìa.jpg", bytes: new Uint8Array(bytes), uploadedBy: uploader })).id;
  await MediaLibrary.update(store, poster, { alt: "Đoàn thuyền trên sông Vân lúc bình minh" });
}, 60_000);

describe("/api/videos", () => {
  it("asks for a session, and answers bad sources with Vietnamese 400s naming the allowed hosts", async () => {
    expect((await call(null, "POST", "/api/videos", { title: "Khách", embedUrl: "https://youtu.be/HoaPhong-01" })).status).toBe(401);
    for (const embedUrl of ["https://youtube.com.evil.example/watch?v=HoaPhong-01", "javascript:alert(1)", "https://vimeo.com/1234567"]) {
      const res = await json(await call("writer", "POST", "/api/videos", { title: "Video lạ", embedUrl }));
      expect(res.status, embedUrl).toBe(400);
      expect(res.body.error).toMatchObject({ code: "VALIDATION", fields: { embedUrl: expect.any(String) } });
      expect(res.body.error.message).toMatch(/youtube\.com.*youtu\.be.*youtube-nocookie\.com/);
    }
    const both = await json(await call("writer", "POST", "/api/videos", { title: "Hai nguồn", media: clip, embedUrl: "https://youtu.be/HoaPhong-01" }));
    expect(both.status).toBe(400);
    expect(both.body.error.fields).toMatchObject({ media: expect.any(String), embedUrl: expect.any(String) });
    const bad = await json(await call("writer", "POST", "/api/videos", { title: "Kiểu sai", embedUrl: "https://youtu.be/HoaPhong-01", homepage: "có" }));
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.homepage).toContain("true hoặc false");
  });
});

describe("video pages", () => {
  beforeAll(async () => {
    uploaded = await publish({ title: "Phóng sự: sông Vân mùa nước nổi", media: clip, poster, description: "Đoạn đầu.\n\nĐoạn <script>x()</script>sau." });
    embedded = await publish({ title: "Hội nghị trực tuyến toàn tỉnh", embedUrl: "https://www.youtube.com/watch?v=HoaPhong-01&t=3" });
  });

  it("lists videos newest first with poster, title and date; bad and past-the-end pages are 400 and 404", async () => {
    const html = await page("/video");
    expect(html).toContain('<h1 id="tieu-de-trang" class="page-title">Video</h1>');
    const titles = [...html.matchAll(/<h2 class="video-card__title"><a href="([^"]+)">([^<]+)<\/a><\/h2>/g)].map((m) => [m[1], m[2]]);
    expect(titles).toEqual([[`/video/${embedded.slug}`, "Hội nghị trực tuyến toàn tỉnh"], [`/video/${uploaded.slug}`, "Phóng sự: sông Vân mùa nước nổi"]]);
    expect(html).toContain('alt="Đoàn thuyền trên sông Vân lúc bình minh"');
    expect(html).toMatch(/<time datetime="[^"]+">\d{2}\/\d{2}\/\d{4}<\/time>/);
    expect(html).not.toContain("<iframe");
    expect(meta(html, "og:type")).toBe("website");
    await page("/video?trang=abc", 400);
    await page("/video?trang=0", 400);
    expect(await page("/video?trang=2", 404)).toContain("Mục Video không có trang 2.");
    expect(await page("/video/khong-co-video-nay", 404)).toContain("Video không tồn tại hoặc đã được gỡ xuống.");
  });

  it("plays an upload in <video> with its poster, source type and a download fallback; OpenGraph and JSON-LD point at the file", async () => {
    const html = await page(`/video/${uploaded.slug}`);
    expect(tags(html, "iframe")).toEqual([]);
    const [video] = tags(html, "video");
    expect(video).toBeDefined();
    expect(video).toContain(" controls");
    expect(attr(video!, "preload")).toBe("none");
    expect(attr(video!, "poster")).toMatch(new RegExp(`^/media/${poster}/\\d+\\.jpg$`));
    const [source] = tags(html, "source").filter((tag) => attr(tag, "type") === "video/mp4");
    expect(attr(source!, "src")).toMatch(new RegExp(`^/media/${clip}/phong-su-song-van\\.mp4$`));
    const inside = /<video\b[^>]*>([\s\S]*?)<\/video>/.exec(html)![1]!;
    expect(inside).toMatch(/<a href="\/media\/[^"]+" download="Phóng sự sông Vân\.mp4">Tải video về \(MP4, [\d,]+ KB\)<\/a>/);
    expect(html).toContain("<p>Đoạn đầu.</p><p>Đoạn sau.</p>");
    expect(html).not.toContain("<script>x()");

    expect(meta(html, "og:type")).toBe("video.other");
    expect(meta(html, "og:video")).toBe(`${ORIGIN}/media/${clip}/phong-su-song-van.mp4`);
    expect(meta(html, "og:video:type")).toBe("video/mp4");
    expect(meta(html, "og:image")).toBe(`${ORIGIN}/media/${poster}/1200.jpg`);
    const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/.exec(html)![1]!);
    expect(ld).toMatchObject({
      "@type": "VideoObject",
      name: "Phóng sự: sông Vân mùa nước nổi",
      description: "Phóng sự của Trung tâm Văn hóa - Truyền thông tỉnh Hòa Phong.",
      thumbnailUrl: [`${ORIGIN}/media/${poster}/1200.jpg`],
      uploadDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      contentUrl: `${ORIGIN}/media/${clip}/phong-su-song-van.mp4`,
    });
    expect(ld.embedUrl).toBeUndefined();
    // The other video is offered below.
    expect(html).toContain(`<a href="/video/${embedded.slug}">Hội nghị trực tuyến toàn tỉnh</a>`);
  });

  it("plays YouTube only from youtube-nocookie.com, built from the stored id", async () => {
    const html = await page(`/video/${embedded.slug}`);
    expect(tags(html, "video")).toEqual([]);
    const frames = tags(html, "iframe");
    expect(frames).toHaveLength(1);
    expect(attr(frames[0]!, "src")).toBe("https://www.youtube-nocookie.com/embed/HoaPhong-01");
    expect(attr(frames[0]!, "title")).toBe("Video: Hội nghị trực tuyến toàn tỉnh");
    expect(attr(frames[0]!, "loading")).toBe("lazy");
    // Nothing on the page loads from YouTube's other hosts (the player's address is the only one).
    expect([...html.matchAll(/\s(?:src|href|poster)="([^"]*)"/g)].map((m) => m[1]).filter((url) => /youtu/.test(url!))).toEqual(["https://www.youtube-nocookie.com/embed/HoaPhong-01"]);
    expect(meta(html, "og:video")).toBe("https://www.youtube-nocookie.com/embed/HoaPhong-01");
    expect(meta(html, "og:video:type")).toBe("text/html");
    const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/.exec(html)![1]!);
    expect(ld).toMatchObject({ "@type": "VideoObject", embedUrl: "https://www.youtube-nocookie.com/embed/HoaPhong-01", thumbnailUrl: ["https://i.ytimg.com/vi/HoaPhong-01/hqdefault.jpg"] });
    expect(ld.contentUrl).toBeUndefined();
  });

  it("shows the video marked for the home page there, and none once it is unmarked", async () => {
    expect(await page("/")).not.toContain('id="video-trang-chu"');
    // Marked by an edit, seen once approved.
    const edited = await json(await call("writer", "PATCH", `/api/videos/${uploaded.id}`, { version: uploaded.version, homepage: true }));
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    let approved = await json(await call("board", "POST", `/api/videos/${uploaded.id}/approve`, { version: edited.body.version }));
    expect(approved.status).toBe(200);
    let home = await page("/");
    const box = /<section class="home-video"[\s\S]*?<\/section>/.exec(home)?.[0];
    expect(box).toBeDefined();
    expect(box).toContain(`<a href="/video/${uploaded.slug}">Phóng sự: sông Vân mùa nước nổi</a>`);
    expect(attr(tags(box!, "video")[0]!, "preload")).toBe("none");
    expect(box).toContain('<a href="/video">Xem tất cả video ›</a>');

    const unmarked = await json(await call("writer", "PATCH", `/api/videos/${uploaded.id}`, { version: approved.body.version, homepage: false }));
    approved = await json(await call("board", "POST", `/api/videos/${uploaded.id}/approve`, { version: unmarked.body.version }));
    expect(approved.status).toBe(200);
    home = await page("/");
    expect(home).not.toContain('id="video-trang-chu"');
    uploaded = approved.body;
  });

  it("has a feed, and sitemap entries with Google's video extension", async () => {
    const feed = await app.request("/video/rss.xml");
    expect(feed.status).toBe(200);
    const links = findAll(parseXml(await feed.text()), "link").map((link) => link.text);
    expect(links).toEqual(expect.arrayContaining([`${ORIGIN}/video/${uploaded.slug}`, `${ORIGIN}/video/${embedded.slug}`]));

    const sitemap = parseXml(await (await app.request("/sitemap.xml")).text());
    const entry = (slug: string) => findAll(sitemap, "url").find((url) => url.children.find((c) => c.name === "loc")?.text === `${ORIGIN}/video/${slug}`)!;
    const text = (el: ReturnType<typeof entry>, name: string) => findAll(el, name)[0]?.text;
    expect(text(entry(uploaded.slug), "video:content_loc")).toBe(`${ORIGIN}/media/${clip}/phong-su-song-van.mp4`);
    expect(text(entry(uploaded.slug), "video:thumbnail_loc")).toMatch(new RegExp(`^${ORIGIN}/media/${poster}/`));
    expect(text(entry(embedded.slug), "video:player_loc")).toBe("https://www.youtube-nocookie.com/embed/HoaPhong-01");
    expect(text(entry(embedded.slug), "video:thumbnail_loc")).toBe("https://i.ytimg.com/vi/HoaPhong-01/hqdefault.jpg");
    expect(findAll(sitemap, "loc").map((loc) => loc.text)).toContain(`${ORIGIN}/video`);
  });
});
