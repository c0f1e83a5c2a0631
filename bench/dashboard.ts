/**
 * The dashboard on a weak office PC (issue 12): headless Chromium with the CPU slowed 4× through the
 * DevTools protocol (Emulation.setCPUThrottlingRate), against the demo portal. Printed:
 * - the JS the first load of /quan-tri fetches (gzip of each file from dist/client), goal ≤ 120 KB;
 * - the editor's lazy chunks fetched when an article is opened (Tiptap), never on the first load;
 * - time from opening /quan-tri/bai-viet/moi (signed in) until the body is an editable ProseMirror,
 *   the median of 3 loads with a cold page (the HTTP cache kept, as on a PC that has used it before).
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { chromium, type Page } from "playwright-core";
import { Users } from "../functions/core/accounts/users";
import { Sections } from "../functions/core/sections/sections";
import { startHarness } from "./harness";

const KB = 1024;
const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const EMAIL = "bien-tap-bench@hoaphong.example.vn";
const PASSWORD = "mat-khau-do-benchmark-2026";

const gzipOf = (url: string) => gzipSync(readFileSync(join("dist/client", new URL(url).pathname))).length;

/** The JS files a step fetches from /assets/. */
async function scriptsDuring(page: Page, step: () => Promise<void>): Promise<string[]> {
  const seen: string[] = [];
  const listener = (response: { url(): string }) => {
    if (/\/assets\/.+\.js$/.test(response.url())) seen.push(response.url());
  };
  page.on("response", listener);
  try {
    await step();
  } finally {
    page.off("response", listener);
  }
  return seen;
}

export async function dashboardBenchmark(): Promise<void> {
  const harness = await startHarness();
  const profile = mkdtempSync(join(tmpdir(), "portal-bench-chromium-"));
  const context = await chromium.launchPersistentContext(profile, { executablePath: "/usr/bin/chromium", headless: true, args: ARGS, locale: "vi-VN" });
  try {
    const section = (await Sections.list(harness.store))[0]!;
    await Users.create(harness.store, { email: EMAIL, password: PASSWORD, name: "Biên tập viên đo hiệu năng", role: "section-editor", sections: [section.id] });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });

    const first = await scriptsDuring(page, async () => {
      await page.goto(`${harness.url}/quan-tri`);
      await page.getByRole("button", { name: "Đăng nhập" }).waitFor();
    });
    await page.getByLabel("Thư điện tử").fill(EMAIL);
    await page.getByLabel("Mật khẩu").fill(PASSWORD);
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await page.getByRole("button", { name: "Đăng xuất" }).waitFor();

    const editable = page.locator(".ProseMirror[contenteditable='true']");
    const editorScripts = await scriptsDuring(page, async () => {
      await page.goto(`${harness.url}/quan-tri/bai-viet/moi`);
      await editable.waitFor();
    });
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      await page.goto("about:blank");
      const started = Date.now();
      await page.goto(`${harness.url}/quan-tri/bai-viet/moi`);
      await editable.waitFor();
      times.push(Date.now() - started);
    }
    times.sort((a, b) => a - b);

    const initial = first.reduce((sum, url) => sum + gzipOf(url), 0);
    const lazy = editorScripts.filter((url) => !first.includes(url));
    console.log("\n## Dashboard (/quan-tri), Chromium with the CPU slowed 4×");
    console.log(`first load JS: ${(initial / KB).toFixed(1)} KB gzip in ${first.length} files (goal ≤ 120 KB)`);
    console.log(`editor's chunks (loaded on opening an article): ${(lazy.reduce((sum, url) => sum + gzipOf(url), 0) / KB).toFixed(1)} KB gzip in ${lazy.length} files; on the first load: ${lazy.some((url) => first.includes(url)) ? "YES (wrong)" : "no"}`);
    console.log(`time to an editable editor (new article, signed in, HTTP cache warm): median ${times[1]} ms (${times.join(", ")} ms)`);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    await harness.close();
  }
}
