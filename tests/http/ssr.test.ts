import { describe, expect, it } from "vitest";
import { preparePage, renderDocument, solidRenderer } from "#ssr";
import type { AppProps } from "../../web/types";

const site = { name: "Cổng thông tin điện tử Tỉnh ủy Thử Nghiệm", shortName: "Tỉnh ủy Thử Nghiệm", address: "", phone: "", email: "" };
const sections = [{ id: "kinh-te", slug: "kinh-te", name: "Kinh tế", description: "", order: 1 }];
const article = {
  id: "a1",
  slug: "bai-thu",
  kind: "news" as const,
  title: 'Tiêu đề có </script><img src=x onerror="alert(1)">',
  summary: "Tóm tắt",
  body: "<p>Thân bài <strong>đậm</strong></p>",
  sectionId: "kinh-te",
  byline: "Minh Khoa",
  tags: [],
  publishedAt: "2021-11-30T01:05:00.000Z",
  updatedAt: "2021-11-30T01:05:00.000Z",
  approvedBy: { id: "u-secret-approver", name: "Người duyệt" },
  // What a raw stored item would add: none of it may reach the island props.
  pk: "ARTICLE#a1",
  sk: "PUBLISHED",
  gsi1pk: "SECTION#kinh-te",
  readerComments: [{ id: "c1", name: "Bạn đọc", content: "Ý kiến đã duyệt", at: "2021-11-30T02:00:00.000Z" }],
  commentCount: 1,
};
const islandProps = (html: string) => /<script id="island-props" type="application\/json">([\s\S]*?)<\/script>/.exec(html)![1]!;

describe("server rendering with Solid", () => {
  const props: AppProps = { site, sections, banners: [], path: "/bai-viet/bai-thu", url: "https://tinhuy.example.vn/bai-viet/bai-thu", page: { kind: "article", article, related: [] } };
  const html = renderDocument(props, { origin: "https://tinhuy.example.vn", path: "/bai-viet/bai-thu" });

  it("produces a Vietnamese document with islands, no inline script, and the client entry", () => {
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).toContain('<html lang="vi">');
    // Islands only (web/island.tsx): hydration keys inside islands, each with its own prefix; none outside.
    expect(html).not.toContain("_$HY");
    const islands = [...html.matchAll(/<(div|span) class="island" data-island="([\w-]+)" data-island-id="(\d+)">/g)].map((m) => m[2]);
    expect(islands).toEqual(["top-bar", "main-menu", "view-count", "share-bar", "rating-form", "comment-form", "visitor-box"]);
    expect(html).toMatch(/data-hk="i2-/);
    for (const [, key] of html.matchAll(/data-hk="([^"]*)"/g)) expect(key).toMatch(/^i\d+-/);
    expect(html).toContain('<h1 class="article__title">');
    expect(html).toContain('<div class="article__body" data-article-body><p>');
    // Every inline <script> is data, never code (the pages' CSP allows no inline script).
    for (const [, attrs] of html.matchAll(/<script([^>]*)>(?!<\/script>)/g)) expect(attrs).toMatch(/type="application\/(ld\+)?json"/);
    // Each island's chunk is preloaded, so it loads beside the entry, not after it.
    expect(html).toMatch(/<link rel="modulepreload" href="\/assets\/RatingForm-[\w-]+\.js">/);
    expect(html).not.toMatch(/GalleryViewer-/);
    expect(html).toMatch(/<script type="module" src="\/assets\/entry-client-[\w-]+\.js"><\/script>/);
    expect(html).toMatch(/<link rel="stylesheet" href="\/assets\/entry-client-[\w-]+\.css">/);
  });

  it("formats the date and time in vi-VN, in Vietnam's time zone", () => {
    expect(html).toContain("30/11/2021 08:05");
  });

  it("escapes a hostile title everywhere it appears", () => {
    expect(html).not.toContain("<img src=x");
    expect(html).toContain("&lt;/script>&lt;img src=x onerror=");
    const embedded = islandProps(html);
    expect(embedded).not.toContain("</script");
    expect(JSON.parse(embedded)).toContainEqual({ url: props.url, title: article.title });
  });

  it("ships only each island's own props: no body, no stored keys, no approver, no reader comments", () => {
    const embedded = islandProps(html);
    expect(JSON.parse(embedded)).toEqual([
      {},
      { sections: [{ slug: "kinh-te", name: "Kinh tế" }], path: "/bai-viet/bai-thu" },
      { articleId: "a1" },
      { url: props.url, title: article.title },
      { kind: "articles", id: "a1" },
      { kind: "articles", itemId: "a1" },
      {},
    ]);
    for (const secret of ["Thân bài", "ARTICLE#a1", "gsi1pk", "u-secret-approver", "Ý kiến đã duyệt", "Tóm tắt"]) expect(embedded).not.toContain(secret);
    // The body and the approved comment are rendered once, as HTML.
    expect(html.split("Thân bài").length - 1).toBe(1);
    expect(html.split("Ý kiến đã duyệt").length - 1).toBe(1);
    expect(html).toContain('data-article-id="a1"');
  });
});

// web/render.ts stands in for Solid's renderToString without its serializer: the same context,
// so the same HTML and hydration keys. Compared on pages with islands, on a page kind loaded on
// first use, and on a page with a hostile title.
describe("the site's renderer (web/render.ts)", () => {
  const options = { origin: "https://tinhuy.example.vn", path: "/" };
  const pages: AppProps["page"][] = [
    { kind: "article", article, related: [] },
    { kind: "home", featured: [], bySection: [], today: { date: "2026-11-28", items: [] }, documents: [] },
    { kind: "accessibility" },
    { kind: "notices", notices: [] },
    { kind: "not-found", message: "Không có trang này." },
  ];

  for (const page of pages) {
    it(`renders the ${page.kind} page as Solid's renderToString does`, async () => {
      await preparePage(page.kind);
      const of = (render?: typeof solidRenderer) => renderDocument({ site, sections, banners: [], path: "/", url: "https://tinhuy.example.vn/", page }, options, render);
      const ours = of();
      expect(ours).toContain('data-hk="i0-');
      expect(ours).toBe(of(solidRenderer));
    });
  }

  it("loads a page kind once: nothing to wait for the second time", async () => {
    await preparePage("site-map");
    expect(preparePage("site-map")).toBeUndefined();
    expect(preparePage("article")).toBeUndefined();
  });
});
