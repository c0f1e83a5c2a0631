/**
 * The dashboard in real headless Chromium, used only through its screens (issues 11 and 12): a
 * section editor signs in, uploads a 2000×1300 JPEG (the progress bar reaches 100 %, then "Sẵn
 * sàng"), finds that an image without alt text is refused as a featured image, sets the alt text,
 * writes an article (a heading, a list, a syllable typed through an input method's composition),
 * chooses the photo, saves and submits; a second section editor approves it from the review queue;
 * the reader's article page then loads one of the photo's variants in its <picture>. axe-core
 * finds no WCAG 2.1 A/AA violation on the sign-in, media library and editor screens, and no public
 * page loads a dashboard asset. Its own s3rver (events processed as `npm start` does) and server on
 * random ports; everything is stopped even when a step fails.
 */
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { Users } from "../../functions/core/accounts/users";
import { MediaLibrary } from "../../functions/core/media/library";
import { SectionAdmin } from "../../functions/core/sections/section-admin";
import { Settings } from "../../functions/core/site/settings";
import { createStore, type Store } from "../../functions/core/storage/sdk-store";
import { ensureBucket, ensureTable, freePort, localStoreOptions, startS3, type Emulator } from "../../scripts/local/emulators";
import { configureMediaBucket, mediaEvents } from "../../scripts/local/media";
import { serveLocal, type LocalServer } from "../../scripts/local/server";
import { axeViolations } from "../support/axe";
import { launchChromium } from "../support/browser";
import { SITE } from "../support/reader-fixtures";

const PASSWORD = "mat-khau-bien-tap-2026";
const WRITER = { email: "le.thu.ha@hoaphong.example.vn", name: "Lê Thu Hà" };
const APPROVER = { email: "tran.van.minh@hoaphong.example.vn", name: "Trần Văn Minh" };
const ALT = "Cánh đồng lúa chín vàng ở xã Hòa Phong, phía xa là dãy núi";
const TITLE = "Hòa Phong thu hoạch vụ lúa mùa đạt năng suất cao";

let directory: string;
let s3: Emulator | undefined;
let store: Store;
let server: LocalServer | undefined;
let base: string;
let photo: string;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), "portal-dashboard-e2e-"));
  let wired: Store | undefined;
  s3 = await startS3({ directory: join(directory, "s3"), onEvent: mediaEvents(() => wired) });
  store = createStore(localStoreOptions({ dynamodb: inject("dynamodbEndpoint"), s3: s3.endpoint }, { table: `dashboard-${Date.now()}`, bucket: "portal-media" }));
  await ensureTable(store);
  await ensureBucket(store);
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  await configureMediaBucket(store, [base]);
  wired = store;

  await Settings.put(store, SITE);
  const section = await SectionAdmin.create(store, { slug: "kinh-te", name: "Kinh tế", description: "Tin kinh tế của tỉnh.", order: 1 });
  for (const who of [WRITER, APPROVER]) await Users.create(store, { ...who, password: PASSWORD, role: "section-editor", sections: [section.id] });
  server = await serveLocal({ store }, { port, hostname: "127.0.0.1" });

  // A real photo-sized JPEG, drawn here: fields, a sun and hills.
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="2000" height="1300">
    <defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#6fa8dc"/><stop offset="1" stop-color="#e6f0fa"/></linearGradient></defs>
    <rect width="2000" height="1300" fill="url(#sky)"/><circle cx="1600" cy="260" r="120" fill="#ffd966"/>
    <path d="M0 700 Q500 450 1000 700 T2000 650 V1300 H0Z" fill="#38761d"/>
    ${Array.from({ length: 24 }, (_, i) => `<rect x="0" y="${820 + i * 20}" width="2000" height="9" fill="${i % 2 ? "#e1c340" : "#bf9000"}"/>`).join("")}
  </svg>`;
  photo = join(directory, "dong-lua-hoa-phong.jpg");
  writeFileSync(photo, await sharp(Buffer.from(svg)).jpeg({ quality: 88 }).toBuffer());
}, 120_000);

afterAll(async () => {
  await server?.close();
  await s3?.stop();
  if (directory) rmSync(directory, { recursive: true, force: true });
});

/** Waits until `locator` shows `text` (what Playwright's toContainText does, without @playwright/test). */
function shows(locator: Locator, text: string | RegExp): Promise<void> {
  return locator.filter({ hasText: text }).first().waitFor({ timeout: 15_000 });
}

async function signIn(page: Page, email: string) {
  await page.getByLabel("Thư điện tử").fill(email);
  await page.getByLabel("Mật khẩu").fill(PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await page.getByRole("button", { name: "Đăng xuất" }).waitFor();
}

describe("the dashboard in Chromium", () => {
  it("uploads a photo, writes an article with it, submits, approves; the reader sees the photo", async () => {
    const browser = await launchChromium();
    const violations: Record<string, string[]> = {};
    try {
      const page = await browser.context.newPage();
      const dashboardAssets: string[] = [];
      page.on("request", (request) => {
        if (/\/assets\/dashboard-/.test(request.url())) dashboardAssets.push(request.url());
      });

      // Sign-in screen, then the writer signs in.
      await page.goto(`${base}/quan-tri`);
      await page.getByRole("heading", { level: 1, name: "Đăng nhập quản trị nội dung" }).waitFor();
      violations["sign-in"] = await axeViolations(page);
      await page.getByRole("button", { name: "Đăng nhập" }).click();
      await shows(page.getByRole("alert"), "Hãy điền đủ thư điện tử và mật khẩu.");
      await signIn(page, WRITER.email);
      await shows(page.locator(".topbar__user"), WRITER.name);

      // Media library: upload with a progress bar that reaches 100 %, then processing until ready.
      await page.getByRole("link", { name: "Thư viện ảnh và tệp" }).click();
      await page.getByRole("heading", { level: 1, name: "Thư viện ảnh và tệp" }).waitFor();
      await page.getByLabel("Chọn tệp để tải lên").setInputFiles(photo);
      const progress = page.getByRole("progressbar", { name: "Tải lên “dong-lua-hoa-phong.jpg”" });
      await progress.waitFor();
      await page.waitForFunction(() => document.querySelector("progress")?.value === 100, undefined, { timeout: 20_000 });
      await shows(page.locator(".upload__bar"), "100 %");
      await page.locator(".upload__phase", { hasText: /sẵn sàng/i }).waitFor({ timeout: 30_000 });
      const record = (await MediaLibrary.list(store, { kind: "image" })).items[0]!;
      expect(record).toMatchObject({ status: "ready", width: 2000, height: 1300, filename: "dong-lua-hoa-phong.jpg" });
      await shows(page.locator(".media-card", { hasText: "dong-lua-hoa-phong.jpg" }), "Chưa có mô tả ảnh (alt)");
      violations["media library"] = await axeViolations(page);

      // An article whose featured image has no alt text yet: the server refuses it, the screen says why.
      await page.getByRole("link", { name: "Bài viết", exact: true }).click();
      await page.getByRole("link", { name: "Viết bài mới" }).click();
      await page.getByRole("heading", { level: 1, name: "Viết bài mới" }).waitFor();
      await page.getByLabel("Tiêu đề", { exact: true }).fill(TITLE);
      await page.getByLabel("Sapo (tóm tắt)").fill("Vụ lúa mùa năm nay của tỉnh đạt năng suất bình quân 58 tạ/ha, cao nhất trong 5 năm.");
      const body = page.getByRole("textbox", { name: "Nội dung" });
      await body.click();
      await page.getByRole("button", { name: "Đề mục lớn" }).click();
      await page.keyboard.type("Kết quả nổi bật");
      await page.keyboard.press("Enter");
      await page.getByRole("button", { name: "Danh sách dấu chấm" }).click();
      await page.keyboard.type("Năng suất tăng 4 tạ/ha");
      await page.keyboard.press("Enter");
      await page.keyboard.type("Giá lúa ổn định");
      await page.keyboard.press("Enter");
      await page.keyboard.press("Enter");
      // A syllable as UniKey's Telex sends it: a composition, then the committed text.
      const cdp = await browser.context.newCDPSession(page);
      await page.keyboard.type("Nông dân ");
      await cdp.send("Input.imeSetComposition", { text: "Ho", selectionStart: 2, selectionEnd: 2 });
      await cdp.send("Input.insertText", { text: "Hòa" });
      await page.keyboard.type(" Phong phấn khởi.");
      await page.getByRole("button", { name: "Chọn ảnh đại diện" }).click();
      await page.getByRole("dialog", { name: "Chọn ảnh đại diện" }).getByRole("button", { name: /dong-lua-hoa-phong\.jpg/ }).click();
      await page.getByRole("button", { name: "Lưu bài" }).click();
      await shows(page.getByRole("alert"), "chưa có mô tả (alt)");
      await shows(page.locator("#featuredImage-error"), "Ảnh chưa có mô tả (alt).");
      expect(await body.innerText()).toContain("Nông dân Hòa Phong phấn khởi.");

      // Without the image it saves as a draft.
      await page.getByRole("button", { name: "Bỏ ảnh đại diện" }).click();
      await page.getByRole("button", { name: "Lưu bài" }).click();
      await page.waitForURL(/\/quan-tri\/bai-viet\/(?!moi)[\w-]+$/);
      await page.getByRole("heading", { level: 1, name: "Sửa bài viết" }).waitFor();
      await shows(page.locator(".status-line"), "Bản nháp");
      const articleUrl = page.url();
      await body.waitFor();
      violations.editor = await axeViolations(page);

      // The alt text, in the library's details dialog.
      await page.getByRole("link", { name: "Thư viện ảnh và tệp" }).click();
      await page.getByRole("button", { name: "Xem, sửa thông tin “dong-lua-hoa-phong.jpg”" }).click();
      const details = page.getByRole("dialog", { name: "Thông tin tệp: dong-lua-hoa-phong.jpg" });
      await details.getByLabel("Mô tả ảnh (alt)").fill(ALT);
      await details.getByLabel("Nguồn / tác giả ảnh").fill("Ảnh: Lê Thu Hà");
      await details.getByRole("button", { name: "Lưu thông tin" }).click();
      await shows(details.getByRole("status"), "Đã lưu thông tin tệp.");
      await details.getByRole("button", { name: "Đóng" }).click();
      await shows(page.locator(".media-card", { hasText: "dong-lua-hoa-phong.jpg" }), `Mô tả: ${ALT}`);

      // Back to the draft: choose the photo (its alt shown), save, submit.
      await page.goto(articleUrl);
      await page.getByRole("heading", { level: 1, name: "Sửa bài viết" }).waitFor();
      await page.getByRole("button", { name: "Chọn ảnh đại diện" }).click();
      await page.getByRole("dialog", { name: "Chọn ảnh đại diện" }).getByRole("button", { name: new RegExp(`Mô tả: ${ALT}`) }).click();
      await shows(page.locator(".featured"), ALT);
      await page.getByRole("button", { name: "Lưu bài" }).click();
      await page.getByRole("status").filter({ hasText: "Đã lưu lúc" }).first().waitFor();
      await page.getByRole("button", { name: "Gửi duyệt" }).click();
      await page.getByRole("status").filter({ hasText: "Đã gửi duyệt." }).first().waitFor();
      await shows(page.locator(".status-line"), "Chờ duyệt");
      // The writer's own work: no approval button (four eyes).
      expect(await page.getByRole("button", { name: "Duyệt và đăng" }).count()).toBe(0);

      // The second section editor approves it from the review queue.
      await page.getByRole("button", { name: "Đăng xuất" }).click();
      await signIn(page, APPROVER.email);
      // Signing in keeps the address (the draft's), so a link sent by e-mail opens where it points.
      await page.getByRole("heading", { level: 1, name: "Sửa bài viết" }).waitFor();
      await page.getByRole("link", { name: "Bài viết", exact: true }).click();
      const queue = page.getByRole("region", { name: "Chờ duyệt" });
      await queue.getByRole("link", { name: TITLE }).waitFor();
      violations["work lists"] = await axeViolations(page);
      await queue.getByRole("link", { name: TITLE }).click();
      await page.getByRole("heading", { level: 1, name: "Sửa bài viết" }).waitFor();
      await page.getByRole("button", { name: "Duyệt và đăng" }).click();
      await page.getByRole("status").filter({ hasText: "Đã duyệt." }).first().waitFor();
      await shows(page.locator(".status-line"), `Người duyệt ${APPROVER.name}`);

      // The reader's page: the heading and list as written, and the photo loaded from its variants.
      dashboardAssets.length = 0;
      await page.getByRole("link", { name: "Xem bài trên trang" }).click();
      await page.waitForSelector("html[data-hydrated]");
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(TITLE);
      const article = page.locator("article");
      await article.getByRole("heading", { level: 2, name: "Kết quả nổi bật" }).first().waitFor();
      expect(await article.locator("ul li").allTextContents()).toEqual(expect.arrayContaining(["Năng suất tăng 4 tạ/ha", "Giá lúa ổn định"]));
      expect(await article.textContent()).toContain("Nông dân Hòa Phong phấn khởi.");
      const image = page.locator("picture img").first();
      expect(await image.getAttribute("alt")).toBe(ALT);
      await page.waitForFunction((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0, await image.elementHandle(), { timeout: 10_000 });
      const current = new URL(await image.evaluate((img) => (img as HTMLImageElement).currentSrc)).pathname;
      expect(record.variants!.map((variant) => variant.url)).toContain(current);
      // Public pages load nothing of the dashboard.
      await page.goto(`${base}/`);
      await page.waitForSelector("html[data-hydrated]");
      expect(dashboardAssets).toEqual([]);
      expect(await page.content()).not.toMatch(/\/assets\/dashboard-/);
    } finally {
      await browser.close();
    }
    expect(violations).toEqual({ "sign-in": [], "media library": [], editor: [], "work lists": [] });
  }, 240_000);

  it("uploads a video above 100 MB in parts, with one progress bar over the whole file", async () => {
    // An MP4 as a camera writes it (an ftyp box, then one mdat box holding the rest), 101 MB and a bit.
    const size = 101 * 1024 * 1024 + 12_345;
    const ftyp = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from("ftypisom\0\0\x02\0isomiso2", "latin1")]);
    const mdat = Buffer.alloc(8);
    mdat.writeUInt32BE(size - ftyp.length, 0);
    mdat.write("mdat", 4, "latin1");
    const video = join(directory, "phong-su-dai-hoi.mp4");
    writeFileSync(video, Buffer.concat([ftyp, mdat]));
    truncateSync(video, size);
    const browser = await launchChromium();
    try {
      const page = await browser.context.newPage();
      const parts: string[] = [];
      page.on("request", (request) => {
        if (request.method() === "PUT" && /partNumber=/.test(request.url())) parts.push(new URL(request.url()).searchParams.get("partNumber")!);
      });
      await page.goto(`${base}/quan-tri/thu-vien`);
      await signIn(page, WRITER.email);
      await page.getByLabel("Chọn tệp để tải lên").setInputFiles(video);
      await page.getByRole("progressbar", { name: "Tải lên “phong-su-dai-hoi.mp4”" }).waitFor();
      await page.locator(".upload__phase", { hasText: /sẵn sàng/i }).waitFor({ timeout: 90_000 });
      expect(await page.locator("progress").evaluate((bar) => (bar as HTMLProgressElement).value)).toBe(100);
      expect(parts).toEqual(["1", "2", "3", "4", "5", "6", "7"]);
      const record = (await MediaLibrary.list(store, { kind: "video" })).items[0]!;
      expect(record).toMatchObject({ status: "ready", size, filename: "phong-su-dai-hoi.mp4" });
    } finally {
      await browser.close();
      rmSync(video, { force: true });
    }
  }, 150_000);

  it("keeps the text when a save meets an expired session or someone else's save", async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.context.newPage();
      await page.goto(`${base}/quan-tri/bai-viet/moi`);
      await signIn(page, WRITER.email);
      await page.getByLabel("Tiêu đề", { exact: true }).fill("Lịch tiếp công dân tháng 12 của Tỉnh ủy");
      const body = page.getByRole("textbox", { name: "Nội dung" });
      await body.click();
      await page.keyboard.type("Đoạn thứ nhất.");
      await page.getByRole("button", { name: "Lưu bài" }).click();
      await page.waitForURL(/\/quan-tri\/bai-viet\/(?!moi)[\w-]+$/);
      const id = page.url().split("/").at(-1)!;
      await body.click();
      await page.keyboard.press("End");

      // The session ends on the server (as after 30 idle minutes); the next save asks to sign in again.
      const cookie = (await browser.context.cookies()).find((c) => c.name === "portal_session")!;
      await fetch(`${base}/api/auth/logout`, { method: "POST", headers: { Cookie: `${cookie.name}=${cookie.value}`, Origin: base } });
      await page.keyboard.type(" Đoạn viết thêm khi phiên đã hết hạn.");
      await page.getByRole("button", { name: "Lưu bài" }).click();
      const dialog = page.getByRole("dialog", { name: "Phiên làm việc đã hết hạn" });
      await dialog.waitFor();
      expect(await dialog.getByLabel("Thư điện tử").inputValue()).toBe(WRITER.email);
      await dialog.getByLabel("Mật khẩu").fill(PASSWORD);
      await dialog.getByRole("button", { name: "Đăng nhập" }).click();
      await page.getByRole("status").filter({ hasText: "Đã lưu lúc" }).first().waitFor();
      expect(await dialog.isVisible()).toBe(false);

      // Another tab saves meanwhile: the save is refused with a 409, the text stays, the editor chooses.
      const login = await fetch(`${base}/api/auth/login`, { method: "POST", headers: { "Content-Type": "application/json", Origin: base }, body: JSON.stringify({ email: WRITER.email, password: PASSWORD }) });
      const other = login.headers.get("set-cookie")!.split(";")[0]!;
      const read = async () => (await (await fetch(`${base}/api/articles/${id}`, { headers: { Cookie: other } })).json()) as { version: number; title: string; body: string };
      const before = await read();
      expect(before.body).toContain("Đoạn viết thêm khi phiên đã hết hạn.");
      const patched = await fetch(`${base}/api/articles/${id}`, {
        method: "PATCH",
        headers: { "Content-Type": "application/json", Origin: base, Cookie: other },
        body: JSON.stringify({ version: before.version, title: "Tiêu đề sửa ở thẻ khác" }),
      });
      expect(patched.status).toBe(200);
      await body.click();
      await page.keyboard.press("End");
      await page.keyboard.type(" Câu cuối.");
      await page.getByRole("button", { name: "Lưu bài" }).click();
      await shows(page.getByRole("alert"), "Bài viết vừa được người khác lưu");
      expect(await body.innerText()).toContain("Câu cuối.");
      expect(await page.getByLabel("Tiêu đề", { exact: true }).inputValue()).toBe("Lịch tiếp công dân tháng 12 của Tỉnh ủy");
      await page.getByRole("button", { name: "Lưu đè bằng nội dung của tôi" }).click();
      await page.getByRole("status").filter({ hasText: "Đã lưu lúc" }).first().waitFor();
      const after = await read();
      expect(after.title).toBe("Lịch tiếp công dân tháng 12 của Tỉnh ủy");
      expect(after.body).toContain("Câu cuối.");
    } finally {
      await browser.close();
    }
  }, 120_000);
});
