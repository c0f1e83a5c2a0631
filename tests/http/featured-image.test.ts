/**
 * The featured image as readers get it: a responsive <picture> (WebP srcset, JPEG fallback, size
 * attributes, fetched first on the article page), OpenGraph/Twitter tags pointing at a ~1200 px
 * variant by absolute URL, thumbnails in lists; and body images limited to the portal's /media/.
 */
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import type { User } from "../../functions/core/accounts/users";
import { MediaLibrary, type MediaRecord } from "../../functions/core/media/library";
import type { Store } from "../../functions/core/storage/store";
import { createApp } from "../../functions/http/app";
import { createSections, createUser, request, signIn } from "../support/auth";
import { head } from "../support/media";
import { findAll, parseXml } from "../support/xml";
import { createTestStore } from "../support/store";

const ORIGIN = "https://tinhuy.example.vn";
const ALT = "Nông dân Hòa Phong thu hoạch lúa trên cánh đồng mẫu lớn";

let store: Store;
/** The dashboard's app (same origin as the test requests) and the public site's (its canonical origin), on one store. */
let staff: ReturnType<typeof createApp>;
let app: ReturnType<typeof createApp>;
let asWriter: string;
let asBoard: string;
let photo: MediaRecord;

const call = (cookie: string, method: string, path: string, body?: unknown) => request(staff, method, path, { cookie, body });
const meta = (html: string, key: string) =>
  new RegExp(`<meta (?:name|property)="${key.replace(/[.:]/g, "\\$&")}" content="([^"]*)">`).exec(html)?.[1];
/** The markup without Solid's hydration markers, as a reader's browser shows it. */
const clean = (html: string) => html.replace(/<!--[\s\S]*?-->/g, "").replace(/ data-hk="[^"]*"/g, "");
const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];

async function publish(input: Record<string, unknown>) {
  const created = await call(asWriter, "POST", "/api/articles", {
    kind: "news",
    summary: "Vụ đông xuân năm nay, năng suất lúa toàn tỉnh Hòa Phong đạt khá.",
    body: "<p>Nội dung bài.</p>",
    section: "kinh-te",
    ...input,
  });
  expect(created.status, await created.clone().text()).toBe(201);
  const draft = await created.json();
  const approved = await call(asBoard, "POST", `/api/articles/${draft.id}/approve`, { version: draft.version });
  expect(approved.status, await approved.clone().text()).toBe(200);
  return approved.json();
}

async function page(path: string) {
  const res = await app.request(path);
  expect(res.status, path).toBe(200);
  return clean(await res.text());
}

beforeAll(async () => {
  store = await createTestStore();
  await createSections(store);
  staff = createApp({ store });
  app = createApp({ store, publicUrl: ORIGIN });
  const writer: User = await createUser(store, "writer", ["kinh-te"], "Lê Văn Viết");
  const board: User = await createUser(store, "section-editor", ["kinh-te"], "Trần Thị Duyệt");
  asWriter = await signIn(staff, writer.email);
  asBoard = await signIn(staff, board.email);
  const bytes = await sharp({ create: { width: 2000, height: 1250, channels: 3, background: "#c8a03c" } }).jpeg({ quality: 80 }).toBuffer();
  const imported = await MediaLibrary.importFile(store, { filename: "Mùa gặt.jpg", bytes: new Uint8Array(bytes), uploadedBy: { id: writer.id, name: writer.name } });
  photo = await MediaLibrary.update(store, imported.id, { alt: ALT });
}, 60_000);

describe("featured image on reader pages", () => {
  it("the article page shows a <picture> fetched first, with size attributes and OpenGraph pointing at a variant", async () => {
    const article = await publish({ title: "Hòa Phong được mùa lúa đông xuân", featuredImage: photo.id });
    const html = await page(`/bai-viet/${article.slug}`);
    const picture = /<figure class="article__image"><picture[^>]*>([\s\S]*?)<\/picture>/.exec(html)?.[1];
    expect(picture, "article picture").toBeDefined();
    const source = /<source[^>]*>/.exec(picture!)![0];
    expect(attr(source, "type")).toBe("image/webp");
    expect(attr(source, "srcset")).toBe(
      photo.variants!.filter((v) => v.format === "webp").map((v) => `${v.url} ${v.width}w`).join(", "),
    );
    expect(attr(source, "srcset")).toMatch(/\/media\/[\w-]+\/320\.webp 320w, .*1600\.webp 1600w$/);
    expect(attr(source, "sizes")).toBeTruthy();
    const img = /<img[^>]*>/.exec(picture!)![0];
    expect(attr(img, "srcset")).toContain("1024.jpg 1024w");
    expect(attr(img, "width")).toBe("2000");
    expect(attr(img, "height")).toBe("1250");
    expect(attr(img, "alt")).toBe(ALT);
    expect(attr(img, "loading")).toBe("eager");
    expect(attr(img, "fetchpriority")).toBe("high");
    expect(attr(img, "decoding")).toBe("async");
    // The placeholder rides in an attribute the client sets as background (no inline style under the page CSP).
    expect(attr(img, "data-placeholder")).toMatch(/^data:image\/webp;base64,/);
    expect(attr(img, "style")).toBeUndefined();

    const ogImage = meta(html, "og:image")!;
    // The pipeline's 1200 px share copy (the width OpenGraph and Twitter cards ask for).
    expect(ogImage).toBe(`${ORIGIN}/media/${photo.id}/1200.jpg`);
    expect(meta(html, "og:image:width")).toBe("1200");
    expect(meta(html, "og:image:height")).toBe(String(Math.round((1200 * 1250) / 2000)));
    expect(meta(html, "twitter:image")).toBe(ogImage);
    expect(meta(html, "twitter:card")).toBe("summary_large_image");
    // The variant really exists where the tag points (the bucket's media/ prefix, served by the CDN).
    expect((await head(store, `media/${photo.id}/1200.jpg`))?.ContentType).toBe("image/jpeg");
  });

  it("lists show a lazy thumbnail; the home lead's image is fetched first", async () => {
    const article = await publish({ title: "Giá lúa vụ mới tăng nhẹ", featuredImage: photo.id });
    const home = await page("/");
    const lead = /<div class="featured__lead">([\s\S]*?)<\/div>/.exec(home)?.[1];
    expect(lead).toContain(article.title);
    expect(lead).toMatch(/<img[^>]*fetchpriority="high"/);
    // The home page's section block lists both articles; the article page's related list the other one.
    const other = await page(`/bai-viet/${article.slug}`);
    const thumbs = [...(home + other).matchAll(/<picture class="picture article-list__thumb[^"]*">[\s\S]*?<img([^>]*)>/g)].map((m) => m[1]!);
    expect(thumbs.length).toBeGreaterThanOrEqual(3);
    for (const img of thumbs) {
      expect(attr(img, "loading")).toBe("lazy");
      expect(img).not.toContain("fetchpriority");
      expect(attr(img, "width")).toBe("2000");
    }
  });

  it("keeps the old typed image address for og:image when there is no library image", async () => {
    const article = await publish({ title: "Tin cũ có ảnh nhập tay", image: "/media/anh-cu/anh.jpg" });
    const html = await page(`/bai-viet/${article.slug}`);
    expect(meta(html, "og:image")).toBe(`${ORIGIN}/media/anh-cu/anh.jpg`);
    expect(meta(html, "og:image:width")).toBeUndefined();
    expect(html).toContain('<figure class="article__image"><img src="/media/anh-cu/anh.jpg"');
  });

  it("stores body images from the portal's /media/ only: an outside image is dropped, ours keeps alt, size and loading", async () => {
    const ours = photo.variants!.find((v) => v.width === 640 && v.format === "jpeg")!.url;
    const res = await call(asWriter, "POST", "/api/articles", {
      kind: "news",
      title: "Bài có ảnh trong nội dung",
      section: "kinh-te",
      body: `<p>Trước</p><img src="https://evil.example/x.png" alt="theo dõi"><img src="${ours}" alt="Cánh đồng" width="640" height="400" loading="lazy" onerror="x()"><img src="/media/../api/users"><img src="//evil.example/y.png">`,
    });
    expect(res.status).toBe(201);
    const body: string = (await res.json()).body;
    expect(body).not.toContain("evil.example");
    expect(body).not.toContain("..");
    expect(body).toBe(`<p>Trước</p><img src="${ours}" alt="Cánh đồng" width="640" height="400" loading="lazy" />`);
  });

  it("lists the featured image in the sitemap entry of its article (Google's image extension)", async () => {
    const pictured = await publish({ title: "Ảnh đại diện trong sơ đồ trang", featuredImage: photo.id });
    const plain = await publish({ title: "Tin không có ảnh" });
    const sitemap = parseXml(await (await app.request("/sitemap.xml")).text());
    expect(sitemap.attributes["xmlns:image"]).toBe("http://www.google.com/schemas/sitemap-image/1.1");
    const imagesOf = (slug: string) => {
      const entry = findAll(sitemap, "url").find((url) => url.children.find((c) => c.name === "loc")?.text === `${ORIGIN}/bai-viet/${slug}`);
      expect(entry, slug).toBeDefined();
      return findAll(entry!, "image:loc").map((loc) => loc.text);
    };
    expect(imagesOf(pictured.slug)).toEqual([`${ORIGIN}/media/${photo.id}/1600.jpg`]);
    expect(imagesOf(plain.slug)).toEqual([]);
  });
});
