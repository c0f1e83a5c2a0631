/**
 * `/du-lieu-mo` in real headless Chromium: axe-core finds no WCAG 2.1 A/AA violation, on a desktop
 * and a phone-sized window (its long URLs sit in scrollable, focusable regions, so the page itself
 * never scrolls sideways), and a page on another origin reads a dataset with fetch() (CORS).
 */
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SectionAdmin } from "../../functions/core/sections/section-admin";
import { Settings } from "../../functions/core/site/settings";
import type { Store } from "../../functions/core/storage/store";
import { freePort } from "../../scripts/local/emulators";
import { serveLocal, type LocalServer } from "../../scripts/local/server";
import { seedDocuments } from "../../scripts/seed/documents";
import { axeViolations } from "../support/axe";
import { launchChromium } from "../support/browser";
import { SITE } from "../support/reader-fixtures";
import { createTestStore } from "../support/store";

let store: Store;
let server: LocalServer;
let base: string;
/** Another site: a blank page on its own origin. */
let other: Server;
let otherBase: string;

beforeAll(async () => {
  store = await createTestStore();
  await Settings.put(store, SITE);
  await SectionAdmin.create(store, { slug: "chinh-tri", name: "Chính trị", description: "", order: 1 });
  await seedDocuments(store, { id: "u-board", name: "Ban Biên tập" }, new Date("2026-11-25T10:00:00+07:00"));
  const port = await freePort();
  server = await serveLocal({ store }, { port, hostname: "127.0.0.1" });
  base = `http://127.0.0.1:${port}`;
  const otherPort = await freePort();
  other = createServer((_req, res) => res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end("<!doctype html><title>Trang khác</title>"));
  await new Promise<void>((resolve) => other.listen(otherPort, "127.0.0.1", resolve));
  otherBase = `http://127.0.0.1:${otherPort}`;
}, 120_000);

afterAll(async () => {
  await server?.close();
  await new Promise((resolve) => other?.close(resolve));
});

describe("/du-lieu-mo in Chromium", () => {
  it("has no WCAG 2.1 A/AA violations (axe-core) and no sideways scrolling on a phone", async () => {
    const browser = await launchChromium();
    try {
      const found: Record<string, string[]> = {};
      for (const size of [{ width: 1280, height: 900 }, { width: 360, height: 740 }]) {
        const page = await browser.context.newPage();
        await page.setViewportSize(size);
        const res = await page.goto(`${base}/du-lieu-mo`);
        expect(res?.status()).toBe(200);
        await page.waitForSelector("html[data-hydrated]", { timeout: 10_000 });
        await expect(page.getByRole("heading", { level: 1, name: "Dữ liệu mở" }).count()).resolves.toBe(1);
        found[size.width] = await axeViolations(page);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, `${size.width}px`).toBeLessThanOrEqual(0);
        await page.close();
      }
      expect(found).toEqual({ 1280: [], 360: [] });
    } finally {
      await browser.close();
    }
  }, 120_000);

  it("lets a page on another origin read a dataset, but not another API route", async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.context.newPage();
      await page.goto(otherBase);
      const read = (url: string) =>
        page.evaluate(async (u) => {
          try {
            const res = await fetch(u, { headers: { Accept: "application/json" } });
            return { status: res.status, body: await res.json() };
          } catch (error) {
            return { error: String(error) };
          }
        }, url);
      const documents = (await read(`${base}/api/public/documents?limit=2`)) as { status: number; body: { items: { url: string }[]; next: string | null } };
      expect(documents.status).toBe(200);
      expect(documents.body.items).toHaveLength(2);
      expect(documents.body.items[0]!.url).toMatch(/\/van-ban\//);
      expect(await read(`${base}/api/sections`)).toMatchObject({ error: expect.stringMatching(/Failed to fetch/) });
    } finally {
      await browser.close();
    }
  }, 60_000);
});
