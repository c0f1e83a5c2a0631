/**
 * Drafts for public comment in real headless Chromium: a citizen finds the open draft from
 * /gop-y, sends the form empty (the API's messages appear next to the fields), then a comment, and
 * reads the receipt; the board exports the CSV; axe-core finds no WCAG 2.1 A/AA violation on the
 * list, the draft and the form with its errors; without JavaScript the form says where to e-mail.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consultationImport, consultations } from "../../functions/core/content/consultations";
import { MediaLibrary } from "../../functions/core/media/library";
import { createEngine } from "../../functions/core/publishing/engine";
import { freePort } from "../../scripts/local/emulators";
import { serveLocal, type LocalServer } from "../../scripts/local/server";
import { tinyPdf } from "../../scripts/seed/pdf";
import { axeViolations } from "../support/axe";
import { createUser, PASSWORD } from "../support/auth";
import { launchChromium } from "../support/browser";
import { seedReaderPortal } from "../support/reader-fixtures";
import { createTestStore } from "../support/store";

const DAY = 86_400_000;
let server: LocalServer;
let base: string;
let boardEmail: string;
let openSlug: string;
const receiver = { unit: "Văn phòng Tỉnh ủy", address: "Số 1 đường Trung Tâm", email: "gopy@thunghiem.example.vn" };

beforeAll(async () => {
  const store = await createTestStore();
  await seedReaderPortal(store);
  const board = await createUser(store, "section-editor", ["kinh-te"], "Trần Thị Duyệt");
  boardEmail = board.email;
  const by = { id: board.id, name: board.name };
  const file = await MediaLibrary.importFile(store, { filename: "Dự thảo Nghị quyết.pdf", bytes: tinyPdf(["Du thao"]), uploadedBy: by });
  const engine = createEngine(consultations, { store });
  const now = Date.now();
  const iso = (ms: number) => new Date(ms).toISOString();
  openSlug = (
    await engine.importPublished(
      consultationImport({
        id: "gy-open", title: "Dự thảo Nghị quyết về chuyển đổi số", summary: "Lấy ý kiến Nhân dân.", body: "<p>Điều 1.</p>", sectionId: "kinh-te", files: [file.id],
        opensAt: iso(now - DAY), closesAt: iso(now + 40 * DAY), receiver, publishedAt: iso(now - DAY),
      }),
      by,
    )
  ).slug;
  await engine.importPublished(
    consultationImport({
      id: "gy-closed", title: "Dự thảo Kế hoạch giao thông nông thôn", summary: "Đã kết thúc.", body: "<p>Điều 1.</p>", sectionId: "kinh-te", files: [],
      opensAt: iso(now - 90 * DAY), closesAt: iso(now - 50 * DAY), receiver, summaryFile: file.id, publishedAt: iso(now - 90 * DAY),
    }),
    by,
  );
  const port = await freePort();
  server = await serveLocal({ store, clientAddress: () => "192.0.2.10" }, { port, hostname: "127.0.0.1" });
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  await server?.close();
});

describe("drafts for public comment in Chromium", () => {
  it("a citizen finds the open draft, sees the API's errors by the fields, comments and gets a receipt; the board exports the CSV", async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.context.newPage();
      const problems: string[] = [];
      page.on("pageerror", (error) => problems.push(error.message));
      page.on("console", (message) => {
        // The 400 of the empty form is expected; anything else in the console is a problem.
        if ((message.type() === "error" || message.type() === "warning") && !message.text().includes("400")) problems.push(message.text());
      });
      await page.goto(`${base}/gop-y`);
      await page.waitForSelector("html[data-hydrated]");
      expect(await page.locator("main").innerText()).toMatch(/Còn 4\d ngày/);
      expect(await axeViolations(page)).toEqual([]);

      await page.getByRole("link", { name: "Dự thảo Nghị quyết về chuyển đổi số" }).click();
      await page.waitForURL(`${base}/gop-y/${openSlug}`);
      await page.waitForSelector("html[data-hydrated]");
      const send = page.getByRole("button", { name: "Gửi góp ý" });
      await expect.poll(() => send.isEnabled()).toBe(true);
      expect(await axeViolations(page)).toEqual([]);

      await send.click();
      const nameError = page.locator("#gy-name-error");
      await nameError.waitFor();
      expect(await page.locator("#gy-name").getAttribute("aria-describedby")).toContain("gy-name-error");
      expect(await page.locator("#gy-name").getAttribute("aria-invalid")).toBe("true");
      expect(await page.locator("#gy-content-error").innerText()).toContain("Nội dung góp ý");
      expect(await axeViolations(page)).toEqual([]);

      await page.getByLabel("Họ và tên").fill("Nguyễn Thị Mai");
      await page.getByLabel("Cơ quan, tổ chức").fill("Hội Phụ nữ phường Vân Giang");
      await page.getByLabel("Nội dung góp ý").fill("Đề nghị mở lớp hướng dẫn dịch vụ công trực tuyến cho người cao tuổi.");
      await send.click();
      const status = page.getByRole("status").filter({ hasText: "Mã tiếp nhận" });
      await status.waitFor();
      expect(await status.innerText()).toMatch(/Mã tiếp nhận: GY-\d{4}-000001/);
      expect(await nameError.count()).toBe(0);
      expect(problems).toEqual([]);

      // The board signs in and downloads the export.
      const login = await page.request.post(`${base}/api/auth/login`, { data: { email: boardEmail, password: PASSWORD }, headers: { Origin: base } });
      expect(login.status()).toBe(200);
      const csv = await page.request.get(`${base}/api/consultations/gy-open/comments?format=csv`);
      expect(csv.status()).toBe(200);
      const bytes = await csv.body();
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(bytes.toString("utf8")).toContain("Nguyễn Thị Mai");
    } finally {
      await browser.close();
    }
  }, 90_000);

  it("without JavaScript the form cannot be sent and says where to e-mail instead", async () => {
    const browser = await launchChromium({ javaScriptEnabled: false });
    try {
      const page = await browser.context.newPage();
      await page.goto(`${base}/gop-y/${openSlug}`);
      expect(await page.getByRole("button", { name: "Gửi góp ý" }).isDisabled()).toBe(true);
      expect(await page.locator(".consultation-form").innerText()).toContain(receiver.email);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
