/**
 * Readers' participation in real headless Chromium, one server and one browser for the file: a
 * reader rates an article and sends a comment; the board approves it on the dashboard's
 * moderation screen (/quan-tri/binh-luan); the reader, reloaded, sees it; axe-core finds no
 * WCAG 2.1 A/AA violation on the article page with its comments and rating form.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Users } from "../../functions/core/accounts/users";
import { SectionAdmin } from "../../functions/core/sections/section-admin";
import { Settings } from "../../functions/core/site/settings";
import type { Store } from "../../functions/core/storage/store";
import { freePort } from "../../scripts/local/emulators";
import { serveLocal, type LocalServer } from "../../scripts/local/server";
import { axeViolations } from "../support/axe";
import { PASSWORD } from "../support/auth";
import { launchChromium } from "../support/browser";
import { importArticle } from "../support/engine";
import { SITE } from "../support/reader-fixtures";
import { createTestStore } from "../support/store";

let store: Store;
let server: LocalServer;
let base: string;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let slug: string;
const BOARD = { email: "bien-tap-binh-luan@hoaphong.example.vn", name: "Trần Thị Duyệt" };
const COMMENT = "Đề nghị tỉnh công bố tiến độ thi công hằng tháng.\nXin cảm ơn Ban Biên tập.";

beforeAll(async () => {
  store = await createTestStore();
  await Settings.put(store, SITE);
  await SectionAdmin.create(store, { slug: "kinh-te", name: "Kinh tế", description: "", order: 1 });
  const board = await Users.create(store, { ...BOARD, password: PASSWORD, role: "section-editor", sections: ["kinh-te"] });
  const article = await importArticle(
    store,
    {
      kind: "news", sectionId: "kinh-te", title: "Hòa Phong khởi công đường ven sông Lam", summary: "Tuyến đường dài 12 km nối ba xã ven sông.",
      body: "<p>Sáng nay, tỉnh Hòa Phong khởi công tuyến đường ven sông Lam.</p>", byline: "Minh Anh", publishedAt: new Date(Date.now() - 3_600_000).toISOString(),
    },
    { id: board.id, name: board.name },
  );
  slug = article.slug;
  const port = await freePort();
  server = await serveLocal({ store }, { port, hostname: "127.0.0.1" });
  base = `http://127.0.0.1:${port}`;
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("readers' comments and ratings in Chromium", () => {
  it("a reader rates and comments; the board approves on the dashboard; the reader sees it; axe is clean", async () => {
    const reader = await browser.context.newPage();
    await reader.goto(`${base}/bai-viet/${slug}`);
    await reader.waitForSelector("html[data-hydrated]", { timeout: 15_000 });
    // The beacon sets the visitor cookie that makes the session; wait for it before rating.
    await expect.poll(async () => (await browser.context.cookies()).some((c) => c.name === "portal_vid"), { timeout: 10_000 }).toBe(true);

    const rating = reader.getByRole("group", { name: "Thông tin này có hữu ích với bạn không?" });
    const before = await rating.boundingBox();
    await rating.getByLabel("4 – Hữu ích").check();
    await reader.getByLabel("Góp ý thêm (không bắt buộc)").fill("Bài viết dễ hiểu.");
    await reader.getByRole("button", { name: "Gửi đánh giá" }).click();
    await expect.poll(() => reader.locator(".rating-form__status").textContent()).toContain("Cảm ơn bạn đã đánh giá");
    expect((await rating.boundingBox())?.height).toBe(before?.height);

    await reader.locator("#bl-name").fill("Nguyễn Văn An");
    await reader.locator("#bl-email").fill("an@example.vn");
    await reader.locator("#bl-content").fill(COMMENT);
    await reader.getByRole("button", { name: "Gửi ý kiến" }).click();
    await expect.poll(() => reader.locator(".reader-comments .form-receipt").textContent()).toContain("sẽ hiển thị sau khi Ban Biên tập duyệt");

    const dashboard = await browser.context.newPage();
    await dashboard.goto(`${base}/quan-tri/binh-luan`);
    await dashboard.getByLabel("Thư điện tử").fill(BOARD.email);
    await dashboard.getByLabel("Mật khẩu").fill(PASSWORD);
    await dashboard.getByRole("button", { name: "Đăng nhập" }).click();
    await dashboard.getByRole("heading", { name: "Bình luận của bạn đọc" }).waitFor();
    const item = dashboard.locator(".comment-queue__item").filter({ hasText: "Đề nghị tỉnh công bố tiến độ" });
    await expect.poll(() => item.count(), { timeout: 15_000 }).toBe(1);
    expect(await item.getByRole("link", { name: "Hòa Phong khởi công đường ven sông Lam" }).getAttribute("href")).toBe(`/bai-viet/${slug}`);
    await item.getByLabel(/Trả lời của Ban Biên tập/).fill("Cảm ơn bạn, tiến độ sẽ được cập nhật trên cổng.");
    await item.getByRole("button", { name: "Duyệt", exact: true }).click();
    await expect.poll(() => dashboard.locator(".status-line").textContent()).toContain("Đã duyệt ý kiến của Nguyễn Văn An");

    await reader.reload();
    await reader.waitForSelector("html[data-hydrated]", { timeout: 15_000 });
    expect(await reader.getByRole("heading", { name: "Các ý kiến của bạn đọc (1)" }).count()).toBe(1);
    expect(await reader.locator(".reader-comment__text").first().innerText()).toBe(COMMENT);
    expect(await reader.locator(".reader-comment__reply").innerText()).toContain("tiến độ sẽ được cập nhật");
    expect(await reader.content()).not.toContain("an@example.vn");

    expect(await axeViolations(reader)).toEqual([]);
  }, 120_000);
});
