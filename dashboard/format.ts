/** vi-VN dates and numbers: the reader's own formatting (web/format.ts), plus sizes. */
export { formatDate, formatDateTime, formatNumber } from "../web/format";
import { formatNumber } from "../web/format";

/** "2,4 MB" */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${formatNumber(bytes)} byte`;
  const units = ["KB", "MB", "GB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 1 }).format(value)} ${units[unit]}`;
}
