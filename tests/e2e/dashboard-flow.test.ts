/**
 * Issue 12's "Done means", in real headless Chromium and through the dashboard's screens only: a
 * writer signs in, writes an article with a heading, a list and Vietnamese text typed through an
 * input method's composition, saves and submits; the section editor finds it in "Chờ duyệt" and
 * returns it with a reason; the writer reads the reason in "Bài của tôi", fixes and resubmits; the
 * section editor approves; the reader's page shows it and the activity report one more news item.
 * Then the editor unpublishes it, republishes it ("Đăng lại"), unpublishes and schedules it (it
 * shows in "Đã lên lịch" with its time). The writer changes their password. axe finds no WCAG 2.1
 * A/AA violation on the work lists and the password screen. One server and one Chromium.
 */
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Users } from "../../functions/core/accounts/users";
import { SectionAdmin } from "../../functions/core/sections/section-admin";
import { Settings } from "../../functions/core/site/settings";
import type { Store } from "../../functions/core/storage/store";
import { freePort } from "../../scripts/local/emulators";
import { serveLocal, type LocalServer } from "../../scripts/local/server";
import { axeViolations } from "../support/axe";
import { launchChromium } from "../support/browser";
import { SITE } from "../support/reader-fixtures";
import { createTestStore } from "../support/store";

const PASSWORD = "mat-khau-bien-tap-2026";
const NEW_PASSWORD = "mat-khau-moi-cua-phong-vien";
const WRITER = { email: "pham.quoc.bao@hoaphong.example.vn", name: "Phạm Quốc Bảo" };
const EDITOR = { email: "vu.thi.hong@hoaphong.example.vn", name: "Vũ Thị Hồng" };
const TITLE = "Hòa Phong khánh thành cầu treo bản Nậm Lò";
const REASON = "Cần ghi rõ tổng vốn đầu tư và đơn vị thi công.";

let store: Store;
let server: LocalServer | undefined;
let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
let page: Page;
let base: string;
const errors: string[] = [];

beforeAll(async () => {
  store = await createTestStore();
  await Settings.put(store, SITE);
  const section = await SectionAdmin.create(store, { slug: "xa-hoi", name: "Xã hội", description: "Tin xã hội của tỉnh.", order: 1 });
  await Users.create(store, { ...WRITER, password: PASSWORD, role: "writer", sections: [section.id] });
  await Users.create(store, { ...EDITOR, password: PASSWORD, role: "section-editor", sections: [section.id] });
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = await serveLocal({ store }, { port, hostname: "127.0.0.1" });
  browser = await launchChromium();
  page = await browser.context.newPage();
  page.on("pageerror", (error) => errors.push(`${page.url()}: ${error.message}`));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const axe = () => axeViolations(page);

function shows(locator: Locator, text: string | RegExp): Promise<void> {
  return locator.filter({ hasText: text }).first().waitFor({ timeout: 15_000 });
}

async function signIn(email: string, password = PASSWORD) {
  await page.getByLabel("Thư điện tử").fill(email);
  await page.getByLabel("Mật khẩu").fill(password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await page.getByRole("button", { name: "Đăng xuất" }).waitFor();
}

async function signOut() {
  await page.getByRole("button", { name: "Đăng xuất" }).click();
  await page.getByRole("button", { name: "Đăng nhập" }).waitFor();
}

/** The work lists, on one of their views; the list's region. */
async function workList(view: string): Promise<Locator> {
  await page.getByRole("link", { name: "Bài viết", exact: true }).click();
  await page.getByRole("heading", { level: 1, name: "Công việc biên tập" }).waitFor();
  await page.getByRole("group", { name: "Danh sách" }).getByRole("button", { name: view }).click();
  const region = page.getByRole("region", { name: view });
  await region.waitFor();
  return region;
}

async function openFromList(region: Locator) {
  await region.getByRole("link", { name: TITLE }).click();
  await page.getByRole("heading", { level: 1, name: "Sửa bài viết" }).waitFor();
  await page.getByRole("textbox", { name: "Nội dung" }).waitFor();
}

/** News published today (Vietnam day) by the activity report, read inside the signed-in page. */
async function newsToday(): Promise<number> {
  const day = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
  return page.evaluate(async (day) => {
    const res = await fetch(`/api/reports/activity?from=${day}&to=${day}`, { headers: { Accept: "application/json" } });
    if (!res.ok) throw new Error(`report: ${res.status}`);
    return ((await res.json()) as { published: { byKind: Record<string, number> } }).published.byKind.news ?? 0;
  }, day);
}

const status = (text: string) => page.getByRole("status").filter({ hasText: text }).first().waitFor({ timeout: 15_000 });

describe("the editorial flow in Chromium", () => {
  const violations: Record<string, string[]> = {};
  let readerPath = "";

  it("writes, submits, returns with a reason, resubmits, approves; the reader and the report see it", async () => {
    // The writer: a new article from the "Tạo mới" group of the work lists.
    await page.goto(`${base}/quan-tri`);
    await signIn(WRITER.email);
    const mine = page.getByRole("region", { name: "Bài của tôi" });
    await shows(mine, "Bạn chưa có nội dung nào ở đây.");
    await page.getByRole("navigation", { name: "Tạo mới" }).getByRole("link", { name: "Viết bài mới" }).click();
    await page.getByRole("heading", { level: 1, name: "Viết bài mới" }).waitFor();
    await page.getByLabel("Tiêu đề", { exact: true }).fill(TITLE);
    await page.getByLabel("Sapo (tóm tắt)").fill("Cây cầu dài 120 mét nối hai bờ suối Nậm Lò, giúp 300 hộ dân đi lại an toàn mùa mưa lũ.");
    const body = page.getByRole("textbox", { name: "Nội dung" });
    await body.click();
    await page.getByRole("button", { name: "Đề mục lớn" }).click();
    await page.keyboard.type("Lợi ích của cây cầu");
    await page.keyboard.press("Enter");
    await page.getByRole("button", { name: "Danh sách dấu chấm" }).click();
    await page.keyboard.type("Học sinh đến trường an toàn");
    await page.keyboard.press("Enter");
    await page.keyboard.type("Nông sản ra chợ nhanh hơn");
    await page.keyboard.press("Enter");
    await page.keyboard.press("Enter");
    // "Hòa" as UniKey's Telex sends it: a composition, then the committed syllable.
    const cdp = await browser!.context.newCDPSession(page);
    await page.keyboard.type("Bà con ");
    await cdp.send("Input.imeSetComposition", { text: "Ho", selectionStart: 2, selectionEnd: 2 });
    await cdp.send("Input.insertText", { text: "Hòa" });
    await page.keyboard.type(" Phong rất phấn khởi.");
    await page.getByRole("button", { name: "Lưu bài" }).click();
    await page.waitForURL(/\/quan-tri\/bai-viet\/(?!moi)[\w-]+$/);
    await page.getByRole("heading", { level: 1, name: "Sửa bài viết" }).waitFor();
    const articleUrl = page.url();
    await page.getByRole("button", { name: "Gửi duyệt" }).click();
    await status("Đã gửi duyệt.");
    expect(await body.innerText()).toContain("Bà con Hòa Phong rất phấn khởi.");
    expect(await body.innerText()).not.toContain("HoHòa");
    await signOut();

    // The section editor: the review queue (their default list), return with a reason.
    await signIn(EDITOR.email);
    await page.goto(`${base}/quan-tri`);
    const queue = await workList("Chờ duyệt");
    await queue.getByRole("link", { name: TITLE }).waitFor();
    await shows(queue.getByRole("row", { name: new RegExp(TITLE) }), WRITER.name);
    violations["work lists"] = await axe();
    const before = await newsToday();
    await openFromList(queue);
    await page.getByRole("button", { name: "Trả lại" }).click();
    await page.getByLabel("Lý do trả lại (người viết sẽ thấy)").fill(REASON);
    await page.locator("form").filter({ has: page.getByLabel("Lý do trả lại (người viết sẽ thấy)") }).getByRole("button", { name: "Trả lại" }).click();
    await status("Đã trả lại bài cho người viết.");
    await signOut();

    // The writer reads the reason in "Bài của tôi", fixes and resubmits.
    await signIn(WRITER.email);
    const returned = await workList("Bài của tôi");
    await shows(returned, `Lý do trả lại: ${REASON}`);
    await shows(returned.getByRole("row", { name: new RegExp(TITLE) }), "Bị trả lại");
    await openFromList(returned);
    await body.click();
    await page.keyboard.press("Control+End");
    await page.keyboard.press("Enter");
    await page.keyboard.type("Công trình có tổng vốn 4,2 tỷ đồng, do Công ty Xây dựng Hòa Phong thi công.");
    await page.getByRole("button", { name: "Gửi duyệt" }).click();
    await status("Đã gửi duyệt.");
    await signOut();

    // The section editor approves; the approver's name and the publication time show on the item.
    await signIn(EDITOR.email);
    await page.goto(articleUrl);
    await page.getByRole("heading", { level: 1, name: "Sửa bài viết" }).waitFor();
    await page.getByRole("button", { name: "Duyệt và đăng" }).click();
    await status("Đã duyệt.");
    const workflow = page.getByRole("region", { name: "Quy trình duyệt" });
    await shows(workflow, `Người duyệt: ${EDITOR.name}`);
    await shows(workflow, /Đang đăng, ngày đăng \d{2}\/\d{2}\/\d{4}/);
    expect(await newsToday()).toBe(before + 1);
    readerPath = new URL((await page.getByRole("link", { name: "Xem bài trên trang" }).getAttribute("href"))!, base).pathname;
    const published = await workList("Đã đăng");
    await shows(published.getByRole("row", { name: new RegExp(TITLE) }), `duyệt: ${EDITOR.name}`);

    // The reader's page: the heading, the list and the fixed text.
    const reader = await browser!.context.newPage();
    try {
      await reader.goto(`${base}${readerPath}`);
      expect(await reader.getByRole("heading", { level: 1 }).textContent()).toBe(TITLE);
      const article = reader.locator("article");
      await article.getByRole("heading", { level: 2, name: "Lợi ích của cây cầu" }).first().waitFor();
      expect(await article.locator("ul li").allTextContents()).toEqual(expect.arrayContaining(["Học sinh đến trường an toàn", "Nông sản ra chợ nhanh hơn"]));
      expect(await article.textContent()).toContain("Bà con Hòa Phong rất phấn khởi.");
      expect(await article.textContent()).toContain("tổng vốn 4,2 tỷ đồng");
    } finally {
      await reader.close();
    }
  }, 240_000);

  it("unpublishes, republishes, then schedules; the item shows in 'Đã lên lịch' with its time", async () => {
    const published = await workList("Đã đăng");
    await openFromList(published);
    await page.getByRole("button", { name: "Gỡ xuống" }).click();
    await status("Đã gỡ bài xuống.");
    await shows(page.getByRole("region", { name: "Quy trình duyệt" }), "Đã gỡ xuống");
    expect((await page.request.get(`${base}${readerPath}`)).status()).toBe(404);

    await page.getByRole("button", { name: "Đăng lại" }).click();
    await status("Đã duyệt.");
    expect((await page.request.get(`${base}${readerPath}`)).status()).toBe(200);

    await page.getByRole("button", { name: "Gỡ xuống" }).click();
    await status("Đã gỡ bài xuống.");
    await page.getByRole("button", { name: "Hẹn giờ đăng" }).click();
    const at = page.getByLabel("Thời điểm đăng (giờ Việt Nam)");
    // A time in the past is refused on the screen, with the rule.
    await at.fill("2020-01-01T08:00");
    await page.getByRole("button", { name: "Hẹn giờ đăng" }).click();
    await shows(page.locator("#workflow-at-error"), "sau bây giờ ít nhất 2 phút");
    // Tomorrow at 08:30, Vietnam time.
    const tomorrow = new Date(Date.now() + 7 * 3600_000 + 24 * 3600_000).toISOString().slice(0, 10);
    await at.fill(`${tomorrow}T08:30`);
    await page.getByRole("button", { name: "Hẹn giờ đăng" }).click();
    await status("bài sẽ được đăng theo giờ hẹn");
    const [y, m, d] = tomorrow.split("-");
    const when = `${d}/${m}/${y} 08:30`;
    await shows(page.getByRole("region", { name: "Quy trình duyệt" }), `Hẹn đăng lúc ${when}`);

    const scheduled = await workList("Đã lên lịch");
    await shows(scheduled.getByRole("row", { name: new RegExp(TITLE) }), when);
    // The kind filter (as `?loai=` preselects it) and the title search keep it; another kind does not.
    await page.goto(`${base}/quan-tri?loai=documents`);
    await page.getByRole("heading", { level: 1, name: "Công việc biên tập" }).waitFor();
    expect(await page.getByLabel("Loại nội dung").inputValue()).toBe("documents");
    await page.getByRole("group", { name: "Danh sách" }).getByRole("button", { name: "Đã lên lịch" }).click();
    await shows(page.getByRole("region", { name: "Đã lên lịch" }), "Không có nội dung nào khớp bộ lọc.");
    await page.getByLabel("Loại nội dung").selectOption("articles");
    await page.getByLabel("Tìm theo tiêu đề").fill("cau treo ban nam lo");
    await page.getByRole("button", { name: "Lọc", exact: true }).click();
    await page.getByRole("region", { name: "Đã lên lịch" }).getByRole("link", { name: TITLE }).waitFor();
    await signOut();
  }, 120_000);

  it("changes the writer's password from the header's link", async () => {
    await page.goto(`${base}/quan-tri`);
    await signIn(WRITER.email);
    await page.getByRole("link", { name: "Đổi mật khẩu" }).click();
    await page.waitForURL(/\/quan-tri\/doi-mat-khau$/);
    await page.getByRole("heading", { level: 1, name: "Đổi mật khẩu" }).waitFor().catch((error) => {
      throw new Error(`${error}\n${errors.join("\n")}`);
    });
    violations.password = await axe();
    await page.getByLabel("Mật khẩu hiện tại").fill(PASSWORD);
    await page.getByLabel("Mật khẩu mới", { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel("Nhập lại mật khẩu mới").fill("khong-giong-nhau-dau");
    await page.getByRole("button", { name: "Đổi mật khẩu" }).click();
    await shows(page.locator("#password-repeat-error"), "không giống nhau");
    await page.getByLabel("Nhập lại mật khẩu mới").fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Đổi mật khẩu" }).click();
    await status("Đã đổi mật khẩu.");
    violations["password done"] = await axe();
    await signOut();
    await signIn(WRITER.email, NEW_PASSWORD);
    await shows(page.locator(".topbar__user"), WRITER.name);
    expect(violations).toEqual({ "work lists": [], password: [], "password done": [] });
    expect(errors).toEqual([]);
  }, 120_000);
});
