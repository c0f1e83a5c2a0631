/**
 * The pages' Content-Security-Policy (functions/http/security-headers.ts) in real headless
 * Chromium: the local server sends the production header, as CloudFront does; every public page
 * type loads, hydrates its islands (web/island.tsx) and shows no CSP violation (neither a
 * `securitypolicyviolation` event nor a "Refused to…" console message); islands still work under it.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PAGE_CONTENT_SECURITY_POLICY } from "../../functions/http/security-headers";
import { publicPageTypes } from "../../bench/page-types";
import { NoticeAdmin } from "../../functions/core/site/notice-admin";
import { freePort } from "../../scripts/local/emulators";
import { serveLocal, type LocalServer } from "../../scripts/local/server";
import { seedBanners } from "../../scripts/seed/banners";
import { seedConsultations } from "../../scripts/seed/consultations";
import { seedDocuments } from "../../scripts/seed/documents";
import { seedGalleries } from "../../scripts/seed/galleries";
import { seedSchedules } from "../../scripts/seed/schedules";
import { seedVideos } from "../../scripts/seed/videos";
import { launchChromium } from "../support/browser";
import { seedReaderPortal } from "../support/reader-fixtures";
import { createTestStore } from "../support/store";

let server: LocalServer;
let base: string;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let seeded: Awaited<ReturnType<typeof seedReaderPortal>>;
const board = { id: "u-board", name: "Ban Biên tập" };

beforeAll(async () => {
  const store = await createTestStore();
  seeded = await seedReaderPortal(store);
  // Every kind with content, so each page type shows its islands, images (with their data:
  // placeholders), banners and players.
  await seedDocuments(store, board);
  await seedSchedules(store, board);
  await seedConsultations(store, board);
  await seedGalleries(store, board);
  await seedVideos(store, board, { seconds: 1 });
  await seedBanners(store, board);
  const now = Date.now();
  await NoticeAdmin.create(
    store,
    { startsAt: new Date(now + 3_600_000).toISOString(), endsAt: new Date(now + 7_200_000).toISOString(), message: "Nâng cấp máy chủ.", urgent: true, reason: "Ổ đĩa báo lỗi." },
    { id: "u-admin", name: "Quản trị" },
  );
  const port = await freePort();
  server = await serveLocal({ store }, { port, hostname: "127.0.0.1" });
  base = `http://127.0.0.1:${port}`;
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

declare global {
  interface Window {
    __violations: string[];
  }
}

/** A page that records every CSP violation: the DOM event (from before any script of the page runs) and Chromium's console report. */
async function watchedPage(): Promise<{ page: Page; problems: () => Promise<string[]> }> {
  const page = await browser.context.newPage();
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener("securitypolicyviolation", (e) => {
      window.__violations.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber}) ${e.sample}`);
    });
  });
  const reports: string[] = [];
  page.on("console", (message) => {
    if (/Refused to|Content Security Policy/i.test(message.text())) reports.push(message.text());
  });
  page.on("pageerror", (error) => reports.push(`page error: ${error.message}`));
  return { page, problems: async () => [...(await page.evaluate(() => window.__violations)), ...reports.splice(0)] };
}

/** The first link on a list page into one of its items. */
async function firstItem(page: Page, list: string, prefix: string): Promise<string> {
  await page.goto(base + list);
  const href = await page.locator(`main a[href^="${prefix}"]`).first().getAttribute("href");
  expect(href, `an item on ${list}`).toBeTruthy();
  return href!;
}

describe("the pages' Content-Security-Policy in Chromium", () => {
  it("is sent with every page, strict, and the dashboard keeps its own", async () => {
    const page = await fetch(`${base}/`);
    expect(page.headers.get("content-security-policy")).toBe(PAGE_CONTENT_SECURITY_POLICY);
    expect(PAGE_CONTENT_SECURITY_POLICY).toMatch(/script-src 'self'(;|$)/);
    expect(PAGE_CONTENT_SECURITY_POLICY).not.toContain("unsafe-");
    const dashboard = await fetch(`${base}/quan-tri`);
    expect(dashboard.headers.get("content-security-policy")).not.toBe(PAGE_CONTENT_SECURITY_POLICY);
  });

  it("is satisfied by every public page type: no violation, islands hydrated", async () => {
    const { page, problems } = await watchedPage();
    const items = {
      document: await firstItem(page, "/van-ban", "/van-ban/"),
      gallery: await firstItem(page, "/thu-vien-anh", "/thu-vien-anh/"),
      video: await firstItem(page, "/video", "/video/"),
      consultation: await firstItem(page, "/gop-y", "/gop-y/"),
    };
    const types = publicPageTypes({ section: "kinh-te", article: seeded.shrimp.slug, search: "tom cang xanh", ...items });
    const found: Record<string, string[]> = {};
    for (const [name, path] of types) {
      expect(path, `${name}: an item in the seeded data`).toBeDefined();
      const res = await page.goto(base + path!);
      expect(res?.headers()["content-security-policy"], name).toBe(PAGE_CONTENT_SECURITY_POLICY);
      await page.waitForSelector("html[data-hydrated]", { timeout: 15_000 });
      // Every island on the page was hydrated: its interactive-only controls appeared.
      expect(await page.locator(".display-tools").count(), `${name}: the display switches`).toBe(1);
      // Lazy images below the fold report violations only once loaded: bring them all in.
      await page.evaluate(() => document.querySelectorAll("img[loading=lazy]").forEach((img) => ((img as HTMLImageElement).loading = "eager")));
      await page.waitForFunction(() => [...document.images].every((img) => img.complete), undefined, { timeout: 15_000 });
      const seen = await problems();
      if (seen.length) found[name] = seen;
    }
    expect(found).toEqual({});
    await page.close();
  }, 180_000);

  it("leaves the islands working under it: the gallery viewer, the view count, the rating form", async () => {
    const { page, problems } = await watchedPage();
    const gallery = await firstItem(page, "/thu-vien-anh", "/thu-vien-anh/");
    await page.goto(base + gallery);
    await page.waitForSelector("html[data-hydrated]");
    await page.getByRole("button", { name: "Ảnh sau" }).click();
    expect((await page.locator(".gallery-viewer__counter").textContent())?.trim()).toMatch(/^Ảnh 2\//);

    await page.goto(`${base}/bai-viet/${seeded.shrimp.slug}`);
    await page.waitForSelector("html[data-hydrated]");
    await expect.poll(() => page.locator(".view-count").textContent(), { timeout: 10_000 }).toMatch(/Số lần xem: \d+/);
    await expect.poll(() => page.locator(".visitor-box").getAttribute("aria-busy"), { timeout: 10_000 }).toBe("false");
    await page.getByLabel("4 – Hữu ích").check();
    await page.getByRole("button", { name: "Gửi đánh giá" }).click();
    await expect.poll(() => page.locator(".rating-form__status").textContent(), { timeout: 10_000 }).toContain("Cảm ơn bạn đã đánh giá");
    expect(await problems()).toEqual([]);
    // The watch itself works: an inline style attribute, which the policy forbids, is reported.
    await page.evaluate(() => document.body.lastElementChild!.setAttribute("style", "color: red"));
    await expect.poll(async () => (await problems()).join("\n")).toContain("style-src");
    await page.close();
  }, 60_000);
});
