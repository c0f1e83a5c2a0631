/**
 * The dashboard's screens for documents, weekly schedules, photo reportages and videos in real
 * headless Chromium, used only through the UI (issue 12): a section editor creates a document and
 * uploads its PDF from the file picker (progress, then ready), meets the 409 of a second document
 * with the same number + issuer + year on the number field, lays out a week with three entries
 * and moves one to another day, orders a reportage's three photos with the keyboard (each move
 * announced), uploads a small MP4 for a video with a poster, writes a draft for comment whose short
 * period needs a reason; submits each. A second section editor approves each, publishes a
 * citizen's comment from the draft's comment list and attaches its summary report; the reader's
 * pages then show the document number, the week's entries, the photos in the chosen order and the
 * video. axe-core finds no WCAG 2.1 A/AA violation on each screen.
 * One server, one s3rver (events processed as `npm start` does) and one Chromium for the file.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { Users } from "../../functions/core/accounts/users";
import { ScheduleOwnerAdmin } from "../../functions/core/content/schedule-owners";
import { Comments } from "../../functions/core/consultations/comments";
import { SectionAdmin } from "../../functions/core/sections/section-admin";
import { parseWeek, weekOf } from "../../functions/core/shared/week";
import { Settings } from "../../functions/core/site/settings";
import { createStore, type Store } from "../../functions/core/storage/sdk-store";
import { ensureBucket, ensureTable, freePort, localStoreOptions, startS3, type Emulator } from "../../scripts/local/emulators";
import { configureMediaBucket, mediaEvents } from "../../scripts/local/media";
import { serveLocal, type LocalServer } from "../../scripts/local/server";
import { seedImage } from "../../scripts/seed/images";
import { landscapeVideo } from "../../scripts/seed/videos-mp4";
import { axeViolations } from "../support/axe";
import { launchChromium } from "../support/browser";
import { Samples } from "../support/media";
import { SITE } from "../support/reader-fixtures";

const PASSWORD = "mat-khau-bien-tap-2026";
const WRITER = { email: "nguyen.thi.lan@hoaphong.example.vn", name: "Nguyễn Thị Lan" };
const APPROVER = { email: "pham.quoc.bao@hoaphong.example.vn", name: "Phạm Quốc Bảo" };
const PHOTOS = [
  { id: "kinds-img-1", filename: "le-hoi-dua-thuyen.jpg", alt: "Các đội đua thuyền trên sông Hòa Phong", scene: "river" as const },
  { id: "kinds-img-2", filename: "khan-gia-hai-bo-song.jpg", alt: "Khán giả cổ vũ hai bên bờ sông", scene: "festival" as const },
  { id: "kinds-img-3", filename: "trao-giai-dua-thuyen.jpg", alt: "Lễ trao giải cho đội thắng cuộc", scene: "town" as const },
];

let directory: string;
let s3: Emulator | undefined;
let store: Store;
let server: LocalServer | undefined;
let base: string;
let pdf: string;
let mp4: string;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), "portal-dashboard-kinds-"));
  let wired: Store | undefined;
  s3 = await startS3({ directory: join(directory, "s3"), onEvent: mediaEvents(() => wired) });
  store = createStore(localStoreOptions({ dynamodb: inject("dynamodbEndpoint"), s3: s3.endpoint }, { table: `dashboard-kinds-${Date.now()}`, bucket: "portal-media" }));
  await ensureTable(store);
  await ensureBucket(store);
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  await configureMediaBucket(store, [base]);
  wired = store;

  await Settings.put(store, SITE);
  const documents = await SectionAdmin.create(store, { slug: "van-ban", name: "Văn bản", description: "Văn bản chỉ đạo.", order: 1 });
  const news = await SectionAdmin.create(store, { slug: "tin-tuc-su-kien", name: "Tin tức - Sự kiện", description: "Tin tức của tỉnh.", order: 2 });
  const drafts = await SectionAdmin.create(store, { slug: "gop-y-du-thao", name: "Góp ý dự thảo", description: "Dự thảo lấy ý kiến nhân dân.", order: 3 });
  for (const who of [WRITER, APPROVER]) await Users.create(store, { ...who, password: PASSWORD, role: "section-editor", sections: [documents.id, news.id, drafts.id] });
  const admin = { id: "u-admin", name: "Quản trị" };
  await ScheduleOwnerAdmin.create(store, { name: "Thường trực Tỉnh ủy", section: "tin-tuc-su-kien" }, admin);
  for (const photo of PHOTOS) await seedImage(store, { ...photo, caption: `Chú thích: ${photo.alt}.`, credit: "Ảnh: Hoàng Minh", width: 800, height: 533 }, admin);
  server = await serveLocal({ store }, { port, hostname: "127.0.0.1" });

  pdf = join(directory, "chi-thi-15-ct-tu.pdf");
  writeFileSync(pdf, Samples.pdf(4096));
  mp4 = join(directory, "dua-thuyen-hoa-phong.mp4");
  writeFileSync(mp4, await landscapeVideo("river", "kinds", { seconds: 1, fps: 2 }));
}, 120_000);

afterAll(async () => {
  await server?.close();
  await s3?.stop();
  if (directory) rmSync(directory, { recursive: true, force: true });
});

function shows(locator: Locator, text: string | RegExp): Promise<void> {
  return locator.filter({ hasText: text }).first().waitFor({ timeout: 15_000 });
}

async function signIn(page: Page, email: string) {
  await page.getByLabel("Thư điện tử").fill(email);
  await page.getByLabel("Mật khẩu").fill(PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await page.getByRole("button", { name: "Đăng xuất" }).waitFor();
}

/** Saves a new item: the address becomes the item's own. */
async function saveNew(page: Page, button: string, path: string): Promise<string> {
  await page.getByRole("button", { name: button }).click();
  await page.waitForURL(new RegExp(`/quan-tri/${path}/(?!moi)[\\w-]+$`));
  await shows(page.locator(".status-line"), "Bản nháp");
  return page.url();
}

async function submit(page: Page) {
  await page.getByRole("button", { name: "Gửi duyệt" }).click();
  await shows(page.getByRole("status"), "Đã gửi duyệt.");
  await shows(page.locator(".status-line"), "Chờ duyệt");
}

const day = (iso: string) => iso.split("-").reverse().join("/").slice(0, 5);

describe("the dashboard's kinds screens in Chromium", () => {
  it("creates, submits and approves a document, a week, a reportage, a video and a draft for comment; readers see them", async () => {
    const browser = await launchChromium();
    const violations: Record<string, string[]> = {};
    const week = weekOf(new Date()).next;
    try {
      const page = await browser.context.newPage();
      // Every screen is left saved: a "leave with unsaved changes?" question would be a bug.
      const unexpected: string[] = [];
      page.on("dialog", (dialog) => {
        unexpected.push(`${dialog.type()} on ${page.url()}`);
        void dialog.dismiss();
      });
      page.on("pageerror", (error) => unexpected.push(error.message));
      await page.goto(`${base}/quan-tri`);
      await signIn(page, WRITER.email);

      // A document with its PDF, uploaded from the file picker.
      await page.goto(`${base}/quan-tri/van-ban/moi`);
      await page.getByRole("heading", { level: 1, name: "Thêm văn bản" }).waitFor();
      await page.getByLabel("Loại văn bản").selectOption({ label: "Chỉ thị" });
      await page.getByLabel("Số, ký hiệu").fill("15-CT/TU");
      await page.getByLabel("Cơ quan ban hành").fill("Tỉnh ủy Hòa Phong");
      await page.getByLabel("Ngày ban hành").fill("2026-11-20");
      await page.getByLabel("Trích yếu").fill("Về tăng cường công tác chuyển đổi số trong các cơ quan Đảng");
      await page.getByRole("button", { name: "Thêm tệp từ thư viện" }).click();
      const files = page.getByRole("dialog", { name: "Tệp đính kèm" });
      await files.getByLabel("Tải tệp mới lên").setInputFiles(pdf);
      await files.getByRole("progressbar", { name: "Tải lên “chi-thi-15-ct-tu.pdf”" }).waitFor();
      await shows(files.locator(".upload__phase"), "Sẵn sàng.");
      await files.getByRole("checkbox", { name: /chi-thi-15-ct-tu\.pdf/ }).waitFor();
      expect(await files.getByRole("checkbox", { name: /chi-thi-15-ct-tu\.pdf/ }).isChecked()).toBe(true);
      violations["document files"] = await axeViolations(page);
      await files.getByRole("button", { name: "Thêm 1 mục đã chọn" }).click();
      await shows(page.locator(".file-list"), "chi-thi-15-ct-tu.pdf");
      const documentUrl = await saveNew(page, "Lưu văn bản", "van-ban");
      violations.document = await axeViolations(page);
      await submit(page);

      await page.goto(`${base}/quan-tri/lich-cong-tac/moi`);
      // A week: three entries, one moved from Wednesday to Tuesday.
      await page.getByRole("heading", { level: 1, name: "Lập lịch công tác tuần" }).waitFor();
      const weekDays = [0, 1, 2].map((n) => new Date(Date.parse(`${parseWeek(week).monday}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10));
      await shows(page.locator("#week-hint"), `Tuần ${Number(week.slice(6))} (`);
      const add = async (label: string, fields: Record<string, string>) => {
        await page.getByRole("button", { name: label }).click();
        const dialog = page.getByRole("dialog", { name: "Thêm việc" });
        for (const [name, value] of Object.entries(fields)) await dialog.getByLabel(name, { exact: true }).fill(value);
        await dialog.getByRole("button", { name: "Thêm vào lịch" }).click();
      };
      await add(`Thêm việc buổi sáng Thứ Hai ${day(weekDays[0]!)}`, { "Giờ (nếu có)": "07:30", "Nội dung công việc": "Giao ban Thường trực Tỉnh ủy đầu tuần", "Chủ trì": "Đồng chí Bí thư Tỉnh ủy" });
      await add(`Thêm việc buổi chiều Thứ Tư ${day(weekDays[2]!)}`, { "Nội dung công việc": "Làm việc với Đảng ủy xã Ngọc Sơn", "Địa điểm": "Xã Ngọc Sơn" });
      await add(`Thêm việc buổi sáng Thứ Ba ${day(weekDays[1]!)}`, { "Giờ (nếu có)": "08:00", "Nội dung công việc": "Họp Ban Thường vụ Tỉnh ủy" });
      await page.getByRole("button", { name: "Sửa việc “Làm việc với Đảng ủy xã Ngọc Sơn”" }).click();
      const edit = page.getByRole("dialog", { name: "Sửa việc" });
      await edit.getByLabel("Ngày").selectOption(weekDays[1]!);
      await edit.getByRole("button", { name: "Cập nhật" }).click();
      await shows(page.locator("[aria-live]"), "nay ở buổi Chiều Thứ Ba");
      const tuesday = page.getByRole("row", { name: new RegExp(`Thứ Ba ${day(weekDays[1]!)}`) });
      expect(await tuesday.innerText()).toContain("Làm việc với Đảng ủy xã Ngọc Sơn");
      const scheduleUrl = await saveNew(page, "Lưu lịch", "lich-cong-tac");
      violations.schedule = await axeViolations(page);
      await submit(page);

      // A reportage of three photos, reordered with the keyboard.
      await page.goto(`${base}/quan-tri/phong-su-anh/moi`);
      await page.getByRole("heading", { level: 1, name: "Tạo phóng sự ảnh" }).waitFor();
      await page.getByLabel("Tiêu đề").fill("Lễ hội đua thuyền truyền thống trên sông Hòa Phong");
      await page.getByLabel("Tóm tắt").fill("Hơn hai mươi đội thuyền của các xã tranh tài trong ngày hội.");
      await page.getByRole("button", { name: "Thêm ảnh từ thư viện" }).click();
      const picker = page.getByRole("dialog", { name: "Thêm ảnh vào phóng sự" });
      for (const photo of PHOTOS) await picker.getByRole("checkbox", { name: new RegExp(photo.filename.replace(".", "\\.")) }).check();
      await picker.getByRole("button", { name: "Thêm 3 mục đã chọn" }).click();
      const first = page.getByRole("button", { name: new RegExp(`^Xuống: chuyển ảnh 1 \\(${PHOTOS[0]!.alt}`) });
      await first.focus();
      await page.keyboard.press("Enter");
      await shows(page.locator("[aria-live]"), `Đã chuyển ảnh “${PHOTOS[0]!.alt}” đến vị trí 2/3.`);
      // The keyboard stays on the moved photo: Enter again takes it to the end.
      await page.keyboard.press("Enter");
      await shows(page.locator("[aria-live]"), `Đã chuyển ảnh “${PHOTOS[0]!.alt}” đến vị trí 3/3.`);
      expect(await page.locator(".photo-list__alt").allInnerTexts()).toEqual([1, 2, 0].map((i, n) => `Ảnh ${n + 1}. Mô tả: ${PHOTOS[i]!.alt}`));
      const galleryUrl = await saveNew(page, "Lưu phóng sự", "phong-su-anh");
      violations.gallery = await axeViolations(page);
      await submit(page);

      // A video uploaded from the picker, with a poster.
      await page.goto(`${base}/quan-tri/video/moi`);
      await page.getByRole("heading", { level: 1, name: "Thêm video" }).waitFor();
      await page.getByLabel("Tiêu đề").fill("Toàn cảnh lễ hội đua thuyền Hòa Phong");
      await page.getByRole("button", { name: "Chọn tệp trong thư viện" }).click();
      const videos = page.getByRole("dialog", { name: "Tệp video" });
      await videos.getByLabel("Tải tệp mới lên").setInputFiles(mp4);
      await shows(videos.locator(".upload__phase"), "Sẵn sàng.");
      await videos.getByRole("button", { name: /dua-thuyen-hoa-phong\.mp4/ }).click();
      await page.getByRole("button", { name: "Chọn ảnh bìa video" }).click();
      await page.getByRole("dialog", { name: "Chọn ảnh bìa video" }).getByRole("button", { name: new RegExp(PHOTOS[0]!.filename.replace(".", "\\.")) }).click();
      await page.getByLabel("Tóm tắt").fill("Những khoảnh khắc đẹp của ngày hội đua thuyền.");
      await page.getByLabel("Hiển thị ở trang chủ").check();
      const videoUrl = await saveNew(page, "Lưu video", "video");
      violations.video = await axeViolations(page);
      await submit(page);

      // A draft for comment with a short period: the reason is asked for before saving.
      const local = (ms: number) => new Date(Date.now() + ms + 7 * 3_600_000).toISOString().slice(0, 16);
      await page.goto(`${base}/quan-tri/gop-y/moi`);
      await page.getByRole("heading", { level: 1, name: "Đăng dự thảo lấy ý kiến" }).waitFor();
      await page.getByLabel("Tiêu đề", { exact: true }).fill("Dự thảo Quy định về văn hóa công vụ tỉnh Hòa Phong");
      await page.getByLabel("Tóm tắt", { exact: true }).fill("Lấy ý kiến cán bộ, đảng viên và nhân dân về dự thảo Quy định.");
      await page.getByRole("textbox", { name: "Toàn văn dự thảo" }).click();
      await page.keyboard.type("Điều 1. Phạm vi điều chỉnh và đối tượng áp dụng.");
      await page.getByLabel("Bắt đầu", { exact: true }).fill(local(-86_400_000));
      await page.getByLabel("Kết thúc", { exact: true }).fill(local(10 * 86_400_000));
      await page.getByLabel("Lý do rút ngắn thời gian lấy ý kiến").fill("Cần ban hành trước kỳ họp cuối năm của Ban Chấp hành.");
      await page.getByLabel("Tên đơn vị").fill("Văn phòng Tỉnh ủy Hòa Phong");
      await page.locator("form.editor").getByLabel("Địa chỉ", { exact: true }).fill("Số 1 đường Trần Hưng Đạo, thành phố Hòa Phong");
      await page.locator("form.editor").getByLabel("Thư điện tử", { exact: true }).fill("gopy@hoaphong.example.vn");
      const consultationUrl = await saveNew(page, "Lưu dự thảo", "gop-y");
      await submit(page);

      // The same number, issuer and year again: the server's 409 on the number field, the text kept
      // (left unsaved: signing out below leaves the screen without asking).
      await page.goto(`${base}/quan-tri/van-ban/moi`);
      await page.getByRole("heading", { level: 1, name: "Thêm văn bản" }).waitFor();
      await page.getByLabel("Loại văn bản").selectOption({ label: "Chỉ thị" });
      await page.getByLabel("Số, ký hiệu").fill("15-CT/TU");
      await page.getByLabel("Cơ quan ban hành").fill("Tỉnh ủy Hòa Phong");
      await page.getByLabel("Ngày ban hành").fill("2026-12-01");
      await page.getByLabel("Trích yếu").fill("Về một việc khác");
      await page.getByRole("button", { name: "Lưu văn bản" }).click();
      await shows(page.locator("#number-error"), "Văn bản số 15-CT/TU của Tỉnh ủy Hòa Phong năm 2026 đã có.");
      expect(await page.getByLabel("Số, ký hiệu").getAttribute("aria-invalid")).toBe("true");
      expect(await page.getByLabel("Trích yếu").inputValue()).toBe("Về một việc khác");

      // The second section editor approves each.
      await page.getByRole("button", { name: "Đăng xuất" }).click();
      await signIn(page, APPROVER.email);
      const published: string[] = [];
      for (const url of [documentUrl, scheduleUrl, galleryUrl, videoUrl, consultationUrl]) {
        await page.goto(url);
        await page.getByRole("button", { name: "Duyệt và đăng" }).click();
        await shows(page.getByRole("status"), "Đã duyệt và đăng.");
        await shows(page.locator(".status-line"), `Người duyệt ${APPROVER.name}`);
        await shows(page.locator(".status-line"), "Đăng lúc");
        published.push((await page.getByRole("link", { name: "Xem trên trang" }).getAttribute("href"))!);
      }

      // The board's comment list: a citizen's comment, published by the toggle; the CSV link; the summary report.
      const id = consultationUrl.split("/").pop()!;
      const { receipt } = await Comments.receive(store, id, { name: "Trần Văn An", content: "Đề nghị bổ sung quy định về trang phục khi tiếp dân.", website: "" }, { client: "test-client" });
      await page.reload();
      await page.getByRole("heading", { level: 2, name: "Góp ý đã nhận" }).waitFor();
      await shows(page.locator(".comment-list"), "Đề nghị bổ sung quy định về trang phục khi tiếp dân.");
      expect(await page.getByRole("link", { name: "Tải danh sách góp ý (CSV)" }).getAttribute("href")).toBe(`/api/consultations/${id}/comments?format=csv`);
      await page.getByRole("button", { name: `Công khai góp ý ${receipt}` }).click();
      await shows(page.getByRole("status"), `Đã đăng công khai góp ý ${receipt}.`);
      expect(await page.getByRole("button", { name: `Công khai góp ý ${receipt}` }).getAttribute("aria-pressed")).toBe("true");
      await page.getByRole("button", { name: "Chọn tệp trong thư viện" }).click();
      await page.getByRole("dialog", { name: "Tệp báo cáo mới" }).getByRole("button", { name: /chi-thi-15-ct-tu\.pdf/ }).click();
      await page.getByRole("button", { name: "Lưu báo cáo" }).click();
      await shows(page.getByRole("status"), "Đã lưu báo cáo tổng hợp.");
      await shows(page.locator("#report-title + p"), "chi-thi-15-ct-tu.pdf");
      violations.consultation = await axeViolations(page);

      // Readers: the document's number, the week's entries, the photos in order, the video.
      const [documentPage, schedulePage, galleryPage, videoPage] = published as [string, string, string, string, string];
      expect(schedulePage).toBe(`/lich-cong-tac?tuan=${week}&don-vi=thuong-truc-tinh-uy`);
      const html = async (path: string) => (await fetch(base + path)).text();
      expect(await html(documentPage)).toContain("15-CT/TU");
      const schedule = await html(schedulePage);
      for (const content of ["Giao ban Thường trực Tỉnh ủy đầu tuần", "Họp Ban Thường vụ Tỉnh ủy", "Làm việc với Đảng ủy xã Ngọc Sơn"]) expect(schedule).toContain(content);
      const gallery = await html(galleryPage);
      const order = PHOTOS.map((photo) => gallery.indexOf(`alt="${photo.alt}"`));
      expect(order.every((at) => at > 0)).toBe(true);
      expect(order[1]! < order[2]! && order[2]! < order[0]!).toBe(true);
      await page.goto(base + videoPage);
      await page.locator("video").first().waitFor();
      expect(await page.locator("video source, video[src]").first().evaluate((el) => el.getAttribute("src"))).toMatch(/dua-thuyen-hoa-phong\.mp4$/);
      expect(unexpected).toEqual([]);
    } catch (error) {
      const page = browser.context.pages().at(-1);
      if (page) console.error(`Dừng ở ${page.url()}:\n${(await page.locator("main").innerText().catch(() => "")).slice(0, 1500)}`);
      throw error;
    } finally {
      await browser.close();
    }
    expect(violations).toEqual({ "document files": [], document: [], schedule: [], gallery: [], video: [], consultation: [] });
  }, 240_000);
});

