/**
 * How schedule entries read, shared by the schedule page and the home page's "today" box
 * (components/TodaySchedule.tsx): its own module so that the home page does not carry the
 * schedule page (the SSR build loads page kinds on first use, web/App.tsx).
 */
import type { ScheduleEntry } from "../functions/core/reader/schedules";

/** "2026-11-23" → "23/11/2026": calendar days, no time zone involved. */
export const day = (iso: string) => iso.split("-").reverse().join("/");

export const SESSION_NAMES: Record<ScheduleEntry["session"], string> = { "ca-ngay": "Cả ngày", sang: "Sáng", chieu: "Chiều", toi: "Tối" };

/** "Sáng, 08:00" */
export const whenOf = (entry: ScheduleEntry) => `${SESSION_NAMES[entry.session]}${entry.time ? `, ${entry.time}` : ""}`;
