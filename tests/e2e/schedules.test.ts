/**
 * The weekly schedule page in real headless Chromium: it hydrates without errors, axe-core finds
 * no WCAG 2.1 A/AA violation, and printed (A4) it keeps the title, the body and the table and
 * drops the header, navigation, sidebar, footer and week navigation.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ScheduleOwnerAdmin } from "../../functions/core/content/schedule-owners";
import { scheduleImport, schedules } from "../../functions/core/content/schedules";
import { createEngine } from "../../functions/core/publishing/engine";
import { freePort } from "../../scripts/local/emulators";
import { serveLocal, type LocalServer } from "../../scripts/local/server";
import { axeViolations } from "../support/axe";
import { launchChromium } from "../support/browser";
import { seedReaderPortal } from "../support/reader-fixtures";
import { createTestStore } from "../support/store";

let server: LocalServer;
let base: string;
const PATH = "/lich-cong-tac?tuan=2026-W48&don-vi=thuong-truc-tinh-uy";

beforeAll(async () => {
  const store = await createTestStore();
  await seedReaderPortal(store);
  const actor = { id: "u-admin", name: "Quản trị" };
  await ScheduleOwnerAdmin.create(store, { name: "Thường trực Tỉnh ủy", section: "kinh-te" }, actor);
  await ScheduleOwnerAdmin.create(store, { name: "Ban Thường vụ Tỉnh ủy", section: "kinh-te" }, actor);
  const entries = [
    { date: "2026-11-23", session: "sang" as const, time: "07:30", content: "Giao ban Thường trực Tỉnh ủy đầu tuần", leader: "Đồng chí Bí thư Tỉnh ủy", location: "Phòng họp số 1", preparer: "Văn phòng Tỉnh ủy" },
    { date: "2026-11-25", session: "chieu" as const, content: "Làm việc với Đảng ủy xã Ngọc Sơn", participants: "Ban Tổ chức Tỉnh ủy" },
  ];
  await createEngine(schedules, { store }).importPublished(
    scheduleImport({ owner: "thuong-truc-tinh-uy", week: "2026-W48", entries, note: "Lịch có thể thay đổi.", publishedAt: "2026-11-20T16:00:00+07:00" }, "kinh-te"),
    actor,
  );
  const port = await freePort();
  server = await serveLocal({ store }, { port, hostname: "127.0.0.1" });
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  await server?.close();
});

describe("the weekly schedule page in Chromium", () => {
  it("hydrates without errors and has no WCAG 2.1 A/AA violation", async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.context.newPage();
      const problems: string[] = [];
      page.on("pageerror", (error) => problems.push(error.message));
      page.on("console", (message) => {
        if (message.type() === "error" || message.type() === "warning") problems.push(message.text());
      });
      await page.goto(base + PATH);
      await page.waitForSelector("html[data-hydrated]", { timeout: 10_000 });
      expect(await page.locator("caption").innerText()).toContain("Thường trực Tỉnh ủy");
      expect(await axeViolations(page)).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);

  it("prints on A4 with the title, body and table only, black on white", async () => {
    const browser = await launchChromium({ javaScriptEnabled: false });
    try {
      const page = await browser.context.newPage();
      await page.goto(base + PATH);
      await page.emulateMedia({ media: "print" });
      const shown = async (selector: string) => page.locator(selector).first().isVisible();
      for (const hidden of [".site-header", ".main-nav", ".sidebar", ".site-footer", ".week-nav", ".schedule-owners", ".schedule__actions"])
        expect(await shown(hidden), hidden).toBe(false);
      for (const kept of ["h1.page-title", ".schedule__owner", ".schedule-table", ".schedule__note"]) expect(await shown(kept), kept).toBe(true);
      const colors = await page.locator(".schedule-table td").first().evaluate((cell) => [getComputedStyle(cell).color, getComputedStyle(cell).backgroundColor]);
      expect(colors).toEqual(["rgb(0, 0, 0)", "rgb(255, 255, 255)"]);
      const pdf = await page.pdf({ preferCSSPageSize: true });
      // A4 portrait in PDF points (≈ 595 × 842) from the stylesheet's @page: Chromium's default paper is Letter (612 × 792).
      const box = /\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/.exec(pdf.toString("latin1"))!;
      expect(Math.abs(Number(box[1]) - 595.28)).toBeLessThan(1);
      expect(Math.abs(Number(box[2]) - 841.89)).toBeLessThan(1);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
