import { articleEngine, importArticle } from "../support/engine";
import { TransactWriteCommand } from "../../functions/core/storage/db";
import { beforeAll, describe, expect, it } from "vitest";
import { Articles, type PublishedArticle } from "../../functions/core/reader/articles";
import type { ImportInput } from "../../functions/core/content/articles";
import { reportCount } from "../../functions/core/publishing/items";
import { resolveCounters } from "../../functions/core/metrics/counters";
import { contentKeys, Keys } from "../../functions/core/storage/keys";
import { parseReportQuery, Reports } from "../../functions/core/metrics/reports";
import { SectionAdmin } from "../../functions/core/sections/section-admin";
import type { Store } from "../../functions/core/storage/store";
import { Views } from "../../functions/core/metrics/views";
import { Visitors } from "../../functions/core/metrics/visitors";
import { createTestStore } from "../support/store";

const counters = resolveCounters({ shards: 3, cacheMs: 0 });
const DUYET = { id: "u-duyet", name: "Trần Thị Duyệt" };
const TONG_BIEN_TAP = { id: "u-tbt", name: "Nguyễn Văn Tổng" };
/** The report is made on 20 March 2026, 10:00 in Vietnam. */
const NOW = Date.parse("2026-03-20T10:00:00+07:00");

function article(title: string, overrides: Partial<ImportInput>): ImportInput {
  return { kind: "news", sectionId: "kinh-te", title, summary: "Tóm tắt.", body: "<p>Nội dung.</p>", byline: "Thu Hà", publishedAt: "2026-03-01T08:00:00+07:00", ...overrides };
}

/** What unpublish does to the aggregates (editorial.ts does exactly this, in its own transaction). */
async function unpublish(store: Store, view: PublishedArticle) {
  await store.db.send(
    new TransactWriteCommand({
      TransactItems: [
        reportCount(store, { ...view, approverId: view.approvedBy.id, approverName: view.approvedBy.name }, -1),
        { Delete: { TableName: store.table, Key: Keys.publishedView(view.slug) } },
        // And its summary item (reader/summaries.ts), which the section's lists read.
        { Delete: { TableName: store.table, Key: contentKeys("ARTICLE").summary(view.id) } },
      ],
    }),
  );
}

/** What a section move of a published article does: -1 in the old section, +1 in the new, the view moved. */
async function move(store: Store, view: PublishedArticle, sectionId: string) {
  const counted = { ...view, approverId: view.approvedBy.id, approverName: view.approvedBy.name };
  await store.db.send(
    new TransactWriteCommand({
      TransactItems: [
        reportCount(store, counted, -1),
        reportCount(store, { ...counted, sectionId }, +1),
        {
          Update: {
            TableName: store.table,
            Key: Keys.publishedView(view.slug),
            UpdateExpression: "SET sectionId = :section, gsi1pk = :index",
            ExpressionAttributeValues: { ":section": sectionId, ":index": Keys.publishedInSection(sectionId) },
          },
        },
        {
          // Its summary item (reader/summaries.ts), which the section's lists read, moves with it.
          Update: {
            TableName: store.table,
            Key: contentKeys("ARTICLE").summary(view.id),
            UpdateExpression: "SET sectionId = :section, gsi1pk = :index",
            ExpressionAttributeValues: { ":section": sectionId, ":index": contentKeys("ARTICLE").summaryIndex({ ...view, sectionId }).gsi1pk },
          },
        },
      ],
    }),
  );
}

describe("the activity report in DynamoDB Local", () => {
  let store: Store;
  let published: Record<string, PublishedArticle>;

  beforeAll(async () => {
    store = await createTestStore();
    await SectionAdmin.create(store, { slug: "kinh-te", name: "Kinh tế", description: "", order: 1 });
    await SectionAdmin.create(store, { slug: "van-hoa", name: "Văn hóa", description: "", order: 2 });
    await SectionAdmin.create(store, { slug: "the-thao", name: "Thể thao", description: "", order: 3 });
    await SectionAdmin.create(store, { slug: "xay-dung-dang", name: "Xây dựng Đảng", description: "", order: 4 });
    await SectionAdmin.create(store, { slug: "chi-bo", name: "Chi bộ", description: "", order: 5, parentId: "xay-dung-dang" });
    published = {};
    const imports: [string, Partial<ImportInput>, { id: string; name: string }][] = [
      ["Tin kinh tế tháng Ba", {}, DUYET],
      ["Tin kinh tế cuối tháng Hai", { publishedAt: "2026-02-28T23:30:00+07:00" }, DUYET],
      ["Tin đầu tháng Ba theo giờ Việt Nam", { publishedAt: "2026-02-28T18:00:00Z" }, TONG_BIEN_TAP],
      ["Tin sưu tầm văn hóa", { kind: "collected", sectionId: "van-hoa", sourceName: "Báo Tỉnh", sourceUrl: "https://bao.example.vn/a", publishedAt: "2026-03-05T09:00:00+07:00" }, TONG_BIEN_TAP],
      ["Tin năm cũ", { publishedAt: "2025-12-31T20:00:00+07:00" }, DUYET],
      ["Tin sẽ gỡ", { publishedAt: "2026-03-10T09:00:00+07:00" }, DUYET],
      ["Tin chuyển chuyên mục", { publishedAt: "2026-03-11T09:00:00+07:00" }, DUYET],
      ["Tin chi bộ", { sectionId: "chi-bo", publishedAt: "2026-03-12T09:00:00+07:00" }, DUYET],
      ["Tin văn hóa cũ", { sectionId: "van-hoa", publishedAt: "2025-11-01T09:00:00+07:00" }, DUYET],
    ];
    for (const [title, overrides, approver] of imports) published[title] = await importArticle(store, article(title, overrides), approver);
    await unpublish(store, published["Tin sẽ gỡ"]!);
    await move(store, published["Tin chuyển chuyên mục"]!, "van-hoa");
    // A kind added by a later issue only has to write the same aggregate.
    await store.db.send(
      new TransactWriteCommand({
        TransactItems: [reportCount(store, { publishedAt: "2026-03-15T08:00:00+07:00", kind: "documents", sectionId: "xay-dung-dang", approverId: TONG_BIEN_TAP.id, approverName: TONG_BIEN_TAP.name }, 1)],
      }),
    );

    for (let i = 0; i < 7; i++) {
      const beat = await Visitors.heartbeat(store, counters, { member: false, now: Date.parse("2026-03-02T10:00:00+07:00") });
      await Views.count(store, counters, { visitorId: beat.visitorId, articleId: published["Tin kinh tế tháng Ba"]!.id, now: Date.parse("2026-03-02T10:00:00+07:00") });
      if (i < 2)
        await Views.count(store, counters, { visitorId: beat.visitorId, articleId: published["Tin sưu tầm văn hóa"]!.id, now: Date.parse("2026-03-06T10:00:00+07:00") });
    }
    await Visitors.heartbeat(store, counters, { member: true, now: Date.parse("2026-02-27T10:00:00+07:00") });
  });

  it("counts what was published in March by kind, section and approver, after an unpublish and a section move", async () => {
    const report = await Reports.activity(store, counters, parseReportQuery({ from: "2026-03-01", to: "2026-03-31" }), NOW);
    expect(report.period).toEqual({ from: "2026-03-01", to: "2026-03-31" });
    expect(report.published.total).toBe(6);
    expect(report.published.byKind).toEqual({ news: 4, collected: 1, documents: 1 });
    expect(report.published.bySection).toEqual([
      { sectionId: "kinh-te", name: "Kinh tế", count: 2 },
      { sectionId: "van-hoa", name: "Văn hóa", count: 2 },
      { sectionId: "chi-bo", name: "Chi bộ", count: 1 },
      { sectionId: "xay-dung-dang", name: "Xây dựng Đảng", count: 1 },
      { sectionId: "the-thao", name: "Thể thao", count: 0 },
    ]);
    expect(report.published.byApprover).toEqual([
      { approverId: "u-tbt", name: "Nguyễn Văn Tổng", count: 3 },
      { approverId: "u-duyet", name: "Trần Thị Duyệt", count: 3 },
    ]);
  });

  it("counts by the Vietnam day of publication, across years", async () => {
    const february = await Reports.activity(store, counters, parseReportQuery({ from: "2026-02-01", to: "2026-02-28" }), NOW);
    expect(february.published.total).toBe(1);
    const winter = await Reports.activity(store, counters, parseReportQuery({ from: "2025-11-01", to: "2026-02-28" }), NOW);
    expect(winter.published.total).toBe(3);
    expect(winter.published.byKind).toEqual({ news: 3, collected: 0 });
    expect(winter.visits.total).toBe(1);
    const none = await Reports.activity(store, counters, parseReportQuery({ from: "2021-01-01", to: "2025-10-31" }), NOW);
    expect(none.published).toMatchObject({ total: 0, byKind: { news: 0, collected: 0 }, byApprover: [] });
  });

  it("gives the period's visits per day and its most viewed articles", async () => {
    const report = await Reports.activity(store, counters, parseReportQuery({ from: "2026-03-01", to: "2026-03-31" }), NOW);
    expect(report.visits.total).toBe(7);
    expect(report.visits.byDay).toHaveLength(31);
    expect(report.visits.byDay[1]).toEqual({ day: "2026-03-02", visits: 7 });
    expect(report.visits.byDay.filter((d) => d.visits > 0)).toHaveLength(1);
    expect(report.topArticles).toEqual([
      { articleId: published["Tin kinh tế tháng Ba"]!.id, views: 7, title: "Tin kinh tế tháng Ba", slug: published["Tin kinh tế tháng Ba"]!.slug, sectionId: "kinh-te" },
      { articleId: published["Tin sưu tầm văn hóa"]!.id, views: 2, title: "Tin sưu tầm văn hóa", slug: published["Tin sưu tầm văn hóa"]!.slug, sectionId: "van-hoa" },
    ]);
    const later = await Reports.activity(store, counters, parseReportQuery({ from: "2026-03-03", to: "2026-03-31" }), NOW);
    expect(later.topArticles.map((a) => a.views)).toEqual([2]);
    expect(later.visits.total).toBe(0);
  });

  it("flags sections with nothing new in N days, and empty ones, counting a parent's subsections", async () => {
    const report = await Reports.activity(store, counters, parseReportQuery({ from: "2026-03-01", to: "2026-03-31" }), NOW);
    // The "documents" aggregate has no published view: sections are judged by what readers can see.
    expect(report.sections).toEqual({ idleDays: 30, idle: [], empty: [{ sectionId: "the-thao", name: "Thể thao" }] });
    // Văn hóa is not quiet: the article moved there on the 11th was published then.
    const strict = await Reports.activity(store, counters, parseReportQuery({ from: "2026-03-01", to: "2026-03-31", idleDays: "15" }), NOW);
    expect(strict.sections.idle).toEqual([
      { sectionId: "kinh-te", name: "Kinh tế", lastPublishedAt: published["Tin kinh tế tháng Ba"]!.publishedAt },
    ]);
  });

  it("exports the same numbers as CSV that spreadsheets open in Vietnamese", async () => {
    const report = await Reports.activity(store, counters, parseReportQuery({ from: "2026-03-01", to: "2026-03-31" }), NOW);
    const csv = Reports.toCsv(report);
    expect(csv.startsWith("\uFEFFNhóm,Mã,Tên,Giá trị\r\n")).toBe(true);
    const lines = csv.slice(1).trimEnd().split("\r\n");
    expect(lines).toContain("Tổng số tin bài đã đăng,,,6");
    expect(lines).toContain("Theo loại,documents,Văn bản,1");
    expect(lines).toContain("Theo chuyên mục,kinh-te,Kinh tế,2");
    expect(lines).toContain("Theo người duyệt,u-tbt,Nguyễn Văn Tổng,3");
    expect(lines).toContain("Lượt truy cập,,,7");
    expect(lines).toContain("Lượt truy cập theo ngày,2026-03-02,,7");
    expect(lines).toContain(`Bài xem nhiều,${published["Tin kinh tế tháng Ba"]!.id},Tin kinh tế tháng Ba,7`);
    expect(lines).toContain("Chuyên mục chưa có tin,the-thao,Thể thao,");
  });

  it("quotes CSV cells and defuses formulas", () => {
    const csv = Reports.toCsv({
      period: { from: "2026-01-01", to: "2026-01-01" },
      published: { total: 0, byKind: {}, bySection: [{ sectionId: "x", name: 'Tin "nóng", mới', count: 1 }], byApprover: [{ approverId: "y", name: "=HYPERLINK(\"http://x\")", count: 1 }] },
      visits: { total: 0, byDay: [] },
      topArticles: [],
      sections: { idleDays: 30, idle: [], empty: [] },
    });
    expect(csv).toContain('Theo chuyên mục,x,"Tin ""nóng"", mới",1');
    expect(csv).toContain(`Theo người duyệt,y,"'=HYPERLINK(""http://x"")",1`);
  });
});

describe("report parameters", () => {
  it.each([
    [{}, "from"],
    [{ from: "2026-03-01" }, "to"],
    [{ from: "2026-3-1", to: "2026-03-31" }, "from"],
    [{ from: "2026-02-30", to: "2026-03-31" }, "from"],
    [{ from: "2026-03-01", to: "2026-13-01" }, "to"],
    [{ from: "1899-12-31", to: "1900-01-01" }, "from"],
    [{ from: "2026-03-31", to: "2026-03-01" }, "to"],
    [{ from: "2020-01-01", to: "2025-01-01" }, "to"],
    [{ from: "2026-03-01", to: "2026-03-31", idleDays: "0" }, "idleDays"],
    [{ from: "2026-03-01", to: "2026-03-31", idleDays: "1e3" }, "idleDays"],
    [{ from: "2026-03-01", to: "2026-03-31", idleDays: "99999" }, "idleDays"],
  ])("rejects %j with a Vietnamese message on %s", (params, field) => {
    expect(() => parseReportQuery(params)).toThrowError(expect.objectContaining({ code: "VALIDATION", fields: expect.objectContaining({ [field]: expect.any(String) }) }));
  });

  it("accepts up to five years, a leap day and a default of 30 days", () => {
    expect(parseReportQuery({ from: "2020-01-01", to: "2024-12-31" })).toEqual({ from: "2020-01-01", to: "2024-12-31", idleDays: 30 });
    expect(parseReportQuery({ from: "2024-02-29", to: "2024-02-29", idleDays: "7" })).toEqual({ from: "2024-02-29", to: "2024-02-29", idleDays: 7 });
  });
});
