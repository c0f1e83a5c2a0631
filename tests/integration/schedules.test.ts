import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "../../functions/core/accounts/users";
import { ScheduleOwnerAdmin } from "../../functions/core/content/schedule-owners";
import { scheduleImport, schedules } from "../../functions/core/content/schedules";
import { resolveCounters } from "../../functions/core/metrics/counters";
import { parseReportQuery, Reports } from "../../functions/core/metrics/reports";
import { createEngine } from "../../functions/core/publishing/engine";
import { invalidationEffects, RecordingInvalidator } from "../../functions/core/publishing/invalidation";
import { ScheduleOwners, Schedules, type ScheduleEntry } from "../../functions/core/reader/schedules";
import { Search } from "../../functions/core/reader/search";
import { SectionAdmin } from "../../functions/core/sections/section-admin";
import { vietnamDay } from "../../functions/core/shared/time";
import { weekOf } from "../../functions/core/shared/week";
import type { Store } from "../../functions/core/storage/store";
import { seedSchedules } from "../../scripts/seed/schedules";
import { createSections } from "../support/auth";
import { createTestStore } from "../support/store";

/** Weekly work schedules through the engine: one per body per week, entries in the week, exact counts. */

const writer: SessionUser = { id: "u-writer", email: "viet@hoaphong.example.vn", name: "Lê Văn Viết", role: "writer", sections: ["kinh-te"] };
const board: SessionUser = { id: "u-board", email: "duyet@hoaphong.example.vn", name: "Trần Thị Duyệt", role: "section-editor", sections: ["kinh-te", "van-hoa"] };
const system = { id: "u-admin", name: "Quản trị" };
const counters = resolveCounters({ shards: 1, cacheMs: 0 });
const invalidator = new RecordingInvalidator();
let store: Store;

const entry = (date: string, content: string, extra: Partial<ScheduleEntry> = {}): ScheduleEntry => ({ date, session: "sang", content, ...extra });
const WEEK = [
  entry("2026-11-25", "Làm việc với Đảng ủy xã Ngọc Sơn", { session: "chieu", time: "14:00", leader: "Đồng chí Bí thư Tỉnh ủy" }),
  entry("2026-11-23", "Giao ban đầu tuần", { time: "07:30", location: "Phòng họp số 1" }),
  entry("2026-11-23", "Kiểm tra phòng, chống thiên tai", { session: "ca-ngay" }),
  entry("2026-11-25", "Tiếp công dân định kỳ", { time: "08:00", participants: "Ban Nội chính; Thanh tra tỉnh" }),
];

const report = async (day: string) => (await Reports.activity(store, counters, parseReportQuery({ from: day, to: day }), Date.now())).published;

beforeAll(async () => {
  store = await createTestStore();
  await createSections(store);
  await ScheduleOwnerAdmin.create(store, { name: "Thường trực Tỉnh ủy", section: "kinh-te" }, system);
  await ScheduleOwnerAdmin.create(store, { name: "Ban Thường vụ Tỉnh ủy", slug: "ban-thuong-vu", section: "kinh-te" }, system);
});

const eng = () => createEngine(schedules, { store, effects: invalidationEffects(store, invalidator) });

describe("weekly work schedules", () => {
  it("owners: slugs from names, in order, the section of their board", async () => {
    expect(await ScheduleOwners.list(store)).toEqual([
      { id: "thuong-truc-tinh-uy", slug: "thuong-truc-tinh-uy", name: "Thường trực Tỉnh ủy", order: 1, sectionId: "kinh-te" },
      { id: "ban-thuong-vu", slug: "ban-thuong-vu", name: "Ban Thường vụ Tỉnh ủy", order: 2, sectionId: "kinh-te" },
    ]);
    await expect(ScheduleOwnerAdmin.create(store, { name: "Thường trực Tỉnh ủy", section: "kinh-te" }, system)).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(ScheduleOwnerAdmin.create(store, { name: "Huyện ủy", section: "khong-co" }, system)).rejects.toMatchObject({ code: "VALIDATION", fields: { section: expect.any(String) } });
    await expect(ScheduleOwnerAdmin.update(store, "ban-thuong-vu", { slug: "khac" }, system)).rejects.toMatchObject({ code: "VALIDATION" });
  });

  it("goes draft → submitted → published with a fixed slug, a title from owner and week, sorted entries; the section is the owner's", async () => {
    let { item } = await eng().create(writer, { owner: "thuong-truc-tinh-uy", week: "2026-W48", entries: WEEK, section: "van-hoa" });
    expect(item).toMatchObject({
      slug: "thuong-truc-tinh-uy-2026-w48",
      sectionId: "kinh-te",
      ownerId: "thuong-truc-tinh-uy",
      ownerName: "Thường trực Tỉnh ủy",
      title: "Lịch công tác tuần 48/2026 (23/11 – 29/11/2026) — Thường trực Tỉnh ủy",
      summary: "Lịch công tác tuần 48/2026 (23/11 – 29/11/2026) của Thường trực Tỉnh ủy: 4 mục công việc.",
      status: "draft",
    });
    expect(item.entries.map((e) => e.content)).toEqual(["Kiểm tra phòng, chống thiên tai", "Giao ban đầu tuần", "Tiếp công dân định kỳ", "Làm việc với Đảng ủy xã Ngọc Sơn"]);
    ({ item } = await eng().submit(writer, item.id, { version: item.version }));
    expect(item.status).toBe("submitted");
    ({ item } = await eng().approve(board, item.id, { version: item.version }));
    const view = await Schedules.week(store, "thuong-truc-tinh-uy", "2026-W48");
    expect(view).toMatchObject({ id: item.id, week: "2026-W48", monday: "2026-11-23", sunday: "2026-11-29", approvedBy: { id: board.id } });
    expect(view!.entries).toHaveLength(4);
    expect(view!.revisedAt).toBeUndefined();
    expect(invalidator.paths).toContain("/lich-cong-tac*");
    // Searched by its entries, linking to the week of the body.
    const found = await Search.query(store, "dang uy xa ngoc son");
    expect(found.hits.map((hit) => [hit.id, hit.url, hit.kind])).toEqual([[item.id, "/lich-cong-tac?tuan=2026-W48&don-vi=thuong-truc-tinh-uy", "schedules"]]);
  });

  it("one schedule per body per week (409 naming it), another week or body is fine", async () => {
    await expect(eng().create(writer, { owner: "thuong-truc-tinh-uy", week: "2026-W48", entries: [] })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "Lịch công tác tuần 48/2026 của Thường trực Tỉnh ủy đã có.",
    });
    expect((await eng().create(writer, { owner: "thuong-truc-tinh-uy", week: "2026-W49", entries: [] })).item.slug).toBe("thuong-truc-tinh-uy-2026-w49");
    expect((await eng().create(writer, { owner: "ban-thuong-vu", week: "2026-W48", entries: [] })).item.slug).toBe("ban-thuong-vu-2026-w48");
    // Owner and week cannot change: an edit carrying them keeps the item's.
    const { item } = await eng().create(writer, { owner: "ban-thuong-vu", week: "2026-W50", entries: [] });
    const edited = (await eng().update(writer, item.id, { version: item.version, week: "2026-W51", owner: "thuong-truc-tinh-uy", note: "Lịch dự kiến." })).item;
    expect(edited).toMatchObject({ week: "2026-W50", ownerId: "ban-thuong-vu", slug: "ban-thuong-vu-2026-w50", note: "Lịch dự kiến.", summary: "Lịch dự kiến." });
    // Submitting a week without entries is refused.
    await expect(eng().submit(writer, item.id, { version: edited.version })).rejects.toMatchObject({ code: "VALIDATION", fields: { entries: expect.any(String) } });
  });

  it("refuses entries outside the week, bad times and sessions, unknown bodies and weeks, too many entries: 400s", async () => {
    const bad = await eng().create(writer, { owner: "ban-thuong-vu", week: "2026-W45", entries: [entry("2026-11-02", "A"), entry("2026-11-03", "B"), entry("2026-12-01", "C")] }).catch((e) => e);
    expect(bad).toMatchObject({ code: "VALIDATION", fields: { "entries.2.date": expect.any(String) } });
    expect(bad.message).toContain("Mục 3: ngày 01/12/2026 không thuộc tuần 45/2026");
    for (const [entries, field] of [
      [[{ ...entry("2026-11-02", "A"), time: "25:00" }], "entries.0.time"],
      [[{ ...entry("2026-11-02", "A"), session: "trua" }], "entries.0.session"],
      [[entry("2026-11-31", "A")], "entries.0.date"],
      [[entry("2026-11-02", "   ")], "entries.0.content"],
      [[entry("2026-11-02", "x".repeat(1001))], "entries.0.content"],
      [Array.from({ length: 201 }, () => entry("2026-11-02", "A")), "entries"],
    ] as const) {
      await expect(eng().create(writer, { owner: "ban-thuong-vu", week: "2026-W45", entries })).rejects.toMatchObject({ code: "VALIDATION", fields: { [field]: expect.any(String) } });
    }
    await expect(eng().create(writer, { owner: "khong-co", week: "2026-W45", entries: [] })).rejects.toMatchObject({ code: "VALIDATION", fields: { owner: expect.any(String) } });
    await expect(eng().create(writer, { owner: "ban-thuong-vu", week: "2026-W99", entries: [] })).rejects.toMatchObject({ code: "VALIDATION", fields: { week: expect.any(String) } });
    await expect(eng().create(writer, { owner: "ban-thuong-vu", week: "2025-W53", entries: [] })).rejects.toMatchObject({ code: "VALIDATION", fields: { week: expect.any(String) } });
  });

  it("counts schedules and scheduleEntries exactly; an edited published week is re-approved and shown as revised; unpublish undoes the counts", async () => {
    const e = eng();
    const week10 = [entry("2027-03-08", "Giao ban"), entry("2027-03-09", "Hội nghị Ban Thường vụ"), entry("2027-03-10", "Giám sát chuyên đề"), entry("2027-03-10", "Tiếp công dân", { session: "chieu" })];
    let { item } = await e.create(writer, { owner: "ban-thuong-vu", week: "2027-W10", entries: week10 });
    ({ item } = await e.submit(writer, item.id, { version: item.version }));
    ({ item } = await e.approve(board, item.id, { version: item.version }));
    const day = vietnamDay(item.publishedAt!);
    const before = await report(day);
    const schedulesBefore = before.byKind.schedules ?? 0;
    const entriesBefore = before.byKind.scheduleEntries ?? 0;
    expect(schedulesBefore).toBeGreaterThanOrEqual(1);
    expect(entriesBefore).toBeGreaterThanOrEqual(4);

    // The published week gets two more entries: draft again, readers keep the approved text.
    const more = [...item.entries, entry("2027-03-11", "Dự hội nghị tổng kết"), entry("2027-03-12", "Làm việc tại cơ quan", { session: "chieu" })];
    ({ item } = await e.update(writer, item.id, { version: item.version, entries: more }));
    expect(item.status).toBe("draft");
    expect((await Schedules.week(store, "ban-thuong-vu", "2027-W10"))!.entries).toHaveLength(4);
    ({ item } = await e.submit(writer, item.id, { version: item.version }));
    ({ item } = await e.approve(board, item.id, { version: item.version }));
    let after = await report(day);
    expect(after.byKind.schedules).toBe(schedulesBefore);
    expect(after.byKind.scheduleEntries).toBe(entriesBefore + 2);
    const view = await Schedules.week(store, "ban-thuong-vu", "2027-W10");
    expect(view!.entries).toHaveLength(6);
    expect(view!.revisedAt).toBe(item.approvedAt);
    expect(view!.summary).toContain("6 mục công việc");

    ({ item } = await e.unpublish(board, item.id, { version: item.version }));
    after = await report(day);
    expect(after.byKind.schedules ?? 0).toBe(schedulesBefore - 1);
    expect(after.byKind.scheduleEntries ?? 0).toBe(entriesBefore - 4);
    expect(await Schedules.week(store, "ban-thuong-vu", "2027-W10")).toBeUndefined();
  });

  it("imports an archived week on its date; today's entries across bodies come from one read", async () => {
    const view = await eng().importPublished(
      scheduleImport({ id: "lich-luu-tru-1", owner: "ban-thuong-vu", week: "2025-W10", entries: [entry("2025-03-04", "Hội nghị Ban Thường vụ"), entry("2025-03-03", "Giao ban")], publishedAt: "2025-02-28T09:00:00+07:00" }, "kinh-te"),
      system,
    );
    expect(view.slug).toBe("ban-thuong-vu-2025-w10");
    expect((await report("2025-02-28")).byKind).toMatchObject({ schedules: 1, scheduleEntries: 2 });
    await eng().importPublished(
      scheduleImport({ owner: "thuong-truc-tinh-uy", week: "2025-W10", entries: [entry("2025-03-04", "Tiếp công dân", { time: "08:00" }), entry("2025-03-05", "Làm việc tại cơ quan")], publishedAt: "2025-02-28T10:00:00+07:00" }, "kinh-te"),
      system,
    );
    const owners = await ScheduleOwners.list(store);
    const today = await Schedules.today(store, owners, "2025-03-04");
    expect(today).toEqual([
      { ownerSlug: "thuong-truc-tinh-uy", ownerName: "Thường trực Tỉnh ủy", week: "2025-W10", entries: [entry("2025-03-04", "Tiếp công dân", { time: "08:00" })] },
      { ownerSlug: "ban-thuong-vu", ownerName: "Ban Thường vụ Tỉnh ủy", week: "2025-W10", entries: [entry("2025-03-04", "Hội nghị Ban Thường vụ")] },
    ]);
    expect(await Schedules.today(store, owners, "2025-03-09")).toEqual([]);
  });

  it("demo seed: two bodies, six weeks each around the run date, 8–14 entries, entries today on weekdays; a second run writes nothing", async () => {
    const seeded = await createTestStore();
    await SectionAdmin.create(seeded, { slug: "chinh-tri", name: "Chính trị", description: "", order: 1 });
    const now = new Date("2026-11-25T10:00:00+07:00"); // a Wednesday
    expect(await seedSchedules(seeded, system, now)).toBe(12);
    expect(await seedSchedules(seeded, system, now)).toBe(0);
    const owners = await ScheduleOwners.list(seeded);
    expect(owners.map((o) => o.name)).toEqual(["Thường trực Tỉnh ủy", "Ban Thường vụ Tỉnh ủy"]);
    const thisWeek = weekOf(now);
    for (const owner of owners) {
      for (const week of ["2026-W45", "2026-W46", "2026-W47", thisWeek.id, "2026-W49", "2026-W50"]) {
        const view = await Schedules.week(seeded, owner.slug, week);
        expect(view, `${owner.slug} ${week}`).toBeDefined();
        expect(view!.entries.length).toBeGreaterThanOrEqual(8);
        expect(view!.entries.length).toBeLessThanOrEqual(14);
        expect(view!.sectionId).toBe("chinh-tri");
        expect(view!.publishedAt <= now.toISOString()).toBe(true);
      }
    }
    for (let d = 23; d <= 27; d++) expect((await Schedules.today(seeded, owners, `2026-11-${d}`)).length, `ngày ${d}`).toBeGreaterThan(0);
  });
});
