/**
 * The sidebar's linked banners in real headless Chromium, with the demo seed's banners (drawn
 * images with their text): each is a link named by its title (plus "(mở trang mới)" for other
 * sites), reachable with the keyboard, its picture actually loads from /media/, and axe-core finds
 * no WCAG 2.1 A/AA violation on a page that shows them.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Settings } from "../../functions/core/site/settings";
import type { Store } from "../../functions/core/storage/store";
import { freePort } from "../../scripts/local/emulators";
import { serveLocal, type LocalServer } from "../../scripts/local/server";
import { DEMO_BANNERS, seedBanners } from "../../scripts/seed/banners";
import { axeViolations } from "../support/axe";
import { launchChromium } from "../support/browser";
import { SITE } from "../support/reader-fixtures";
import { createTestStore } from "../support/store";

let store: Store;
let server: LocalServer;
let base: string;

beforeAll(async () => {
  store = await createTestStore();
  await Settings.put(store, SITE);
  const admin = { id: "u-quan-tri", name: "Nguyễn Văn Quản" };
  expect(await seedBanners(store, admin)).toBe(DEMO_BANNERS.length);
  expect(await seedBanners(store, admin)).toBe(0); // idempotent
  const port = await freePort();
  server = await serveLocal({ store }, { port, hostname: "127.0.0.1" });
  base = `http://127.0.0.1:${port}`;
}, 120_000);

afterAll(async () => {
  await server?.close();
});

describe("linked banners in Chromium", () => {
  it("names each banner link by its title, loads its picture and reaches it with the keyboard", async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.context.newPage();
      await page.goto(`${base}/`);
      await page.waitForSelector("html[data-hydrated]", { timeout: 10_000 });
      const box = page.getByRole("complementary").locator("section", { has: page.getByRole("heading", { name: "Liên kết website" }) });
      const links = box.getByRole("link");
      const expected = DEMO_BANNERS.map((b) => (b.href.startsWith("/") ? b.title : `${b.title} (mở trang mới)`));
      // In the seed's order; the accessible name is Chromium's own computation.
      expect(await links.evaluateAll((as) => as.map((a) => a.getAttribute("href")))).toEqual(DEMO_BANNERS.map((b) => (b.href.startsWith("/") ? b.href : new URL(b.href).href)));
      for (const [index, name] of expected.entries()) {
        const named = box.getByRole("link", { name, exact: true });
        expect(await named.count(), name).toBe(1);
        expect(await named.getAttribute("href")).toBe(await links.nth(index).getAttribute("href"));
      }

      // Every picture really loads (lazy images below the fold are scrolled into view first).
      for (const img of await box.locator("img").all()) {
        await img.scrollIntoViewIfNeeded();
        await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth), { timeout: 10_000 }).toBeGreaterThan(0);
        expect(await img.evaluate((el: HTMLImageElement) => new URL(el.currentSrc).pathname)).toMatch(/^\/media\/seed-img-banner-/);
      }

      // The keyboard reaches the first banner; its focus is visible (an outline, not nothing).
      const first = links.first();
      await first.focus();
      expect(await first.evaluate((el) => document.activeElement === el)).toBe(true);
      await page.keyboard.press("Tab");
      expect(await links.nth(1).evaluate((el) => document.activeElement === el)).toBe(true);
      expect(await links.nth(1).evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe("none");
    } finally {
      await browser.close();
    }
  }, 60_000);

  it("has no WCAG 2.1 A/AA violations (axe-core) on a page with banners", async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.context.newPage();
      const res = await page.goto(`${base}/`);
      expect(res?.status()).toBe(200);
      await page.waitForSelector("html[data-hydrated]", { timeout: 10_000 });
      expect(await axeViolations(page, "aside.sidebar")).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
