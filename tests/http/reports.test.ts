import { beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../../functions/core/storage/store";
import type { User } from "../../functions/core/accounts/users";
import { createApp } from "../../functions/http/app";
import { createSections, createUser, request, signIn } from "../support/auth";
import { createTestStore } from "../support/store";

const PERIOD = "from=2019-05-01&to=2019-05-31";

describe("GET /api/reports/activity", () => {
  let store: Store;
  let app: ReturnType<typeof createApp>;
  let admin: User;
  let asAdmin: string;
  let asBoard: string;
  let asWriter: string;

  const get = (cookie: string | undefined, query: string, path = "/api/reports/activity") => request(app, "GET", `${path}?${query}`, { cookie });
  const report = async (query = PERIOD) => {
    const res = await get(asAdmin, query);
    expect(res.status, await res.clone().text()).toBe(200);
    return res.json();
  };
  const call = async (cookie: string, method: string, path: string, body?: unknown) => {
    const res = await request(app, method, path, { cookie, body });
    expect(res.status, await res.clone().text()).toBeLessThan(300);
    return res.json();
  };

  beforeAll(async () => {
    store = await createTestStore();
    await createSections(store);
    app = createApp({ store });
    admin = await createUser(store, "admin", [], "Nguyễn Văn Quản Trị");
    const board = await createUser(store, "section-editor", ["kinh-te"]);
    const writer = await createUser(store, "writer", ["kinh-te"]);
    asAdmin = await signIn(app, admin.email);
    asBoard = await signIn(app, board.email);
    asWriter = await signIn(app, writer.email);
  }, 60_000);

  it("is for the editorial board only: 401 for guests, 403 for writers, in Vietnamese", async () => {
    const guest = await get(undefined, PERIOD);
    expect(guest.status).toBe(401);
    expect(await guest.json()).toEqual({ error: { code: "UNAUTHENTICATED", message: expect.stringContaining("đăng nhập") } });
    const writer = await get(asWriter, PERIOD);
    expect(writer.status).toBe(403);
    expect((await writer.json()).error.message).toBe("Chỉ Ban Biên tập được xem báo cáo hoạt động.");
    expect((await get(asBoard, PERIOD)).status).toBe(200);
    expect((await get(undefined, "from=garbage")).status).toBe(401);
    expect((await get(asWriter, "from=garbage", "/api/reports/activity.csv")).status).toBe(403);
  });

  it("stays exact through publish, section move and unpublish done by the real editorial workflow", async () => {
    const create = (title: string) =>
      call(asAdmin, "POST", "/api/articles", { kind: "news", title, summary: "Tóm tắt.", body: "<p>Nội dung.</p>", section: "kinh-te", publishedAt: "2019-05-10T08:00:00+07:00" });
    let moved = await create("Tin lưu trữ sẽ chuyển mục");
    let removed = await create("Tin lưu trữ sẽ gỡ");
    moved = await call(asAdmin, "POST", `/api/articles/${moved.id}/approve`, { version: moved.version });
    removed = await call(asAdmin, "POST", `/api/articles/${removed.id}/approve`, { version: removed.version });
    expect((await report()).published).toMatchObject({
      total: 2,
      byKind: { news: 2, collected: 0 },
      bySection: [{ sectionId: "kinh-te", name: "Kinh tế", count: 2 }, { sectionId: "van-hoa", name: "Văn hóa", count: 0 }],
      byApprover: [{ approverId: admin.id, name: "Nguyễn Văn Quản Trị", count: 2 }],
    });

    moved = await call(asAdmin, "PATCH", `/api/articles/${moved.id}`, { version: moved.version, section: "van-hoa" });
    moved = await call(asAdmin, "POST", `/api/articles/${moved.id}/approve`, { version: moved.version });
    removed = await call(asAdmin, "POST", `/api/articles/${removed.id}/unpublish`, { version: removed.version });
    const after = await report();
    expect(after.published).toMatchObject({
      total: 1,
      bySection: [{ sectionId: "van-hoa", count: 1 }, { sectionId: "kinh-te", count: 0 }],
      byApprover: [{ approverId: admin.id, count: 1 }],
    });
    expect(after.sections.idleDays).toBe(30);
    expect(after.sections.idle).toEqual([{ sectionId: "van-hoa", name: "Văn hóa", lastPublishedAt: "2019-05-10T01:00:00.000Z" }]);
    expect(after.sections.empty).toEqual([{ sectionId: "kinh-te", name: "Kinh tế" }]);
    expect((await report("from=2019-06-01&to=2019-06-30")).published.total).toBe(0);
  });

  it("exports CSV at activity.csv and with format=csv", async () => {
    for (const path of ["/api/reports/activity.csv", "/api/reports/activity"]) {
      const res = await get(asAdmin, `${PERIOD}&format=csv`, path);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      expect(res.headers.get("content-disposition")).toBe('attachment; filename="bao-cao-hoat-dong-2019-05-01-2019-05-31.csv"');
      expect(res.headers.get("cache-control")).toBe("no-store");
      const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await res.arrayBuffer());
      expect(text.startsWith("\uFEFFNhóm,Mã,Tên,Giá trị\r\n")).toBe(true);
      expect(text).toContain("Từ ngày,,,2019-05-01\r\n");
    }
  });

  it.each([
    ["", "from", "Thiếu ngày bắt đầu."],
    ["from=2026-01-01", "to", "Thiếu ngày kết thúc."],
    ["from=01/01/2026&to=2026-01-31", "from", "Ngày bắt đầu không hợp lệ."],
    ["from=2026-02-29&to=2026-03-01", "from", "Ngày bắt đầu không hợp lệ."],
    ["from=2026-01-31&to=2026-01-01", "to", "Ngày bắt đầu phải trước hoặc trùng ngày kết thúc."],
    ["from=2000-01-01&to=2026-12-31", "to", "Khoảng thời gian báo cáo tối đa là 5 năm."],
    ["from=2026-01-01&to=2026-01-31&idleDays=-1", "idleDays", "Số ngày không có tin mới không hợp lệ."],
    ["from=2026-01-01&to=2026-01-31&format=xml", "format", "Định dạng báo cáo không hợp lệ."],
    ["from=<5,000 digits>&to=2026-01-31", "from", "Ngày bắt đầu không hợp lệ."],
    ["from=%E0%A4%A&to=2026-01-31", "from", "Ngày bắt đầu không hợp lệ."],
    ["from=2026-01-01%00&to=2026-01-31", "from", "Ngày bắt đầu không hợp lệ."],
  ])("answers ?%s with a Vietnamese 400 on %s", async (query, field, message) => {
    const res = await get(asAdmin, query.replace("<5,000 digits>", "9".repeat(5000)));
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error).toMatchObject({ code: "VALIDATION", message });
    expect(body.error.fields).toHaveProperty(field);
  });
});
