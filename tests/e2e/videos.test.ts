/**
 * Videos in real headless Chromium: the seed's MP4 (H.264 drawn and coded by the seed, no ffmpeg)
 * really plays in the page's <video> (the element reaches HAVE_ENOUGH_DATA, time advances, no
 * error, and the decoded frame shows the drawn sky), the home page's video box plays too, a YouTube
 * video loads its player from youtube-nocookie.com and nowhere else, and axe-core finds no WCAG 2.1
 * A/AA violation on `/video`, both kinds of video page and the home page's video box.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { videoImport, videos } from "../../functions/core/content/videos";
import { createEngine } from "../../functions/core/publishing/engine";
import { Videos } from "../../functions/core/reader/videos";
import { SectionAdmin } from "../../functions/core/sections/section-admin";
import { Settings } from "../../functions/core/site/settings";
import type { Store } from "../../functions/core/storage/store";
import { freePort } from "../../scripts/local/emulators";
import { serveLocal, type LocalServer } from "../../scripts/local/server";
import { DEMO_VIDEOS, seedVideos } from "../../scripts/seed/videos";
import { axeViolations } from "../support/axe";
import { launchChromium } from "../support/browser";
import { SITE } from "../support/reader-fixtures";
import { createTestStore } from "../support/store";

let store: Store;
let server: LocalServer;
let base: string;
let youtubeSlug: string;
const board = { id: "u-board", name: "Ban Biên tập" };
/** Plays the page's first <video> muted and reports what the element says after it has played a while. */
async function play(page: Page, scope = "body") {
  return page.evaluate(async (selector) => {
    const video = document.querySelector(`${selector} video`) as HTMLVideoElement;
    video.muted = true;
    await video.play();
    const started = Date.now();
    while (video.currentTime < 0.6 && Date.now() - started < 8000) await new Promise((resolve) => setTimeout(resolve, 100));
    const canvas = document.createElement("canvas");
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    const context = canvas.getContext("2d", { willReadFrequently: true })!;
    context.drawImage(video, 0, 0);
    return {
      readyState: video.readyState,
      currentTime: video.currentTime,
      duration: video.duration,
      error: video.error?.message ?? null,
      size: [video.videoWidth, video.videoHeight],
      sky: [...context.getImageData(4, 4, 1, 1).data].slice(0, 3),
    };
  }, scope);
}

beforeAll(async () => {
  store = await createTestStore();
  await Settings.put(store, SITE);
  for (const [order, [slug, name]] of [["tin-tuc-su-kien", "Tin tức - Sự kiện"], ["kinh-te", "Kinh tế"], ["van-hoa", "Văn hóa"]].entries())
    await SectionAdmin.create(store, { slug: slug!, name: name!, description: "", order });
  await seedVideos(store, board, { seconds: 3 });
  const view = await createEngine(videos, { store }).importPublished(
    videoImport({ sectionId: "tin-tuc-su-kien", title: "Hội nghị trực tuyến toàn tỉnh", summary: "Truyền hình trực tiếp hội nghị.", embedUrl: "https://youtu.be/HoaPhong-01", publishedAt: "2026-08-01T08:00:00+07:00" }),
    board,
  );
  youtubeSlug = view.slug;
  const port = await freePort();
  server = await serveLocal({ store }, { port, hostname: "127.0.0.1" });
  base = `http://127.0.0.1:${port}`;
}, 120_000);

afterAll(async () => {
  await server?.close();
});

describe("videos in Chromium", () => {
  it("plays the seeded MP4 on its page and in the home page's box: real frames, no error", async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.context.newPage();
      // Hydration mismatches and media errors show up as console errors or warnings.
      const problems: string[] = [];
      page.on("pageerror", (error) => problems.push(error.message));
      page.on("console", (message) => {
        if (message.type() === "error" || message.type() === "warning") problems.push(message.text());
      });
      await page.goto(`${base}/video`);
      const newest = [...DEMO_VIDEOS].sort((a, b) => b.publishedAt.localeCompare(a.publishedAt))[0]!;
      await Promise.all([page.waitForURL(/\/video\/[a-z0-9-]+$/), page.getByRole("link", { name: newest.title }).click()]);
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(newest.title);
      // Nothing is fetched before the reader presses play.
      expect(await page.evaluate(() => (document.querySelector("video") as HTMLVideoElement).readyState)).toBe(0);
      const played = await play(page);
      expect(played).toMatchObject({ error: null, readyState: 4, size: [480, 270] });
      expect(played.currentTime).toBeGreaterThan(0.5);
      expect(played.duration).toBeCloseTo(3, 1);
      // The drawn sky of the "town" landscape (#90e0ef at the top): the decoder shows the picture, not noise.
      const [r, g, b] = played.sky;
      expect(Math.abs(r! - 0x90) + Math.abs(g! - 0xe0) + Math.abs(b! - 0xef), String(played.sky)).toBeLessThan(40);

      await page.goto(`${base}/`);
      const box = page.locator("section.home-video");
      expect(await box.getByRole("heading", { level: 3 }).textContent()).toBe((await Videos.home(store))!.title);
      expect(await play(page, "section.home-video")).toMatchObject({ error: null, readyState: 4 });
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);

  it("loads a YouTube player from youtube-nocookie.com only", async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.context.newPage();
      const outside: string[] = [];
      page.on("request", (request) => {
        if (!request.url().startsWith(base)) outside.push(request.url());
      });
      // The machine is offline: YouTube's player is a stub, what matters is where the page asks for it.
      await page.route("https://www.youtube-nocookie.com/**", (route) =>
        route.fulfill({ contentType: "text/html; charset=utf-8", body: '<!doctype html><html lang="vi"><meta charset="utf-8"><title>Trình phát YouTube</title><p>Trình phát</p></html>' }),
      );
      await page.goto(`${base}/video/${youtubeSlug}`);
      const frame = page.frameLocator('iframe[title="Video: Hội nghị trực tuyến toàn tỉnh"]');
      expect(await frame.locator("p").textContent()).toBe("Trình phát");
      expect(outside).toEqual(["https://www.youtube-nocookie.com/embed/HoaPhong-01"]);
    } finally {
      await browser.close();
    }
  }, 60_000);

  it("has no WCAG 2.1 A/AA violations (axe-core) on the videos' pages and the home page's video box", async () => {
    const browser = await launchChromium();
    try {
      const uploaded = (await Videos.page(store, 1)).items.find((item) => item.media)!;
      const targets: [string, string | undefined][] = [["/video", undefined], [`/video/${uploaded.slug}`, undefined], [`/video/${youtubeSlug}`, undefined], ["/", "section.home-video"]];
      const found: Record<string, string[]> = {};
      for (const [path, include] of targets) {
        const page = await browser.context.newPage();
        await page.route("https://www.youtube-nocookie.com/**", (route) =>
          route.fulfill({ contentType: "text/html; charset=utf-8", body: '<!doctype html><html lang="vi"><meta charset="utf-8"><title>Trình phát YouTube</title><main><p>Trình phát</p></main></html>' }),
        );
        const res = await page.goto(base + path);
        expect(res?.status(), path).toBe(200);
        await page.waitForSelector("html[data-hydrated]", { timeout: 10_000 });
        found[path] = await axeViolations(page, include);
        await page.close();
      }
      expect(found).toEqual(Object.fromEntries(targets.map(([path]) => [path, []])));
    } finally {
      await browser.close();
    }
  }, 120_000);
});
