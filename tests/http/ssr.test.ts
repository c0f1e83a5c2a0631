import { describe, expect, it } from "vitest";
import { renderDocument } from "#ssr";
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
  approvedBy: { id: "u", name: "Người duyệt" },
};

describe("server rendering with Solid", () => {
  const props: AppProps = { site, sections, banners: [], path: "/bai-viet/bai-thu", url: "https://tinhuy.example.vn/bai-viet/bai-thu", page: { kind: "article", article, related: [] } };
  const html = renderDocument(props, { origin: "https://tinhuy.example.vn", path: "/bai-viet/bai-thu" });

  it("produces a Vietnamese document with hydration markers and the client entry", () => {
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain("_$HY"); // Solid's hydration bootstrap
    expect(html).toMatch(/data-hk="/);
    expect(html).toMatch(/<script type="module" src="\/assets\/entry-client-[\w-]+\.js"><\/script>/);
    expect(html).toMatch(/<link rel="stylesheet" href="\/assets\/entry-client-[\w-]+\.css">/);
  });

  it("formats the date and time in vi-VN, in Vietnam's time zone", () => {
    expect(html).toContain("30/11/2021 08:05");
  });

  it("escapes a hostile title everywhere it appears", () => {
    expect(html).not.toContain("<img src=x");
    expect(html).toContain("&lt;/script>&lt;img src=x onerror=");
    const embedded = /<script id="page-props" type="application\/json">([\s\S]*?)<\/script>/.exec(html)![1]!;
    expect(embedded).not.toContain("</script");
    expect(JSON.parse(embedded).page.article.title).toBe(article.title);
  });

  it("embeds the props for hydration without a second copy of the body", () => {
    const embedded = JSON.parse(/<script id="page-props" type="application\/json">([\s\S]*?)<\/script>/.exec(html)![1]!);
    expect(embedded.page.article.body).toBe("");
    expect(html.split("Thân bài").length - 1).toBe(1);
  });
});
