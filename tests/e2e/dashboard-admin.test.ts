/**
 * The dashboard's administration screens in real headless Chromium, used only through the UI: an
 * admin creates a writer with a section (after a field error shown next to the password); the
 * writer signs in in a second browser context, sees no "Quản trị" entry and gets the server's 403
 * when typing an admin address; the admin locks the writer and the writer's next action meets the
 * expired-session dialog; the admin changes the managing agency in the site settings (a reload
 * shows it saved), creates a nested section and a banner with a library image, and reads the
 * day's audit trail, which names each of those actions. axe-core finds no WCAG 2.1 A/AA violation
 * on any administration screen. One Chromium, two contexts, one server.
 */
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Users } from "../../functions/core/accounts/users";
import { SectionAdmin } from "../../functions/core/sections/section-admin";
import { Settings } from "../../functions/core/site/settings";
import type { Store } from "../../functions/core/storage/store";
import { freePort } from "../../scripts/local/emulators";
import { serveLocal, type LocalServer } from "../../scripts/local/server";
import { seedImage } from "../../scripts/seed/images";
import { axeViolations } from "../support/axe";
import { sharedBrowser } from "../support/browser";
import { SITE } from "../support/reader-fixtures";
import { createTestStore } from "../support/store";

const PASSWORD = "mat-khau-quan-tri-2026";
const ADMIN = { email: "nguyen.van.quan@hoaphong.example.vn", name: "Nguyễn Văn Quản" };
const WRITER = { email: "do.thi.lan@hoaphong.example.vn", name: "Đỗ Thị Lan", password: "mat-khau-phong-vien-2026" };
const AGENCY = "Văn phòng Tỉnh ủy Hòa Phong";
const BANNER_ALT = "Cánh đồng lúa Hòa Phong mùa gặt";

let store: Store;
let server: LocalServer | undefined;
let browser: Browser | undefined;
let base: string;

beforeAll(async () => {
  store = await createTestStore();
  await Settings.put(store, SITE);
  await SectionAdmin.create(store, { slug: "kinh-te", name: "Kinh tế", description: "Tin kinh tế của tỉnh.", order: 1 });
  await Users.create(store, { ...ADMIN, password: PASSWORD, role: "admin" });
  await seedImage(store, { id: "seed-img-admin-banner", filename: "dong-lua-mua-gat.jpg", alt: BANNER_ALT, scene: "fields", width: 1200, height: 500 }, { id: "u-seed", name: "Hệ thống" });
  const port = await freePort();
  server = await serveLocal({ store }, { port, hostname: "127.0.0.1" });
  base = `http://127.0.0.1:${port}`;
  // The run's Chromium, two contexts (the admin's and the writer's cookies apart).
  browser = await sharedBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

function shows(locator: Locator, text: string | RegExp): Promise<void> {
  return locator.filter({ hasText: text }).first().waitFor({ timeout: 15_000 });
}

async function signIn(page: Page, email: string, password: string) {
  page.on("pageerror", (error) => console.error("pageerror", error.message));
  await page.goto(`${base}/quan-tri`);
  await page.getByLabel("Thư điện tử").fill(email);
  await page.getByLabel("Mật khẩu").fill(password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await page.getByRole("button", { name: "Đăng xuất" }).waitFor();
}

/** Opens an administration screen from the sub-navigation and waits for its heading. */
async function open(page: Page, link: string, heading: string) {
  await page.getByRole("navigation", { name: "Các mục quản trị hệ thống" }).getByRole("link", { name: link }).click();
  await page.getByRole("heading", { level: 1, name: heading }).waitFor();
}

describe("the administration screens in Chromium", () => {
  it("manages accounts, settings, sections, banners and reads the audit, through the UI only", async () => {
    const violations: Record<string, string[]> = {};
    const admin = await (await browser!.newContext({ locale: "vi-VN" })).newPage();
    const writer = await (await browser!.newContext({ locale: "vi-VN" })).newPage();

    try {
      await signIn(admin, ADMIN.email, PASSWORD);
      await admin.getByRole("navigation", { name: "Khu quản trị" }).getByRole("link", { name: "Quản trị" }).click();
      await admin.getByRole("heading", { level: 1, name: "Quản trị hệ thống" }).waitFor();
      violations.home = await axeViolations(admin);

      // A writer with a section; a too-short password first, refused next to the field.
      await open(admin, "Tài khoản", "Tài khoản");
      const create = admin.locator("form", { has: admin.getByRole("heading", { name: "Thêm tài khoản" }) });
      await create.getByLabel("Họ và tên").fill(WRITER.name);
      await create.getByLabel("Thư điện tử (dùng để đăng nhập)").fill(WRITER.email);
      await create.getByLabel("Mật khẩu ban đầu").fill("ngan");
      await create.getByLabel("Vai trò").selectOption({ label: "Phóng viên" });
      await create.getByRole("checkbox", { name: "Kinh tế" }).check();
      await create.getByRole("button", { name: "Tạo tài khoản" }).click();
      await create.locator(".field__error").first().waitFor();
      const password = create.getByLabel("Mật khẩu ban đầu");
      expect(await password.getAttribute("aria-invalid")).toBe("true");
      expect(await admin.evaluate(() => document.activeElement?.id)).toBe("new-user-password");
      violations.users = await axeViolations(admin);
      await password.fill(WRITER.password);
      await create.getByRole("button", { name: "Tạo tài khoản" }).click();
      await shows(create.getByRole("status"), `Đã tạo tài khoản ${WRITER.name}.`);
      const row = admin.getByRole("row", { name: new RegExp(WRITER.name) });
      await shows(row, "Kinh tế");
      await shows(row, "Phóng viên");

      // The writer signs in elsewhere: no admin entry, and the server's own refusal at an admin address.
      await signIn(writer, WRITER.email, WRITER.password);
      expect(await writer.getByRole("navigation", { name: "Khu quản trị" }).getByRole("link", { name: "Quản trị" }).count()).toBe(0);
      await writer.goto(`${base}/quan-tri/he-thong/nguoi-dung`);
      await shows(writer.getByRole("alert"), "Chỉ quản trị viên được quản lý tài khoản, chuyên mục và nhật ký.");
      await writer.getByRole("link", { name: "Bài viết" }).first().click();

      // Locked: the writer's next call meets the expired-session dialog.
      await admin.getByRole("button", { name: `Sửa tài khoản ${WRITER.name}` }).click();
      await admin.getByRole("button", { name: "Khóa tài khoản" }).click();
      await shows(admin.getByRole("status"), `Đã khóa tài khoản ${WRITER.name}.`);
      await shows(row, "Đã khóa");
      await writer.getByRole("link", { name: "Thư viện ảnh và tệp" }).click();
      await writer.getByRole("dialog", { name: "Phiên làm việc đã hết hạn" }).waitFor({ timeout: 15_000 });

      // Site settings: the managing agency saved, still there after a reload.
      await open(admin, "Cấu hình cổng", "Cấu hình cổng thông tin");
      violations.settings = await axeViolations(admin);
      await admin.getByLabel("Cơ quan chủ quản").fill(AGENCY);
      await admin.getByRole("button", { name: "Lưu cấu hình" }).click();
      await shows(admin.getByRole("status"), "Đã lưu cấu hình.");
      await admin.reload();
      await admin.getByRole("heading", { level: 1, name: "Cấu hình cổng thông tin" }).waitFor();
      await expect.poll(() => admin.getByLabel("Cơ quan chủ quản").inputValue(), { timeout: 10_000 }).toBe(AGENCY);
      expect((await Settings.get(store)).managingAgency).toBe(AGENCY);

      // A section nested under Kinh tế.
      await open(admin, "Chuyên mục", "Chuyên mục");
      const newSection = admin.locator("form", { has: admin.getByRole("heading", { name: "Thêm chuyên mục" }) });
      await newSection.getByLabel("Tên chuyên mục").fill("Nông nghiệp");
      await newSection.getByLabel("Đường dẫn").fill("nong-nghiep");
      await newSection.getByLabel("Thứ tự").fill("2");
      await newSection.getByLabel("Chuyên mục cha").selectOption({ label: "Kinh tế" });
      await newSection.getByRole("button", { name: "Tạo chuyên mục" }).click();
      await shows(newSection.getByRole("status"), "Đã tạo chuyên mục Nông nghiệp.");
      await admin.getByRole("row", { name: /Nông nghiệp/ }).waitFor();
      violations.sections = await axeViolations(admin);

      // A banner with an image from the library.
      await open(admin, "Ảnh liên kết", "Ảnh liên kết");
      const newBanner = admin.locator("form", { has: admin.getByRole("heading", { name: "Thêm ảnh liên kết" }) });
      await newBanner.getByLabel("Tiêu đề").fill("Cổng Dịch vụ công tỉnh Hòa Phong");
      await newBanner.getByRole("button", { name: "Chọn ảnh trong thư viện" }).click();
      await admin.getByRole("button", { name: /dong-lua-mua-gat\.jpg/ }).click();
      await shows(newBanner, `Mô tả: ${BANNER_ALT}`);
      await newBanner.getByLabel("Địa chỉ liên kết").fill("https://dichvucong.hoaphong.example.vn");
      await newBanner.getByRole("button", { name: "Thêm ảnh liên kết" }).click();
      await shows(newBanner.getByRole("status"), "Đã thêm ảnh liên kết Cổng Dịch vụ công tỉnh Hòa Phong.");
      await admin.getByRole("row", { name: /Cổng Dịch vụ công tỉnh Hòa Phong/ }).waitFor();
      violations.banners = await axeViolations(admin);

      await open(admin, "Đơn vị có lịch công tác", "Đơn vị có lịch công tác");
      await admin.getByRole("heading", { name: "Thêm đơn vị" }).waitFor();
      violations.owners = await axeViolations(admin);
      await open(admin, "Loại văn bản", "Loại văn bản");
      await admin.getByRole("button", { name: "Lưu danh sách" }).waitFor();
      violations.types = await axeViolations(admin);

      // Today's audit names every action above, in words.
      await open(admin, "Nhật ký", "Nhật ký thao tác");
      await admin.getByRole("button", { name: "Xem nhật ký" }).click();
      const table = admin.getByRole("table");
      for (const what of ["tạo tài khoản", "khóa tài khoản", "sửa cấu hình cổng", "tạo chuyên mục", "tạo ảnh liên kết"]) await shows(table.getByRole("row"), what);
      await shows(table, ADMIN.name);
      violations.audit = await axeViolations(admin);
    } catch (error) {
      // What the admin saw when a step failed: the screen's text says more than a timeout.
      console.error("Màn hình của quản trị viên:", await admin.locator("main").innerText().catch(() => "?"));
      throw error;
    }
    expect(violations).toEqual({ home: [], users: [], settings: [], sections: [], banners: [], owners: [], types: [], audit: [] });
  }, 240_000);
});
