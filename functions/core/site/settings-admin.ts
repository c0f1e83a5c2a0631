/**
 * Admins' changes to the site settings (editor-side: zod, the sanitizer). Reads and the type are in
 * settings.ts (reader-safe: the reader's shell reads them on every page). A save replaces every
 * field, conditional on the version the admin read (409 with the current one when someone saved
 * in between), and records what changed in the audit trail in the same transaction. The caller
 * (functions/http/staff/settings.ts) checks the role and invalidates the CDN after the commit.
 */
import { z } from "zod";
import { auditPut, type Actor } from "../publishing/audit";
import { AppError } from "../shared/errors";
import { plainText } from "../shared/html";
import { optionalText, parse, text } from "../shared/validation";
import { transact, type Store } from "../storage/store";
import { SETTINGS_FIELDS, Settings, settingsUpdate, type SiteSettings, type VersionedSettings } from "./settings";

/** The same item id in every audit event of the settings (GET /api/audit?item=settings). */
export const SETTINGS_AUDIT_ID = "settings";

/** A required one-line text: tags stripped, spaces collapsed, not empty once cleaned. */
const required = (label: string, max: number) =>
  text(label, max)
    .transform((value) => plainText(value))
    .refine((value) => value.length > 0, { error: `${label} không được để trống.` });
/** An optional one-line text ("" allowed; a missing field is saved as ""). */
const optional = (label: string, max: number) =>
  optionalText(label, max)
    .transform((value) => plainText(value))
    .default("");

const PHONE = /^[0-9+().\s/-]*$/;
// Deliberately simple: one "@", a dot in the domain, no spaces; the address is shown, never mailed.
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]{2,}$/;

const schema = z.object({
  version: z
    .number({ error: "Thiếu phiên bản (version) của cấu hình." })
    .int({ error: "Phiên bản không hợp lệ." })
    .min(0, { error: "Phiên bản không hợp lệ." }),
  name: required("Tên cổng thông tin", 200),
  shortName: required("Tên viết tắt", 80),
  address: optional("Địa chỉ", 300),
  phone: optional("Điện thoại", 60).refine((value) => PHONE.test(value), {
    error: "Số điện thoại chỉ gồm chữ số, dấu cách và các dấu + ( ) . - /.",
  }),
  email: optional("Thư điện tử", 254).refine((value) => value === "" || EMAIL.test(value), {
    error: "Thư điện tử không hợp lệ (ví dụ: banbientap@hoaphong.gov.vn).",
  }),
  managingAgency: optional("Cơ quan chủ quản", 200),
  responsiblePerson: optional("Người chịu trách nhiệm chính", 150),
  licence: optional("Giấy phép", 300),
  footerText: optional("Dòng chữ chân trang", 1000),
});

const stale = (currentVersion: number) =>
  new AppError("CONFLICT", "Cấu hình vừa được người khác lưu. Hãy tải lại để xem bản mới rồi sửa lại.", undefined, { currentVersion });

export const SettingsAdmin = {
  /** Saves every field of the settings; returns them as stored, with the new version. */
  async put(store: Store, input: unknown, actor: Actor): Promise<VersionedSettings> {
    const data = parse(schema, input);
    const current = await Settings.getVersioned(store);
    if (data.version !== current.version) throw stale(current.version);
    const next = Object.fromEntries(SETTINGS_FIELDS.map((key) => [key, data[key]])) as Required<SiteSettings>;
    const changed = SETTINGS_FIELDS.filter((key) => next[key] !== current[key]);
    if (changed.length === 0) return current;
    await transact(
      store,
      [
        { Update: settingsUpdate(store, next, { expected: current.version, updatedBy: actor }) },
        auditPut(store, {
          actor,
          action: "settings.update",
          itemType: "settings",
          itemId: SETTINGS_AUDIT_ID,
          before: Object.fromEntries(changed.map((key) => [key, current[key]])),
          after: Object.fromEntries(changed.map((key) => [key, next[key]])),
        }),
      ],
      { onConditionFailed: async () => stale((await Settings.getVersioned(store)).version) },
    );
    return Settings.getVersioned(store);
  },
};
