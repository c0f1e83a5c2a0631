/**
 * Public holidays (ngày nghỉ lễ, Tết) that are not working days, for the outage notice's
 * 7-working-day rule (shared/working-days.ts). Data, not arithmetic: Tết and Giỗ Tổ Hùng Vương
 * follow the lunar calendar and the government fixes each year's days off (with days in lieu when
 * a holiday falls on a weekend), so the dates are written out and admins keep the list up to date
 * (`PUT /api/holidays`). Until an admin saves a list, the defaults below apply.
 * Reader-safe: no zod (the admin's checks are in notice-admin.ts).
 */
import { GetCommand } from "../storage/db";
import { NoticeKeys } from "../storage/keys";
import type { Store } from "../storage/store";

export interface Holiday {
  /** YYYY-MM-DD (Vietnam calendar). */
  date: string;
  name: string;
}

/**
 * Việt Nam's public holidays 2026–2027 (Bộ luật Lao động 2019, Điều 112), the days off of public
 * bodies as planned: weekends inside a holiday are listed for completeness, days in lieu (nghỉ bù)
 * are named as such. Tết Bính Ngọ is 17/02/2026, Tết Đinh Mùi 06/02/2027; Giỗ Tổ (10/3 âm lịch)
 * is 26/04/2026 (Sunday, in lieu Monday 27/04) and 16/04/2027.
 */
export const DEFAULT_HOLIDAYS: readonly Holiday[] = [
  { date: "2026-01-01", name: "Tết Dương lịch" },
  { date: "2026-02-16", name: "Tết Nguyên đán Bính Ngọ (29 tháng Chạp)" },
  { date: "2026-02-17", name: "Tết Nguyên đán Bính Ngọ (mùng 1)" },
  { date: "2026-02-18", name: "Tết Nguyên đán Bính Ngọ (mùng 2)" },
  { date: "2026-02-19", name: "Tết Nguyên đán Bính Ngọ (mùng 3)" },
  { date: "2026-02-20", name: "Tết Nguyên đán Bính Ngọ (mùng 4)" },
  { date: "2026-04-26", name: "Giỗ Tổ Hùng Vương (10/3 âm lịch)" },
  { date: "2026-04-27", name: "Nghỉ bù Giỗ Tổ Hùng Vương" },
  { date: "2026-04-30", name: "Ngày Chiến thắng (30/4)" },
  { date: "2026-05-01", name: "Ngày Quốc tế Lao động (1/5)" },
  { date: "2026-09-01", name: "Quốc khánh (ngày liền kề)" },
  { date: "2026-09-02", name: "Quốc khánh" },
  { date: "2027-01-01", name: "Tết Dương lịch" },
  { date: "2027-02-05", name: "Tết Nguyên đán Đinh Mùi (30 tháng Chạp)" },
  { date: "2027-02-06", name: "Tết Nguyên đán Đinh Mùi (mùng 1)" },
  { date: "2027-02-07", name: "Tết Nguyên đán Đinh Mùi (mùng 2)" },
  { date: "2027-02-08", name: "Tết Nguyên đán Đinh Mùi (mùng 3)" },
  { date: "2027-02-09", name: "Tết Nguyên đán Đinh Mùi (mùng 4)" },
  { date: "2027-02-10", name: "Nghỉ bù Tết Nguyên đán (trùng thứ Bảy)" },
  { date: "2027-02-11", name: "Nghỉ bù Tết Nguyên đán (trùng Chủ nhật)" },
  { date: "2027-04-16", name: "Giỗ Tổ Hùng Vương (10/3 âm lịch)" },
  { date: "2027-04-30", name: "Ngày Chiến thắng (30/4)" },
  { date: "2027-05-01", name: "Ngày Quốc tế Lao động (1/5)" },
  { date: "2027-05-03", name: "Nghỉ bù ngày 1/5 (trùng thứ Bảy)" },
  { date: "2027-09-02", name: "Quốc khánh" },
  { date: "2027-09-03", name: "Quốc khánh (ngày liền kề)" },
];

export interface HolidayList {
  items: Holiday[];
  /** 0 while the defaults apply (nothing stored); PUT carries it (409 when stale). */
  version: number;
  updatedAt?: string;
  updatedBy?: { id: string; name: string };
}

export const Holidays = {
  /** The list in force: the stored one, else the defaults. */
  async get(store: Store): Promise<HolidayList> {
    const out = await store.db.send(new GetCommand({ TableName: store.table, Key: NoticeKeys.holidays(), ConsistentRead: true }));
    if (!out.Item) return { items: [...DEFAULT_HOLIDAYS], version: 0 };
    const { items, version, updatedAt, updatedBy } = out.Item as HolidayList;
    return { items, version, updatedAt, updatedBy };
  },

  /** The days off as a set, for the working-day arithmetic. */
  async days(store: Store): Promise<Set<string>> {
    return new Set((await Holidays.get(store)).items.map((holiday) => holiday.date));
  },
};
