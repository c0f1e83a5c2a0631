import { beforeAll, describe, expect, it } from "vitest";
import type { PublishedArticle } from "../../functions/core/reader/articles";
import { sdkObjects } from "../../functions/core/storage/sdk-store";
import { s3Of, type Store } from "../../functions/core/storage/store";
import { createApp } from "../../functions/http/app";
import { seedSmallPortal } from "../support/fixtures";
import { createTestStore } from "../support/store";

describe("reader routes with app.request()", () => {
  let store: Store;
  let app: ReturnType<typeof createApp>;
  let articles: PublishedArticle[];

  beforeAll(async () => {
    store = await createTestStore();
    ({ articles } = await seedSmallPortal(store));
    app = createApp({ store, publicUrl: "https://tinhuy.example.vn" });
  });

  it("GET /api/health answers ok when the table and bucket answer", async () => {
    const res = await app.request("/api/health");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("GET /api/health answers 503 when the bucket is missing", async () => {
    // The store's objects are bound to their bucket when built: a store on a missing bucket.
    const broken = createApp({ store: { ...store, bucket: "khong-ton-tai", objects: sdkObjects(s3Of(store), "khong-ton-tai") } });
    const res = await broken.request("/api/health");
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ ok: false, checks: { table: true, bucket: false } });
  });

  it("renders the home page with the latest articles, newest first, in Vietnamese", async () => {
    const res = await app.request("/");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(res.headers.get("cache-control")).toContain("s-maxage=");
    const html = await res.text();
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain("<title>Cổng thông tin điện tử Tỉnh ủy Thử Nghiệm</title>");
    const order = ["Lễ hội đình làng", "Xuất khẩu nông sản", "Khởi công khu công nghiệp"].map((t) => html.indexOf(t));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(html).toContain("02/11/2026");
    expect(html).toContain('href="/chuyen-muc/kinh-te"');
  });

  it("renders an article with its date, byline and source", async () => {
    const collected = articles[1]!;
    const res = await app.request(`/bai-viet/${collected.slug}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`<title>${collected.title} - Tỉnh ủy Thử Nghiệm</title>`);
    expect(html).toContain("<p>Lễ hội diễn ra vào rằm tháng Giêng.</p>");
    expect(html).toContain("02/11/2026 15:40");
    expect(html).toContain("Thu Hà");
    expect(html).toContain("Báo Thử Nghiệm");
    expect(html).toContain(`<link rel="canonical" href="https://tinhuy.example.vn/bai-viet/${collected.slug}">`);
  });

  it("renders a section page with only that section's articles", async () => {
    const html = await (await app.request("/chuyen-muc/kinh-te")).text();
    expect(html).toContain("Xuất khẩu nông sản");
    expect(html).toContain("Khởi công khu công nghiệp");
    expect(html).not.toContain("Lễ hội đình làng");
  });

  it.each([
    ["/bai-viet/khong-co-bai-nay"],
    ["/bai-viet/%E0%A4%A"],
    ["/bai-viet/..%2F..%2Fetc%2Fpasswd"],
    ["/chuyen-muc/khong-co"],
    ["/trang-khong-ton-tai"],
    ["/%"],
  ])("answers %s with a Vietnamese 404 page", async (path) => {
    const res = await app.request(path);
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain("Không tìm thấy trang");
  });

  it("lists the sections as the contract says: an array of { id, slug, name, … } in navigation order", async () => {
    const res = await app.request("/api/sections");
    expect(res.status).toBe(200);
    const sections = await res.json();
    expect(Array.isArray(sections)).toBe(true);
    expect(sections.map((s: { slug: string }) => s.slug)).toEqual(["kinh-te", "van-hoa"]);
    expect(sections[0]).toMatchObject({ id: "kinh-te", slug: "kinh-te", name: "Kinh tế" });
  });

  it("answers unknown API paths with a JSON 404", async () => {
    const res = await app.request("/api/khong-co");
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: "NOT_FOUND", message: expect.stringContaining("API") } });
  });

  it("serves robots.txt as text, not the page shell", async () => {
    const res = await app.request("/robots.txt");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain");
    const text = await res.text();
    expect(text).toContain("User-agent: *");
    expect(text).not.toContain("<html");
  });

  it("shows a Vietnamese error page, not a stack trace, when the table is unreachable", async () => {
    const broken = createApp({ store: { ...store, table: "bang-khong-ton-tai" } });
    const res = await broken.request("/");
    expect(res.status).toBe(500);
    const html = await res.text();
    expect(html).toContain("Đã có lỗi xảy ra");
    expect(html).not.toMatch(/ResourceNotFound|at .*\.ts/);
  });
});
