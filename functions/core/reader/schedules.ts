import { GetCommand, QueryCommand } from "../storage/db";
import type { BaseContent, PublicationMeta } from "../publishing/kind";
import { isSlug } from "../shared/text";
import { parseWeek, weekOf, type IsoWeek } from "../shared/week";
import { contentKeys, ScheduleKeys } from "../storage/keys";
import { batchGet, type Store } from "../storage/store";
import { Published } from "./published";

/**
 * Weekly work schedules (lịch công tác tuần) as readers see them, and the bodies that publish them
 * (schedule owners). Reader-safe: no zod, no sanitizer (the editor side is content/schedules.ts
 * and content/schedule-owners.ts). A published week is one GetItem by its fixed slug
 * `<owner slug>-<yyyy>-w<ww>` (docs/architecture.md, "Data").
 */

export const SCHEDULE_SPACE = "SCHEDULE";

/** Sáng, chiều, tối, cả ngày: the order entries of a day are shown in (all-day first). */
export const SESSIONS = ["ca-ngay", "sang", "chieu", "toi"] as const;
export type ScheduleSession = (typeof SESSIONS)[number];
export const SESSION_LABELS: Record<ScheduleSession, string> = { "ca-ngay": "Cả ngày", sang: "Sáng", chieu: "Chiều", toi: "Tối" };

export interface ScheduleEntry {
  /** "YYYY-MM-DD", a day of the schedule's week (Vietnam calendar day). */
  date: string;
  session: ScheduleSession;
  /** "HH:MM", Vietnam time. */
  time?: string;
  content: string;
  /** Chủ trì */
  leader?: string;
  /** Thành phần */
  participants?: string;
  /** Địa điểm */
  location?: string;
  /** Chuẩn bị (the preparing unit) */
  preparer?: string;
}

/** A body whose weekly schedule is published; `sectionId`'s board approves its schedules. */
export interface ScheduleOwner {
  /** Its first slug, fixed. */
  id: string;
  slug: string;
  name: string;
  order: number;
  sectionId: string;
}

/** What a week's page needs of an owner. */
export type ScheduleOwnerLink = Pick<ScheduleOwner, "slug" | "name">;

export interface ScheduleContent extends BaseContent {
  ownerId: string;
  ownerSlug: string;
  /** The owner's name when the text was last saved (shown in the title). */
  ownerName: string;
  /** ISO week "2026-W48"; fixed at creation like the owner. */
  week: string;
  entries: ScheduleEntry[];
  note?: string;
}

export interface PublishedSchedule extends ScheduleContent, PublicationMeta {
  /** The week's Monday and Sunday, "YYYY-MM-DD". */
  monday: string;
  sunday: string;
}

/** The fixed slug of an owner's week: one schedule per owner per week. */
export function scheduleSlug(ownerSlug: string, week: string): string {
  return `${ownerSlug}-${week.slice(0, 4)}-w${week.slice(6, 8)}`;
}

/** The owner slug and week of a schedule slug, or undefined. */
export function parseScheduleSlug(slug: string): { ownerSlug: string; week: string } | undefined {
  const match = /^(.+)-(\d{4})-w(\d{2})$/.exec(slug);
  return match ? { ownerSlug: match[1]!, week: `${match[2]}-W${match[3]}` } : undefined;
}

const SESSION_RANK = Object.fromEntries(SESSIONS.map((session, index) => [session, index])) as Record<ScheduleSession, number>;

/** By date, session (all day, morning, afternoon, evening), then time (untimed first); stable otherwise. */
export function sortEntries(entries: readonly ScheduleEntry[]): ScheduleEntry[] {
  return entries
    .map((entry, index) => ({ entry, index }))
    .sort(
      (a, b) =>
        a.entry.date.localeCompare(b.entry.date) ||
        SESSION_RANK[a.entry.session] - SESSION_RANK[b.entry.session] ||
        (a.entry.time ?? "").localeCompare(b.entry.time ?? "") ||
        a.index - b.index,
    )
    .map(({ entry }) => entry);
}

/** "2026-11-23" → "23/11/2026" (a calendar day: no time zone involved). */
export const dayLabel = (iso: string) => iso.split("-").reverse().join("/");

/** "23/11 – 29/11/2026"; both years when the week spans two ("28/12/2026 – 03/01/2027"). */
export function weekRange(week: Pick<IsoWeek, "monday" | "sunday">): string {
  const [monday, sunday] = [dayLabel(week.monday), dayLabel(week.sunday)];
  return week.monday.slice(0, 4) === week.sunday.slice(0, 4) ? `${monday.slice(0, 5)} – ${sunday}` : `${monday} – ${sunday}`;
}

/** "tuần 48/2026 (23/11 – 29/11/2026)" */
export function weekLabel(week: IsoWeek): string {
  return `tuần ${week.week}/${week.year} (${weekRange(week)})`;
}

function ownerOf(item: Record<string, unknown>): ScheduleOwner {
  const { id, slug, name, order, sectionId } = item as unknown as ScheduleOwner;
  return { id, slug, name, order, sectionId };
}

const TODAY_ATTRIBUTES = ["slug", "ownerSlug", "ownerName", "week", "entries"];

/** Today's entries of one owner (home page box). */
export interface TodaySchedule {
  ownerSlug: string;
  ownerName: string;
  week: string;
  entries: ScheduleEntry[];
}

export const ScheduleOwners = {
  /** Every owner in display order (a few dozen at most: one Query page). */
  async list(store: Store): Promise<ScheduleOwner[]> {
    const out = await store.db.send(
      new QueryCommand({
        TableName: store.table,
        IndexName: "gsi1",
        KeyConditionExpression: "gsi1pk = :pk",
        ExpressionAttributeValues: { ":pk": ScheduleKeys.ownersPartition() },
      }),
    );
    return (out.Items ?? []).map(ownerOf);
  },

  /** One owner by id or slug (they are the same: the slug is fixed), or undefined. One GetItem. */
  async get(store: Store, idOrSlug: string): Promise<ScheduleOwner | undefined> {
    if (!isSlug(idOrSlug)) return undefined;
    const out = await store.db.send(new GetCommand({ TableName: store.table, Key: ScheduleKeys.owner(idOrSlug) }));
    return out.Item ? ownerOf(out.Item) : undefined;
  },
};

export const Schedules = {
  /** The published week of an owner, or undefined. One GetItem by the fixed slug. */
  week: (store: Store, ownerSlug: string, week: string) => Published.find<PublishedSchedule>(store, SCHEDULE_SPACE, scheduleSlug(ownerSlug, week)),

  /**
   * Entries of `date` ("YYYY-MM-DD", Vietnam) in the published weeks of `owners`, in the owners'
   * order; owners with nothing that day are left out. One BatchGet.
   */
  async today(store: Store, owners: readonly Pick<ScheduleOwner, "slug">[], date: string): Promise<TodaySchedule[]> {
    if (owners.length === 0) return [];
    const week = weekOf(new Date(`${date}T00:00:00+07:00`)).id;
    const keys = owners.map((owner) => contentKeys(SCHEDULE_SPACE).publishedView(scheduleSlug(owner.slug, week)));
    const views = (await batchGet(store, keys, TODAY_ATTRIBUTES)) as unknown as PublishedSchedule[];
    const bySlug = new Map(views.map((view) => [view.ownerSlug, view]));
    return owners.flatMap((owner) => {
      const view = bySlug.get(owner.slug);
      const entries = (view?.entries ?? []).filter((entry) => entry.date === date);
      return view && entries.length > 0 ? [{ ownerSlug: view.ownerSlug, ownerName: view.ownerName, week: view.week, entries }] : [];
    });
  },
};

/** `?tuan=`: absent is this week (Vietnam); anything else must be a real ISO week (400 otherwise). */
export function weekParam(raw: string | undefined, now = new Date()): { week: IsoWeek; current: boolean } {
  const thisWeek = weekOf(now);
  const week = raw === undefined ? thisWeek : parseWeek(raw);
  return { week, current: week.id === thisWeek.id };
}
