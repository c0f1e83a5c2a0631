/**
 * The public duties in real headless Chromium (one server, one browser for the file): an outage
 * notice's banner on every page type; text size and high contrast chosen once, applied on the next
 * pages before hydration; axe-core clean with high contrast on; the phone menu at 375 px by keyboard.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { videoImport, videos } from "../../functions/core/content/videos";
import { createEngine } from "../../functions/core/publishing/engine";
import { Published } from "../../functions/core/reader/published";
import { NoticeAdmin } from "../../functions/core/site/notice-admin";
import type { Store } from "../../functions/core/storage/store";
import { freePort } from "../../scripts/local/emulators";
import { serveLocal, type LocalServer } from "../../scripts/local/server";
import { seedConsultations } from "../../scripts/seed/consultations";
import { seedDocuments } from "../../scripts/seed/documents";
import { seedSchedules } from "../../scripts/seed/schedules";
import { axeViolations } from "../support/axe";
import { launchChromium } from "../support/browser";
import { seedSmallPortal } from "../support/fixtures";
import { createTestStore } from "../support/store";

let store: Store;
let server: LocalServer;
let base: string;
let browser: Awaited<ReturnType<typeof launchChromium>>;
const paths: Record<string, string> = {};
const MESSAGE = "Nâng cấp hệ thống lưu trữ của Cổng.";

beforeAll(async () => {
  store = await createTestStore();
  const { articles } = await seedSmallPortal(store);
  const board = { id: "u-board", name: "Ban Biên tập" };
  await seedDocuments(store, board);
  await seedSchedules(store, board);
  await seedConsultations(store, board);
  const video = await createEngine(videos, { store }).importPublished(
    videoImport({ sectionId: "kinh-te", title: "Hội nghị trực tuyến toàn tỉnh", summary: "Truyền hình trực tiếp hội nghị.", embedUrl: "https://youtu.be/HoaPhong-01", publishedAt: "2026-08-01T08:00:00+07:00" }),
    board,
  );
  const slugOf = async (space: string) => (await Published.latest<{ slug: string }>(store, space, { limit: 1, attributes: ["slug"] })).items[0]!.slug;
  Object.assign(paths, {
    home: "/",
    section: "/chuyen-muc/kinh-te",
    article: `/bai-viet/${articles[0]!.slug}`,
    document: `/van-ban/${await slugOf("DOCUMENT")}`,
    schedule: "/lich-cong-tac",
    consultation: `/gop-y/${await slugOf("CONSULTATION")}`,
    gallery: "/thu-vien-anh",
    video: `/video/${(video as { slug: string }).slug}`,
    search: "/tim-kiem?q=xuat+khau",
  });
  const now = Date.now();
  await NoticeAdmin.create(
    store,
    { startsAt: new Date(now + 3_600_000).toISOString(), endsAt: new Date(now + 4 * 3_600_000).toISOString(), message: MESSAGE, urgent: true, reason: "Ổ đĩa báo lỗi." },
    { id: "u-admin", name: "Quản trị" },
  );
  const port = await freePort();
  server = await serveLocal({ store }, { port, hostname: "127.0.0.1" });
  base = `http://127.0.0.1:${port}`;
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("public duties in Chromium", () => {
  it("shows the notice banner on every page type", async () => {
    const page = await browser.context.newPage();
    const missing: string[] = [];
    for (const [kind, path] of Object.entries(paths)) {
      const res = await page.goto(base + path);
      expect(res?.status(), path).toBe(200);
      await page.waitForSelector("html[data-hydrated]", { timeout: 10_000 });
      const text = await page.locator("[data-notice-banner]").textContent().catch(() => "");
      if (!text?.includes(MESSAGE)) missing.push(kind);
    }
    expect(missing).toEqual([]);
    await page.close();
  }, 90_000);

  it("keeps text size and high contrast across pages, applied before hydration; axe clean with high contrast", async () => {
    const page = await browser.context.newPage();
    await page.goto(`${base}/`);
    await page.waitForSelector("html[data-hydrated]");
    await page.getByRole("button", { name: "Tăng cỡ chữ" }).click();
    await page.getByRole("button", { name: "Tương phản cao" }).click();
    expect(await page.getByRole("button", { name: "Tương phản cao" }).getAttribute("aria-pressed")).toBe("true");
    const size = () => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
    expect(await size()).toBeCloseTo(18, 0);
    // The next page: the classes are there as soon as the DOM is parsed (the head script), before any module runs.
    await page.goto(`${base}${paths.document}`, { waitUntil: "domcontentloaded" });
    expect(await page.evaluate(() => [document.documentElement.classList.contains("chu-lg"), document.documentElement.classList.contains("tuong-phan")])).toEqual([true, true]);
    await page.waitForSelector("html[data-hydrated]");
    expect(await page.getByRole("button", { name: "Tương phản cao" }).getAttribute("aria-pressed")).toBe("true");

    const found: Record<string, string[]> = {};
    const checked = [paths.home!, paths.article!, "/thong-ke", "/tiep-can", "/so-do-cong", "/thong-bao"];
    for (const path of checked) {
      await page.goto(base + path);
      await page.waitForSelector("html[data-hydrated]");
      expect(await page.evaluate(() => document.documentElement.classList.contains("tuong-phan")), path).toBe(true);
      found[path] = await axeViolations(page);
    }
    expect(found).toEqual(Object.fromEntries(checked.map((path) => [path, []])));

    // Back to normal: A resets the size, the switch turns contrast off, and that persists too.
    await page.getByRole("button", { name: "Cỡ chữ mặc định" }).click();
    await page.getByRole("button", { name: "Tương phản cao" }).click();
    await page.goto(`${base}/`, { waitUntil: "domcontentloaded" });
    expect(await page.evaluate(() => document.documentElement.className)).toBe("");
    await page.close();
  }, 120_000);

  it("folds the menu behind 'Danh mục' at 375 px, usable by keyboard; Escape closes it and returns focus", async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 375, height: 740 });
    await page.goto(`${base}/`);
    await page.waitForSelector("html[data-hydrated]");
    const toggle = page.getByRole("button", { name: "Danh mục" });
    const list = page.locator("#danh-muc-chinh");
    expect(await toggle.getAttribute("aria-expanded")).toBe("false");
    expect(await toggle.getAttribute("aria-controls")).toBe("danh-muc-chinh");
    expect(await list.isVisible()).toBe(false);
    await toggle.focus();
    await page.keyboard.press("Enter");
    expect(await toggle.getAttribute("aria-expanded")).toBe("true");
    expect(await list.isVisible()).toBe(true);
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Trang chủ");
    await page.keyboard.press("Escape");
    expect(await toggle.getAttribute("aria-expanded")).toBe("false");
    expect(await list.isVisible()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.classList.contains("main-nav__toggle"))).toBe(true);
    // Wide screens never fold.
    await page.setViewportSize({ width: 1200, height: 800 });
    expect(await list.isVisible()).toBe(true);
    expect(await toggle.isVisible()).toBe(false);
    await page.close();
  }, 60_000);
});
