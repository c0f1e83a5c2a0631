/**
 * Weekly work schedules over HTTP: the owners' routes and who may use them, the workflow routes of
 * `/api/schedules`, the week's page (table, bodies, weeks, revision notice, print stylesheet) and
 * its iCalendar file, parsed back here.
 */
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import type { User } from "../../functions/core/accounts/users";
import { RecordingInvalidator } from "../../functions/core/publishing/invalidation";
import type { Store } from "../../functions/core/storage/store";
import { createApp } from "../../functions/http/app";
import { CACHE } from "../../functions/http/cache";
import { createSections, createUser, request, signIn } from "../support/auth";
import { createTestStore } from "../support/store";

let store: Store;
let app: ReturnType<typeof createApp>;
const as: Record<"admin" | "chief" | "board" | "writer" | "otherWriter", string> = { admin: "", chief: "", board: "", writer: "", otherWriter: "" };
const users: Partial<Record<keyof typeof as, User>> = {};

const call = (who: keyof typeof as | null, method: string, path: string, body?: unknown) => request(app, method, path, { cookie: who ? as[who] : undefined, body });
const json = async (res: Response) => ({ status: res.status, body: await res.json() });
/** The markup without Solid's hydration markers, entities decoded, as a reader sees it. */
const clean = (html: string) =>
  html.replace(/<!--[\s\S]*?-->/g, "").replace(/ data-hk="[^"]*"/g, "").replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&#39;/g, "'");

const LONG = "Hội nghị Ban Thường vụ Tỉnh ủy cho ý kiến về đề án nâng cao chất lượng sinh hoạt chi bộ, trong đó có nội dung; đánh giá “chi bộ bốn tốt” và \\ ký hiệu";
const ENTRIES = [
  { date: "2026-11-25", session: "chieu", time: "14:00", content: "Làm việc với Đảng ủy xã Ngọc Sơn", leader: "Đồng chí Phan Đình Khải, Bí thư Tỉnh ủy", location: "Trụ sở Đảng ủy xã Ngọc Sơn", preparer: "Đảng ủy xã Ngọc Sơn" },
  { date: "2026-11-23", session: "sang", content: "Làm việc tại cơ quan" },
  { date: "2026-11-23", session: "ca-ngay", content: "Kiểm tra công tác phòng, chống thiên tai", location: "Xã Hải Bình" },
  { date: "2026-11-24", session: "sang", time: "08:00", content: LONG, participants: "Ủy viên Ban Thường vụ; lãnh đạo các ban đảng", location: "Hội trường Tỉnh ủy" },
  { date: "2026-11-26", session: "toi", content: "Dự đêm giao lưu văn nghệ" },
  { date: "2026-11-28", session: "sang", time: "23:30", content: "Trực ban" },
];

async function publishWeek(owner: string, week: string, entries: unknown[]) {
  let item = (await json(await call("writer", "POST", "/api/schedules", { owner, week, entries }))).body;
  expect(item.status, JSON.stringify(item)).toBe("draft");
  item = (await json(await call("writer", "POST", `/api/schedules/${item.id}/submit`, { version: item.version }))).body;
  item = (await json(await call("board", "POST", `/api/schedules/${item.id}/approve`, { version: item.version }))).body;
  expect(item.status).toBe("published");
  return item;
}

/** RFC 5545 read back: CRLF lines, unfolded, into properties and components. */
function parseIcs(text: string) {
  expect(text.endsWith("\r\n")).toBe(true);
  const physical = text.slice(0, -2).split("\r\n");
  for (const line of physical) {
    expect(Buffer.byteLength(line, "utf8"), line).toBeLessThanOrEqual(75);
    expect(line).not.toMatch(/[\r\n]/);
  }
  const lines: string[] = [];
  for (const line of physical) {
    if (line.startsWith(" ") || line.startsWith("\t")) lines[lines.length - 1] += line.slice(1);
    else lines.push(line);
  }
  type Component = { name: string; props: { name: string; params: string; value: string }[]; children: Component[] };
  const root: Component = { name: "ROOT", props: [], children: [] };
  const stack = [root];
  for (const line of lines) {
    const colon = line.indexOf(":");
    const head = line.slice(0, colon);
    const value = line.slice(colon + 1);
    const [name, ...params] = head.split(";");
    if (name === "BEGIN") {
      const child: Component = { name: value, props: [], children: [] };
      stack.at(-1)!.children.push(child);
      stack.push(child);
    } else if (name === "END") {
      expect(stack.pop()!.name).toBe(value);
    } else stack.at(-1)!.props.push({ name: name!, params: params.join(";"), value });
  }
  expect(stack).toHaveLength(1);
  return root.children;
}
const unescape = (value: string) => value.replace(/\\(.)/g, (_, ch: string) => (ch === "n" || ch === "N" ? "\n" : ch));

beforeAll(async () => {
  store = await createTestStore();
  await createSections(store);
  app = createApp({ store, invalidator: new RecordingInvalidator() });
  users.admin = await createUser(store, "admin");
  users.chief = await createUser(store, "editor-in-chief");
  users.board = await createUser(store, "section-editor", ["kinh-te"], "Trần Thị Duyệt");
  users.writer = await createUser(store, "writer", ["kinh-te"], "Lê Văn Viết");
  users.otherWriter = await createUser(store, "writer", ["van-hoa"], "Ngô Thị Hoa");
  for (const key of Object.keys(as) as (keyof typeof as)[]) as[key] = await signIn(app, users[key]!.email);
}, 60_000);

describe("schedule owners", () => {
  it("any staff member lists them; only admins add, rename and reorder them; the slug is fixed", async () => {
    expect((await call(null, "GET", "/api/schedule-owners")).status).toBe(401);
    expect(await json(await call("writer", "GET", "/api/schedule-owners"))).toEqual({ status: 200, body: [] });
    for (const who of ["writer", "board", "chief"] as const)
      expect((await call(who, "POST", "/api/schedule-owners", { name: "Thường trực Tỉnh ủy", section: "kinh-te" })).status, who).toBe(403);

    const created = await json(await call("admin", "POST", "/api/schedule-owners", { name: "Thường trực Tỉnh ủy", section: "kinh-te" }));
    expect(created).toEqual({ status: 201, body: { id: "thuong-truc-tinh-uy", slug: "thuong-truc-tinh-uy", name: "Thường trực Tỉnh ủy", order: 1, sectionId: "kinh-te" } });
    const second = await json(await call("admin", "POST", "/api/schedule-owners", { name: "Ban Thường vụ Tỉnh ủy", slug: "ban-thuong-vu", section: "kinh-te" }));
    expect(second.body).toMatchObject({ slug: "ban-thuong-vu", order: 2 });
    await call("admin", "POST", "/api/schedule-owners", { name: "Đảng ủy xã Phú An", order: 9, section: "van-hoa" });

    expect((await json(await call("admin", "POST", "/api/schedule-owners", { name: "Thường trực Tỉnh ủy", section: "kinh-te" }))).status).toBe(409);
    const bad = await json(await call("admin", "POST", "/api/schedule-owners", { name: "", section: "khong-co", slug: "Có Dấu" }));
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toMatchObject({ name: expect.any(String), slug: expect.any(String) });
    expect((await json(await call("admin", "POST", "/api/schedule-owners", { name: "Huyện ủy", section: "khong-co" }))).body.error.fields).toHaveProperty("section");

    expect((await call("writer", "PATCH", "/api/schedule-owners/ban-thuong-vu", { name: "Khác" })).status).toBe(403);
    const renamed = await json(await call("admin", "PATCH", "/api/schedule-owners/ban-thuong-vu", { name: "Ban Thường vụ Tỉnh ủy Hòa Phong", order: 2 }));
    expect(renamed).toEqual({ status: 200, body: { id: "ban-thuong-vu", slug: "ban-thuong-vu", name: "Ban Thường vụ Tỉnh ủy Hòa Phong", order: 2, sectionId: "kinh-te" } });
    expect((await call("admin", "PATCH", "/api/schedule-owners/ban-thuong-vu", { slug: "doi-khac" })).status).toBe(400);
    expect((await call("admin", "PATCH", "/api/schedule-owners/khong-co", { name: "X" })).status).toBe(404);
    expect((await call("admin", "PATCH", "/api/schedule-owners/%00", { name: "X" })).status).toBe(404);
    expect((await call("admin", "PATCH", "/api/schedule-owners/ban-thuong-vu", { order: -1 })).status).toBe(400);
    const list = (await json(await call("writer", "GET", "/api/schedule-owners"))).body;
    expect(list.map((o: { slug: string }) => o.slug)).toEqual(["thuong-truc-tinh-uy", "ban-thuong-vu", "dang-uy-xa-phu-an"]);
  });
});

describe("schedules through /api/schedules and the public pages", () => {
  let published: { id: string; version: number; approvedAt: string };

  it("creates in the owner's section only (permissions), 409 for a second week, 400 for an entry outside it", async () => {
    // Đảng ủy xã Phú An is approved in van-hoa: the kinh-te writer may not create there.
    expect((await call("writer", "POST", "/api/schedules", { owner: "dang-uy-xa-phu-an", week: "2026-W48", entries: [] })).status).toBe(403);
    expect((await call("otherWriter", "POST", "/api/schedules", { owner: "dang-uy-xa-phu-an", week: "2026-W48", entries: [] })).status).toBe(201);

    published = await publishWeek("thuong-truc-tinh-uy", "2026-W48", ENTRIES);
    const again = await json(await call("writer", "POST", "/api/schedules", { owner: "thuong-truc-tinh-uy", week: "2026-W48", entries: [] }));
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe("Lịch công tác tuần 48/2026 của Thường trực Tỉnh ủy đã có.");
    const outside = await json(await call("writer", "POST", "/api/schedules", { owner: "ban-thuong-vu", week: "2026-W48", entries: [ENTRIES[0], ENTRIES[1], { ...ENTRIES[1], date: "2026-12-01" }] }));
    expect(outside.status).toBe(400);
    expect(outside.body.error.message).toContain("Mục 3: ngày 01/12/2026 không thuộc tuần 48/2026");
    expect((await call("writer", "POST", "/api/schedules", { owner: "ban-thuong-vu", week: "2026-48", entries: [] })).status).toBe(400);
    expect((await call("writer", "POST", "/api/schedules", { owner: "ban-thuong-vu", week: "2026-W48", entries: "không" })).status).toBe(400);
    await publishWeek("ban-thuong-vu", "2026-W48", [{ date: "2026-11-27", session: "sang", time: "08:00", content: "Hội nghị Ban Thường vụ Tỉnh ủy" }]);
  });

  it("the week's page: bodies as links, weeks kept with the body, a table by day and session", async () => {
    const res = await app.request("/lich-cong-tac?tuan=2026-W48&don-vi=thuong-truc-tinh-uy");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe(CACHE.page);
    const html = clean(await res.text());
    expect(html).toContain("<title>Lịch công tác tuần 48/2026");
    expect(html).toMatch(/<h1[^>]*>Lịch công tác<span class="schedule__owner"> Thường trực Tỉnh ủy<\/span><\/h1>/);
    expect(html).toMatch(/<a href="\/lich-cong-tac\?tuan=2026-W48&don-vi=thuong-truc-tinh-uy" aria-current="page">Thường trực Tỉnh ủy<\/a>/);
    expect(html).toContain('href="/lich-cong-tac?tuan=2026-W48&don-vi=ban-thuong-vu"');
    expect(html).toContain('href="/lich-cong-tac?tuan=2026-W47&don-vi=thuong-truc-tinh-uy"');
    expect(html).toContain('href="/lich-cong-tac?tuan=2026-W49&don-vi=thuong-truc-tinh-uy"');
    expect(html).toContain('href="/lich-cong-tac.ics?tuan=2026-W48&don-vi=thuong-truc-tinh-uy"');
    expect(html).toContain("Lịch công tác tuần 48/2026 (23/11 – 29/11/2026) — Thường trực Tỉnh ủy</caption>");
    for (const header of ["Buổi", "Nội dung", "Chủ trì", "Thành phần", "Địa điểm", "Chuẩn bị"]) expect(html).toContain(`<th scope="col">${header}</th>`);
    // Monday first, every weekday, Saturday because it has an entry, no Sunday.
    const days = [...html.matchAll(/<th scope="rowgroup" colspan="6">([^<]*)<\/th>/g)].map((m) => m[1]);
    expect(days).toEqual(["Thứ Hai, 23/11/2026", "Thứ Ba, 24/11/2026", "Thứ Tư, 25/11/2026", "Thứ Năm, 26/11/2026", "Thứ Sáu, 27/11/2026", "Thứ Bảy, 28/11/2026"]);
    expect(html).toContain("Không có lịch công tác.");
    // Within Monday: all day first, then the morning.
    expect(html.indexOf("Kiểm tra công tác phòng, chống thiên tai")).toBeLessThan(html.indexOf("Làm việc tại cơ quan"));
    expect(html).toMatch(/<th scope="row" class="schedule-table__when">Chiều, 14:00<\/th><td>Làm việc với Đảng ủy xã Ngọc Sơn<\/td><td>Đồng chí Phan Đình Khải, Bí thư Tỉnh ủy<\/td><td><\/td><td>Trụ sở Đảng ủy xã Ngọc Sơn<\/td><td>Đảng ủy xã Ngọc Sơn<\/td>/);
    expect(html).toContain(">Cả ngày</th>");
    expect(html).not.toContain("Lịch điều chỉnh");

    // Defaults: the first body; the other body's tab; this week when no `tuan`.
    expect(clean(await (await app.request("/lich-cong-tac?tuan=2026-W48")).text())).toContain("Làm việc với Đảng ủy xã Ngọc Sơn");
    const other = clean(await (await app.request("/lich-cong-tac?tuan=2026-W48&don-vi=ban-thuong-vu")).text());
    expect(other).toContain("Hội nghị Ban Thường vụ Tỉnh ủy");
    expect(other).not.toContain("Làm việc với Đảng ủy xã Ngọc Sơn");
    const empty = clean(await (await app.request("/lich-cong-tac?tuan=2026-W49&don-vi=thuong-truc-tinh-uy")).text());
    expect(empty).toContain("chưa được đăng");
    expect(empty).not.toContain("<table");
    expect((await app.request("/lich-cong-tac?don-vi=ban-thuong-vu")).status).toBe(200);
  });

  it.each([
    ["/lich-cong-tac?tuan=2026-W99&don-vi=thuong-truc-tinh-uy", 400],
    ["/lich-cong-tac?tuan=2026W48", 400],
    ["/lich-cong-tac?tuan=2026-W48&don-vi=khong-co", 404],
    ["/lich-cong-tac?tuan=2026-W48&don-vi=%E0%A4%A", 404],
    ["/lich-cong-tac?tuan=2026-W48&don-vi=", 404],
    ["/lich-cong-tac.ics?tuan=2026-W99", 400],
    ["/lich-cong-tac.ics?tuan=2026-W48&don-vi=khong-co", 404],
    ["/lich-cong-tac.ics?tuan=2026-W49&don-vi=thuong-truc-tinh-uy", 404],
    ["/lich-cong-tac.ics?tuan=2026-W48&don-vi=dang-uy-xa-phu-an", 404],
  ])("%s → %i page, never a 500", async (path, status) => {
    const res = await app.request(path);
    expect(res.status).toBe(status);
    expect(await res.text()).toContain(status === 400 ? "Yêu cầu không hợp lệ" : "Không tìm thấy trang");
  });

  it("the week as an iCalendar file that parses back: zone, one event per entry, times, escaping, folding", async () => {
    const res = await app.request("/lich-cong-tac.ics?tuan=2026-W48&don-vi=thuong-truc-tinh-uy");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="lich-cong-tac-thuong-truc-tinh-uy-2026-w48.ics"');
    const text = await res.text();
    expect(text).toContain("\r\n ");
    const [calendar] = parseIcs(text);
    expect(calendar!.name).toBe("VCALENDAR");
    const prop = (c: { props: { name: string; params: string; value: string }[] }, name: string) => c.props.find((p) => p.name === name);
    expect(prop(calendar!, "VERSION")!.value).toBe("2.0");
    expect(prop(calendar!, "PRODID")!.value).toBeTruthy();
    expect(prop(calendar!, "CALSCALE")!.value).toBe("GREGORIAN");
    expect(unescape(prop(calendar!, "X-WR-CALNAME")!.value)).toBe("Lịch công tác Thường trực Tỉnh ủy — tuần 48/2026 (23/11 – 29/11/2026)");
    const zone = calendar!.children.find((c) => c.name === "VTIMEZONE")!;
    expect(prop(zone, "TZID")!.value).toBe("Asia/Ho_Chi_Minh");
    expect(prop(zone.children[0]!, "TZOFFSETTO")!.value).toBe("+0700");

    const events = calendar!.children.filter((c) => c.name === "VEVENT");
    expect(events).toHaveLength(ENTRIES.length);
    const bySummary = new Map(events.map((e) => [unescape(prop(e, "SUMMARY")!.value), e]));
    const at = (summary: string, name: string) => {
      const p = prop(bySummary.get(summary)!, name)!;
      return `${p.params}:${p.value}`;
    };
    expect(at("Làm việc với Đảng ủy xã Ngọc Sơn", "DTSTART")).toBe("TZID=Asia/Ho_Chi_Minh:20261125T140000");
    expect(at("Làm việc với Đảng ủy xã Ngọc Sơn", "DTEND")).toBe("TZID=Asia/Ho_Chi_Minh:20261125T160000");
    expect(at("Làm việc tại cơ quan", "DTSTART")).toBe("TZID=Asia/Ho_Chi_Minh:20261123T073000");
    expect(at("Làm việc tại cơ quan", "DTEND")).toBe("TZID=Asia/Ho_Chi_Minh:20261123T113000");
    expect(at("Dự đêm giao lưu văn nghệ", "DTSTART")).toBe("TZID=Asia/Ho_Chi_Minh:20261126T190000");
    expect(at("Kiểm tra công tác phòng, chống thiên tai", "DTSTART")).toBe("VALUE=DATE:20261123");
    expect(at("Kiểm tra công tác phòng, chống thiên tai", "DTEND")).toBe("VALUE=DATE:20261124");
    expect(at("Trực ban", "DTEND")).toBe("TZID=Asia/Ho_Chi_Minh:20261129T013000"); // past midnight
    const long = bySummary.get(LONG)!;
    expect(prop(long, "SUMMARY")!.value).toContain("chi bộ\\, trong đó có nội dung\\; đánh giá");
    expect(unescape(prop(long, "LOCATION")!.value)).toBe("Hội trường Tỉnh ủy");
    expect(unescape(prop(long, "DESCRIPTION")!.value)).toBe("Buổi: Sáng, 08:00 ngày 24/11/2026\nThành phần: Ủy viên Ban Thường vụ; lãnh đạo các ban đảng");
    expect(unescape(prop(bySummary.get("Làm việc với Đảng ủy xã Ngọc Sơn")!, "DESCRIPTION")!.value)).toContain("Chủ trì: Đồng chí Phan Đình Khải, Bí thư Tỉnh ủy\nChuẩn bị: Đảng ủy xã Ngọc Sơn");
    expect(prop(long, "URL")!.value).toBe("http://localhost/lich-cong-tac?tuan=2026-W48&don-vi=thuong-truc-tinh-uy");
    for (const event of events) expect(prop(event, "DTSTAMP")!.value).toMatch(/^\d{8}T\d{6}Z$/);
    const uids = events.map((e) => prop(e, "UID")!.value);
    expect(new Set(uids).size).toBe(uids.length);
    (globalThis as { uids?: string[] }).uids = uids;
  });

  it("a changed published week is re-approved: 'Lịch điều chỉnh' with its time; event UIDs stay stable", async () => {
    const detail = (await json(await call("writer", "GET", `/api/schedules/${published.id}`))).body;
    const entries = [{ date: "2026-11-23", session: "sang", time: "07:00", content: "Giao ban đầu tuần" }, ...detail.entries];
    let item = (await json(await call("writer", "PATCH", `/api/schedules/${published.id}`, { version: detail.version, entries, week: "2026-W50" }))).body;
    expect(item).toMatchObject({ status: "draft", week: "2026-W48" });
    item = (await json(await call("writer", "POST", `/api/schedules/${item.id}/submit`, { version: item.version }))).body;
    item = (await json(await call("board", "POST", `/api/schedules/${item.id}/approve`, { version: item.version }))).body;
    const local = new Date(Date.parse(item.approvedAt) + 7 * 3600_000).toISOString();
    const expected = `Lịch điều chỉnh</strong> lúc <time datetime="${item.approvedAt}">${local.slice(11, 16)} ngày ${local.slice(8, 10)}/${local.slice(5, 7)}/${local.slice(0, 4)}</time>`;
    const html = clean(await (await app.request("/lich-cong-tac?tuan=2026-W48&don-vi=thuong-truc-tinh-uy")).text());
    expect(html).toContain(expected);
    expect(html).toContain("Giao ban đầu tuần");

    const [calendar] = parseIcs(await (await app.request("/lich-cong-tac.ics?tuan=2026-W48&don-vi=thuong-truc-tinh-uy")).text());
    const uids = calendar!.children.filter((c) => c.name === "VEVENT").map((e) => e.props.find((p) => p.name === "UID")!.value);
    expect(uids).toHaveLength(ENTRIES.length + 1);
    for (const uid of (globalThis as { uids?: string[] }).uids!) expect(uids).toContain(uid);
  });

  it("prints on A4 without the site's chrome: the print stylesheet is in the page's CSS", async () => {
    const html = await (await app.request("/lich-cong-tac?tuan=2026-W48")).text();
    const href = /<link rel="stylesheet" href="(\/assets\/[^"]+\.css)">/.exec(html)![1]!;
    const css = readFileSync(new URL(`../../dist/client${href}`, import.meta.url), "utf8").replace(/\s+/g, " ");
    expect(css).toMatch(/@page ?\{ ?size: ?A4; ?margin: ?15mm/);
    // Every `@media print { … }` block of the stylesheet (other pages add their own), braces balanced.
    const blocks: string[] = [];
    for (let at = css.indexOf("@media print"); at >= 0; at = css.indexOf("@media print", at + 1)) {
      let depth = 0;
      let end = css.indexOf("{", at);
      for (; end < css.length; end++) {
        if (css[end] === "{") depth++;
        else if (css[end] === "}" && --depth === 0) break;
      }
      blocks.push(css.slice(at, end + 1));
    }
    const print = blocks.find((block) => block.includes(".week-nav")) ?? "";
    for (const hidden of [".site-header", ".main-nav", ".sidebar", ".site-footer", ".week-nav", ".schedule-owners", ".schedule__actions"]) expect(print).toContain(hidden);
    expect(print).toMatch(/display: ?none ?!important/);
  });
});

describe("today's schedule on the home page", () => {
  it("shows today's entries of each body whose week is published, linking to the week; nothing from other days", async () => {
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh" }).format(new Date());
    const { weekOf } = await import("../../functions/core/shared/week");
    const week = weekOf(new Date(`${today}T12:00:00+07:00`));
    const other = today === week.monday ? week.sunday : week.monday;
    expect((await call("admin", "POST", "/api/schedule-owners", { name: "Huyện ủy Sông Mây", section: "kinh-te" })).status).toBe(201);
    await publishWeek("huyen-uy-song-may", week.id, [
      { date: today, session: "sang", time: "08:00", content: "Họp giao ban khối Đảng hôm nay" },
      { date: other, session: "chieu", content: "Buổi làm việc của một ngày khác" },
    ]);
    const html = clean(await (await app.request("/")).text());
    expect(html).toContain("Lịch công tác hôm nay");
    expect(html).toContain("Họp giao ban khối Đảng hôm nay");
    expect(html).not.toContain("Buổi làm việc của một ngày khác");
    expect(html).toContain(`/lich-cong-tac?tuan=${week.id}&don-vi=huyen-uy-song-may`);
  });
});
