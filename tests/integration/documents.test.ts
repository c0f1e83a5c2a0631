import { GetObjectCommand } from "@aws-sdk/client-s3";
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "../../functions/core/accounts/users";
import { DocumentTypeAdmin } from "../../functions/core/content/document-types";
import { documentImport, documents } from "../../functions/core/content/documents";
import { MediaLibrary } from "../../functions/core/media/library";
import { createUpload } from "../../functions/core/media/uploads";
import { resolveCounters } from "../../functions/core/metrics/counters";
import { parseReportQuery, Reports } from "../../functions/core/metrics/reports";
import { createEngine } from "../../functions/core/publishing/engine";
import { invalidationEffects, RecordingInvalidator } from "../../functions/core/publishing/invalidation";
import { DEFAULT_DOCUMENT_TYPES, DOCUMENT_SPACE, Documents, DocumentTypes, type DocumentFilters } from "../../functions/core/reader/documents";
import { Published } from "../../functions/core/reader/published";
import { Search } from "../../functions/core/reader/search";
import { SectionAdmin } from "../../functions/core/sections/section-admin";
import { vietnamDay } from "../../functions/core/shared/time";
import type { Store } from "../../functions/core/storage/store";
import { minimalPdf, seedDocuments } from "../../scripts/seed/documents";
import { createSections } from "../support/auth";
import { createTestStore } from "../support/store";

/** Directive documents through the engine: workflow, uniqueness, files, facets, reader lists, exact report counts, seed. */

const writer: SessionUser = { id: "u-writer", email: "viet@hoaphong.example.vn", name: "Lê Văn Viết", role: "writer", sections: ["van-ban"] };
const board: SessionUser = { id: "u-board", email: "duyet@hoaphong.example.vn", name: "Trần Thị Duyệt", role: "section-editor", sections: ["van-ban", "kinh-te"] };
const system = { id: "u-admin", name: "Quản trị" };
const counters = resolveCounters({ shards: 1, cacheMs: 0 });
const invalidator = new RecordingInvalidator();
let store: Store;
let pdf: string;
let pdf2: string;

const eng = () => createEngine(documents, { store, effects: invalidationEffects(store, invalidator) });
const report = async (day: string) => (await Reports.activity(store, counters, parseReportQuery({ from: day, to: day }), Date.now())).published;
const list = (filters: DocumentFilters, page = 1) => Documents.list(store, filters, page);
const TU = "Tỉnh ủy Hòa Phong";

const base = (extra: Record<string, unknown> = {}) => ({
  docType: "chi-thi", number: "15-CT/TU", issuer: TU, issuedAt: "2026-03-02", subject: "Về đẩy mạnh chuyển đổi số trong các cơ quan đảng", files: [pdf], ...extra,
});

/** Creates, submits and approves; returns the published item. */
async function publish(input: Record<string, unknown>) {
  const e = eng();
  let { item } = await e.create(writer, input);
  ({ item } = await e.submit(writer, item.id, { version: item.version }));
  ({ item } = await e.approve(board, item.id, { version: item.version }));
  return item;
}

beforeAll(async () => {
  store = await createTestStore();
  await createSections(store);
  await SectionAdmin.create(store, { slug: "van-ban", name: "Văn bản", description: "", order: 3 });
  pdf = (await MediaLibrary.importFile(store, { filename: "Chỉ thị 15-CT-TU.pdf", bytes: minimalPdf(["CHI THI 15-CT/TU"]), uploadedBy: system })).id;
  pdf2 = (await MediaLibrary.importFile(store, { filename: "Phụ lục.pdf", bytes: minimalPdf(["PHU LUC", "Danh muc"]), uploadedBy: system })).id;
});

describe("directive documents", () => {
  it("goes draft → submitted → published: cleaned notation, a title from type, number and subject, resolved files, the 'van-ban' section by default", async () => {
    const e = eng();
    let { item } = await e.create(writer, base({ number: " Số 15 - CT / TU ", signer: "Phan Đình Khải", signerTitle: "Bí thư", field: "cai-cach-hanh-chinh-chuyen-doi-so", effectiveAt: "2026-03-02", body: "<p>Nội dung <script>x()</script>chính.</p>" }));
    expect(item).toMatchObject({
      status: "draft",
      sectionId: "van-ban",
      number: "15-CT/TU",
      docTypeName: "Chỉ thị",
      issuerSlug: "tinh-uy-hoa-phong",
      title: "Chỉ thị số 15-CT/TU về đẩy mạnh chuyển đổi số trong các cơ quan đảng",
      summary: "Về đẩy mạnh chuyển đổi số trong các cơ quan đảng",
      validity: "in-force",
      body: "<p>Nội dung chính.</p>",
    });
    expect(item.files).toEqual([{ id: pdf, filename: "Chỉ thị 15-CT-TU.pdf", size: expect.any(Number), contentType: "application/pdf", url: expect.stringMatching(new RegExp(`^/media/${pdf}/`)) }]);
    ({ item } = await e.submit(writer, item.id, { version: item.version }));
    ({ item } = await e.approve(board, item.id, { version: item.version }));
    expect(item.status).toBe("published");

    const view = await Documents.get(store, item.slug);
    expect(view).toMatchObject({ id: item.id, number: "15-CT/TU", issuer: TU, issuedAt: "2026-03-02", signer: "Phan Đình Khải", field: "cai-cach-hanh-chinh-chuyen-doi-so", approvedBy: { id: board.id, name: board.name } });
    expect(view.files[0]!.url).toBe(item.files[0]!.url);
    expect(invalidator.paths).toEqual(expect.arrayContaining([`/van-ban/${item.slug}`, "/van-ban*", "/"]));

    for (const facet of ["all", "type:chi-thi", "year:2026", "issuer:tinh-uy-hoa-phong", "field:cai-cach-hanh-chinh-chuyen-doi-so"]) {
      const entries = await Published.withFacet<{ id: string; number: string }>(store, DOCUMENT_SPACE, facet, { attributes: ["id", "number"] });
      expect(entries.items, facet).toEqual([{ id: item.id, number: "15-CT/TU" }]);
    }
    expect((await Documents.latest(store, 5)).map((d) => d.id)).toEqual([item.id]);

    // The list and its filters, and the notation or subject in any spelling.
    for (const filters of [{}, { type: "chi-thi" }, { year: "2026" }, { issuer: "tinh-uy-hoa-phong" }, { field: "cai-cach-hanh-chinh-chuyen-doi-so" }, { q: "15-CT/TU" }, { q: "15 CT TU" }, { q: "ct/tu 15" }, { q: "chuyen doi so" }, { q: "chuyển đổi số" }, { type: "chi-thi", year: "2026", q: "ct tu" }]) {
      const found = await list(filters);
      expect(found.items.map((d) => d.id), JSON.stringify(filters)).toEqual([item.id]);
      expect(found.total).toBe(1);
    }
    for (const filters of [{ type: "nghi-quyet" }, { year: "2025" }, { issuer: "van-phong-tinh-uy" }, { field: "kinh-te" }, { q: "16-CT/TU" }, { q: "ct/tu 15 nông nghiệp" }])
      expect((await list(filters)).total, JSON.stringify(filters)).toBe(0);
    expect((await list({})).issuers).toEqual([{ slug: "tinh-uy-hoa-phong", name: TU }]);

    // The site search finds it too, by notation, and links to its page.
    const hits = (await Search.query(store, "ct tu 15")).hits;
    expect(hits.map((hit) => [hit.id, hit.kind, hit.url])).toEqual([[item.id, "documents", `/van-ban/${item.slug}`]]);
  });

  it("number + issuer + year is unique, folded (case, spaces, diacritics): 409 on create and on edit, nothing stored", async () => {
    for (const clash of [base({ number: "15-ct/tu" }), base({ issuer: "TỈNH ỦY HÒA PHONG", issuedAt: "2026-12-01" }), base({ issuer: "Tinh uy  Hoa Phong", number: "15/CT-TU" })]) {
      const error = await eng().create(writer, clash).catch((e) => e);
      expect(error, JSON.stringify(clash)).toMatchObject({ code: "CONFLICT", fields: { number: expect.any(String) } });
      expect(error.message).toMatch(/^Văn bản số 15.CT.TU của .+ năm 2026 đã có\.$/i);
    }
    // Another year or issuer is another document.
    const { item: other } = await eng().create(writer, base({ issuedAt: "2025-12-30" }));
    await eng().create(writer, base({ issuer: "Văn phòng Tỉnh ủy Hòa Phong", number: "15-CT/VPTU" }));
    const moved = await eng().update(writer, other.id, { version: other.version, issuedAt: "2026-01-05" }).catch((e) => e);
    expect(moved).toMatchObject({ code: "CONFLICT", message: "Văn bản số 15-CT/TU của Tỉnh ủy Hòa Phong năm 2026 đã có." });
    expect((await eng().load(other.id))!).toMatchObject({ version: other.version, issuedAt: "2025-12-30" });
    // Deleting the draft frees its number for another.
    await eng().remove(writer, other.id, { version: other.version });
    const again = (await eng().create(writer, base({ issuedAt: "2025-06-01" }))).item;
    expect(again.uniques).toEqual(["15-ct-tu#tinh-uy-hoa-phong#2025"]);
  });

  it("refuses bad input with Vietnamese 400s naming the field", async () => {
    const cases: [Record<string, unknown>, string, RegExp?][] = [
      [base({ docType: "thu-moi" }), "docType", /Loại văn bản không có trong danh sách/],
      [base({ number: "abc" }), "number", /^Số, ký hiệu không hợp lệ/],
      [base({ number: "15" }), "number", /^Số, ký hiệu không hợp lệ/],
      [base({ number: "15 CT TU" }), "number", /^Số, ký hiệu không hợp lệ/],
      [base({ effectiveAt: "2026-03-01" }), "effectiveAt", /Ngày hiệu lực không được trước ngày ban hành/],
      [base({ validity: "replaced" }), "replacedBy", /văn bản thay thế/],
      [base({ validity: "replaced", replacedBy: "khong-co-van-ban-nay" }), "replacedBy", /Không tìm thấy văn bản thay thế/],
      [base({ validity: "cancelled" }), "validity"],
      [base({ files: ["khong-co-tep"] }), "files", /không có trong thư viện/],
      [base({ files: ["../x"] }), "files.0"],
      [base({ issuedAt: "2026-02-30" }), "issuedAt"],
      [base({ subject: "x".repeat(501) }), "subject"],
      [base({ issuer: "x".repeat(201) }), "issuer"],
      [base({ field: "thu-cong" }), "field"],
    ];
    for (const [input, field, message] of cases) {
      const error = await eng().create(writer, input).catch((e) => e);
      expect(error, JSON.stringify(input).slice(0, 120)).toMatchObject({ code: "VALIDATION", fields: { [field]: expect.any(String) } });
      if (message) expect(error.message).toMatch(message);
    }
    // A file still being processed is not attached.
    const upload = await createUpload(store, { filename: "Kế hoạch.pdf", contentType: "application/pdf", size: 2048 }, system);
    const pending = await eng().create(writer, base({ number: "99-CT/TU", files: [upload.id] })).catch((e) => e);
    expect(pending).toMatchObject({ code: "VALIDATION", fields: { files: expect.any(String) } });
    expect(pending.message).toContain("Kế hoạch.pdf");
    // A draft without files cannot go to review; nor can an edit make the dates disagree.
    const { item } = await eng().create(writer, base({ number: "20-CT/TU", files: [] }));
    await expect(eng().submit(writer, item.id, { version: item.version })).rejects.toMatchObject({ code: "VALIDATION", fields: { files: expect.any(String) } });
    await expect(eng().update(writer, item.id, { version: item.version, effectiveAt: "2020-01-01" })).rejects.toMatchObject({ code: "VALIDATION", fields: { effectiveAt: expect.any(String) } });
    // Without a section named and without a "van-ban" section, the section must be chosen.
    const bare = await createTestStore();
    await createSections(bare);
    const noDefault = await createEngine(documents, { store: bare }).create(board, base({ files: [] })).catch((e) => e);
    expect(noDefault).toMatchObject({ code: "VALIDATION", fields: { section: expect.any(String) } });
  });

  it("a replaced document links to its replacement; files are resolved on edit; validity changes show to readers after approval", async () => {
    const old = await publish(base({ docType: "nghi-quyet", number: "03-NQ/TU", issuedAt: "2024-04-01", subject: "Về phát triển thủy sản bền vững" }));
    const replacing = await publish(base({ docType: "nghi-quyet", number: "21-NQ/TU", issuedAt: "2026-05-20", subject: "Về phát triển kinh tế biển xanh", files: [pdf, pdf2] }));
    expect(replacing.files.map((f) => f.id)).toEqual([pdf, pdf2]);
    await expect(eng().update(writer, old.id, { version: old.version, validity: "replaced", replacedBy: old.slug })).rejects.toMatchObject({ code: "VALIDATION", fields: { replacedBy: expect.any(String) } });
    let { item } = await eng().update(board, old.id, { version: old.version, validity: "replaced", replacedBy: replacing.slug, files: [pdf2, pdf] });
    expect(item).toMatchObject({ status: "draft", replacedBy: replacing.slug, replacedByTitle: replacing.title });
    expect(item.files.map((f) => f.id)).toEqual([pdf2, pdf]);
    expect((await Documents.get(store, old.slug)).validity).toBe("in-force");
    ({ item } = await eng().approve(board, item.id, { version: item.version }));
    const view = await Documents.get(store, old.slug);
    expect(view).toMatchObject({ validity: "replaced", replacedBy: replacing.slug, replacedByTitle: "Nghị quyết số 21-NQ/TU về phát triển kinh tế biển xanh" });
    // By id too (a replacement not yet approved); back in force drops the link.
    const draft = (await eng().create(writer, base({ number: "30-CT/TU", files: [] }))).item;
    ({ item } = await eng().update(board, item.id, { version: item.version, replacedBy: draft.id }));
    expect(item.replacedBy).toBe(draft.slug);
    ({ item } = await eng().update(board, item.id, { version: item.version, validity: "in-force" }));
    expect(item.replacedBy).toBeUndefined();
    const related = await Documents.related(store, replacing);
    expect(related.map((d) => d.id)).toContain(old.id);
    expect(related.map((d) => d.id)).not.toContain(replacing.id);
  });

  it("counts documents exactly in the report through edits, a section move and unpublish; facets follow the view", async () => {
    const e = eng();
    let item = await publish(base({ docType: "thong-bao", number: "301-TB/TU", issuedAt: "2026-08-03", subject: "Kết luận của Thường trực Tỉnh ủy về công tác cán bộ", field: "to-chuc-can-bo" }));
    const day = vietnamDay(item.publishedAt!);
    const before = await report(day);
    const count = before.byKind.documents!;
    const inSection = (r: typeof before, id: string) => r.bySection.find((s) => s.sectionId === id)?.count ?? 0;
    expect(count).toBeGreaterThanOrEqual(1);

    // An edit re-approved: same count; a change of type and field moves the facet entries.
    ({ item } = await e.update(board, item.id, { version: item.version, docType: "ket-luan", number: "301-KL/TU", field: "" }));
    ({ item } = await e.approve(board, item.id, { version: item.version }));
    expect((await report(day)).byKind.documents).toBe(count);
    expect((await list({ type: "thong-bao" })).total).toBe(0);
    expect((await list({ type: "ket-luan", q: "301 kl tu" })).items.map((d) => d.id)).toEqual([item.id]);
    expect((await list({ field: "to-chuc-can-bo" })).total).toBe(0);

    // Moved to another section: the count moves with it, the total stays.
    ({ item } = await e.update(board, item.id, { version: item.version, section: "kinh-te" }));
    ({ item } = await e.approve(board, item.id, { version: item.version }));
    let after = await report(day);
    expect(after.byKind.documents).toBe(count);
    expect(inSection(after, "kinh-te")).toBe(inSection(before, "kinh-te") + 1);
    expect(inSection(after, "van-ban")).toBe(inSection(before, "van-ban") - 1);

    ({ item } = await e.unpublish(board, item.id, { version: item.version }));
    after = await report(day);
    expect(after.byKind.documents ?? 0).toBe(count - 1);
    expect(inSection(after, "kinh-te")).toBe(inSection(before, "kinh-te"));
    for (const facet of ["all", "type:ket-luan", "year:2026"]) {
      const entries = await Published.withFacet<{ id: string }>(store, DOCUMENT_SPACE, facet, { attributes: ["id"], limit: 100 });
      expect(entries.items.map((d) => d.id), facet).not.toContain(item.id);
    }
    await expect(Documents.get(store, item.slug)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("counts an archive import on its publication date", async () => {
    const view = await eng().importPublished(
      documentImport({ id: "luu-tru-vb-1", sectionId: "van-ban", docType: "quyet-dinh", number: "812-QĐ/TU", issuer: TU, issuedAt: "2023-06-01", subject: "Về việc kiện toàn Ban Chỉ đạo", files: [pdf], publishedAt: "2023-06-05T09:00:00+07:00" }),
      system,
    );
    expect(view.title).toBe("Quyết định số 812-QĐ/TU về việc kiện toàn Ban Chỉ đạo");
    expect((await report("2023-06-05")).byKind).toMatchObject({ documents: 1 });
    expect((await list({ year: "2023", q: "812 qđ tu" })).items.map((d) => d.id)).toEqual(["luu-tru-vb-1"]);
    expect((await list({ q: "812 qd tu" })).total).toBe(1);
  });

  it("types: defaults until saved, renamed by admins, a type used by a live document cannot be removed (409)", async () => {
    expect(await DocumentTypes.get(store)).toEqual({ version: 0, types: DEFAULT_DOCUMENT_TYPES });
    const keep = DEFAULT_DOCUMENT_TYPES.filter((t) => t.slug !== "de-an" && t.slug !== "chi-thi");
    await expect(DocumentTypeAdmin.put(store, { version: 0, types: keep }, system)).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("Chỉ thị") });
    const renamed = DEFAULT_DOCUMENT_TYPES.filter((t) => t.slug !== "de-an").map((t) => (t.slug === "chi-thi" ? { slug: t.slug, name: "Chỉ thị của Ban Thường vụ" } : t));
    const saved = await DocumentTypeAdmin.put(store, { version: 0, types: [...renamed, { name: "Thư mời" }] }, system);
    expect(saved.version).toBe(1);
    expect(saved.types.at(-1)).toEqual({ slug: "thu-moi", name: "Thư mời" });
    await expect(DocumentTypeAdmin.put(store, { version: 0, types: renamed }, system)).rejects.toMatchObject({ code: "CONFLICT", details: { currentVersion: 1 } });
    await expect(DocumentTypeAdmin.put(store, { version: 1, types: [{ name: "Thư mời" }, { name: "THƯ MỜI" }] }, system)).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(eng().create(writer, base({ docType: "de-an", number: "01-ĐA/TU" }))).rejects.toMatchObject({ code: "VALIDATION", fields: { docType: expect.any(String) } });
    const { item } = await eng().create(writer, base({ docType: "thu-moi", number: "05-TM/TU" }));
    expect(item.title).toMatch(/^Thư mời số 05-TM\/TU/);
    expect((await eng().create(writer, base({ number: "40-CT/TU" }))).item.title).toMatch(/^Chỉ thị của Ban Thường vụ số 40-CT\/TU/);
  });

  it("past the scan bound, a filter reads the most selective facet partition and says the results are cut", async () => {
    const small = { pageSize: 2, pages: 1 };
    const all = await Documents.list(store, {}, 1, small);
    expect(all.truncated).toBe(true);
    expect(all.items).toHaveLength(2);
    const chiThi = await Documents.list(store, { type: "chi-thi", year: "2026" }, 1, small);
    expect(chiThi.items.map((d) => d.number)).toEqual(["15-CT/TU"]);
    expect(chiThi.truncated).toBe(false);
    const full = await Documents.list(store, { issuer: "tinh-uy-hoa-phong" }, 1);
    const cut = await Documents.list(store, { issuer: "tinh-uy-hoa-phong" }, 1, small);
    expect(full.total).toBeGreaterThan(2);
    expect(cut).toMatchObject({ total: 2, truncated: true });
    expect(cut.items.map((d) => d.id)).toEqual(full.items.slice(0, 2).map((d) => d.id));
  });

  it("demo seed: 15 documents 2024–2026 with real PDFs, one replaced, one expired; a second run writes nothing", async () => {
    const seeded = await createTestStore();
    await SectionAdmin.create(seeded, { slug: "chinh-tri", name: "Chính trị", description: "", order: 1 });
    const now = new Date("2026-11-25T10:00:00+07:00");
    expect(await seedDocuments(seeded, system, now)).toBe(15);
    expect(await seedDocuments(seeded, system, now)).toBe(0);
    const listing = await Documents.list(seeded, {}, 1);
    expect(listing.total).toBe(15);
    expect(listing.years).toEqual(["2026", "2025", "2024"]);
    expect(listing.items.every((d) => d.sectionId === "chinh-tri" && d.publishedAt <= now.toISOString())).toBe(true);
    const replaced = listing.items.find((d) => d.validity === "replaced")!;
    const view = await Documents.get(seeded, replaced.slug);
    expect(view.replacedByTitle).toMatch(/^Chỉ thị số 31-CT\/TU/);
    expect(listing.items.filter((d) => d.validity === "expired")).toHaveLength(1);
    // The stored file is the generated PDF, byte for byte, and its cross-reference table is right.
    const file = view.files[0]!;
    const object = await seeded.s3.send(new GetObjectCommand({ Bucket: seeded.bucket, Key: file.url.slice(1) }));
    const bytes = Buffer.from(await object.Body!.transformToByteArray());
    expect(file).toMatchObject({ contentType: "application/pdf", size: bytes.length });
    checkPdf(bytes);
  });
});

/** A PDF's structure: header, startxref → xref, every entry → "n 0 obj", stream lengths exact, %%EOF. */
function checkPdf(bytes: Buffer) {
  const text = bytes.toString("latin1");
  expect(text.startsWith("%PDF-1.4\n")).toBe(true);
  expect(text.endsWith("%%EOF\n")).toBe(true);
  const start = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)![1]);
  expect(text.slice(start, start + 5)).toBe("xref\n");
  const [, count] = /^xref\n0 (\d+)\n/.exec(text.slice(start))!;
  const entries = text.slice(start).split("\n").slice(2, 2 + Number(count));
  expect(entries[0]).toBe("0000000000 65535 f ");
  entries.slice(1).forEach((entry, i) => {
    expect(entry).toMatch(/^\d{10} 00000 n $/);
    expect(text.slice(Number(entry.slice(0, 10))).startsWith(`${i + 1} 0 obj\n`)).toBe(true);
  });
  for (const match of text.matchAll(/<< \/Length (\d+) >>\nstream\n/g)) {
    const from = match.index! + match[0].length;
    expect(text.slice(from + Number(match[1]), from + Number(match[1]) + 9)).toBe("endstream");
  }
  expect(text).toContain(`/Root 1 0 R`);
}

describe("files of documents in the media library", () => {
  it("records the document as a use of its files: a used file cannot be deleted; deleting the draft frees every file it ever used", async () => {
    const first = (await MediaLibrary.importFile(store, { filename: "Dự thảo lần 1.pdf", bytes: minimalPdf(["DU THAO 1"]), uploadedBy: system })).id;
    const second = (await MediaLibrary.importFile(store, { filename: "Dự thảo lần 2.pdf", bytes: minimalPdf(["DU THAO 2"]), uploadedBy: system })).id;
    const e = eng();
    let { item } = await e.create(writer, base({ number: "88-CT/TU", files: [first] }));
    await expect(MediaLibrary.remove(store, first)).rejects.toMatchObject({ code: "CONFLICT" });
    // Swapping the file keeps the first one used too: a published view may still link to it.
    ({ item } = await e.update(writer, item.id, { version: item.version, files: [second] }));
    await expect(MediaLibrary.remove(store, first)).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(MediaLibrary.remove(store, second)).rejects.toMatchObject({ code: "CONFLICT" });
    await e.remove(writer, item.id, { version: item.version });
    await MediaLibrary.remove(store, first);
    await MediaLibrary.remove(store, second);
    expect(await MediaLibrary.get(store, first)).toBeUndefined();
  });
});
