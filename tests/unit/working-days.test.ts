import { describe, expect, it } from "vitest";
import { DEFAULT_HOLIDAYS } from "../../functions/core/site/holidays";
import { earliestStart, isEnoughNotice, isWorkingDay, vietnamDate, workingDaysBetween } from "../../functions/core/shared/working-days";

const none = new Set<string>();
const defaults = new Set(DEFAULT_HOLIDAYS.map((h) => h.date));

describe("Vietnamese working days", () => {
  it("reads the day in Vietnam time (UTC+7), not UTC", () => {
    expect(vietnamDate("2026-11-27T16:59:59Z")).toBe("2026-11-27");
    expect(vietnamDate("2026-11-27T17:00:00Z")).toBe("2026-11-28"); // midnight in Hà Nội
  });

  it("excludes Saturdays, Sundays and the holidays given", () => {
    expect(isWorkingDay("2026-11-27", none)).toBe(true); // Friday
    expect(isWorkingDay("2026-11-28", none)).toBe(false); // Saturday
    expect(isWorkingDay("2026-11-29", none)).toBe(false); // Sunday
    expect(isWorkingDay("2026-09-02", defaults)).toBe(false); // Quốc khánh, a Wednesday
    expect(isWorkingDay("2026-09-02", none)).toBe(true);
  });

  it("needs 7 whole working days between the announcement's day and the outage's, across a weekend", () => {
    // Saturday 28/11/2026: Mon 30/11 … Fri 04/12 (5), Mon 07/12, Tue 08/12 (7) → from Wed 09/12 00:00 (+07).
    const now = "2026-11-28T03:00:00Z";
    expect(earliestStart(now, none).toISOString()).toBe("2026-12-08T17:00:00.000Z");
    expect(isEnoughNotice(now, "2026-12-08T16:59:59Z", none)).toBe(false); // Tue 08/12 23:59 in Vietnam
    expect(isEnoughNotice(now, "2026-12-08T17:00:00Z", none)).toBe(true);
    expect(workingDaysBetween("2026-11-28", "2026-12-09", none)).toBe(7);
  });

  it("moves the earliest start by one working day per holiday in the window", () => {
    // Thursday 27/08/2026: Fri 28/8, Mon 31/8, [Tue 1/9, Wed 2/9 Quốc khánh], Thu 3/9, Fri 4/9, Mon 7/9, Tue 8/9, Wed 9/9.
    const now = "2026-08-27T02:00:00Z";
    expect(earliestStart(now, none).toISOString()).toBe("2026-09-07T17:00:00.000Z"); // Tue 08/09 00:00 without holidays
    expect(earliestStart(now, defaults).toISOString()).toBe("2026-09-09T17:00:00.000Z"); // Thu 10/09 00:00 with them
    expect(isEnoughNotice(now, "2026-09-08T01:00:00Z", none)).toBe(true);
    expect(isEnoughNotice(now, "2026-09-08T01:00:00Z", defaults)).toBe(false);
  });

  it("counts Tết as days off (the written-out 2027 dates, days in lieu included)", () => {
    // Announced Tuesday 02/02/2027: Wed 3, Thu 4, then Tết 5–11/02, Fri 12, Mon 15, Tue 16, Wed 17, Thu 18 → from Fri 19/02.
    expect(vietnamDate(earliestStart("2027-02-02T02:00:00Z", defaults))).toBe("2027-02-19");
  });
});
