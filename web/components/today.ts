/** Today in Vietnamese, Vietnam time: "Thứ Bảy, 28/11/2026" (Vietnam is UTC+7 all year). */
const WEEKDAYS = ["Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"];

export function vietnameseToday(now: number): string {
  const local = new Date(now + 7 * 60 * 60 * 1000);
  const dd = String(local.getUTCDate()).padStart(2, "0");
  const mm = String(local.getUTCMonth() + 1).padStart(2, "0");
  return `${WEEKDAYS[local.getUTCDay()]}, ${dd}/${mm}/${local.getUTCFullYear()}`;
}
