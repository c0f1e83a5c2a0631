/**
 * ISO-8601 weeks ("2026-W48"), the unit of the weekly work schedule (`/lich-cong-tac?tuan=`).
 * Weeks start on Monday; week 1 is the one with the year's first Thursday. Dates are calendar
 * days in Vietnam (UTC+7, no daylight saving time).
 */
import { invalid } from "./errors";
import { vietnamDay } from "./time";

export interface IsoWeek {
  /** "2026-W48" */
  id: string;
  year: number;
  week: number;
  /** Monday and Sunday, "YYYY-MM-DD". */
  monday: string;
  sunday: string;
  previous: string;
  next: string;
}

const DAY_MS = 86_400_000;
const PATTERN = /^(\d{4})-W(\d{2})$/;

const dayString = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Monday of week 1: the Monday on or before 4 January. */
function firstMonday(year: number): number {
  const jan4 = Date.UTC(year, 0, 4);
  const weekday = (new Date(jan4).getUTCDay() + 6) % 7; // Monday = 0
  return jan4 - weekday * DAY_MS;
}

/** 52 or 53. */
export function weeksInYear(year: number): number {
  return (firstMonday(year + 1) - firstMonday(year)) / (7 * DAY_MS);
}

function idOf(mondayMs: number): { id: string; year: number; week: number } {
  // The ISO year is the calendar year of the week's Thursday.
  const year = new Date(mondayMs + 3 * DAY_MS).getUTCFullYear();
  const week = Math.round((mondayMs - firstMonday(year)) / (7 * DAY_MS)) + 1;
  return { id: `${String(year).padStart(4, "0")}-W${String(week).padStart(2, "0")}`, year, week };
}

function fromMonday(mondayMs: number): IsoWeek {
  return {
    ...idOf(mondayMs),
    monday: dayString(mondayMs),
    sunday: dayString(mondayMs + 6 * DAY_MS),
    previous: idOf(mondayMs - 7 * DAY_MS).id,
    next: idOf(mondayMs + 7 * DAY_MS).id,
  };
}

/** The week of an instant, in Vietnam. */
export function weekOf(instant: Date): IsoWeek {
  const day = Date.parse(`${vietnamDay(instant)}T00:00:00Z`);
  const weekday = (new Date(day).getUTCDay() + 6) % 7;
  return fromMonday(day - weekday * DAY_MS);
}

/** Parses "YYYY-Www"; anything else, or a week the year does not have, is a VALIDATION error. */
export function parseWeek(value: string): IsoWeek {
  const match = PATTERN.exec(value);
  const year = match ? Number(match[1]) : NaN;
  const week = match ? Number(match[2]) : NaN;
  if (!match || year < 1970 || year > 9998 || week < 1 || week > weeksInYear(year))
    throw invalid("Tuần không hợp lệ. Hãy dùng dạng NĂM-Wsố tuần, ví dụ 2026-W05.", { tuan: "Không hợp lệ." });
  return fromMonday(firstMonday(year) + (week - 1) * 7 * DAY_MS);
}
