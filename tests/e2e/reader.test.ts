/**
 * The public site in real headless Chromium: every page type readable with JavaScript off; with
 * it on, pages hydrate without errors and a reader walks home → section → page 2 → article →
 * search typed without diacritics → article; axe-core finds no WCAG 2.1 A/AA violation on any
 * page type (those with a file of their own are checked there, with content).
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../scripts/local/emulators";
import { serveLocal, type LocalServer } from "../../scripts/local/server";
import { axeViolations } from "../support/axe";
import { launchChromium } from "../support/browser";
import { seedReaderPortal } from "../support/reader-fixtures";
import { createTestStore } from "../support/store";

let server: LocalServer;
let base: string;
let seeded: Awaited<ReturnType<typeof seedReaderPortal>>;

beforeAll(async () => {
  const store = await createTestStore();
  seeded = await seedReaderPortal(store);
  const port = await freePort();
  server = await serveLocal({ store }, { port, hostname: "127.0.0.1" });
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  await server?.close();
});

/** One URL per page type, with a text only its full server rendering contains. */
const pageTypes = () => [
  { name: "home", path: "/", text: "Lễ hội đình làng được công nhận di sản" },
  { name: "section page 2", path: "/chuyen-muc/kinh-te?trang=2", text: seeded.economy[25]!.title },
  { name: "article", path: `/bai-viet/${seeded.shrimp.slug}`, text: "120 tấn tôm càng xanh" },
  { name: "search", path: "/tim-kiem?q=tom+cang+xanh", text: "Tìm thấy 1 bài viết" },
  { name: "schedule", path: "/lich-cong-tac?tuan=2026-W48", text: "từ thứ Hai 23/11/2026" },
  { name: "documents", path: "/van-ban", text: "Chưa có nội dung" },
  { name: "consultations", path: "/gop-y", text: "Chưa có nội dung" },
  { name: "gallery", path: "/thu-vien-anh", text: "Chưa có nội dung" },
  { name: "videos", path: "/video", text: "Chưa có nội dung" },
  { name: "not found", path: "/bai-viet/khong-co-bai-nay", text: "Không tìm thấy trang" },
  { name: "bad request", path: "/chuyen-muc/kinh-te?trang=abc", text: "Số trang không hợp lệ" },
];

/**
 * The page types axe checks here: the others are checked with content by their own files
 * (schedules, documents, consultations, galleries and videos .test.ts), where these lists are empty.
 */
const AXE_ELSEWHERE = new Set(["schedule", "documents", "consultations", "gallery", "videos"]);
const axeChecked = () => pageTypes().filter((type) => !AXE_ELSEWHERE.has(type.name));

/** Collects page errors and console errors/warnings. */
function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") problems.push(message.text());
  });
  return problems;
}

const hydrated = (page: Page) => page.waitForSelector("html[data-hydrated]", { timeout: 10_000 });

describe("reader pages in Chromium", () => {
  it("shows every page type in full with JavaScript disabled", async () => {
    const browser = await launchChromium({ javaScriptEnabled: false });
    try {
      const page = await browser.context.newPage();
      for (const type of pageTypes()) {
        await page.goto(base + type.path);
        expect(await page.locator("main").innerText(), type.name).toContain(type.text);
        expect(await page.locator("html").getAttribute("data-hydrated")).toBeNull();
      }
      await page.goto(`${base}/bai-viet/${seeded.shrimp.slug}`);
      expect(await page.locator("h1").innerText()).toBe(seeded.shrimp.title);
      expect(await page.locator("[data-article-body]").innerText()).toContain("Đồng chí Bí thư Đảng ủy xã");
      // Links that need no script are there; buttons that need one are not offered.
      expect(await page.getByRole("link", { name: /Facebook/ }).count()).toBe(1);
      expect(await page.getByRole("button", { name: "Sao chép liên kết" }).count()).toBe(0);
    } finally {
      await browser.close();
    }
  });

  it("walks home → section → page 2 → article → search without diacritics → article, hydrated all the way", async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.context.newPage();
      const problems = watch(page);

      await page.goto(`${base}/`);
      await hydrated(page);
      await page.getByRole("navigation", { name: "Chuyên mục" }).getByRole("link", { name: "Kinh tế" }).click();
      await page.waitForURL(`${base}/chuyen-muc/kinh-te`);
      await hydrated(page);
      expect(await page.getByRole("link", { name: "Kinh tế" }).first().getAttribute("aria-current")).toBe("page");

      await page.getByRole("navigation", { name: "Phân trang" }).getByRole("link", { name: "Trang sau" }).click();
      await page.waitForURL(`${base}/chuyen-muc/kinh-te?trang=2`);
      await hydrated(page);
      const last = seeded.economy[ECONOMY_LAST]!;
      await page.getByRole("link", { name: last.title }).click();
      await page.waitForURL(`${base}/bai-viet/${last.slug}`);
      await hydrated(page);
      // The client reads the body back from the DOM instead of a second JSON copy: it must survive hydration.
      expect(await page.locator("[data-article-body]").innerText()).toContain("Bản tin số 26");
      // Script-only buttons appear once hydrated.
      await page.getByRole("button", { name: "Sao chép liên kết" }).waitFor();

      await page.getByRole("searchbox", { name: "Từ khóa tìm kiếm" }).fill("tom cang xanh");
      await page.getByRole("searchbox", { name: "Từ khóa tìm kiếm" }).press("Enter");
      await page.waitForURL(`${base}/tim-kiem?q=tom+cang+xanh`);
      await hydrated(page);
      expect(await page.locator("mark").first().innerText()).toBe("tôm");
      await page.getByRole("link", { name: seeded.shrimp.title }).click();
      await page.waitForURL(`${base}/bai-viet/${seeded.shrimp.slug}`);
      await hydrated(page);
      expect(await page.locator("h1").innerText()).toBe(seeded.shrimp.title);
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it("has no WCAG 2.1 A/AA violations (axe-core) on the page types no other file checks", async () => {
    const browser = await launchChromium();
    try {
      // The check itself finds a violation where there is one.
      const broken = await browser.context.newPage();
      await broken.setContent('<!doctype html><html lang="vi"><title>Thử</title><main><img src="data:,"></main></html>');
      expect((await axeViolations(broken)).join("\n")).toContain("image-alt");
      await broken.close();

      const found: Record<string, string[]> = {};
      for (const type of axeChecked()) {
        const page = await browser.context.newPage();
        await page.goto(base + type.path);
        await hydrated(page);
        found[type.name] = await axeViolations(page);
        await page.close();
      }
      expect(found).toEqual(Object.fromEntries(axeChecked().map((type) => [type.name, []])));
    } finally {
      await browser.close();
    }
  }, 120_000);
});

const ECONOMY_LAST = 25;
