/**
 * vi-VN formatting, in Vietnam's time (UTC+7 all year, no daylight saving time, as
 * functions/core/shared/time.ts and components/today.ts assume), so server and browser render
 * the same text. Dates and times by arithmetic on the offset rather than Intl.DateTimeFormat with
 * a time zone: the first such formatter loads the ICU zone data, about 25 ms of a reader Lambda's
 * cold start (`npm run bench`), for two fixed patterns.
 */
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;
const two = (n: number) => String(n).padStart(2, "0");
const local = (iso: string) => new Date(Date.parse(iso) + VIETNAM_OFFSET_MS);

/** "30/11/2021" */
export function formatDate(iso: string): string {
  const d = local(iso);
  return `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

/** "30/11/2021 08:05" */
export function formatDateTime(iso: string): string {
  const d = local(iso);
  return `${formatDate(iso)} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
}

let numberFormat: Intl.NumberFormat | undefined;
/** "1.486.580" (the formatter made on first use: none at import). */
export const formatNumber = (value: number) => (numberFormat ??= new Intl.NumberFormat("vi-VN")).format(value);
