/**
 * Every public URL of the contract (docs/architecture.md) through app.request(): status, cache headers, head
 * tags, content; and bad input of every kind answered with a Vietnamese 4xx page, never a 500.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { renderDocument } from "#ssr";
import type { PublishedArticle } from "../../functions/core/reader/articles";
import type { Store } from "../../functions/core/storage/store";
import { weekOf } from "../../functions/core/shared/week";
import { createApp } from "../../functions/http/app";
import { CACHE } from "../../functions/http/cache";
import type { AppProps } from "../../web/types";
import { ECONOMY_COUNT, seedReaderPortal, SITE } from "../support/reader-fixtures";
import { createTestStore } from "../support/store";

const ORIGIN = "https://tinhuy.example.vn";

const meta = (html: string, key: string) =>
  new RegExp(`<meta (?:name|property)="${key.replace(/[.:]/g, "\\$&")}" content="([^"]*)">`).exec(html)?.[1];
const canonical = (html: string) => /<link rel="canonical" href="([^"]*)">/.exec(html)?.[1];
/** The markup without Solid's hydration markers (comments, data-hk), as a reader's browser shows it. */
const clean = (html: string) => html.replace(/<!--[\s\S]*?-->/g, "").replace(/ data-hk="[^"]*"/g, "");
const decode = (text: string) => text.replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">");

describe("public pages", () => {
  let store: Store;
  let app: ReturnType<typeof createApp>;
  let seeded: Awaited<ReturnType<typeof seedReaderPortal>>;

  beforeAll(async () => {
    store = await createTestStore();
    seeded = await seedReaderPortal(store);
    app = createApp({ store, publicUrl: ORIGIN });
  });

  async function page(path: string, status = 200) {
    const res = await app.request(path);
    expect(res.status, path).toBe(status);
    expect(res.headers.get("content-type")).toContain("text/html");
    const html = clean(await res.text());
    expect(html).toContain('<html lang="vi">');
    return { res, html };
  }

  it("home: featured newest articles, every top-level section's newest, the layout around them", async () => {
    const { res, html } = await page("/");
    expect(res.headers.get("cache-control")).toBe(CACHE.page);
    expect(html).toContain(`<title>${SITE.name}</title>`);
    expect(canonical(html)).toBe(`${ORIGIN}/`);
    expect(meta(html, "og:type")).toBe("website");
    expect(meta(html, "og:url")).toBe(`${ORIGIN}/`);
    expect(meta(html, "twitter:card")).toBe("summary");
    expect(html).toContain("Tin nổi bật");
    expect(html).toContain("Lễ hội đình làng được công nhận di sản"); // newest overall
    expect(html).toContain('href="/chuyen-muc/kinh-te"');
    expect(html).toContain("Bỏ qua, đến nội dung chính");
    expect(html).toContain(SITE.address);
    expect(html).toContain('<link rel="alternate" type="application/rss+xml"');
    // The child section is not in the main navigation.
    expect(html).not.toMatch(/class="main-nav"[\s\S]*href="\/chuyen-muc\/nong-nghiep"[\s\S]*<\/nav>[\s\S]*<main/);
  });

  it("section: 20 per page, numbered pages, page 2 holds the rest, canonical per page", async () => {
    const first = (await page("/chuyen-muc/kinh-te")).html;
    expect(canonical(first)).toBe(`${ORIGIN}/chuyen-muc/kinh-te`);
    expect(first).toContain(`${ECONOMY_COUNT} bài viết · trang 1/2`);
    expect(first).toContain('href="/chuyen-muc/kinh-te?trang=2"');
    expect(first).toContain(seeded.economy[0]!.title);
    expect(first).not.toContain(seeded.economy[20]!.title);
    expect(first).toContain('href="/chuyen-muc/nong-nghiep"'); // child sections listed

    const second = (await page("/chuyen-muc/kinh-te?trang=2")).html;
    expect(canonical(second)).toBe(`${ORIGIN}/chuyen-muc/kinh-te?trang=2`);
    expect(second).toContain("<title>Kinh tế - Trang 2 - Tỉnh ủy Thử Nghiệm</title>");
    for (const article of seeded.economy.slice(20)) expect(second).toContain(article.title);
    expect(second).not.toContain(seeded.economy[19]!.title);
    expect(second).toContain('rel="prev"');
    expect(canonical((await page("/chuyen-muc/kinh-te?trang=1")).html)).toBe(`${ORIGIN}/chuyen-muc/kinh-te`);
  });

  it("article: date and time in vi-VN, section, byline, source, share links, OpenGraph and JSON-LD", async () => {
    const article = seeded.culture[0]!;
    const { html } = await page(`/bai-viet/${article.slug}`);
    const url = `${ORIGIN}/bai-viet/${article.slug}`;
    expect(html).toContain("Cập nhật: <time");
    expect(html).toContain("02/11/2026 15:40");
    expect(html).toContain("Thu Hà");
    expect(html).toContain('<a href="https://bao.thunghiem.example.vn/le-hoi" rel="noopener nofollow">Báo Thử Nghiệm</a>');
    expect(html).toContain(`https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(url)}`);
    expect(html).toContain(`https://sp.zalo.me/share_inline?url=${encodeURIComponent(url)}`);
    expect(meta(html, "og:type")).toBe("article");
    expect(decode(meta(html, "og:title")!)).toBe(article.title);
    expect(decode(meta(html, "description")!)).toBe(article.summary);
    expect(meta(html, "article:published_time")).toBe(article.publishedAt);
    expect(meta(html, "article:section")).toBe("Văn hóa");
    const jsonLd = JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)![1]!);
    expect(jsonLd).toMatchObject({
      "@context": "https://schema.org",
      "@type": "NewsArticle",
      headline: article.title,
      datePublished: article.publishedAt,
      mainEntityOfPage: { "@id": url },
      author: [{ "@type": "Person", name: "Thu Hà" }],
      publisher: { "@type": "Organization", name: SITE.name },
      articleSection: "Văn hóa",
      isBasedOn: "https://bao.thunghiem.example.vn/le-hoi",
    });
    expect(html).toContain("Tin cùng chuyên mục");
  });

  it("article image: absolute og:image, large Twitter card, JSON-LD image", () => {
    const article: PublishedArticle = { ...seeded.shrimp, image: "/media/anh/tom.webp" };
    const props: AppProps = { site: SITE, sections: [], banners: [], path: "/bai-viet/x", url: `${ORIGIN}/bai-viet/x`, page: { kind: "article", article, related: [] } };
    const html = renderDocument(props, { origin: ORIGIN, path: "/bai-viet/x" });
    expect(meta(html, "og:image")).toBe(`${ORIGIN}/media/anh/tom.webp`);
    expect(meta(html, "twitter:card")).toBe("summary_large_image");
    expect(html).toContain('"image":["https://tinhuy.example.vn/media/anh/tom.webp"]');
  });

  it("search: diacritic-insensitive, highlighted, paged, noindex, its own cache policy", async () => {
    const { res, html } = await page("/tim-kiem?q=tom+cang+xanh");
    expect(res.headers.get("cache-control")).toBe(CACHE.search);
    expect(meta(html, "robots")).toBe("noindex, follow");
    expect(html).toContain("Tìm thấy 1 bài viết");
    expect(html).toMatch(/<mark[^>]*>tôm<\/mark>/);
    expect(html).toContain(`href="/bai-viet/${seeded.shrimp.slug}"`);
    expect(canonical(html)).toBe(`${ORIGIN}/tim-kiem?q=tom+cang+xanh`);

    const paged = (await page("/tim-kiem?q=ban+tin&trang=2")).html;
    expect(paged).toContain("trang 2/3");
    expect(paged).toMatch(/<ol class="search-results" start="11"/);

    const empty = (await page("/tim-kiem")).html;
    expect(empty).toContain('name="q"');
    expect(empty).not.toContain("Tìm thấy");
    expect((await page("/tim-kiem?q=xyzzy")).html).toContain("Không tìm thấy bài viết nào");
  });

  it("schedule: this week by default, any valid ISO week by ?tuan=", async () => {
    const now = (await page("/lich-cong-tac")).html;
    expect(now).toContain(`Tuần ${weekOf(new Date()).week} năm`);
    expect(now).toContain("(tuần này)");
    const week = (await page("/lich-cong-tac?tuan=2026-W53")).html;
    expect(week).toContain("Tuần 53 năm 2026");
    expect(week).toContain("từ thứ Hai 28/12/2026 đến Chủ nhật 03/01/2027");
    expect(week).toContain('href="/lich-cong-tac?tuan=2027-W01"');
    expect(canonical(week)).toBe(`${ORIGIN}/lich-cong-tac?tuan=2026-W53`);
  });

  it.each([
    ["/van-ban", "Văn bản"],
    ["/gop-y", "Góp ý dự thảo"],
    ["/thu-vien-anh", "Thư viện ảnh"],
    ["/video", "Video"],
  ])("%s is an honest empty page until its content type exists", async (path, title) => {
    const { html } = await page(path);
    expect(html).toContain(`<title>${title} - Tỉnh ủy Thử Nghiệm</title>`);
    expect(html).toContain("Chưa có nội dung");
  });

  it.each([
    ["/chuyen-muc/kinh-te?trang=abc", 400],
    ["/chuyen-muc/kinh-te?trang=0", 400],
    ["/chuyen-muc/kinh-te?trang=-1", 400],
    ["/chuyen-muc/kinh-te?trang=1.5", 400],
    ["/chuyen-muc/kinh-te?trang=02", 400],
    ["/chuyen-muc/kinh-te?trang=99999999999", 400],
    ["/chuyen-muc/kinh-te?trang=%E0%A4%A", 400],
    ["/chuyen-muc/kinh-te?trang=3", 404],
    ["/chuyen-muc/kinh-te?trang=999999", 404],
    ["/chuyen-muc/%E0%A4%A", 404],
    ["/chuyen-muc/khong-co", 404],
    ["/chuyen-muc/khong-co/rss.xml", 404],
    ["/bai-viet/" + "a".repeat(5000), 404],
    ["/tim-kiem?q=" + "tỉnh ".repeat(50), 400],
    ["/tim-kiem?q=ban+tin&trang=abc", 400],
    ["/tim-kiem?q=ban+tin&trang=99", 404],
    ["/lich-cong-tac?tuan=2026-W99", 400],
    ["/lich-cong-tac?tuan=2025-W53", 400],
    ["/lich-cong-tac?tuan=2026-W00", 400],
    ["/lich-cong-tac?tuan=2026W10", 400],
    ["/lich-cong-tac?tuan=%E0%A4%A", 400],
    ["/lich-cong-tac?tuan=", 400],
    ["/van-ban/nghi-quyet-01", 404],
    ["/van-ban/%00", 404],
    ["/gop-y/du-thao-luat", 404],
    ["/sitemaps/khong-co.xml", 404],
  ])("%s → %i, a Vietnamese page, never a 500", async (path, status) => {
    const { res, html } = await page(path, status);
    expect(html).toContain(status === 400 ? "Yêu cầu không hợp lệ" : "Không tìm thấy trang");
    expect(meta(html, "robots")).toBe("noindex, follow");
    expect(res.headers.get("cache-control")).toBe(status === 400 ? CACHE.badRequest : CACHE.notFound);
  });

  it.each([["/tim-kiem?q=%E0%A4%A"], ["/tim-kiem?q=%00%01%FF"], ["/tim-kiem?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E"], ["/tim-kiem?q=tom&q=ca"], ["/tim-kiem?q=%20%20%20"]])(
    "%s is answered, escaped, without a 500",
    async (path) => {
      const { html } = await page(path);
      // Inside a quoted attribute "<" is plain text; outside of one it must be escaped.
      expect(html.replace(/="[^"]*"/g, '=""')).not.toContain("<script>alert(1)");
    },
  );
});
