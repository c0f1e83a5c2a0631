/**
 * Planned outage notices through the real app: admins only, the 7-working-day rule (weekends and
 * the holiday list, which admins edit), urgent notices need a reason kept in the audit, cancelling
 * is audited, every change invalidates every page, the public GET lists current and upcoming ones
 * without the admin's details, and the banner is on the pages.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { RecordingInvalidator } from "../../functions/core/publishing/invalidation";
import { earliestStart, isWorkingDay, vietnamDate } from "../../functions/core/shared/working-days";
import { DEFAULT_HOLIDAYS } from "../../functions/core/site/holidays";
import type { Store } from "../../functions/core/storage/store";
import { createApp } from "../../functions/http/app";
import { createUser, request, signIn } from "../support/auth";
import { seedSmallPortal } from "../support/fixtures";
import { createTestStore } from "../support/store";

let store: Store;
let app: ReturnType<typeof createApp>;
const invalidator = new RecordingInvalidator();
let asAdmin: string;
let asChief: string;
let asWriter: string;

const call = (cookie: string | undefined, method: string, path: string, body?: unknown) => request(app, method, path, { cookie, body });
const HOUR = 60 * 60 * 1000;
const iso = (ms: number) => new Date(ms).toISOString();
const window = (startMs: number, message = "Nâng cấp máy chủ cơ sở dữ liệu của Cổng.") => ({ startsAt: iso(startMs), endsAt: iso(startMs + 3 * HOUR), message });

beforeAll(async () => {
  store = await createTestStore();
  await seedSmallPortal(store);
  app = createApp({ store, invalidator });
  const [admin, chief, writer] = await Promise.all([
    createUser(store, "admin", [], "Nguyễn Văn Quản"),
    createUser(store, "editor-in-chief", [], "Phạm Thị Tổng"),
    createUser(store, "writer", ["kinh-te"], "Lê Văn Viết"),
  ]);
  asAdmin = await signIn(app, admin.email);
  asChief = await signIn(app, chief.email);
  asWriter = await signIn(app, writer.email);
}, 90_000);

describe("who may announce", () => {
  it("asks guests to sign in and refuses staff who are not admins; reading stays public", async () => {
    const far = window(Date.now() + 60 * 24 * HOUR);
    for (const [method, path, body] of [["POST", "/api/notices", far], ["DELETE", "/api/notices/0b9c3c1e-2a4d-4c5e-9f10-000000000001", undefined], ["GET", "/api/holidays", undefined], ["PUT", "/api/holidays", { version: 0, items: [] }]] as const) {
      expect((await call(undefined, method, path, body)).status, `${method} ${path}`).toBe(401);
      for (const cookie of [asChief, asWriter]) {
        const res = await call(cookie, method, path, body);
        expect(res.status, `${method} ${path}`).toBe(403);
        expect((await res.json()).error.message).toContain("Chỉ quản trị viên");
      }
    }
    const pub = await call(undefined, "GET", "/api/notices");
    expect(pub.status).toBe(200);
    expect(await pub.json()).toEqual({ items: [] });
  });
});

describe("the 7-working-day rule", () => {
  it("refuses a start sooner than 7 working days ahead (a weekend always inside), in Vietnamese, and accepts one at the limit", async () => {
    const holidays = new Set(DEFAULT_HOLIDAYS.map((h) => h.date));
    const earliest = earliestStart(Date.now(), holidays).getTime();
    // Seven working days always span a weekend: at least nine calendar days after today.
    expect(earliest - Date.parse(`${vietnamDate(Date.now())}T00:00:00+07:00`)).toBeGreaterThanOrEqual(9 * 24 * HOUR);
    const early = await call(asAdmin, "POST", "/api/notices", window(earliest - 60_000));
    expect(early.status).toBe(400);
    const error = (await early.json()).error;
    expect(error.code).toBe("VALIDATION");
    expect(error.message).toContain("ít nhất 7 ngày làm việc");
    expect(error.fields.startsAt).toMatch(/^Sớm nhất từ ngày \d{2}\/\d{2}\/\d{4}\.$/);
    const ok = await call(asAdmin, "POST", "/api/notices", window(earliest));
    expect(ok.status, await ok.clone().text()).toBe(201);
    const notice = await ok.json();
    expect(notice).toMatchObject({ urgent: false, createdBy: { name: "Nguyễn Văn Quản" } });
    expect((await call(asAdmin, "DELETE", `/api/notices/${notice.id}`)).status).toBe(204);
  });

  it("counts a holiday an admin adds: the same start becomes too soon", async () => {
    const list = await (await call(asAdmin, "GET", "/api/holidays")).json();
    expect(list.version).toBe(0);
    expect(list.items).toContainEqual({ date: "2027-02-06", name: "Tết Nguyên đán Đinh Mùi (mùng 1)" });
    expect(list.items).toContainEqual(expect.objectContaining({ date: "2026-04-26" })); // Giỗ Tổ Hùng Vương
    const holidays = new Set<string>(list.items.map((h: { date: string }) => h.date));
    const start = earliestStart(Date.now(), holidays).getTime();
    // A working day inside the window (the last one counted) becomes a holiday.
    let day = vietnamDate(start - 24 * HOUR);
    while (!isWorkingDay(day, holidays)) day = vietnamDate(Date.parse(`${day}T00:00:00+07:00`) - 24 * HOUR);
    const stale = await call(asAdmin, "PUT", "/api/holidays", { version: 5, items: list.items });
    expect(stale.status).toBe(409);
    const bad = await call(asAdmin, "PUT", "/api/holidays", { version: 0, items: [{ date: "2026-02-30", name: "Không có" }] });
    expect(bad.status).toBe(400);
    const put = await call(asAdmin, "PUT", "/api/holidays", { version: 0, items: [...list.items, { date: day, name: "Ngày nghỉ bù theo quyết định của tỉnh" }] });
    expect(put.status, await put.clone().text()).toBe(200);
    expect((await put.json()).version).toBe(1);
    const refused = await call(asAdmin, "POST", "/api/notices", window(start));
    expect(refused.status).toBe(400);
    const later = earliestStart(Date.now(), new Set([...holidays, day])).getTime();
    expect(later - start).toBeGreaterThanOrEqual(24 * HOUR);
    const accepted = await call(asAdmin, "POST", "/api/notices", window(later));
    expect(accepted.status).toBe(201);
    expect((await call(asAdmin, "DELETE", `/api/notices/${(await accepted.json()).id}`)).status).toBe(204);
  });

  it("refuses an end before the start or in the past", async () => {
    const start = Date.now() + 40 * 24 * HOUR;
    const res = await call(asAdmin, "POST", "/api/notices", { ...window(start), endsAt: iso(start - HOUR) });
    expect(res.status).toBe(400);
    expect((await res.json()).error.fields.endsAt).toBe("Phải sau thời điểm bắt đầu.");
    expect((await call(asAdmin, "POST", "/api/notices", { message: "x" })).status).toBe(400);
  });
});

describe("urgent notices, cancelling, the public list and the banner", () => {
  it("needs a reason for an urgent notice and keeps it in the audit, not in the public answer", async () => {
    const soon = window(Date.now() + 2 * HOUR, "Khắc phục sự cố đường truyền của nhà cung cấp.");
    const noReason = await call(asAdmin, "POST", "/api/notices", { ...soon, urgent: true });
    expect(noReason.status).toBe(400);
    expect((await noReason.json()).error.fields.reason).toBe("Hãy nêu lý do phải tạm ngừng gấp.");
    const before = invalidator.calls.length;
    const res = await call(asAdmin, "POST", "/api/notices", { ...soon, urgent: true, reason: "Nhà cung cấp báo sự cố cáp quang." });
    expect(res.status).toBe(201);
    const notice = await res.json();
    expect(invalidator.calls.slice(before)).toEqual([["/*"]]);
    const audit = await (await call(asAdmin, "GET", `/api/audit?item=notice-${notice.id}`)).json();
    expect(audit.items[0]).toMatchObject({ action: "notice.create-urgent", reason: "Nhà cung cấp báo sự cố cáp quang.", actor: { name: "Nguyễn Văn Quản" } });

    const pub = await (await call(undefined, "GET", "/api/notices")).json();
    expect(pub.items).toEqual([{ id: notice.id, startsAt: soon.startsAt, endsAt: soon.endsAt, message: soon.message, createdAt: notice.createdAt, urgent: true }]);

    // The banner, on pages rendered by a fresh app (the shell is cached per app for a few seconds).
    const reader = createApp({ store });
    for (const path of ["/", "/chuyen-muc/kinh-te", "/tim-kiem?q=xuat", "/thong-bao"]) {
      const html = await (await reader.request(path)).text();
      expect(html, path).toContain("data-notice-banner");
      expect(html, path).toContain("Khắc phục sự cố đường truyền của nhà cung cấp.");
    }

    const cancel = await call(asAdmin, "DELETE", `/api/notices/${notice.id}`);
    expect(cancel.status).toBe(204);
    expect(invalidator.calls.at(-1)).toEqual(["/*"]);
    expect((await call(asAdmin, "DELETE", `/api/notices/${notice.id}`)).status).toBe(404);
    expect((await call(asAdmin, "DELETE", "/api/notices/khong-phai-ma")).status).toBe(404);
    const trail = await (await call(asAdmin, "GET", `/api/audit?item=notice-${notice.id}`)).json();
    expect(trail.items.map((e: { action: string }) => e.action)).toEqual(["notice.cancel", "notice.create-urgent"]);
    expect((await (await call(undefined, "GET", "/api/notices")).json()).items).toEqual([]);
    const html = await (await createApp({ store }).request("/")).text();
    expect(html).not.toContain("data-notice-banner");
  });
});
