/**
 * The reader slice in real headless Chromium: full content with JavaScript off, and the same page
 * hydrating without errors with it on.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PublishedArticle } from "../../functions/core/articles";
import { freePort } from "../../scripts/local/emulators";
import { serveLocal, type LocalServer } from "../../scripts/local/server";
import { launchChromium } from "../support/browser";
import { seedSmallPortal } from "../support/fixtures";
import { createTestStore } from "../support/store";

let server: LocalServer;
let base: string;
let articles: PublishedArticle[];

beforeAll(async () => {
  const store = await createTestStore();
  ({ articles } = await seedSmallPortal(store));
  const port = await freePort();
  server = await serveLocal({ store }, { port, hostname: "127.0.0.1" });
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  await server?.close();
});

describe("reader pages in Chromium", () => {
  it("shows the whole article with JavaScript disabled", async () => {
    const browser = await launchChromium({ javaScriptEnabled: false });
    try {
      const page = await browser.context.newPage();
      const article = articles[0]!;
      await page.goto(`${base}/bai-viet/${article.slug}`);
      expect(await page.title()).toBe(`${article.title} - Tỉnh ủy Thử Nghiệm`);
      expect(await page.locator("h1").innerText()).toBe(article.title);
      expect(await page.locator("[data-article-body]").innerText()).toContain("kim ngạch đạt 1.250 tỷ đồng");
      expect(await page.locator("html").getAttribute("data-hydrated")).toBeNull();
    } finally {
      await browser.close();
    }
  });

  it("hydrates without errors and navigates from home to an article", async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.context.newPage();
      const problems: string[] = [];
      page.on("pageerror", (error) => problems.push(error.message));
      page.on("console", (message) => {
        if (message.type() === "error" || message.type() === "warning") problems.push(message.text());
      });
      await page.goto(`${base}/`);
      await page.waitForSelector("html[data-hydrated]", { timeout: 10_000 });
      await page.getByRole("link", { name: "Xuất khẩu nông sản tăng 12,5%" }).click();
      await page.waitForURL(`${base}/bai-viet/${articles[0]!.slug}`);
      await page.waitForSelector("html[data-hydrated]", { timeout: 10_000 });
      // The client reads the body back from the DOM instead of a second JSON copy: it must survive hydration.
      expect(await page.locator("[data-article-body]").innerText()).toContain("kim ngạch đạt 1.250 tỷ đồng");
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
