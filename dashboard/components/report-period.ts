/**
 * The periods the report screen offers, on Vietnam days (YYYY-MM-DD, as the server counts them):
 * a current period runs to today, since the days after it have nothing to count yet; last year is
 * the whole calendar year. Also the per-month roll-up of the report's per-day figures.
 */
import { formatDate } from "../format";
import type { ActivityReport } from "../types";

export type Preset = "month" | "quarter" | "year" | "last-year" | "custom";

export const PRESETS: { value: Preset; label: string }[] = [
  { value: "month", label: "Tháng này" },
  { value: "quarter", label: "Quý này" },
  { value: "year", label: "Năm nay" },
  { value: "last-year", label: "Năm trước" },
  { value: "custom", label: "Tùy chọn (từ ngày – đến ngày)" },
];

const vietnamDayFormat = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh", year: "numeric", month: "2-digit", day: "2-digit" });

/** Today in Vietnam, "2026-03-20". */
export function vietnamToday(now = Date.now()): string {
  return vietnamDayFormat.format(new Date(now));
}

const pad = (n: number) => String(n).padStart(2, "0");

/** The from–to days of a preset as of `today` (undefined for "custom"). */
export function presetPeriod(preset: Preset, today: string): { from: string; to: string } | undefined {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  switch (preset) {
    case "month":
      return { from: `${today.slice(0, 7)}-01`, to: today };
    case "quarter":
      return { from: `${year}-${pad(Math.floor((month - 1) / 3) * 3 + 1)}-01`, to: today };
    case "year":
      return { from: `${year}-01-01`, to: today };
    case "last-year":
      return { from: `${year - 1}-01-01`, to: `${year - 1}-12-31` };
    default:
      return undefined;
  }
}

/** "20/03/2026" for "2026-03-20", whatever the browser's time zone. */
export const formatDay = (day: string) => formatDate(`${day}T12:00:00+07:00`);

/** "3/2026" for "2026-03". */
export const formatMonth = (month: string) => `${Number(month.slice(5, 7))}/${month.slice(0, 4)}`;

/** One point of the chart: a day or a month, its publications and visits. */
export interface ChartPoint {
  /** "2026-03-20" or "2026-03". */
  key: string;
  label: string;
  published: number;
  visits: number;
}

export type Granularity = "day" | "month";

/** The chart's points: the report's days as they are, or summed per calendar month. */
export function chartPoints(report: ActivityReport, granularity: Granularity): ChartPoint[] {
  const visits = new Map(report.visits.byDay.map((row) => [row.day, row.visits]));
  const days = report.published.byDay.map((row) => ({ key: row.day, label: formatDay(row.day), published: row.count, visits: visits.get(row.day) ?? 0 }));
  if (granularity === "day") return days;
  const months = new Map<string, ChartPoint>();
  for (const day of days) {
    const key = day.key.slice(0, 7);
    const month = months.get(key) ?? { key, label: `Tháng ${formatMonth(key)}`, published: 0, visits: 0 };
    month.published += day.published;
    month.visits += day.visits;
    months.set(key, month);
  }
  return [...months.values()];
}
