/**
 * Vietnamese working days (pure: no clock, no store). The decree on agencies' portals asks that a
 * planned outage be announced at least 7 working days ahead; working days are Monday to Friday
 * in Vietnam time (UTC+7, no daylight saving) that are not public holidays. The holidays are
 * data (core/site/holidays.ts, admin-edited), passed in as a set of "YYYY-MM-DD" days.
 *
 * The rule, one way of reading "ít nhất 07 ngày làm việc": the day of the announcement does not
 * count, and 7 whole working days must pass before the outage's day. Announced on Saturday
 * 28/11/2026, an outage may start from Wednesday 09/12/2026 00:00 (Vietnam): Mon 30/11 … Tue 08/12.
 */

const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export const NOTICE_WORKING_DAYS = 7;

/** The Vietnam calendar day (YYYY-MM-DD) of an instant. */
export function vietnamDate(instant: Date | string | number): string {
  return new Date(new Date(instant).getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** The day after `day` (YYYY-MM-DD). */
export function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday, of a calendar day. */
export function weekday(day: string): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}

export function isWorkingDay(day: string, holidays: ReadonlySet<string>): boolean {
  const dow = weekday(day);
  return dow !== 0 && dow !== 6 && !holidays.has(day);
}

/** Working days strictly after `from` and strictly before `to` (both YYYY-MM-DD). */
export function workingDaysBetween(from: string, to: string, holidays: ReadonlySet<string>): number {
  let count = 0;
  // Bounded: a start years away needs no exact count, only "enough".
  for (let day = nextDay(from), i = 0; day < to && i < 800; day = nextDay(day), i++) if (isWorkingDay(day, holidays)) count++;
  return count;
}

/**
 * The first instant an outage announced at `now` may start: 00:00 Vietnam time of the day after
 * the `days`-th working day following the announcement's day.
 */
export function earliestStart(now: Date | string | number, holidays: ReadonlySet<string>, days = NOTICE_WORKING_DAYS): Date {
  let day = vietnamDate(now);
  for (let found = 0; found < days; ) {
    day = nextDay(day);
    if (isWorkingDay(day, holidays)) found++;
  }
  return new Date(Date.parse(`${nextDay(day)}T00:00:00Z`) - VIETNAM_OFFSET_MS);
}

/** Whether an outage starting at `startsAt` is announced early enough at `now`. */
export function isEnoughNotice(now: Date | string | number, startsAt: Date | string | number, holidays: ReadonlySet<string>, days = NOTICE_WORKING_DAYS): boolean {
  return new Date(startsAt).getTime() >= earliestStart(now, holidays, days).getTime();
}
