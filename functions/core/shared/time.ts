/** Vietnam has a fixed UTC+7 offset and no daylight saving time. */
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

/** The calendar day in Vietnam (YYYY-MM-DD) of an instant: reports count by local day. */
export function vietnamDay(instant: string | Date): string {
  return new Date(new Date(instant).getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}
