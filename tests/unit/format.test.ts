/**
 * web/format.ts writes dates in Vietnam time by arithmetic on the UTC+7 offset (no ICU zone data
 * at a Lambda's cold start): it must agree with Intl's vi-VN formatting in Asia/Ho_Chi_Minh.
 */
import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatNumber } from "../../web/format";

const zone = { timeZone: "Asia/Ho_Chi_Minh" } as const;
const dateRef = new Intl.DateTimeFormat("vi-VN", { day: "2-digit", month: "2-digit", year: "numeric", ...zone });
const timeRef = new Intl.DateTimeFormat("vi-VN", { hour: "2-digit", minute: "2-digit", hour12: false, ...zone });

describe("vi-VN formatting", () => {
  it("writes the examples of the guide", () => {
    expect(formatDate("2021-11-30T08:05:00+07:00")).toBe("30/11/2021");
    expect(formatDateTime("2021-11-30T08:05:00+07:00")).toBe("30/11/2021 08:05");
    // 17:05 UTC is past midnight in Vietnam: the next day.
    expect(formatDateTime("2026-11-28T17:05:00.000Z")).toBe("29/11/2026 00:05");
    expect(formatDateTime("2026-12-31T16:59:00Z")).toBe("31/12/2026 23:59");
    expect(formatDateTime("2024-02-28T17:00:00Z")).toBe("29/02/2024 00:00");
    expect(formatNumber(1486580)).toBe("1.486.580");
  });

  it("agrees with Intl in Asia/Ho_Chi_Minh on every day and hour of 1990–2040", () => {
    const from = Date.UTC(1990, 0, 1);
    const to = Date.UTC(2040, 11, 31);
    let checked = 0;
    // Every 7 h 13 min: all hours of the day and all days over the years.
    for (let ms = from; ms < to; ms += (7 * 60 + 13) * 60_000) {
      const iso = new Date(ms).toISOString();
      expect(formatDateTime(iso)).toBe(`${dateRef.format(ms)} ${timeRef.format(ms)}`);
      checked++;
    }
    expect(checked).toBeGreaterThan(60_000);
  });
});
