import { createHash } from "node:crypto";
import { dayLabel, SESSION_LABELS, type PublishedSchedule, type ScheduleEntry, type ScheduleSession } from "./schedules";

/**
 * A published week as an iCalendar file (RFC 5545) that calendar apps import: one VEVENT per
 * entry, local times in the Asia/Ho_Chi_Minh zone (a VTIMEZONE of its own: UTC+7, no daylight
 * saving time). Reader-safe: plain string building.
 */

const TZID = "Asia/Ho_Chi_Minh";
/** Entries without a time take their session's usual hours; with a time they last two hours. */
const SESSION_HOURS: Record<Exclude<ScheduleSession, "ca-ngay">, [string, string]> = {
  sang: ["07:30", "11:30"],
  chieu: ["13:30", "17:00"],
  toi: ["19:00", "21:00"],
};
const TIMED_MINUTES = 120;

/** TEXT value escaping (RFC 5545 3.3.11): backslash, semicolon, comma, newline. */
export function escapeText(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r\n|\r|\n/g, "\\n");
}

/**
 * A content line folded at 75 octets (RFC 5545 3.1): continuation lines start with one space,
 * and a multi-byte UTF-8 character is never split.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = "";
  let size = 0;
  for (const char of line) {
    const bytes = Buffer.byteLength(char, "utf8");
    // The first line holds 75 octets; the others 74 after their leading space.
    if (size + bytes > (parts.length === 0 ? 75 : 74)) {
      parts.push(current);
      current = "";
      size = 0;
    }
    current += char;
    size += bytes;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

/** "2026-11-23", "07:30" → "20261123T073000" (local time); minutes past midnight roll into the next day. */
function localStamp(date: string, time: string, addMinutes = 0): string {
  const [hours, minutes] = time.split(":").map(Number) as [number, number];
  const at = new Date(Date.parse(`${date}T00:00:00Z`) + (hours * 60 + minutes + addMinutes) * 60_000);
  return at.toISOString().replace(/[-:]/g, "").slice(0, 15);
}

/** An instant as a UTC DATE-TIME: "20261120T090000Z". */
function utcStamp(instant: string): string {
  return new Date(instant).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

const compactDay = (date: string) => date.replace(/-/g, "");
function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/**
 * A stable UID: the entry's index changes when an entry is added before it, so the UID is a hash
 * of what identifies the entry (the schedule, day, session, time and content).
 */
export function entryUid(scheduleId: string, entry: ScheduleEntry, host: string): string {
  const hash = createHash("sha256").update([scheduleId, entry.date, entry.session, entry.time ?? "", entry.content].join("\u0000")).digest("hex");
  return `${hash.slice(0, 32)}@${host}`;
}

function when(entry: ScheduleEntry): string[] {
  if (entry.time) return [`DTSTART;TZID=${TZID}:${localStamp(entry.date, entry.time)}`, `DTEND;TZID=${TZID}:${localStamp(entry.date, entry.time, TIMED_MINUTES)}`];
  if (entry.session === "ca-ngay") return [`DTSTART;VALUE=DATE:${compactDay(entry.date)}`, `DTEND;VALUE=DATE:${compactDay(nextDay(entry.date))}`];
  const [start, end] = SESSION_HOURS[entry.session];
  return [`DTSTART;TZID=${TZID}:${localStamp(entry.date, start)}`, `DTEND;TZID=${TZID}:${localStamp(entry.date, end)}`];
}

function description(entry: ScheduleEntry): string {
  const lines = [
    `Buổi: ${SESSION_LABELS[entry.session]}${entry.time ? `, ${entry.time}` : ""} ngày ${dayLabel(entry.date)}`,
    entry.leader ? `Chủ trì: ${entry.leader}` : "",
    entry.participants ? `Thành phần: ${entry.participants}` : "",
    entry.preparer ? `Chuẩn bị: ${entry.preparer}` : "",
  ];
  return lines.filter(Boolean).join("\n");
}

export interface CalendarOptions {
  /** Absolute URL of the week's page, linked from every event. */
  pageUrl: string;
  /** Host name for the UIDs ("tinhuy.example.vn"). */
  host: string;
  /** The calendar's name in apps (X-WR-CALNAME). */
  name: string;
}

/** The whole VCALENDAR, CRLF line endings, folded. */
export function scheduleCalendar(view: PublishedSchedule, options: CalendarOptions): string {
  const stamp = utcStamp(view.revisedAt ?? view.updatedAt ?? view.publishedAt);
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Cong thong tin dien tu//Lich cong tac tuan//VI",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${escapeText(options.name)}`,
    `X-WR-TIMEZONE:${TZID}`,
    "BEGIN:VTIMEZONE",
    `TZID:${TZID}`,
    "BEGIN:STANDARD",
    "DTSTART:19700101T000000",
    "TZOFFSETFROM:+0700",
    "TZOFFSETTO:+0700",
    "TZNAME:ICT",
    "END:STANDARD",
    "END:VTIMEZONE",
  ];
  for (const entry of view.entries) {
    lines.push(
      "BEGIN:VEVENT",
      `UID:${entryUid(view.id, entry, options.host)}`,
      `DTSTAMP:${stamp}`,
      ...when(entry),
      `SUMMARY:${escapeText(entry.content)}`,
      ...(entry.location ? [`LOCATION:${escapeText(entry.location)}`] : []),
      `DESCRIPTION:${escapeText(description(entry))}`,
      `URL:${options.pageUrl}`,
      "END:VEVENT",
    );
  }
  lines.push("END:VCALENDAR");
  return lines.map(foldLine).join("\r\n") + "\r\n";
}
