import { z } from "zod";
import type { ContentKind, CreateRequest } from "../publishing/kind";
import {
  dayLabel, SCHEDULE_SPACE, scheduleSlug, ScheduleOwners, sortEntries, weekLabel, weekRange,
  type PublishedSchedule, type ScheduleContent, type ScheduleEntry, type ScheduleOwner,
} from "../reader/schedules";
import { invalid } from "../shared/errors";
import { plainText } from "../shared/html";
import { Urls } from "../shared/urls";
import { isoDateTime, optionalText, text, version } from "../shared/validation";
import { parseWeek, type IsoWeek } from "../shared/week";
import type { Store } from "../storage/store";

/**
 * Weekly work schedules (lịch công tác tuần): one per owner (a body: Thường trực Tỉnh ủy, Ban
 * Thường vụ…; content/schedule-owners.ts) per ISO week, approved by the board of the owner's
 * section. Owner and week are fixed at creation: they make the slug `<owner slug>-<yyyy>-w<ww>`,
 * so a reader's week is one GetItem. The workflow, counts and invalidation are the engine's
 * (docs/architecture.md, "Publishing engine"); reader-side types and reads are reader/schedules.ts.
 */

const LIMITS = { entries: 200, content: 1000, leader: 200, participants: 1000, location: 300, preparer: 300, note: 2000, owner: 130 };
/** DynamoDB items stop at 400 KB; the entries are stored on the working copy, a revision and the view. */
const MAX_ENTRIES_BYTES = 300 * 1024;
const SUMMARY_FROM_NOTE = 500;

const CONTENT_FIELDS = ["title", "summary", "sectionId", "ownerId", "ownerSlug", "ownerName", "week", "entries", "note"] as const;

function isCalendarDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}

function isWeek(value: string): boolean {
  try {
    parseWeek(value);
    return true;
  } catch {
    return false;
  }
}

const entrySchema = z.object({
  date: z.string({ error: "Ngày phải là chuỗi dạng YYYY-MM-DD." }).refine(isCalendarDay, { error: "Ngày phải là ngày có thật, dạng YYYY-MM-DD." }),
  session: z.enum(["sang", "chieu", "toi", "ca-ngay"], { error: "Buổi phải là sang, chieu, toi hoặc ca-ngay." }),
  time: z
    .string({ error: "Giờ phải là chuỗi dạng HH:MM." })
    .refine((value) => value === "" || /^([01]\d|2[0-3]):[0-5]\d$/.test(value), { error: "Giờ phải có dạng HH:MM, từ 00:00 đến 23:59." })
    .optional(),
  content: text("Nội dung công việc", LIMITS.content),
  leader: optionalText("Chủ trì", LIMITS.leader).optional(),
  participants: optionalText("Thành phần", LIMITS.participants).optional(),
  location: optionalText("Địa điểm", LIMITS.location).optional(),
  preparer: optionalText("Chuẩn bị", LIMITS.preparer).optional(),
});
type EntryInput = z.infer<typeof entrySchema>;

const entries = z
  .array(entrySchema, { error: "Danh sách công việc (entries) phải là một mảng." })
  .max(LIMITS.entries, { error: `Một tuần có tối đa ${LIMITS.entries} mục công việc.` });
const note = optionalText("Ghi chú", LIMITS.note);

// No `section`: a schedule is approved where its owner's section says (`defaultSection`).
const createSchema = z.object({
  owner: text("Đơn vị", LIMITS.owner),
  week: z.string({ error: "Tuần phải là chuỗi dạng YYYY-Www." }).refine(isWeek, { error: "Tuần không hợp lệ: dạng NĂM-Wsố tuần, ví dụ 2026-W48." }),
  entries: entries.default([]),
  note: note.optional(),
  publishedAt: isoDateTime("Ngày đăng").optional(),
});
// Owner and week are fixed: they make the slug; an edit changes entries and note only.
const updateSchema = z.object({ version, entries: entries.optional(), note: note.optional() });

/** An entry with its text cleaned and empty optional fields dropped. */
function cleanEntry(entry: EntryInput | ScheduleEntry): ScheduleEntry {
  const out: ScheduleEntry = { date: entry.date, session: entry.session, content: plainText(entry.content).trim() };
  if (entry.time) out.time = entry.time;
  for (const field of ["leader", "participants", "location", "preparer"] as const) {
    const value = plainText(entry[field] ?? "").trim();
    if (value) out[field] = value;
  }
  return out;
}

/** 400 naming the first entry (as numbered in the request) outside `week`. */
function requireInWeek(list: readonly ScheduleEntry[], week: IsoWeek) {
  const index = list.findIndex((entry) => entry.date < week.monday || entry.date > week.sunday);
  if (index < 0) return;
  const day = dayLabel(list[index]!.date);
  throw invalid(`Mục ${index + 1}: ngày ${day} không thuộc tuần ${week.week}/${week.year} (${weekRange(week)}).`, {
    [`entries.${index}.date`]: `Ngày ${day} không thuộc tuần ${week.week}/${week.year}.`,
  });
}

/** Entries checked against the week, cleaned and sorted (date, session, time). */
function prepareEntries(list: readonly (EntryInput | ScheduleEntry)[], week: string): ScheduleEntry[] {
  const cleaned = list.map(cleanEntry);
  requireInWeek(cleaned, parseWeek(week));
  return sortEntries(cleaned);
}

/** Title and summary follow the owner, week, note and entries. */
function withTitle(content: ScheduleContent): ScheduleContent {
  const week = parseWeek(content.week);
  const noteText = content.note ? plainText(content.note).trim() : "";
  const count = content.entries.length;
  const summary = noteText
    ? noteText.length > SUMMARY_FROM_NOTE ? `${noteText.slice(0, SUMMARY_FROM_NOTE - 1).trimEnd()}…` : noteText
    : count > 0
      ? `Lịch công tác ${weekLabel(week)} của ${content.ownerName}: ${count.toLocaleString("vi-VN")} mục công việc.`
      : "";
  const out: ScheduleContent = {
    ...content,
    title: `Lịch công tác tuần ${week.week}/${week.year} (${weekRange(week)}) — ${content.ownerName}`,
    summary,
  };
  if (noteText) out.note = noteText;
  else delete out.note;
  return out;
}

/** The owner of a create request, or a 400 naming the field. */
async function requireOwner(store: Store, ref: string): Promise<ScheduleOwner> {
  const owner = (await ScheduleOwners.get(store, ref)) ?? (await ScheduleOwners.list(store)).find((o) => o.slug === ref || o.id === ref);
  if (!owner) throw invalid("Đơn vị không tồn tại.", { owner: "Không có đơn vị này." });
  return owner;
}

const uniqueMessage = (content: Pick<ScheduleContent, "week" | "ownerName">) => {
  const week = parseWeek(content.week);
  return `Lịch công tác tuần ${week.week}/${week.year} của ${content.ownerName} đã có.`;
};

export const schedules: ContentKind<ScheduleContent, PublishedSchedule> = {
  name: "schedules",
  space: SCHEDULE_SPACE,
  itemType: "schedule",
  noun: "lịch công tác",
  contentFields: CONTENT_FIELDS,
  createSchema: createSchema as unknown as ContentKind["createSchema"],
  updateSchema: updateSchema as unknown as ContentKind["updateSchema"],

  /**
   * The owner's section. Also answers a second schedule of the same owner and week with the
   * kind's own 409 before the engine's transaction would refuse its slug (which stays the guard).
   */
  async defaultSection(data: CreateRequest, { store }) {
    return (await requireOwner(store, String(data.owner))).sectionId;
  },

  fromCreate(data, { sectionId }) {
    const input = data as z.infer<typeof createSchema>;
    // The owner is resolved in `prepare` (it needs the store); its reference is kept until then.
    return {
      title: "",
      summary: "",
      sectionId,
      ownerId: input.owner,
      ownerSlug: "",
      ownerName: "",
      week: input.week,
      entries: prepareEntries(input.entries, input.week),
      ...(input.note ? { note: input.note } : {}),
    };
  },

  applyUpdate(current, changes, sectionId) {
    const edit = changes as Partial<z.infer<typeof updateSchema>>;
    const next: ScheduleContent = { ...current, sectionId };
    if (edit.entries !== undefined) next.entries = prepareEntries(edit.entries, current.week);
    if (edit.note !== undefined) next.note = edit.note;
    return next;
  },

  /** Resolves the owner (id or slug) to its id, slug and current name; then title and summary. */
  async prepare(content, { store }) {
    const owner = await requireOwner(store, content.ownerId);
    return withTitle({ ...content, ownerId: owner.id, ownerSlug: owner.slug, ownerName: owner.name });
  },

  check(content) {
    if (!isWeek(content.week)) throw invalid("Tuần không hợp lệ.", { week: "Không hợp lệ." });
    if (content.entries.length > LIMITS.entries) throw invalid(`Một tuần có tối đa ${LIMITS.entries} mục công việc.`, { entries: "Quá nhiều mục." });
    requireInWeek(content.entries, parseWeek(content.week));
    if (Buffer.byteLength(JSON.stringify(content.entries), "utf8") > MAX_ENTRIES_BYTES)
      throw invalid("Lịch công tác quá dài (tối đa khoảng 300 KB). Hãy rút gọn nội dung các mục.", { entries: "Quá dài." });
  },

  missingForReview(content): Record<string, string> {
    return content.entries.length > 0 ? {} : { entries: "Lịch công tác phải có ít nhất một mục công việc." };
  },

  publishedView(content, meta) {
    const week = parseWeek(content.week);
    return {
      id: meta.id,
      slug: meta.slug,
      title: content.title,
      summary: content.summary,
      sectionId: content.sectionId,
      ownerId: content.ownerId,
      ownerSlug: content.ownerSlug,
      ownerName: content.ownerName,
      week: content.week,
      monday: week.monday,
      sunday: week.sunday,
      entries: content.entries,
      ...(content.note ? { note: content.note } : {}),
      publishedAt: meta.publishedAt,
      updatedAt: meta.updatedAt,
      approvedBy: meta.approvedBy,
      ...(meta.revisedAt ? { revisedAt: meta.revisedAt } : {}),
    };
  },

  summaryAttributes: ["id", "slug", "title", "summary", "sectionId", "ownerSlug", "ownerName", "week", "publishedAt"],

  searchDocument: (view) => ({
    id: view.id,
    slug: view.slug,
    url: Urls.scheduleWeek(view.slug),
    kind: "schedules",
    sectionId: view.sectionId,
    title: view.title,
    summary: view.summary,
    // Plain text as paragraphs, escaped: the index reads it as HTML (reader/search-text.ts).
    body: view.entries.map((entry) => `<p>${entry.content.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")}</p>`).join(""),
    publishedAt: view.publishedAt,
  }),

  reportKind: () => "schedules",
  reportUnits: (content) => ({ scheduleEntries: content.entries.length }),
  slugOf: (content) => scheduleSlug(content.ownerSlug, content.week),
  uniqueKeys: (content) => [{ token: `${content.ownerId}#${content.week}`, field: "week", message: uniqueMessage(content) }],

  url: Urls.scheduleWeek,
  // "/lich-cong-tac*" is every week page (any `tuan`, `don-vi`), the calendar files (.ics) and the
  // feed; "/" shows today's entries.
  paths: () => [Urls.withQueries(Urls.schedules()), Urls.home()],
};

/** An already-approved week from an archive or the demo seed (engine `importPublished`). */
export interface ScheduleImport {
  id?: string;
  /** Owner id or slug. */
  owner: string;
  week: string;
  entries: ScheduleEntry[];
  note?: string;
  publishedAt: string;
}

/**
 * The engine's import request for a week: entries checked and sorted like an editor's; owner,
 * section, title and summary are filled by `prepare` from the owner (the section given here is
 * the owner's, read by the caller).
 */
export function scheduleImport(input: ScheduleImport, sectionId: string) {
  const content: ScheduleContent = {
    title: "", summary: "", sectionId, ownerId: input.owner, ownerSlug: "", ownerName: "", week: input.week,
    entries: prepareEntries(input.entries, input.week), ...(input.note ? { note: input.note } : {}),
  };
  return { ...(input.id ? { id: input.id } : {}), publishedAt: input.publishedAt, content };
}
