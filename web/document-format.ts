/** How the documents' pages write dates, validity, file types and sizes (vi-VN). Pure functions. */
import type { DocumentFile, Validity } from "../functions/core/reader/documents";

/** "2026-03-15" → "15/03/2026": calendar days, no time zone involved. */
export const issueDay = (iso: string) => iso.split("-").reverse().join("/");

export const VALIDITY_NAMES: Record<Validity, string> = { "in-force": "Còn hiệu lực", expired: "Hết hiệu lực", replaced: "Bị thay thế" };

let sizeFormat: Intl.NumberFormat | undefined;
/** 1_258_291 → "1,2 MB"; 20_480 → "20 KB"; 512 → "512 byte". */
export function formatSize(bytes: number): string {
  sizeFormat ??= new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 1 });
  if (bytes >= 1024 * 1024) return `${sizeFormat.format(bytes / (1024 * 1024))} MB`;
  if (bytes >= 1024) return `${sizeFormat.format(bytes / 1024)} KB`;
  return `${sizeFormat.format(bytes)} byte`;
}

const FILE_TYPES: Record<string, string> = {
  "application/pdf": "PDF",
  "application/msword": "Word",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word",
  "application/vnd.ms-excel": "Excel",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel",
  "application/zip": "ZIP",
};
export const fileType = (file: Pick<DocumentFile, "contentType">) => FILE_TYPES[file.contentType] ?? "Tệp";
