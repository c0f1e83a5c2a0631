/**
 * The article editor in real headless Chromium, through its screens only (issue 12): two tabs of
 * one writer edit the same draft and the second save meets a 409; the compare view shows both
 * versions and each choice (copy from theirs then save, take theirs then restore mine, keep mine)
 * loses no text. Autosave saves without a click; a table and a link survive save and reload; the
 * preview shows the draft with its banner while the public address is a 404; a revision is
 * restored; axe finds no WCAG 2.1 A/AA violation with the compare and revisions views open.
 * One server and one Chromium for the whole file.
 */
import type { BrowserContext, Locator, Page } from "playwright-core";
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
const WRITER = { email: "nguyen.thi.lan@hoaphong.example.vn", name: "Nguyễn Thị Lan" };
const TITLE = "Hòa Phong tổ chức Ngày hội Đại đoàn kết toàn dân tộc";

let store: Store;
let server: LocalServer | undefined;
let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
let context: BrowserContext;
let base: string;
let a: Page;
let articleUrl: string;
let articleId: string;
const violations: Record<string, string[]> = {};
/** Script errors of every page: a view that fails to render must fail the test with its reason. */
const errors: string[] = [];

beforeAll(async () => {
  store = await createTestStore();
  await Settings.put(store, SITE);
  const section = await SectionAdmin.create(store, { slug: "xa-hoi", name: "Xã hội", description: "Tin xã hội của tỉnh.", order: 1 });
  await Users.create(store, { ...WRITER, password: PASSWORD, role: "writer", sections: [section.id] });
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = await serveLocal({ store }, { port, hostname: "127.0.0.1" });
  browser = await launchChromium();
  context = browser.context;
  context.on("page", (page) => page.on("pageerror", (error) => errors.push(`${page.url()}: ${error.message}`)));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

function shows(locator: Locator, text: string | RegExp): Promise<void> {
  return locator.filter({ hasText: text }).first().waitFor({ timeout: 15_000 });
}

const body = (page: Page) => page.getByRole("textbox", { name: "Nội dung" });
const title = (page: Page) => page.getByLabel("Tiêu đề", { exact: true });
const savedStatus = (page: Page) => shows(page.locator(".save-status"), "Đã lưu lúc");

/** Types at the end of the body. */
async function typeAtEnd(page: Page, text: string) {
  await body(page).click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type(text);
}

async function serverCopy(): Promise<{ version: number; title: string; body: string; slug: string }> {
  const cookie = (await context.cookies()).find((c) => c.name === "portal_session")!;
  const res = await fetch(`${base}/api/articles/${articleId}`, { headers: { Cookie: `${cookie.name}=${cookie.value}` } });
  return res.json();
}

async function openEditor(page: Page) {
  await page.goto(articleUrl);
  await page.getByRole("heading", { level: 1, name: "Sửa bài viết" }).waitFor();
  await body(page).waitFor();
}

describe("the article editor in Chromium", () => {
  it("writes a draft with a table and a link, which survive save and reload", async () => {
    a = await context.newPage();
    await a.goto(`${base}/quan-tri/bai-viet/moi`);
    await a.getByLabel("Thư điện tử").fill(WRITER.email);
    await a.getByLabel("Mật khẩu").fill(PASSWORD);
    await a.getByRole("button", { name: "Đăng nhập" }).click();
    await a.getByRole("heading", { level: 1, name: "Viết bài mới" }).waitFor();
    await title(a).fill(TITLE);
    await a.getByLabel("Sapo (tóm tắt)").fill("Ngày hội diễn ra tại 12 khu dân cư với nhiều hoạt động văn hóa, thể thao.");
    await body(a).click();
    // A syllable as UniKey's Telex sends it: a composition, then the committed text.
    const cdp = await context.newCDPSession(a);
    await a.keyboard.type("Người dân ");
    await cdp.send("Input.imeSetComposition", { text: "Ho", selectionStart: 2, selectionEnd: 2 });
    await cdp.send("Input.insertText", { text: "Hòa" });
    await a.keyboard.type(" Phong vui ngày hội.");
    await a.keyboard.press("Enter");
    // Pressing a toolbar button leaves the focus in the text, so what is typed right after a click goes in.
    const redo = (await a.getByRole("button", { name: "Làm lại" }).boundingBox())!;
    await a.mouse.move(redo.x + redo.width / 2, redo.y + redo.height / 2);
    await a.mouse.down();
    expect(await a.evaluate(() => document.activeElement?.getAttribute("aria-multiline"))).toBe("true");
    await a.mouse.up();
    // A link: a scheme other than http(s)/mailto is refused, a bare domain gets https://.
    await a.getByRole("button", { name: "Liên kết" }).click();
    const dialog = a.getByRole("dialog", { name: "Liên kết" });
    await dialog.getByLabel("Địa chỉ liên kết").fill("javascript:alert(1)");
    await dialog.getByRole("button", { name: "Áp dụng" }).click();
    await shows(dialog.locator(".field__error"), "https://");
    await dialog.getByLabel("Địa chỉ liên kết").fill("hoaphong.example.vn/ngay-hoi");
    await dialog.getByRole("button", { name: "Áp dụng" }).click();
    await dialog.waitFor({ state: "hidden" });
    await a.keyboard.press("Enter");
    // A 3 × 3 table with a header row.
    await a.getByRole("button", { name: "Chèn bảng 3 × 3 có hàng tiêu đề" }).click();
    await a.keyboard.type("Khu dân cư");
    await a.keyboard.press("Tab");
    await a.keyboard.type("Số hộ");
    await a.keyboard.press("Tab");
    await a.keyboard.type("Ghi chú");
    await a.keyboard.press("Tab");
    await a.keyboard.type("Thôn Đông");
    await a.keyboard.press("Tab");
    await a.keyboard.type("1.250");
    await a.getByRole("button", { name: "Thêm hàng dưới" }).waitFor();
    await a.getByRole("button", { name: "Lưu bài" }).click();
    await a.waitForURL(/\/quan-tri\/bai-viet\/(?!moi)[\w-]+$/);
    articleUrl = a.url();
    articleId = articleUrl.split("/").at(-1)!;

    await openEditor(a);
    const editor = body(a);
    expect(await editor.innerText()).toContain("Người dân Hòa Phong vui ngày hội.");
    expect(await editor.locator("th").allTextContents()).toEqual(["Khu dân cư", "Số hộ", "Ghi chú"]);
    expect(await editor.locator("td").first().textContent()).toBe("Thôn Đông");
    expect(await editor.locator("a").getAttribute("href")).toBe("https://hoaphong.example.vn/ngay-hoi");
    const stored = await serverCopy();
    expect(stored.body).toContain('<th scope="col"><p>Khu dân cư</p></th>');
    expect(stored.body).toContain('href="https://hoaphong.example.vn/ngay-hoi"');
  }, 90_000);

  it("autosaves a draft a few seconds after typing stops, without a click", async () => {
    await typeAtEnd(a, " Tự lưu sau khi ngừng gõ.");
    await shows(a.locator(".save-status"), "Có thay đổi chưa lưu.");
    await savedStatus(a);
    await openEditor(a);
    expect(await body(a).innerText()).toContain("Tự lưu sau khi ngừng gõ.");
  }, 60_000);

  it("two tabs: the second save opens the compare view, and no choice loses text", async () => {
    const b = await context.newPage();
    await openEditor(b);
    // B saves first; A, still on the older version, has typed too and meets the 409.
    await title(b).fill(`${TITLE} năm 2026`);
    await typeAtEnd(b, " Phóng viên Trần Bình bổ sung số liệu.");
    await b.getByRole("button", { name: "Lưu bài" }).click();
    await savedStatus(b);
    await typeAtEnd(a, " Ủy ban Mặt trận chúc mừng.");
    await a.getByRole("button", { name: "Lưu bài" }).click();
    await shows(a.getByRole("alert"), "Bài viết vừa được người khác lưu").catch((error) => {
      throw new Error(`${error}\n${errors.join("\n")}`);
    });
    const compare = a.getByRole("region", { name: "So sánh bản trên máy chủ với bản của tôi" });
    await shows(compare.getByRole("heading", { level: 3 }), "Tiêu đề: khác nhau");
    await shows(compare.locator("ins"), "Mặt trận");
    await shows(compare.locator("del"), "Trần Bình");
    expect(await body(a).innerText()).toContain("Ủy ban Mặt trận chúc mừng.");
    violations.compare = await axeViolations(a);

    // 1. Copy from theirs into mine (their title, their body appended), then save over.
    await compare.getByRole("button", { name: "Dùng tiêu đề của bản trên máy chủ" }).click();
    expect(await title(a).inputValue()).toBe(`${TITLE} năm 2026`);
    await compare.getByRole("button", { name: "Chép nội dung bản trên máy chủ vào cuối bài của tôi" }).click();
    await shows(body(a), "Phóng viên Trần Bình bổ sung số liệu.");
    await compare.getByRole("button", { name: "Lưu đè bằng nội dung của tôi" }).click();
    await savedStatus(a);
    let copy = await serverCopy();
    expect(copy.title).toBe(`${TITLE} năm 2026`);
    expect(copy.body).toContain("Ủy ban Mặt trận chúc mừng.");
    expect(copy.body).toContain("Phóng viên Trần Bình bổ sung số liệu.");

    // 2. Take theirs: B (now behind) has typed, meets the 409, opens the newest, then gets its text back.
    await typeAtEnd(b, " Ảnh tư liệu đính kèm.");
    await b.getByRole("button", { name: "Lưu bài" }).click();
    await shows(b.getByRole("alert"), "Bài viết vừa được người khác lưu");
    await b.getByRole("button", { name: "Bỏ nội dung của tôi, mở bản mới nhất" }).click();
    await shows(b.getByRole("status"), "Đã mở bản mới nhất.");
    await shows(body(b), "Ủy ban Mặt trận chúc mừng.");
    expect(await body(b).innerText()).not.toContain("Ảnh tư liệu đính kèm.");
    await b.getByRole("button", { name: "Hoàn lại nội dung của tôi" }).click();
    await shows(body(b), "Ảnh tư liệu đính kèm.");
    await b.getByRole("button", { name: "Lưu bài" }).click();
    await savedStatus(b);
    copy = await serverCopy();
    expect(copy.body).toContain("Ảnh tư liệu đính kèm.");

    // 3. Keep mine: A (behind again) saves over with its own text.
    await typeAtEnd(a, " Kết thúc buổi gặp gỡ trang trọng.");
    await a.getByRole("button", { name: "Lưu bài" }).click();
    await shows(a.getByRole("alert"), "Bài viết vừa được người khác lưu");
    await a.getByRole("button", { name: "Lưu đè bằng nội dung của tôi" }).click();
    await savedStatus(a);
    copy = await serverCopy();
    expect(copy.body).toContain("Kết thúc buổi gặp gỡ trang trọng.");
    await b.close();
  }, 120_000);

  it("previews the draft as readers will see it, with a banner, while its public address is a 404", async () => {
    const [preview] = await Promise.all([context.waitForEvent("page"), a.getByRole("link", { name: /Xem trước/ }).click()]);
    await preview.waitForLoadState();
    expect(new URL(preview.url()).pathname).toBe(`/api/preview/articles/${articleId}`);
    await shows(preview.getByRole("note"), "Bản xem trước — chưa đăng");
    expect(await preview.getByRole("heading", { level: 1 }).textContent()).toBe(`${TITLE} năm 2026`);
    expect(await preview.locator("article").textContent()).toContain("Kết thúc buổi gặp gỡ trang trọng.");
    await preview.close();
    const { slug } = await serverCopy();
    expect((await fetch(`${base}/bai-viet/${slug}`)).status).toBe(404);
  }, 60_000);

  it("lists revisions, compares one with the text on screen, and restores one after confirmation", async () => {
    await openEditor(a);
    await a.getByRole("button", { name: "Lịch sử phiên bản" }).click();
    const history = a.getByRole("region", { name: "Lịch sử phiên bản" });
    await history.getByRole("row").nth(1).waitFor();
    await history.getByRole("button", { name: "So sánh phiên bản 1 với nội dung đang soạn" }).click();
    const result = a.getByRole("region", { name: "Kết quả so sánh phiên bản" });
    await shows(result.locator("ins"), "trang trọng");
    await history.getByRole("button", { name: "So sánh", exact: true }).click();
    await shows(result.getByRole("heading", { level: 4 }), /Phiên bản \d+ \(/);
    violations.revisions = await axeViolations(a);
    await history.getByRole("button", { name: "Khôi phục phiên bản 1" }).click();
    const confirm = a.getByRole("dialog", { name: "Khôi phục phiên bản 1?" });
    await confirm.getByRole("button", { name: "Khôi phục" }).click();
    await shows(a.getByRole("status"), "Đã khôi phục");
    expect(await body(a).innerText()).not.toContain("Ủy ban Mặt trận chúc mừng.");
    expect(await title(a).inputValue()).toBe(TITLE);
    const copy = await serverCopy();
    expect(copy.title).toBe(TITLE);
    expect(copy.body).not.toContain("Kết thúc buổi gặp gỡ trang trọng.");
    // Nothing is lost: the overwritten text is still a revision.
    await shows(history.getByRole("cell"), "Khôi phục từ phiên bản 1");
    expect(violations).toEqual({ compare: [], revisions: [] });
    expect(errors).toEqual([]);
  }, 60_000);
});
