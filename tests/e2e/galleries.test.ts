/**
 * Photo reportages in real headless Chromium, on the seed's three reportages (drawn photos through
 * the real pipeline, served from s3rver under /media/): with JavaScript the photo list becomes a
 * viewer that the keyboard drives (→/←/Home/End on its controls, thumbnails as buttons, full screen
 * left with Esc and focus returned) and whose counter, in a polite live region, says "Ảnh N/M";
 * with JavaScript off every photo is on the page as a figure with its caption and credit; axe-core
 * finds no WCAG 2.1 A/AA violation on the grid and on a reportage (viewer closed and full screen).
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Galleries, type PublishedGallery } from "../../functions/core/reader/galleries";
import { SectionAdmin } from "../../functions/core/sections/section-admin";
import { Settings } from "../../functions/core/site/settings";
import type { Store } from "../../functions/core/storage/store";
import { freePort } from "../../scripts/local/emulators";
import { serveLocal, type LocalServer } from "../../scripts/local/server";
import { DEMO_GALLERIES, seedGalleries } from "../../scripts/seed/galleries";
import { axeViolations } from "../support/axe";
import { launchChromium } from "../support/browser";
import { SITE } from "../support/reader-fixtures";
import { createTestStore } from "../support/store";

let store: Store;
let server: LocalServer;
let base: string;
/** The seed's reportage with the most photos (8). */
let gallery: PublishedGallery;
const board = { id: "u-board", name: "Ban Biên tập" };

/** The viewer's counter, and the library id in the address of the large photo shown. */
async function shown(page: Page) {
  const counter = (await page.locator(".gallery-viewer__counter").textContent())?.trim();
  const src = await page.locator(".gallery-viewer__stage img").getAttribute("src");
  return { counter, photo: /\/media\/([^/]+)\//.exec(src ?? "")?.[1] };
}

beforeAll(async () => {
  store = await createTestStore();
  await Settings.put(store, SITE);
  for (const [order, [slug, name]] of [["tin-tuc-su-kien", "Tin tức - Sự kiện"], ["kinh-te", "Kinh tế"], ["van-hoa", "Văn hóa"]].entries())
    await SectionAdmin.create(store, { slug: slug!, name: name!, description: "", order });
  expect(await seedGalleries(store, board)).toBe(DEMO_GALLERIES.length);
  const biggest = DEMO_GALLERIES.reduce((a, b) => (b.photos.length > a.photos.length ? b : a));
  const summary = (await Galleries.page(store, 1)).items.find((item) => item.title === biggest.title)!;
  gallery = await Galleries.get(store, summary.slug);
  const port = await freePort();
  server = await serveLocal({ store }, { port, hostname: "127.0.0.1" });
  base = `http://127.0.0.1:${port}`;
}, 180_000);

afterAll(async () => {
  await server?.close();
});

describe("photo reportages in Chromium", () => {
  it("drives the viewer with the keyboard: arrows, Home/End, thumbnails, full screen and Esc; the counter is announced", async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.context.newPage();
      const problems: string[] = [];
      page.on("console", (message) => {
        if (message.type() === "error" || message.type() === "warning") problems.push(message.text());
      });
      await page.goto(`${base}/thu-vien-anh/${gallery.slug}`);
      await page.waitForSelector("html[data-hydrated]", { timeout: 10_000 });
      const ids = gallery.photos.map((photo) => photo.image.id);
      const total = ids.length;
      await expect.poll(() => page.locator(".gallery-viewer").count()).toBe(1);
      // The list the server sent is replaced, not duplicated.
      expect(await page.locator(".gallery-list").count()).toBe(0);
      const live = page.locator(".gallery-viewer__counter");
      expect(await live.getAttribute("aria-live")).toBe("polite");
      expect(await shown(page)).toEqual({ counter: `Ảnh 1/${total}`, photo: ids[0] });
      // The large photo really loads from /media/.
      await expect.poll(() => page.locator(".gallery-viewer__stage img").evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);

      await page.locator(".gallery-viewer__stage").focus();
      await page.keyboard.press("ArrowRight");
      expect(await shown(page)).toEqual({ counter: `Ảnh 2/${total}`, photo: ids[1] });
      expect(await page.locator(".gallery-viewer__stage figcaption").textContent()).toContain(gallery.photos[1]!.caption);
      await page.keyboard.press("ArrowRight");
      expect(await shown(page)).toEqual({ counter: `Ảnh 3/${total}`, photo: ids[2] });
      await page.keyboard.press("ArrowLeft");
      expect((await shown(page)).counter).toBe(`Ảnh 2/${total}`);
      await page.keyboard.press("End");
      expect(await shown(page)).toEqual({ counter: `Ảnh ${total}/${total}`, photo: ids[total - 1] });
      // Past the last photo nothing moves.
      await page.keyboard.press("ArrowRight");
      expect((await shown(page)).counter).toBe(`Ảnh ${total}/${total}`);
      await page.keyboard.press("Home");
      expect(await shown(page)).toEqual({ counter: `Ảnh 1/${total}`, photo: ids[0] });

      // The buttons have Vietnamese names; the keys work from them too, and focus stays where it was.
      const next = page.getByRole("button", { name: "Ảnh sau" });
      await next.click();
      expect((await shown(page)).counter).toBe(`Ảnh 2/${total}`);
      await page.keyboard.press("ArrowRight");
      expect((await shown(page)).counter).toBe(`Ảnh 3/${total}`);
      expect(await next.evaluate((el) => el === document.activeElement)).toBe(true);
      await page.getByRole("button", { name: "Ảnh trước" }).click();
      expect((await shown(page)).counter).toBe(`Ảnh 2/${total}`);

      // A thumbnail is a button named after its photo; Enter on it shows that photo.
      const thumb = page.getByRole("button", { name: `Ảnh 5: ${gallery.photos[4]!.image.alt}` });
      await thumb.focus();
      await page.keyboard.press("Enter");
      expect(await shown(page)).toEqual({ counter: `Ảnh 5/${total}`, photo: ids[4] });
      expect(await thumb.getAttribute("aria-current")).toBe("true");

      // Full screen: a modal dialog holding focus; Esc leaves it and focus returns to the button.
      const toggle = page.getByRole("button", { name: "Xem toàn màn hình" });
      await toggle.click();
      const dialog = page.getByRole("dialog");
      expect(await dialog.getAttribute("aria-modal")).toBe("true");
      expect(await page.evaluate(() => document.activeElement?.classList.contains("gallery-viewer__stage"))).toBe(true);
      await page.keyboard.press("ArrowRight");
      expect((await shown(page)).counter).toBe(`Ảnh 6/${total}`);
      // Tab cycles within the viewer.
      for (let i = 0; i < total + 6; i++) await page.keyboard.press("Tab");
      expect(await page.evaluate(() => Boolean(document.activeElement?.closest(".gallery-viewer")))).toBe(true);
      await page.keyboard.press("Escape");
      expect(await page.getByRole("dialog").count()).toBe(0);
      expect(await page.getByRole("button", { name: "Xem toàn màn hình" }).evaluate((el) => el === document.activeElement)).toBe(true);
      // Focus is visible on the viewer's controls (the site's outline, not removed).
      const outline = await page.getByRole("button", { name: "Xem toàn màn hình" }).evaluate((el) => getComputedStyle(el).outlineStyle);
      expect(outline).not.toBe("none");
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 90_000);

  it("shows every photo with its caption and credit when JavaScript is off", async () => {
    const browser = await launchChromium({ javaScriptEnabled: false });
    try {
      const page = await browser.context.newPage();
      const res = await page.goto(`${base}/thu-vien-anh/${gallery.slug}`);
      expect(res?.status()).toBe(200);
      const figures = page.locator("ol.gallery-list figure");
      expect(await figures.count()).toBe(gallery.photos.length);
      for (const [i, photo] of gallery.photos.entries()) {
        const figure = figures.nth(i);
        expect(await figure.locator("img").getAttribute("alt")).toBe(photo.image.alt);
        const caption = (await figure.locator("figcaption").textContent())!.replace(/\s+/g, " ").trim();
        expect(caption).toBe(`Ảnh ${i + 1}/${gallery.photos.length}. ${photo.caption} Ảnh: ${photo.credit}`);
      }
      // The first photo is loaded at once; the others load as the reader scrolls to them.
      await expect.poll(() => figures.first().locator("img").evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
      await figures.last().scrollIntoViewIfNeeded();
      await expect.poll(() => figures.last().locator("img").evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
      expect(await page.locator(".gallery-viewer").count()).toBe(0);
    } finally {
      await browser.close();
    }
  }, 60_000);

  it("has no WCAG 2.1 A/AA violations (axe-core) on the grid and on a reportage", async () => {
    const browser = await launchChromium();
    try {
      const found: Record<string, string[]> = {};
      for (const path of ["/thu-vien-anh", `/thu-vien-anh/${gallery.slug}`]) {
        const page = await browser.context.newPage();
        const res = await page.goto(base + path);
        expect(res?.status(), path).toBe(200);
        await page.waitForSelector("html[data-hydrated]", { timeout: 10_000 });
        found[path] = await axeViolations(page);
        if (path !== "/thu-vien-anh") {
          await page.getByRole("button", { name: "Xem toàn màn hình" }).click();
          found[`${path} (toàn màn hình)`] = await axeViolations(page);
        }
        await page.close();
      }
      expect(found).toEqual(Object.fromEntries(Object.keys(found).map((key) => [key, []])));
      expect(Object.keys(found)).toHaveLength(3);
    } finally {
      await browser.close();
    }
  }, 120_000);
});
