import { z } from "zod";
import { invalid } from "./errors";
import { cleanText } from "./html";

/**
 * Input checking with zod, one schema per request shape; every failure becomes a VALIDATION
 * error whose `fields` map each offending field to a Vietnamese message.
 */
export function parse<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.join(".") || "_";
    fields[key] ??= issue.message;
  }
  throw invalid("Dữ liệu gửi lên chưa hợp lệ. Vui lòng kiểm tra các trường được đánh dấu.", fields);
}

/**
 * A required text field with Vietnamese messages for the field's label, cleaned (html.ts
 * cleanText: no bidirectional overrides, zero-width or control characters, lone surrogates; NFC)
 * before the emptiness check, so a title of invisible characters is empty.
 */
export const text = (label: string, max: number, min = 1) =>
  z
    .string({ error: `${label} phải là chuỗi ký tự.` })
    .max(max, { error: `${label} không được dài quá ${max.toLocaleString("vi-VN")} ký tự.` })
    .transform(cleanText)
    .refine((value) => value.trim().length >= min, { error: min > 1 ? `${label} phải có ít nhất ${min} ký tự.` : `${label} không được để trống.` });

/** An optional text field (may be ""), cleaned like `text`. */
export const optionalText = (label: string, max: number) =>
  z
    .string({ error: `${label} phải là chuỗi ký tự.` })
    .max(max, { error: `${label} không được dài quá ${max.toLocaleString("vi-VN")} ký tự.` })
    .transform(cleanText);

export const httpUrl = (label: string) =>
  z
    .string({ error: `${label} phải là chuỗi ký tự.` })
    .max(2000, { error: `${label} quá dài.` })
    .refine((value) => /^https?:\/\/[^\s/$.?#].[^\s]*$/i.test(value), { error: `${label} phải là địa chỉ http:// hoặc https:// hợp lệ.` });

export const isoDateTime = (label: string) =>
  z
    .string({ error: `${label} phải là ngày giờ.` })
    .max(40)
    .refine((value) => /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value)), {
      error: `${label} phải là ngày giờ theo ISO 8601, ví dụ 2026-11-30T08:00:00+07:00.`,
    });

export const version = z.number({ error: "Thiếu phiên bản (version) của bài viết." }).int().min(1, { error: "Phiên bản không hợp lệ." });
