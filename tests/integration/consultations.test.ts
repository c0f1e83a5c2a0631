/**
 * Drafts for public comment (content/consultations.ts) and their comments (consultations/comments.ts)
 * on DynamoDB Local and s3rver: the workflow with files and periods, the short-period reason in
 * the audit, receipts numbered per year without gaps or repeats, every refusal of a comment, the
 * per-client limits, and the report counts `consultations` and `consultationComments`, exact.
 */
import { QueryCommand, ScanCommand } from "../../functions/core/storage/db";
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "../../functions/core/accounts/users";
import { Comments, NOT_SENT } from "../../functions/core/consultations/comments";
import { consultationImport, consultations } from "../../functions/core/content/consultations";
import { MediaLibrary } from "../../functions/core/media/library";
import { resolveCounters } from "../../functions/core/metrics/counters";
import { parseReportQuery, Reports } from "../../functions/core/metrics/reports";
import { Audit } from "../../functions/core/publishing/audit";
import { createEngine, type Engine } from "../../functions/core/publishing/engine";
import { invalidationEffects, RecordingInvalidator } from "../../functions/core/publishing/invalidation";
import { Consultations, type ConsultationContent, type PublishedConsultation } from "../../functions/core/reader/consultations";
import { Search } from "../../functions/core/reader/search";
import { SectionAdmin } from "../../functions/core/sections/section-admin";
import { vietnamDay } from "../../functions/core/shared/time";
import type { Store } from "../../functions/core/storage/store";
import { seedConsultations } from "../../scripts/seed/consultations";
import { tinyPdf } from "../../scripts/seed/pdf";
import { createSections } from "../support/auth";
import { createTestStore } from "../support/store";

const DAY = 86_400_000;
const writer: SessionUser = { id: "u-writer", email: "viet@hoaphong.example.vn", name: "Lê Văn Viết", role: "writer", sections: ["kinh-te"] };
const board: SessionUser = { id: "u-board", email: "duyet@hoaphong.example.vn", name: "Trần Thị Duyệt", role: "section-editor", sections: ["kinh-te"] };
const counters = resolveCounters({ shards: 1, cacheMs: 0 });
const receiver = { unit: "Văn phòng Tỉnh ủy", address: "Số 1 đường Trần Hưng Đạo, phường Vân Giang", email: "gopy@hoaphong.example.vn" };
const invalidator = new RecordingInvalidator();
let store: Store;
let engine: Engine<ConsultationContent, PublishedConsultation>;
let files: string[];

const iso = (ms: number) => new Date(ms).toISOString();
const report = async (day: string) => (await Reports.activity(store, counters, parseReportQuery({ from: day, to: day }), Date.now())).published;
const draft = (overrides: Record<string, unknown> = {}) => ({
  title: "Dự thảo Quy chế tiếp công dân của Tỉnh ủy",
  summary: "Lấy ý kiến về quy chế tiếp công dân.",
  body: "<p>Điều 1. Phạm vi điều chỉnh.</p><script>alert(1)</script>",
  section: "kinh-te",
  files,
  opensAt: iso(Date.now() - DAY),
  closesAt: iso(Date.now() + 40 * DAY),
  receiver,
  ...overrides,
});
let seq = 0;
/** A draft published as the board approved it, with the period given. */
async function published(opensAt: number, closesAt: number, sectionId = "kinh-te") {
  seq++;
  return engine.importPublished(
    consultationImport({ id: `gy-test-${seq}`, title: `Dự thảo thử nghiệm số ${seq}`, summary: "Tóm tắt.", body: "<p>Nội dung.</p>", sectionId, files: [], opensAt: iso(opensAt), closesAt: iso(closesAt), receiver, publishedAt: iso(Math.min(opensAt, Date.now())) }),
    { id: board.id, name: board.name },
  );
}
const comment = (content: string, extra: Record<string, unknown> = {}) => ({ name: "Nguyễn Văn Dân", content, website: "", ...extra });

beforeAll(async () => {
  store = await createTestStore();
  await createSections(store);
  engine = createEngine(consultations, { store, effects: invalidationEffects(store, invalidator) });
  const by = { id: board.id, name: board.name };
  files = [
    (await MediaLibrary.importFile(store, { filename: "Dự thảo quy chế.pdf", bytes: tinyPdf(["Du thao quy che"]), uploadedBy: by })).id,
    (await MediaLibrary.importFile(store, { filename: "Tờ trình.pdf", bytes: tinyPdf(["To trinh"]), uploadedBy: by })).id,
  ];
}, 60_000);

describe("drafts for public comment through the workflow", () => {
  it("creates with file snapshots, publishes with the report count, search and invalidation, unpublishes exactly", async () => {
    let { item } = await engine.create(writer, draft());
    expect(item).toMatchObject({ status: "draft", contentKind: "consultations", slug: "du-thao-quy-che-tiep-cong-dan-cua-tinh-uy" });
    expect(item.body).toBe("<p>Điều 1. Phạm vi điều chỉnh.</p>");
    expect(item.files).toEqual([
      expect.objectContaining({ id: files[0], filename: "Dự thảo quy chế.pdf", contentType: "application/pdf", url: expect.stringMatching(/^\/media\//) }),
      expect.objectContaining({ id: files[1], filename: "Tờ trình.pdf" }),
    ]);
    expect(item.files[0]!.size).toBeGreaterThan(100);
    ({ item } = await engine.submit(writer, item.id, { version: item.version }));
    ({ item } = await engine.approve(board, item.id, { version: item.version }));
    const day = vietnamDay(item.publishedAt!);
    expect((await report(day)).byKind.consultations).toBe(1);
    expect(invalidator.paths).toContain("/gop-y*");
    const view = await Consultations.get(store, item.slug);
    expect(view).toMatchObject({ id: item.id, receiver, approvedBy: { id: board.id } });
    expect(view).not.toHaveProperty("shortPeriodReason");
    Search.forget(store);
    expect((await Search.query(store, "quy che tiep cong dan")).hits.map((hit) => hit.url)).toContain(`/gop-y/${item.slug}`);

    await engine.unpublish(board, item.id, { version: item.version });
    expect((await report(day)).byKind.consultations ?? 0).toBe(0);
    await expect(Consultations.get(store, item.slug)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses a closing time before the opening, unknown files, and a short period without a reason; keeps the reason in the audit", async () => {
    await expect(engine.create(writer, draft({ closesAt: iso(Date.now() - 2 * DAY) }))).rejects.toMatchObject({
      code: "VALIDATION", message: "Thời điểm kết thúc phải sau thời điểm bắt đầu.", fields: { closesAt: expect.any(String) },
    });
    await expect(engine.create(writer, draft({ files: ["khong-co-tep-nay"] }))).rejects.toMatchObject({ code: "VALIDATION", fields: { files: expect.any(String) } });
    await expect(engine.create(writer, draft({ receiver: { ...receiver, email: "khong-phai-email" } }))).rejects.toMatchObject({
      code: "VALIDATION", fields: { "receiver.email": expect.any(String) },
    });
    const short = { closesAt: iso(Date.now() + 10 * DAY) };
    await expect(engine.create(writer, draft(short))).rejects.toMatchObject({ code: "VALIDATION", fields: { shortPeriodReason: expect.any(String) } });

    const reason = "Cần ban hành kịp kỳ họp cuối năm của Ban Chấp hành.";
    let { item } = await engine.create(writer, draft({ ...short, title: "Dự thảo rút ngắn thời gian", shortPeriodReason: reason }));
    expect(item.shortPeriodReason).toBe(reason);
    ({ item } = await engine.approve(board, item.id, { version: item.version }));
    const events = (await Audit.byItem(store, item.id)).items;
    const create = events.find((event) => event.action === "consultation.create");
    const approve = events.find((event) => event.action === "consultation.approve");
    expect(create?.after).toMatchObject({ details: { shortPeriodReason: reason } });
    expect(approve?.after).toMatchObject({ details: { shortPeriodReason: reason } });
    // Lengthened to 30 days or more: the reason no longer applies and is dropped.
    ({ item } = await engine.update(board, item.id, { version: item.version, closesAt: iso(Date.parse(item.opensAt) + 31 * DAY) }));
    expect(item.shortPeriodReason).toBeUndefined();
  });

  it("defaults to the section gop-y-du-thao when it exists, else asks for one", async () => {
    const { section: _omit, ...withoutSection } = draft();
    void _omit;
    await expect(engine.create(board, withoutSection)).rejects.toMatchObject({ code: "VALIDATION", fields: { section: expect.any(String) } });
    await SectionAdmin.create(store, { slug: "gop-y-du-thao", name: "Góp ý dự thảo", description: "", order: 9 });
    const chief: SessionUser = { ...board, id: "u-chief", role: "editor-in-chief", sections: [] };
    const { item } = await engine.create(chief, { ...withoutSection, title: "Dự thảo không ghi chuyên mục" });
    expect(item.sectionId).toBe("gop-y-du-thao");
  });

  it("attaches the summary report by an edit and a re-approval", async () => {
    let { item } = await engine.create(writer, draft({ title: "Dự thảo có báo cáo tổng hợp" }));
    ({ item } = await engine.approve(board, item.id, { version: item.version }));
    ({ item } = await engine.update(board, item.id, { version: item.version, summaryFile: files[1] }));
    expect((await Consultations.get(store, item.slug)).summaryFile).toBeUndefined();
    ({ item } = await engine.approve(board, item.id, { version: item.version }));
    expect((await Consultations.get(store, item.slug)).summaryFile).toMatchObject({ id: files[1], filename: "Tờ trình.pdf" });
    ({ item } = await engine.update(board, item.id, { version: item.version, summaryFile: null }));
    expect(item.summaryFile).toBeUndefined();
  });
});

describe("comments", () => {
  it("numbers receipts per year in order, without gaps or repeats, also when sent at once", async () => {
    const view = await published(Date.now() - DAY, Date.now() + 40 * DAY);
    const year = vietnamDay(new Date()).slice(0, 4);
    const first = await Comments.receive(store, view.id, comment("Góp ý thứ nhất."), { client: "c-seq-1" });
    const second = await Comments.receive(store, view.id, comment("Góp ý thứ hai."), { client: "c-seq-2" });
    // The first comment of the year in this table.
    expect(first.receipt).toBe(`GY-${year}-000001`);
    const n = Number(first.receipt.slice(-6));
    expect(second.receipt).toBe(`GY-${year}-${String(n + 1).padStart(6, "0")}`);
    const burst = await Promise.all(Array.from({ length: 6 }, (_, i) => Comments.receive(store, view.id, comment(`Góp ý đồng thời ${i}.`), { client: `c-burst-${i}` })));
    expect(burst.map((r) => Number(r.receipt.slice(-6))).sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7].map((k) => n + k));
    expect(await Consultations.commentCount(store, view.id)).toBe(8);
    const listed = await Comments.list(store, view.id, { limit: 5 });
    expect(listed.items.map((c) => c.receipt)).toEqual([first.receipt, second.receipt, ...burst.map((r) => r.receipt).sort().slice(0, 3)]);
    expect((await Comments.list(store, view.id, { cursor: listed.next })).items).toHaveLength(3);
  });

  it("refuses before opening and after closing (409), and drafts that are not live (404)", async () => {
    const upcoming = await published(Date.now() + 2 * DAY, Date.now() + 40 * DAY);
    await expect(Comments.receive(store, upcoming.id, comment("Sớm quá."), { client: "c-early" })).rejects.toMatchObject({
      code: "CONFLICT", message: expect.stringContaining("chưa mở"),
    });
    const closed = await published(Date.parse("2026-01-05T01:00:00Z"), Date.parse("2026-02-10T10:00:00Z"));
    await expect(Comments.receive(store, closed.id, comment("Muộn quá."), { client: "c-late" })).rejects.toMatchObject({
      code: "CONFLICT", message: "Đã hết thời hạn góp ý (đến 17:00 10/02/2026).",
    });
    const { item } = await engine.create(writer, draft({ title: "Dự thảo chưa đăng" }));
    await expect(Comments.receive(store, item.id, comment("Chưa đăng."), { client: "c-draft" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(Comments.receive(store, "khong-ton-tai", comment("Không có."), { client: "c-none" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    for (const view of [upcoming, closed]) expect(await Consultations.commentCount(store, view.id)).toBe(0);
  });

  it("refuses oversized and malformed fields, the honeypot and duplicates, storing nothing", async () => {
    const view = await published(Date.now() - DAY, Date.now() + 40 * DAY);
    const client = "c-bad";
    await expect(Comments.receive(store, view.id, comment("x".repeat(5001)), { client })).rejects.toMatchObject({ code: "VALIDATION", fields: { content: expect.any(String) } });
    await expect(Comments.receive(store, view.id, comment("Hợp lệ.", { name: "A".repeat(121) }), { client })).rejects.toMatchObject({ fields: { name: expect.any(String) } });
    await expect(Comments.receive(store, view.id, comment("Hợp lệ.", { email: "a@b" }), { client })).rejects.toMatchObject({ fields: { email: expect.any(String) } });
    await expect(Comments.receive(store, view.id, comment("   "), { client })).rejects.toMatchObject({ fields: { content: expect.any(String) } });
    await expect(Comments.receive(store, view.id, comment("Quảng cáo.", { website: "https://spam.example" }), { client })).rejects.toMatchObject({
      code: "VALIDATION", message: NOT_SENT,
    });
    expect(await Consultations.commentCount(store, view.id)).toBe(0);

    const first = await Comments.receive(store, view.id, comment("Đề nghị bổ sung  điều khoản\nvề tiếp công dân."), { client });
    const again = Comments.receive(store, view.id, comment("đề nghị bổ sung điều khoản về tiếp công dân."), { client });
    await expect(again).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining(first.receipt) });
    // Another client may send the same words.
    await Comments.receive(store, view.id, comment("Đề nghị bổ sung điều khoản về tiếp công dân."), { client: "c-other" });
    // A refused duplicate did not use up the client's allowance: two more pass, the next is limited.
    await Comments.receive(store, view.id, comment("Ý kiến hai."), { client });
    await Comments.receive(store, view.id, comment("Ý kiến ba."), { client });
    await expect(Comments.receive(store, view.id, comment("Ý kiến bốn."), { client })).rejects.toMatchObject({ code: "RATE_LIMITED" });
    expect(await Consultations.commentCount(store, view.id)).toBe(4);
  });

  it("limits a client to 3 comments per 10 minutes and 10 per day, with the wait", async () => {
    const view = await published(Date.now() - 10 * DAY, Date.now() + 40 * DAY);
    // 01:00 in Vietnam two days ago: a whole day's windows inside the period.
    const t0 = Date.parse(`${vietnamDay(new Date(Date.now() - 2 * DAY))}T01:00:00+07:00`);
    const client = "c-flood";
    let k = 0;
    const send = (at: number) => Comments.receive(store, view.id, comment(`Ý kiến số ${++k}.`), { client, now: at });
    for (let i = 0; i < 3; i++) await send(t0 + i * 1000);
    const burst = await send(t0 + 5000).catch((error) => error);
    expect(burst).toMatchObject({ code: "RATE_LIMITED", message: expect.stringContaining("10 phút"), details: { retryAfter: 600 - 5 } });
    for (const slot of [1, 2]) for (let i = 0; i < 3; i++) await send(t0 + slot * 600_000 + i * 1000);
    await send(t0 + 30 * 60_000);
    const day = await send(t0 + 40 * 60_000).catch((error) => error);
    expect(day).toMatchObject({ code: "RATE_LIMITED", message: expect.stringContaining("một ngày") });
    expect(day.details.retryAfter).toBe((23 * 3600) - 40 * 60);
    expect(await Consultations.commentCount(store, view.id)).toBe(10);
    // The next Vietnam day starts afresh.
    await send(t0 + 23 * 3600_000 + 1000);
  });

  it("counts comments received in the report, on the day received, under the draft's section and approver", async () => {
    const van = await published(Date.now() - DAY, Date.now() + 40 * DAY, "van-hoa");
    const today = vietnamDay(new Date());
    const before = await report(today);
    await Comments.receive(store, van.id, comment("Một."), { client: "c-report-1" });
    await Comments.receive(store, van.id, comment("Hai."), { client: "c-report-2" });
    await expect(Comments.receive(store, van.id, comment("Hai."), { client: "c-report-2" })).rejects.toMatchObject({ code: "CONFLICT" });
    const after = await report(today);
    expect(after.byKind.consultationComments).toBe((before.byKind.consultationComments ?? 0) + 2);
    // Units never change the totals of publications.
    expect(after.total).toBe(before.total);
    const rows = await store.db.send(new QueryCommand({ TableName: store.table, KeyConditionExpression: "pk = :pk", ExpressionAttributeValues: { ":pk": `REPORT#${today.slice(0, 4)}` } }));
    const row = (rows.Items ?? []).find((item) => item.sk === `${today}#consultationComments#van-hoa#${board.id}`);
    expect(row).toMatchObject({ count: 2, unit: true, approverName: board.name });
  });

  it("publishes chosen comments for readers, board only, audited", async () => {
    const view = await published(Date.now() - DAY, Date.now() + 40 * DAY);
    const { receipt } = await Comments.receive(store, view.id, comment("Ý kiến nên công khai.", { organization: "Hội Nông dân xã", email: "dan@thu.example.vn" }), { client: "c-pub" });
    await Comments.receive(store, view.id, comment("Ý kiến riêng."), { client: "c-pub-2" });
    expect(await Consultations.publishedComments(store, view.id)).toEqual([]);
    await expect(Comments.setPublished(store, writer, view.id, receipt, { published: true })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const { comment: shown, changed } = await Comments.setPublished(store, board, view.id, receipt, { published: true });
    expect(changed).toBe(true);
    expect(shown).toMatchObject({ published: true, publishedBy: { id: board.id } });
    expect(await Consultations.publishedComments(store, view.id)).toEqual([
      { receipt, name: "Nguyễn Văn Dân", organization: "Hội Nông dân xã", content: "Ý kiến nên công khai.", receivedAt: expect.any(String) },
    ]);
    expect((await Comments.setPublished(store, board, view.id, receipt, { published: true })).changed).toBe(false);
    const events = (await Audit.byItem(store, view.id)).items.map((event) => event.action);
    expect(events).toContain("consultation.comment-publish");
    await Comments.setPublished(store, board, view.id, receipt, { published: false });
    expect(await Consultations.publishedComments(store, view.id)).toEqual([]);
    await expect(Comments.setPublished(store, board, view.id, "GY-2026-999999", { published: true })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("exports CSV with a BOM, CRLF, quoting and the formula guard", async () => {
    const view = await published(Date.now() - DAY, Date.now() + 40 * DAY);
    await Comments.receive(store, view.id, comment('=HYPERLINK("x") và "trích dẫn", dòng\nmới', { name: "Phạm Thị Thu" }), { client: "c-csv" });
    const csv = Comments.toCsv(await Comments.all(store, view.id));
    expect(csv.startsWith("\uFEFFMã tiếp nhận,Thời gian,Họ tên,Thư điện tử,Điện thoại,Cơ quan/tổ chức,Nội dung,Công khai\r\n")).toBe(true);
    expect(csv).toContain(`,Phạm Thị Thu,,,,"'=HYPERLINK(""x"") và ""trích dẫn"", dòng\nmới",Không\r\n`);
  });

  it("stores every item with its entity and schemaVersion", async () => {
    const out = await store.db.send(new ScanCommand({ TableName: store.table, ConsistentRead: true }));
    const mine = (out.Items ?? []).filter((item) => /^(COMMENTS#|RECEIPTS#|CLIENT#comments#)/.test(String(item.pk)));
    expect(mine.length).toBeGreaterThan(10);
    expect(mine.filter((item) => typeof item.schemaVersion !== "number" || typeof item.entity !== "string")).toEqual([]);
  });
});

describe("demo seed", () => {
  it("imports an open and a closed draft with files, comments and the summary report, once", async () => {
    const fresh = await createTestStore();
    await createSections(fresh);
    const approver = { id: "demo-board", name: "Ban Biên tập (dữ liệu mẫu)" };
    expect(await seedConsultations(fresh, approver)).toBe(2);
    expect(await seedConsultations(fresh, approver)).toBe(0);
    const overview = await Consultations.overview(fresh, Date.now());
    expect(overview.open).toHaveLength(1);
    expect(overview.open[0]!.daysLeft).toBeGreaterThanOrEqual(42);
    expect(overview.open[0]!.daysLeft).toBeLessThanOrEqual(43);
    expect(overview.closed).toHaveLength(1);
    const closed = await Consultations.get(fresh, overview.closed[0]!.slug);
    expect(closed.summaryFile?.contentType).toBe("application/pdf");
    expect(await Consultations.commentCount(fresh, closed.id)).toBe(3);
    expect(await Consultations.publishedComments(fresh, closed.id)).toHaveLength(1);
    const open = await Consultations.get(fresh, overview.open[0]!.slug);
    expect(open.files).toHaveLength(2);
  });
});
