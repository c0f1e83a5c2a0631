/**
 * Documents in real headless Chromium: a reader filters `/van-ban` by type and year with the form,
 * opens the document and downloads its file, whose bytes equal the uploaded ones; axe-core finds
 * no WCAG 2.1 A/AA violation on the list, a filtered list, a document and the empty result.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { documentImport, documents } from "../../functions/core/content/documents";
import { MediaLibrary } from "../../functions/core/media/library";
import { Documents } from "../../functions/core/reader/documents";
import { createEngine } from "../../functions/core/publishing/engine";
import { SectionAdmin } from "../../functions/core/sections/section-admin";
import { Settings } from "../../functions/core/site/settings";
import type { Store } from "../../functions/core/storage/store";
import { freePort } from "../../scripts/local/emulators";
import { serveLocal, type LocalServer } from "../../scripts/local/server";
import { minimalPdf, seedDocuments } from "../../scripts/seed/documents";
import { axeViolations } from "../support/axe";
import { downloaded, launchChromium } from "../support/browser";
import { SITE } from "../support/reader-fixtures";
import { createTestStore } from "../support/store";

let store: Store;
let server: LocalServer;
let base: string;
/** The uploaded file a reader downloads. */
const UPLOAD = minimalPdf(["CHI THI 40-CT/TU", "Ve cong tac dan van trong tinh hinh moi", "Tinh uy Hoa Phong"]);

beforeAll(async () => {
  store = await createTestStore();
  await Settings.put(store, SITE);
  await SectionAdmin.create(store, { slug: "chinh-tri", name: "Chính trị", description: "", order: 1 });
  const board = { id: "u-board", name: "Ban Biên tập" };
  await seedDocuments(store, board, new Date("2026-11-25T10:00:00+07:00"));
  const file = await MediaLibrary.importFile(store, { filename: "Chỉ thị 40-CT-TU (bản ký).pdf", bytes: UPLOAD, uploadedBy: board });
  await createEngine(documents, { store }).importPublished(
    documentImport({
      sectionId: "chinh-tri", docType: "chi-thi", number: "40-CT/TU", issuer: "Tỉnh ủy Hòa Phong", issuedAt: "2023-10-09",
      subject: "Về công tác dân vận trong tình hình mới", field: "tuyen-giao-dan-van", files: [file.id], publishedAt: "2023-10-12T09:00:00+07:00",
    }),
    board,
  );
  const port = await freePort();
  server = await serveLocal({ store }, { port, hostname: "127.0.0.1" });
  base = `http://127.0.0.1:${port}`;
}, 120_000);

afterAll(async () => {
  await server?.close();
});

describe("documents in Chromium", () => {
  it("filters by type and year with the form, opens the document and downloads its file byte for byte", async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.context.newPage();
      await page.goto(`${base}/van-ban`);
      await page.getByLabel("Loại văn bản").selectOption({ label: "Chỉ thị" });
      await page.getByLabel("Năm ban hành").selectOption("2023");
      await Promise.all([page.waitForURL(/loai=chi-thi/), page.getByRole("button", { name: "Tra cứu" }).click()]);
      expect(new URL(page.url()).searchParams.get("nam")).toBe("2023");
      expect(await page.locator("th.documents-table__number").allTextContents()).toEqual(["40-CT/TU"]);
      await Promise.all([page.waitForURL(/\/van-ban\/chi-thi-so-40-ct-tu/), page.getByRole("link", { name: "Về công tác dân vận trong tình hình mới" }).click()]);
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Chỉ thị số 40-CT/TU về công tác dân vận trong tình hình mới");

      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Chỉ thị 40-CT-TU (bản ký).pdf" }).click()]);
      expect(download.suggestedFilename()).toBe("Chỉ thị 40-CT-TU (bản ký).pdf");
      expect(Buffer.compare(await downloaded(download), Buffer.from(UPLOAD))).toBe(0);
    } finally {
      await browser.close();
    }
  }, 60_000);

  it("has no WCAG 2.1 A/AA violations (axe-core) on the documents' pages", async () => {
    const browser = await launchChromium();
    try {
      // The replaced directive of 2024 (a validity notice and a link) and the others.
      const replaced = (await Documents.list(store, { type: "chi-thi", year: "2024" }, 1)).items[0]!;
      const paths = ["/van-ban", "/van-ban?loai=nghi-quyet&nam=2025", "/van-ban?q=khong+co+van+ban+nao", `/van-ban/${replaced.slug}`];
      const found: Record<string, string[]> = {};
      for (const path of paths) {
        const page = await browser.context.newPage();
        const res = await page.goto(base + path);
        expect(res?.status(), path).toBe(200);
        await page.waitForSelector("html[data-hydrated]", { timeout: 10_000 });
        found[path] = await axeViolations(page);
        await page.close();
      }
      expect(found).toEqual(Object.fromEntries(paths.map((path) => [path, []])));
    } finally {
      await browser.close();
    }
  }, 120_000);
});
