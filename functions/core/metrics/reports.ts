/**
 * The activity report for the leadership: what was published in a period (by kind, section and
 * approving board member), visits, the most viewed articles, and the sections that have gone
 * quiet. Every number comes from an aggregate kept exact when it changed, never from a scan:
 *
 * - publications: the `REPORT#<yyyy>` items that publish, unpublish and section moves update by
 *   ±1 in their own transactions (publishing/report-counts.ts), one Query per year; secondary
 *   units (schedule entries, comments received) are counted by kind only;
 * - visits and views: the daily counters of visitors.ts and views.ts;
 * - quiet and empty sections: one Query with Limit 1 per section on its newest-first index.
 */
import { QueryCommand } from "../storage/db";
import { Articles } from "../reader/articles";
import { Ratings, type RatingReport } from "../participation/ratings";
import type { Counters } from "./counters";
import { invalid } from "../shared/errors";
import { Keys } from "../storage/keys";
import { queryPages } from "../storage/page";
import { Sections, type Section } from "../sections/sections";
import type { Store } from "../storage/store";
import { vietnamDay } from "../shared/time";
import { type ArticleViews, Views } from "./views";
import { Visitors } from "./visitors";

export const DEFAULT_IDLE_DAYS = 30;
const MAX_IDLE_DAYS = 3650;
const MAX_YEARS = 5;
const TOP_ARTICLES = 10;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Vietnamese names of the kinds known today; a kind added later shows under its code until named here. */
export const KIND_LABELS: Record<string, string> = {
  news: "Tin bài",
  collected: "Tin sưu tầm",
  documents: "Văn bản",
  schedules: "Lịch công tác (tuần)",
  scheduleEntries: "Mục lịch công tác",
  consultations: "Dự thảo lấy ý kiến",
  consultationComments: "Ý kiến góp ý dự thảo nhận được",
  galleries: "Phóng sự ảnh",
  videos: "Video",
  comments: "Ý kiến bạn đọc đã duyệt",
};

export interface ReportQuery {
  from: string;
  to: string;
  idleDays: number;
}

export interface ActivityReport {
  period: { from: string; to: string };
  /** The Vietnamese name of every kind in `published.byKind` (its code when not named yet), for screens. */
  kindLabels: Record<string, string>;
  published: {
    total: number;
    /** Every kind that has publications in the period, plus news and collected (0 when none). */
    byKind: Record<string, number>;
    /** Every section, with 0 when nothing was published in it; sections since deleted by id. */
    bySection: { sectionId: string; name: string; count: number }[];
    byApprover: { approverId: string; name: string; count: number }[];
    /**
     * Every day of the period (0 when nothing was published), Vietnam days: `count` as in the total,
     * `byKind` its split (kinds with publications that day; secondary units are not in it).
     */
    byDay: PublishedDay[];
  };
  visits: { total: number; byDay: { day: string; visits: number }[] };
  topArticles: ArticleViews[];
  /** Satisfaction ratings given in the period (participation/ratings.ts): exact averages. */
  ratings: RatingReport;
  sections: {
    idleDays: number;
    /** As of the report's time: sections whose newest publication is older than `idleDays`. */
    idle: { sectionId: string; name: string; lastPublishedAt: string }[];
    /** Sections with nothing published at all. */
    empty: { sectionId: string; name: string }[];
  };
}

export interface PublishedDay {
  day: string;
  count: number;
  byKind: Record<string, number>;
}

/** What the CSV needs: a report made before `byDay` existed still exports. */
export type CsvReport = Omit<ActivityReport, "published" | "ratings" | "kindLabels"> & {
  kindLabels?: Record<string, string>;
  published: Omit<ActivityReport["published"], "byDay"> & { byDay?: PublishedDay[] };
  ratings?: RatingReport;
};

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseDay(value: string | undefined, field: "from" | "to", label: string): string {
  if (value === undefined || value === "") throw invalid(`Thiếu ${label}.`, { [field]: "Bắt buộc, dạng NNNN-TT-NN (ví dụ 2026-01-31)." });
  const match = DATE_PATTERN.exec(value);
  const date = match ? new Date(`${value}T00:00:00Z`) : undefined;
  if (!match || !date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value || Number(match[1]) < 1900)
    throw invalid(`${label[0]!.toUpperCase()}${label.slice(1)} không hợp lệ.`, { [field]: "Ngày không hợp lệ, dạng NNNN-TT-NN (ví dụ 2026-01-31)." });
  return value;
}

/** Reads and checks the report's query parameters; every problem is a Vietnamese 400. */
export function parseReportQuery(params: { from?: string; to?: string; idleDays?: string }): ReportQuery {
  const from = parseDay(params.from, "from", "ngày bắt đầu");
  const to = parseDay(params.to, "to", "ngày kết thúc");
  if (from > to) throw invalid("Ngày bắt đầu phải trước hoặc trùng ngày kết thúc.", { to: "Phải từ ngày bắt đầu trở đi." });
  const limit = `${String(Number(from.slice(0, 4)) + MAX_YEARS).padStart(4, "0")}${from.slice(4)}`;
  if (to >= limit) throw invalid(`Khoảng thời gian báo cáo tối đa là ${MAX_YEARS} năm.`, { to: `Tối đa ${MAX_YEARS} năm sau ngày bắt đầu.` });
  let idleDays = DEFAULT_IDLE_DAYS;
  if (params.idleDays !== undefined && params.idleDays !== "") {
    if (!/^\d{1,4}$/.test(params.idleDays) || Number(params.idleDays) < 1 || Number(params.idleDays) > MAX_IDLE_DAYS)
      throw invalid("Số ngày không có tin mới không hợp lệ.", { idleDays: `Số nguyên từ 1 đến ${MAX_IDLE_DAYS}.` });
    idleDays = Number(params.idleDays);
  }
  return { from, to, idleDays };
}

function yearsOf(from: string, to: string): string[] {
  const years: string[] = [];
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) years.push(String(year).padStart(4, "0"));
  return years;
}

function daysOf(from: string, to: string): string[] {
  const days: string[] = [];
  for (let ms = Date.parse(`${from}T00:00:00Z`); ; ms += DAY_MS) {
    const day = new Date(ms).toISOString().slice(0, 10);
    if (day > to) return days;
    days.push(day);
  }
}

interface Aggregate {
  /** The Vietnam day of the publication (YYYY-MM-DD), as in the sort key. */
  day: string;
  kind: string;
  sectionId: string;
  approverId: string;
  approverName?: string;
  count: number;
  /** A secondary count (schedule entries, comments received): by kind only, never in the totals. */
  unit?: boolean;
}

async function aggregates(store: Store, from: string, to: string): Promise<Aggregate[]> {
  const found: Aggregate[] = [];
  const days = Keys.reportRange(from, to);
  await Promise.all(
    yearsOf(from, to).map(async (year) => {
      for await (const items of queryPages(store, {
        TableName: store.table,
        KeyConditionExpression: "pk = :pk AND sk BETWEEN :from AND :to",
        ExpressionAttributeNames: { "#count": "count", "#unit": "unit", "#day": "day" },
        ExpressionAttributeValues: { ":pk": Keys.reportYear(year), ":from": days.from, ":to": days.to },
        ProjectionExpression: "#day, kind, sectionId, approverId, approverName, #count, #unit",
      })) {
        found.push(...(items as Aggregate[]));
      }
    }),
  );
  return found;
}

async function newestPublication(store: Store, section: Section): Promise<string | undefined> {
  const page = await Articles.listBySection(store, section.id, { limit: 1 });
  return page.items[0]?.publishedAt;
}

const add = <K>(map: Map<K, number>, key: K, count: number) => map.set(key, (map.get(key) ?? 0) + count);
const byCount = <T extends { count: number; name: string }>(a: T, b: T) => b.count - a.count || a.name.localeCompare(b.name, "vi");

export const Reports = {
  /**
   * The activity report of a period: publications by kind, section and approver, visits per day,
   * the most viewed articles, and the sections quiet for `idleDays` as of `now` (epoch ms).
   */
  async activity(store: Store, counters: Counters, query: ReportQuery, now: number): Promise<ActivityReport> {
    const { from, to, idleDays } = query;
    const [rows, sections, visitsByDay, topArticles, ratings] = await Promise.all([
      aggregates(store, from, to),
      Sections.list(store),
      Visitors.visitsByDay(store, counters, from, to),
      Views.top(store, counters, from, to, TOP_ARTICLES),
      Ratings.report(store, from, to),
    ]);

    const byKind = new Map<string, number>([["news", 0], ["collected", 0]]);
    const bySection = new Map<string, number>(sections.map((section) => [section.id, 0]));
    const byApprover = new Map<string, number>();
    const approverNames = new Map<string, string>();
    // Filled from the same aggregates: one entry per day of the period, however quiet.
    const byDay = new Map<string, PublishedDay>(daysOf(from, to).map((day) => [day, { day, count: 0, byKind: {} }]));
    let total = 0;
    for (const row of rows) {
      const count = Number(row.count ?? 0);
      if (row.approverName) approverNames.set(row.approverId, row.approverName);
      if (count === 0) continue;
      add(byKind, row.kind, count);
      if (row.unit) continue;
      total += count;
      add(bySection, row.sectionId, count);
      add(byApprover, row.approverId, count);
      const day = byDay.get(row.day);
      if (day) {
        day.count += count;
        day.byKind[row.kind] = (day.byKind[row.kind] ?? 0) + count;
      }
    }
    const sectionName = new Map(sections.map((section) => [section.id, section.name]));

    const newest = new Map(await Promise.all(sections.map(async (section) => [section.id, await newestPublication(store, section)] as const)));
    // A parent section shows its subsections' articles too: it is quiet only when they all are.
    const latestOf = (section: Section) =>
      sections
        .filter((other) => other.id === section.id || other.parentId === section.id)
        .map((other) => newest.get(other.id))
        .reduce<string | undefined>((latest, at) => (at && (!latest || at > latest) ? at : latest), undefined);
    const idleSince = new Date(now - idleDays * DAY_MS).toISOString();
    const idle: ActivityReport["sections"]["idle"] = [];
    const empty: ActivityReport["sections"]["empty"] = [];
    for (const section of sections) {
      const latest = latestOf(section);
      if (!latest) empty.push({ sectionId: section.id, name: section.name });
      else if (latest < idleSince) idle.push({ sectionId: section.id, name: section.name, lastPublishedAt: latest });
    }

    let visits = 0;
    for (const count of visitsByDay.values()) visits += count;
    return {
      period: { from, to },
      kindLabels: Object.fromEntries([...byKind.keys()].map((kind) => [kind, KIND_LABELS[kind] ?? kind])),
      published: {
        total,
        byKind: Object.fromEntries(byKind),
        bySection: [...bySection].map(([sectionId, count]) => ({ sectionId, name: sectionName.get(sectionId) ?? sectionId, count })).sort(byCount),
        byApprover: [...byApprover]
          .filter(([, count]) => count !== 0)
          .map(([approverId, count]) => ({ approverId, name: approverNames.get(approverId) ?? approverId, count }))
          .sort(byCount),
        byDay: [...byDay.values()].map((day) => ({ ...day, byKind: Object.fromEntries(Object.entries(day.byKind).filter(([, n]) => n !== 0)) })),
      },
      visits: { total: visits, byDay: daysOf(from, to).map((day) => ({ day, visits: visitsByDay.get(day) ?? 0 })) },
      topArticles,
      ratings,
      sections: { idleDays, idle, empty },
    };
  },

  /** The same numbers as CSV (UTF-8 with BOM, so spreadsheet programs read the Vietnamese right). */
  toCsv(report: CsvReport): string {
    const rows: (string | number)[][] = [
      ["Nhóm", "Mã", "Tên", "Giá trị"],
      ["Từ ngày", "", "", report.period.from],
      ["Đến ngày", "", "", report.period.to],
      ["Tổng số tin bài đã đăng", "", "", report.published.total],
      ...Object.entries(report.published.byKind).map(([kind, count]) => ["Theo loại", kind, KIND_LABELS[kind] ?? kind, count]),
      ...report.published.bySection.map((row) => ["Theo chuyên mục", row.sectionId, row.name, row.count]),
      ...report.published.byApprover.map((row) => ["Theo người duyệt", row.approverId, row.name, row.count]),
      ...(report.published.byDay ?? []).map((row) => ["Tin bài đã đăng theo ngày", row.day, "", row.count]),
      ["Lượt truy cập", "", "", report.visits.total],
      ...report.visits.byDay.map((row) => ["Lượt truy cập theo ngày", row.day, "", row.visits]),
      ...report.topArticles.map((row) => ["Bài xem nhiều", row.articleId, row.title ?? "", row.views]),
      ...report.sections.idle.map((row) => [
        `Chuyên mục không có tin mới trong ${report.sections.idleDays} ngày`,
        row.sectionId,
        row.name,
        vietnamDay(row.lastPublishedAt),
      ]),
      ...report.sections.empty.map((row) => ["Chuyên mục chưa có tin", row.sectionId, row.name, ""]),
    ];
    return `\uFEFF${rows.map((row) => row.map(csvCell).join(",")).join("\r\n")}\r\n`;
  },
};

/** RFC 4180 quoting, and a leading quote mark on text a spreadsheet would run as a formula. */
export function csvCell(value: string | number): string {
  if (typeof value === "number") return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
