import { TransactWriteCommand } from "../../functions/core/storage/db";
import { beforeAll, describe, expect, it } from "vitest";
import type { ImportInput } from "../../functions/core/content/articles";
import { resolveCounters } from "../../functions/core/metrics/counters";
import { parseReportQuery, Reports } from "../../functions/core/metrics/reports";
import { countChanges, unitCount } from "../../functions/core/publishing/report-counts";
import { reportCount } from "../../functions/core/publishing/items";
import { SectionAdmin } from "../../functions/core/sections/section-admin";
import type { Store } from "../../functions/core/storage/store";
import { importArticle } from "../support/engine";
import { createTestStore } from "../support/store";

/**
 * Publications per day (`published.byDay`), read from the same report aggregates as the totals:
 * every day of the period present, Vietnam days, the split by kind, secondary units left out, and a
 * whole year of busy aggregates read in one bounded Query per year.
 */
const counters = resolveCounters({ shards: 2, cacheMs: 0 });
const DUYET = { id: "u-duyet", name: "Trần Thị Duyệt" };
const NOW = Date.parse("2026-03-20T10:00:00+07:00");

function article(title: string, overrides: Partial<ImportInput>): ImportInput {
  return { kind: "news", sectionId: "kinh-te", title, summary: "Tóm tắt.", body: "<p>Nội dung.</p>", byline: "Thu Hà", publishedAt: "2026-03-02T08:00:00+07:00", ...overrides };
}

describe("publications per day in the activity report", () => {
  let store: Store;

  beforeAll(async () => {
    store = await createTestStore();
    await SectionAdmin.create(store, { slug: "kinh-te", name: "Kinh tế", description: "", order: 1 });
    await SectionAdmin.create(store, { slug: "van-hoa", name: "Văn hóa", description: "", order: 2 });
    await importArticle(store, article("Hòa Phong khởi công cầu Sông Mây", {}), DUYET);
    await importArticle(store, article("Lễ hội mùa xuân Hòa Phong", { sectionId: "van-hoa", publishedAt: "2026-03-02T15:00:00+07:00" }), DUYET);
    // 23:30 UTC on 2 March is already 3 March in Vietnam.
    await importArticle(store, article("Tin đêm khuya", { publishedAt: "2026-03-02T23:30:00Z" }), DUYET);
    await importArticle(
      store,
      article("Tin sưu tầm về chè Hòa Phong", { kind: "collected", sourceName: "Báo Tỉnh", sourceUrl: "https://bao.example.vn/che", publishedAt: "2026-03-05T09:00:00+07:00" }),
      DUYET,
    );
    // A week's schedule with 4 entries (units) and a comment received: counted by kind, never per day.
    const schedule = { publishedAt: "2026-03-05T10:00:00+07:00", kind: "schedules", sectionId: "kinh-te", approverId: DUYET.id, approverName: DUYET.name, units: { scheduleEntries: 4 } };
    const comment = { at: "2026-03-05T11:00:00+07:00", kind: "comments", sectionId: "van-hoa", approverId: DUYET.id, approverName: DUYET.name };
    await store.db.send(new TransactWriteCommand({ TransactItems: [...countChanges(store, undefined, schedule), unitCount(store, comment, 1)] }));
  });

  it("gives every day of the period with its count and split by kind, on Vietnam days", async () => {
    const report = await Reports.activity(store, counters, parseReportQuery({ from: "2026-03-01", to: "2026-03-07" }), NOW);
    expect(report.published.total).toBe(5);
    expect(report.published.byDay).toEqual([
      { day: "2026-03-01", count: 0, byKind: {} },
      { day: "2026-03-02", count: 2, byKind: { news: 2 } },
      { day: "2026-03-03", count: 1, byKind: { news: 1 } },
      { day: "2026-03-04", count: 0, byKind: {} },
      { day: "2026-03-05", count: 2, byKind: { collected: 1, schedules: 1 } },
      { day: "2026-03-06", count: 0, byKind: {} },
      { day: "2026-03-07", count: 0, byKind: {} },
    ]);
    // The units stay in byKind of the period, as before.
    expect(report.published.byKind).toMatchObject({ scheduleEntries: 4, comments: 1 });
    // Screens label every kind from the report itself.
    expect(report.kindLabels).toMatchObject({ news: "Tin bài", collected: "Tin sưu tầm", schedules: "Lịch công tác (tuần)", scheduleEntries: "Mục lịch công tác" });
    expect(Object.keys(report.kindLabels).sort()).toEqual(Object.keys(report.published.byKind).sort());
    const sum = report.published.byDay.reduce((n, d) => n + d.count, 0);
    expect(sum).toBe(report.published.total);
  });

  it("follows an unpublish: the day loses its count", async () => {
    await store.db.send(
      new TransactWriteCommand({
        TransactItems: [reportCount(store, { publishedAt: "2026-03-06T09:00:00+07:00", kind: "documents", sectionId: "kinh-te", approverId: DUYET.id, approverName: DUYET.name }, 1)],
      }),
    );
    const before = await Reports.activity(store, counters, parseReportQuery({ from: "2026-03-06", to: "2026-03-06" }), NOW);
    expect(before.published.byDay).toEqual([{ day: "2026-03-06", count: 1, byKind: { documents: 1 } }]);
    await store.db.send(
      new TransactWriteCommand({
        TransactItems: [reportCount(store, { publishedAt: "2026-03-06T09:00:00+07:00", kind: "documents", sectionId: "kinh-te", approverId: DUYET.id, approverName: DUYET.name }, -1)],
      }),
    );
    const after = await Reports.activity(store, counters, parseReportQuery({ from: "2026-03-06", to: "2026-03-06" }), NOW);
    expect(after.published.byDay).toEqual([{ day: "2026-03-06", count: 0, byKind: {} }]);
  });

  it("covers a whole busy year (and a year boundary) from the aggregates alone", async () => {
    // 2024 is a leap year: 366 days × 3 aggregates (two kinds, two approvers), written as publications would.
    const writes = [];
    for (let ms = Date.parse("2024-01-01T12:00:00+07:00"), i = 0; ms < Date.parse("2025-01-01T00:00:00+07:00"); ms += 86_400_000, i++) {
      const at = new Date(ms).toISOString();
      writes.push(reportCount(store, { publishedAt: at, kind: "news", sectionId: "kinh-te", approverId: DUYET.id, approverName: DUYET.name }, 1));
      writes.push(reportCount(store, { publishedAt: at, kind: "news", sectionId: "van-hoa", approverId: "u-tbt", approverName: "Nguyễn Văn Tổng" }, 1));
      if (i % 7 === 0) writes.push(reportCount(store, { publishedAt: at, kind: "documents", sectionId: "kinh-te", approverId: DUYET.id, approverName: DUYET.name }, 1));
    }
    for (let i = 0; i < writes.length; i += 25) await store.db.send(new TransactWriteCommand({ TransactItems: writes.slice(i, i + 25) }));

    const year = await Reports.activity(store, counters, parseReportQuery({ from: "2024-01-01", to: "2024-12-31" }), NOW);
    expect(year.published.byDay).toHaveLength(366);
    expect(year.published.byDay.find((d) => d.day === "2024-02-29")).toBeDefined();
    expect(year.published.total).toBe(366 * 2 + 53);
    expect(year.published.byDay.reduce((n, d) => n + d.count, 0)).toBe(year.published.total);
    expect(year.published.byDay[0]).toEqual({ day: "2024-01-01", count: 3, byKind: { news: 2, documents: 1 } });
    expect(year.published.byDay[1]).toEqual({ day: "2024-01-02", count: 2, byKind: { news: 2 } });

    const across = await Reports.activity(store, counters, parseReportQuery({ from: "2024-12-30", to: "2026-03-02" }), NOW);
    expect(across.published.byDay).toHaveLength(2 + 365 + 31 + 28 + 2);
    // 30 December 2024 is day 364 of the year: a documents day too.
    expect(across.published.byDay.slice(0, 3).map((d) => d.count)).toEqual([3, 2, 0]);
    expect(across.published.byDay.at(-1)).toEqual({ day: "2026-03-02", count: 2, byKind: { news: 2 } });
  });

  it("exports the days in the CSV, one line per day", async () => {
    const report = await Reports.activity(store, counters, parseReportQuery({ from: "2026-03-01", to: "2026-03-07" }), NOW);
    const lines = Reports.toCsv(report).slice(1).trimEnd().split("\r\n");
    const days = lines.filter((line) => line.startsWith("Tin bài đã đăng theo ngày,"));
    expect(days).toHaveLength(7);
    expect(days).toContain("Tin bài đã đăng theo ngày,2026-03-02,,2");
    expect(days).toContain("Tin bài đã đăng theo ngày,2026-03-04,,0");
  });
});
