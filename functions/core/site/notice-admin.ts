/**
 * Admins' outage notices and holiday list (editor-side: zod). The 7-working-day rule
 * (shared/working-days.ts) is checked against the holidays in force; an urgent notice may start
 * sooner but needs a reason, which the audit keeps. Every change is one transaction with its audit
 * event. The caller (http/staff/notices.ts) checks the role and invalidates every cached page.
 */
import { randomUUID } from "node:crypto";
import { GetCommand } from "../storage/db";
import { z } from "zod";
import { auditPut, type Actor } from "../publishing/audit";
import { AppError, invalid, notFound } from "../shared/errors";
import { plainText } from "../shared/html";
import { isoDateTime, optionalText, parse, text } from "../shared/validation";
import { earliestStart, NOTICE_WORKING_DAYS, vietnamDate } from "../shared/working-days";
import { NoticeKeys } from "../storage/keys";
import { transact, type Store } from "../storage/store";
import { Holidays, type Holiday, type HolidayList } from "./holidays";
import { NOTICE_ID, toPublicNotice, type PublicNotice } from "./notices";

/** A notice as stored and as admins see it. */
export interface Notice extends PublicNotice {
  reason?: string;
  createdBy: Actor;
}

/** An outage longer than this is not "maintenance"; a notice further ahead than a year is a typo. */
const MAX_LENGTH_MS = 7 * 24 * 60 * 60 * 1000;
const MAX_AHEAD_MS = 366 * 24 * 60 * 60 * 1000;

const createSchema = z.object({
  startsAt: isoDateTime("Thời điểm bắt đầu"),
  endsAt: isoDateTime("Thời điểm kết thúc"),
  message: text("Nội dung thông báo", 500).transform((value) => plainText(value)),
  urgent: z.boolean({ error: "Khẩn cấp (urgent) phải là true hoặc false." }).optional(),
  reason: optionalText("Lý do khẩn cấp", 500).optional(),
});

const day = z.string({ error: "Ngày phải là chuỗi YYYY-MM-DD." }).regex(/^\d{4}-\d{2}-\d{2}$/, { error: "Ngày phải có dạng YYYY-MM-DD." })
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), { error: "Ngày không có thật." });
const holidaysSchema = z.object({
  version: z.number({ error: "Thiếu phiên bản (version) của danh sách ngày nghỉ." }).int().min(0, { error: "Phiên bản không hợp lệ." }),
  items: z.array(z.object({ date: day, name: text("Tên ngày nghỉ", 120) }), { error: "Danh sách ngày nghỉ (items) phải là mảng." }).max(200, { error: "Tối đa 200 ngày nghỉ." }),
});

const formatVietnam = (instant: Date) => {
  const [y, m, d] = vietnamDate(instant).split("-");
  return `${d}/${m}/${y}`;
};

export const NoticeAdmin = {
  async create(store: Store, input: unknown, actor: Actor, now = new Date()): Promise<Notice> {
    const data = parse(createSchema, input);
    const startsAt = new Date(data.startsAt);
    const endsAt = new Date(data.endsAt);
    if (endsAt <= startsAt) throw invalid("Thời điểm kết thúc phải sau thời điểm bắt đầu.", { endsAt: "Phải sau thời điểm bắt đầu." });
    if (endsAt.getTime() - startsAt.getTime() > MAX_LENGTH_MS) throw invalid("Một đợt tạm ngừng không được dài quá 7 ngày.", { endsAt: "Tối đa 7 ngày sau thời điểm bắt đầu." });
    if (endsAt <= now) throw invalid("Thời điểm kết thúc đã qua.", { endsAt: "Phải ở tương lai." });
    if (startsAt.getTime() - now.getTime() > MAX_AHEAD_MS) throw invalid("Chỉ thông báo trước tối đa một năm.", { startsAt: "Trong vòng một năm tới." });
    const reason = data.reason?.trim() ?? "";
    if (data.urgent) {
      if (!reason) throw invalid("Thông báo khẩn cấp phải nêu lý do.", { reason: "Hãy nêu lý do phải tạm ngừng gấp." });
    } else {
      const earliest = earliestStart(now, await Holidays.days(store));
      if (startsAt < earliest)
        throw invalid(
          `Phải thông báo trước ít nhất ${NOTICE_WORKING_DAYS} ngày làm việc: sớm nhất từ 00:00 ngày ${formatVietnam(earliest)}. Nếu buộc phải tạm ngừng sớm hơn, hãy đánh dấu khẩn cấp và nêu lý do.`,
          { startsAt: `Sớm nhất từ ngày ${formatVietnam(earliest)}.` },
        );
    }
    const notice: Notice = {
      id: randomUUID(),
      startsAt: startsAt.toISOString(),
      endsAt: endsAt.toISOString(),
      message: data.message,
      createdAt: now.toISOString(),
      urgent: Boolean(data.urgent),
      ...(data.urgent ? { reason } : {}),
      createdBy: actor,
    };
    await transact(store, [
      { Put: { TableName: store.table, Item: { ...NoticeKeys.itemKeys(notice), entity: "Notice", schemaVersion: 1, ...notice }, ConditionExpression: "attribute_not_exists(pk)" } },
      auditPut(store, {
        actor,
        action: data.urgent ? "notice.create-urgent" : "notice.create",
        itemType: "notice",
        itemId: `notice-${notice.id}`,
        after: { startsAt: notice.startsAt, endsAt: notice.endsAt, message: notice.message, urgent: notice.urgent },
        ...(data.urgent ? { reason } : {}),
      }),
    ]);
    return notice;
  },

  async get(store: Store, id: string): Promise<Notice | undefined> {
    if (!NOTICE_ID.test(id)) return undefined;
    const out = await store.db.send(new GetCommand({ TableName: store.table, Key: NoticeKeys.item(id), ConsistentRead: true }));
    if (!out.Item) return undefined;
    return { ...toPublicNotice(out.Item), ...(out.Item.reason ? { reason: out.Item.reason as string } : {}), createdBy: out.Item.createdBy as Actor };
  },

  /** Cancels (deletes) a notice; the audit keeps it. */
  async cancel(store: Store, id: string, actor: Actor): Promise<void> {
    const current = await NoticeAdmin.get(store, id);
    if (!current) throw notFound("Không tìm thấy thông báo.");
    await transact(
      store,
      [
        { Delete: { TableName: store.table, Key: NoticeKeys.item(id), ConditionExpression: "attribute_exists(pk)" } },
        auditPut(store, {
          actor,
          action: "notice.cancel",
          itemType: "notice",
          itemId: `notice-${id}`,
          before: { startsAt: current.startsAt, endsAt: current.endsAt, message: current.message, urgent: current.urgent },
        }),
      ],
      { onConditionFailed: () => notFound("Không tìm thấy thông báo.") },
    );
  },

  /** Replaces the holiday list, conditional on its version (0: the defaults, nothing stored yet). */
  async putHolidays(store: Store, input: unknown, actor: Actor): Promise<HolidayList> {
    const data = parse(holidaysSchema, input);
    const current = await Holidays.get(store);
    if (data.version !== current.version)
      throw new AppError("CONFLICT", "Danh sách ngày nghỉ vừa được người khác thay đổi. Hãy tải lại rồi thử lại.", undefined, { currentVersion: current.version });
    const byDate = new Map<string, Holiday>();
    for (const holiday of data.items) byDate.set(holiday.date, { date: holiday.date, name: holiday.name.trim() });
    const items = [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
    const saved: HolidayList = { items, version: current.version + 1, updatedAt: new Date().toISOString(), updatedBy: actor };
    await transact(
      store,
      [
        {
          Put: {
            TableName: store.table,
            Item: { ...NoticeKeys.holidays(), entity: "Holidays", schemaVersion: 1, ...saved },
            ...(current.version === 0
              ? { ConditionExpression: "attribute_not_exists(pk)" }
              : { ConditionExpression: "#version = :expected", ExpressionAttributeNames: { "#version": "version" }, ExpressionAttributeValues: { ":expected": current.version } }),
          },
        },
        auditPut(store, { actor, action: "holidays.update", itemType: "holidays", itemId: "holidays", before: { count: current.items.length }, after: { dates: items.map((h) => h.date) } }),
      ],
      { onConditionFailed: () => new AppError("CONFLICT", "Danh sách ngày nghỉ vừa được người khác thay đổi. Hãy tải lại rồi thử lại.") },
    );
    return saved;
  },
};

