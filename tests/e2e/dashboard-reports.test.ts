/**
 * The report screen in real headless Chromium, through its UI only (issue 12): the editor-in-chief
 * signs in, opens "Báo cáo", chooses March 2026 as a custom period; the totals, the tables by kind,
 * section and approver and the chart's table show the API's figures; the uPlot canvas has drawn;
 * the month view sums the days; the CSV link answers text/csv with the same totals; printed, the
 * navigation, form and buttons are gone and the agency and period head the page; axe finds no
 * WCAG 2.1 A/AA violation. A writer has no "Báo cáo" link, and the screen opened by its address
 * shows the server's refusal. One server and one Chromium for the whole file.
 */
import { TransactWriteCommand } from "../../functions/core/storage/db";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Users } from "../../functions/core/accounts/users";
import { resolveCounters } from "../../functions/core/metrics/counters";
import type { ActivityReport } from "../../functions/core/metrics/reports";
import { Views } from "../../functions/core/metrics/views";
import { Visitors } from "../../functions/core/metrics/visitors";
import { reportCount } from "../../functions/core/publishing/items";
import { SectionAdmin } from "../../functions/core/sections/section-admin";
import { Settings } from "../../functions/core/site/settings";
import type { Store } from "../../functions/core/storage/store";
import { freePort } from "../../scripts/local/emulators";
import { serveLocal, type LocalServer } from "../../scripts/local/server";
import { formatNumber } from "../../web/format";
import { axeViolations } from "../support/axe";
import { launchChromium } from "../support/browser";
import { importArticle } from "../support/engine";
import { SITE } from "../support/reader-fixtures";
import { createTestStore } from "../support/store";

const PASSWORD = "mat-khau-bao-cao-2026";
const CHIEF = { email: "pham.quoc.hung@hoaphong.example.vn", name: "Phạm Quốc Hùng" };
const WRITER = { email: "do.minh.chau@hoaphong.example.vn", name: "Đỗ Minh Châu" };
const AGENCY = "Văn phòng Tỉnh ủy Hòa Phong";
const APPROVER = { id: "u-duyet", name: "Trần Thị Duyệt" };

let store: Store;
let server: LocalServer | undefined;
let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
let base: string;
let page: Page;
const errors: string[] = [];

const article = (title: string, sectionId: string, publishedAt: string, kind: "news" | "collected" = "news") => ({
  kind,
  sectionId,
  title,
  summary: "Tóm tắt tin của tỉnh Hòa Phong.",
  body: "<p>Nội dung tin.</p>",
  byline: "Thu Hà",
  publishedAt,
  ...(kind === "collected" ? { sourceName: "Báo Hòa Phong", sourceUrl: "https://bao.example.vn/tin" } : {}),
});

beforeAll(async () => {
  store = await createTestStore();
  await Settings.put(store, { ...SITE, managingAgency: AGENCY });
  await SectionAdmin.create(store, { slug: "kinh-te", name: "Kinh tế", description: "", order: 1 });
  await SectionAdmin.create(store, { slug: "van-hoa", name: "Văn hóa", description: "", order: 2 });
  await SectionAdmin.create(store, { slug: "the-thao", name: "Thể thao", description: "", order: 3 });
  await Users.create(store, { ...CHIEF, password: PASSWORD, role: "editor-in-chief", sections: [] });
  await Users.create(store, { ...WRITER, password: PASSWORD, role: "writer", sections: ["kinh-te"] });

  // March 2026: two items on the 2nd, one on the 10th, a document on the 15th; one in February.
  const cau = await importArticle(store, article("Hòa Phong thông xe cầu Sông Mây", "kinh-te", "2026-03-02T08:00:00+07:00"), APPROVER);
  await importArticle(store, article("Lễ hội Đền Hòa Phong mùa xuân", "van-hoa", "2026-03-02T16:00:00+07:00", "collected"), APPROVER);
  await importArticle(store, article("Nông dân Hòa Phong thu hoạch chè", "kinh-te", "2026-03-10T09:00:00+07:00"), { id: "u-tbt", name: CHIEF.name });
  await importArticle(store, article("Tin tháng Hai", "kinh-te", "2026-02-20T09:00:00+07:00"), APPROVER);
  const document = { publishedAt: "2026-03-15T09:00:00+07:00", kind: "documents", sectionId: "kinh-te", approverId: APPROVER.id, approverName: APPROVER.name };
  await store.db.send(new TransactWriteCommand({ TransactItems: [reportCount(store, document, 1)] }));
  const counters = resolveCounters();
  for (const [day, visits] of [["2026-03-02", 4], ["2026-03-10", 2]] as const)
    for (let i = 0; i < visits; i++) {
      const now = Date.parse(`${day}T10:00:00+07:00`);
      const beat = await Visitors.heartbeat(store, counters, { member: false, now });
      await Views.count(store, counters, { visitorId: beat.visitorId, articleId: cau.id, now });
    }

  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = await serveLocal({ store }, { port, hostname: "127.0.0.1" });
  browser = await launchChromium();
  page = await browser.context.newPage();
  page.on("pageerror", (error) => errors.push(error.message));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const axe = () => axeViolations(page);

async function signIn(email: string) {
  await page.goto(`${base}/quan-tri`);
  await page.getByLabel("Thư điện tử").fill(email);
  await page.getByLabel("Mật khẩu").fill(PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await page.getByRole("button", { name: "Đăng xuất" }).waitFor();
}

/** The count cell of the row headed `name` in the table named `table`. */
const cell = (table: string, name: string) =>
  page
    .getByRole("table", { name: table, exact: true })
    .getByRole("row")
    .filter({ has: page.getByRole("rowheader", { name, exact: true }) })
    .locator("td")
    .first();

describe("the report screen in Chromium", () => {
  it("shows the API's figures for a chosen period, as tables, a chart, a CSV and a printed page", async () => {
    await signIn(CHIEF.email);
    await page.getByRole("link", { name: "Báo cáo" }).click();
    await page.getByRole("heading", { level: 1, name: "Báo cáo hoạt động" }).waitFor();
    await page.getByLabel("Kỳ báo cáo", { exact: true }).selectOption("custom");
    await page.getByLabel("Từ ngày", { exact: true }).fill("2026-03-01");
    await page.getByLabel("Đến ngày", { exact: true }).fill("2026-03-31");
    await page.getByRole("button", { name: "Xem báo cáo" }).click();
    await page.getByText("Từ ngày 01/03/2026 đến ngày 31/03/2026").waitFor();

    const res = await page.request.get(`${base}/api/reports/activity?from=2026-03-01&to=2026-03-31&idleDays=30`);
    expect(res.status()).toBe(200);
    const api = (await res.json()) as ActivityReport;
    expect(api.published.total).toBe(4);
    expect(api.visits.total).toBe(6);

    expect(await page.locator("[data-total=published]").textContent()).toBe(formatNumber(api.published.total));
    expect(await page.locator("[data-total=visits]").textContent()).toBe(formatNumber(api.visits.total));
    for (const [kind, count] of Object.entries(api.published.byKind))
      expect(await cell("Theo loại nội dung", api.kindLabels[kind]!).textContent(), kind).toBe(formatNumber(count));
    expect(await cell("Theo loại nội dung", "Văn bản").textContent()).toBe("1");
    for (const row of api.published.bySection) expect(await cell("Theo chuyên mục", row.name).textContent()).toBe(formatNumber(row.count));
    for (const row of api.published.byApprover) expect(await cell("Theo người duyệt", row.name).textContent()).toBe(formatNumber(row.count));
    expect(await cell("Bài được xem nhiều nhất", "Hòa Phong thông xe cầu Sông Mây").textContent()).toBe("6");
    await page.locator("section", { hasText: "Chuyên mục chưa có tin" }).getByText("Thể thao").waitFor();

    // The chart's table: every day of March, the API's per-day figures; the canvas has drawn.
    const table = page.getByRole("region", { name: "Số liệu của biểu đồ theo ngày" });
    expect(await table.locator("tbody tr").count()).toBe(31);
    const second = api.published.byDay.find((d) => d.day === "2026-03-02")!;
    expect(await table.getByRole("row", { name: "02/03/2026" }).locator("td").allTextContents()).toEqual([String(second.count), "4"]);
    expect(await table.getByRole("row", { name: "15/03/2026" }).locator("td").allTextContents()).toEqual(["1", "0"]);
    expect(await page.getByRole("img", { name: /Biểu đồ theo ngày, từ 01\/03\/2026 đến 31\/03\/2026: 4 tin bài đã đăng/ }).count()).toBe(1);
    const drawn = () =>
      page.evaluate(() => {
        const canvas = document.querySelector<HTMLCanvasElement>(".report-chart canvas")!;
        const pixels = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height).data;
        let red = 0;
        let blue = 0;
        for (let i = 0; i < pixels.length; i += 4) {
          if (pixels[i]! > 120 && pixels[i + 1]! < 60 && pixels[i + 3]! > 0) red++;
          if (pixels[i + 2]! > 120 && pixels[i]! < 60 && pixels[i + 3]! > 0) blue++;
        }
        return { red, blue };
      });
    const days = await drawn();
    expect(days.red, "publication bars").toBeGreaterThan(50);
    expect(days.blue, "visits line").toBeGreaterThan(50);

    // Per month: one row, the same totals.
    await page.getByLabel("Theo tháng").check();
    const months = page.getByRole("region", { name: "Số liệu của biểu đồ theo tháng" });
    await months.waitFor();
    expect(await months.locator("tbody tr").count()).toBe(1);
    expect(await months.getByRole("row", { name: "Tháng 3/2026" }).locator("td").allTextContents()).toEqual(["4", "6"]);
    expect((await drawn()).red).toBeGreaterThan(50);
    expect(await axe()).toEqual([]);

    // The CSV link: the endpoint's text/csv with the same totals.
    const href = await page.getByRole("link", { name: "Tải về tệp CSV" }).getAttribute("href");
    expect(href).toBe("/api/reports/activity.csv?from=2026-03-01&to=2026-03-31&idleDays=30");
    const csv = await page.request.get(`${base}${href}`);
    expect(csv.headers()["content-type"]).toMatch(/^text\/csv/);
    const lines = (await csv.text()).split("\r\n");
    expect(lines).toContain(`Tổng số tin bài đã đăng,,,${api.published.total}`);
    expect(lines).toContain(`Lượt truy cập,,,${api.visits.total}`);
    expect(lines).toContain("Tin bài đã đăng theo ngày,2026-03-02,,2");

    // Printed: no navigation, form or buttons; the agency and the period on top; the chart kept.
    await page.emulateMedia({ media: "print" });
    expect(await page.locator(".topbar").isVisible()).toBe(false);
    expect(await page.getByRole("navigation").isVisible()).toBe(false);
    expect(await page.getByLabel("Kỳ báo cáo", { exact: true }).isVisible()).toBe(false);
    expect(await page.locator(".report button:visible").count()).toBe(0);
    expect(await page.getByText(AGENCY).isVisible()).toBe(true);
    expect(await page.getByText("Từ ngày 01/03/2026 đến ngày 31/03/2026").isVisible()).toBe(true);
    expect(await page.locator(".report-chart canvas").isVisible()).toBe(true);
    await page.emulateMedia({ media: "screen" });
    expect(await page.locator(".topbar").isVisible()).toBe(true);
    expect(errors).toEqual([]);
  }, 90_000);

  it("offers no report to a writer, and the server refuses it", async () => {
    await page.getByRole("button", { name: "Đăng xuất" }).click();
    await signIn(WRITER.email);
    expect(await page.getByRole("navigation").getByRole("link", { name: "Bài viết" }).count()).toBe(1);
    expect(await page.getByRole("link", { name: "Báo cáo" }).count()).toBe(0);
    await page.goto(`${base}/quan-tri/bao-cao`);
    await page.getByRole("alert").filter({ hasText: "Chỉ Ban Biên tập được xem báo cáo hoạt động." }).waitFor();
  }, 60_000);
});
