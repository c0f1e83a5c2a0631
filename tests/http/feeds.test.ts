import { articles } from "../../functions/core/content/articles";
import { articleEngine, importArticle } from "../support/engine";
import { PutCommand, TransactWriteCommand } from "../../functions/core/storage/db";
import { beforeAll, describe, expect, it } from "vitest";
import { Articles, type PublishedArticle } from "../../functions/core/reader/articles";
import { Keys } from "../../functions/core/storage/keys";
import { ReaderIndex } from "../../functions/core/publishing/reader-index";
import type { Store } from "../../functions/core/storage/store";
import { createApp } from "../../functions/http/app";
import { CACHE } from "../../functions/http/cache";
import { SITEMAP_SINGLE_MAX } from "../../functions/http/reader/feed-bodies";
import { seedReaderPortal } from "../support/reader-fixtures";
import { createTestStore } from "../support/store";
import { findAll, parseXml, textOf } from "../support/xml";

const ORIGIN = "https://tinhuy.example.vn";
const articleUrl = (a: PublishedArticle) => `${ORIGIN}/bai-viet/${a.slug}`;

async function xml(app: ReturnType<typeof createApp>, path: string, type: string) {
  const res = await app.request(path);
  expect(res.status, path).toBe(200);
  expect(res.headers.get("content-type")).toBe(`${type}; charset=utf-8`);
  expect(res.headers.get("cache-control")).toBe(CACHE.feed);
  return parseXml(await res.text());
}

describe("RSS feeds and sitemaps", () => {
  let store: Store;
  let app: ReturnType<typeof createApp>;
  let published: PublishedArticle[];
  let economy: PublishedArticle[];
  let culture: PublishedArticle[];

  beforeAll(async () => {
    store = await createTestStore();
    const seeded = await seedReaderPortal(store);
    // Everything XML must escape, and a control character XML cannot carry at all.
    const hostile = await importArticle(
      store,
      { kind: "news", sectionId: "van-hoa", title: 'Hỏi & đáp: "di sản" 5 < 10 > 2 \u0007', summary: "Tóm tắt có ký tự ]]> và &amp;", body: "<p>x</p>", byline: "D", publishedAt: "2026-06-01T08:00:00+07:00" },
      { id: "u", name: "U" },
    );
    // Unpublished articles must vanish from every feed.
    const gone = seeded.economy[2]!;
    await store.db.send(
      new TransactWriteCommand({
        TransactItems: [{ Delete: { TableName: store.table, Key: Keys.publishedView(gone.slug) } }, ...ReaderIndex.unpublishItems(articles, store, gone.id, gone)],
      }),
    );
    economy = seeded.economy.filter((a) => a !== gone);
    culture = [...seeded.culture, seeded.shrimp, hostile];
    published = [...economy, ...culture];
    app = createApp({ store, publicUrl: ORIGIN });
  });

  it("/rss.xml is RSS 2.0 listing exactly the published articles, newest first", async () => {
    const rss = await xml(app, "/rss.xml", "application/rss+xml");
    expect(rss.name).toBe("rss");
    expect(rss.attributes.version).toBe("2.0");
    const channel = findAll(rss, "channel")[0]!;
    expect(textOf(channel, "title")).toBe("Cổng thông tin điện tử Tỉnh ủy Thử Nghiệm");
    expect(textOf(channel, "language")).toBe("vi");
    expect(findAll(channel, "atom:link")[0]!.attributes.href).toBe(`${ORIGIN}/rss.xml`);
    const items = findAll(channel, "item");
    expect(items.map((item) => textOf(item, "link")).sort()).toEqual(published.map(articleUrl).sort());
    const dates = items.map((item) => Date.parse(textOf(item, "pubDate")!));
    expect(dates.every((d) => !Number.isNaN(d))).toBe(true);
    expect([...dates].sort((a, b) => b - a)).toEqual(dates);
    for (const item of items) expect(textOf(item, "guid")).toBe(textOf(item, "link"));
    // Imports clean titles like editors' (control characters dropped); the feed escapes the rest.
    expect(items.map((item) => textOf(item, "title"))).toContain('Hỏi & đáp: "di sản" 5 < 10 > 2');
  });

  it("/chuyen-muc/:slug/rss.xml lists exactly that section's articles; an unknown section is a 404", async () => {
    const rss = await xml(app, "/chuyen-muc/kinh-te/rss.xml", "application/rss+xml");
    expect(findAll(rss, "item").map((item) => textOf(item, "link")).sort()).toEqual(economy.map(articleUrl).sort());
    expect(findAll(rss, "item").every((item) => textOf(item, "category") === "Kinh tế")).toBe(true);
    const res = await app.request("/chuyen-muc/khong-co/rss.xml");
    expect(res.status).toBe(404);
  });

  it("/sitemap.xml lists the home page, the sections and exactly the published articles, with lastmod", async () => {
    const sitemap = await xml(app, "/sitemap.xml", "application/xml");
    expect(sitemap.name).toBe("urlset");
    expect(sitemap.attributes.xmlns).toBe("http://www.sitemaps.org/schemas/sitemap/0.9");
    const urls = findAll(sitemap, "url");
    const locs = urls.map((url) => textOf(url, "loc")!);
    expect(locs.filter((loc) => loc.includes("/bai-viet/")).sort()).toEqual(published.map(articleUrl).sort());
    expect(locs).toEqual(expect.arrayContaining([`${ORIGIN}/`, `${ORIGIN}/chuyen-muc/kinh-te`, `${ORIGIN}/chuyen-muc/van-hoa`]));
    for (const url of urls.filter((u) => textOf(u, "loc")!.includes("/bai-viet/"))) {
      expect(textOf(url, "lastmod")).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    }
  });

  it("robots.txt points to the sitemap", async () => {
    const res = await app.request("/robots.txt");
    const text = await res.text();
    expect(text).toContain(`Sitemap: ${ORIGIN}/sitemap.xml`);
    expect(text).toContain("Disallow: /api/");
  });

  it("serves the site's icon, named by every page; /favicon.ico redirects to it instead of a 404 page", async () => {
    const icon = await app.request("/favicon.svg");
    expect(icon.status).toBe(200);
    expect(icon.headers.get("content-type")).toBe("image/svg+xml");
    expect(icon.headers.get("cache-control")).toContain("max-age=3600");
    expect(await icon.text()).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[\s\S]*<\/svg>$/);
    const legacy = await app.request("/favicon.ico");
    expect(legacy.status).toBe(301);
    expect(legacy.headers.get("location")).toBe("/favicon.svg");
    for (const path of ["/", "/khong-co-trang-nay"]) {
      expect(await (await app.request(path)).text(), path).toContain('<link rel="icon" type="image/svg+xml" href="/favicon.svg">');
    }
  });

  it("becomes a sitemap index by month when large, each month listing exactly its articles", async () => {
    // Counts as if more than SITEMAP_SINGLE_MAX articles had been published in 2019: the index
    // reads counts only, so those articles need not exist for this test.
    const perMonth = Math.ceil((SITEMAP_SINGLE_MAX + 1) / 12);
    for (let month = 1; month <= 12; month++) {
      const key = Keys.publishedCount(undefined, `2019-${String(month).padStart(2, "0")}`);
      await store.db.send(new PutCommand({ TableName: store.table, Item: { ...key, n: perMonth, d01: perMonth, lastmod: "2019-12-31T00:00:00.000Z" } }));
    }

    const index = await xml(app, "/sitemap.xml", "application/xml");
    expect(index.name).toBe("sitemapindex");
    const locs = findAll(index, "sitemap").map((s) => textOf(s, "loc")!);
    expect(locs).toContain(`${ORIGIN}/sitemaps/trang.xml`);
    expect(locs).toContain(`${ORIGIN}/sitemaps/bai-viet-2026-10.xml`);
    expect(locs).toContain(`${ORIGIN}/sitemaps/bai-viet-2019-05.xml`);

    const october = await xml(app, "/sitemaps/bai-viet-2026-10.xml", "application/xml");
    const octoberArticles = published.filter((a) => a.publishedAt.startsWith("2026-10"));
    expect(findAll(october, "loc").map((l) => l.text).sort()).toEqual(octoberArticles.map(articleUrl).sort());
    const pages = await xml(app, "/sitemaps/trang.xml", "application/xml");
    expect(findAll(pages, "loc").map((l) => l.text)).toContain(`${ORIGIN}/chuyen-muc/van-hoa`);
    for (const path of ["/sitemaps/bai-viet-2026-13.xml", "/sitemaps/bai-viet-1999-01.xml", "/sitemaps/khac.xml"]) {
      expect((await app.request(path)).status, path).toBe(404);
    }
  });
});
