/**
 * `/api/settings` through the real app: staff read, admins save (guests 401, other staff 403 with
 * the server's message), every field validated with Vietnamese field messages, the version makes
 * a stale save a 409, each save is audited and invalidates every cached page; the reader's pages
 * show the saved name (after the shell's few seconds of cache: a fresh app here).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { RecordingInvalidator } from "../../functions/core/publishing/invalidation";
import { Settings } from "../../functions/core/site/settings";
import type { Store } from "../../functions/core/storage/store";
import { createApp } from "../../functions/http/app";
import { createUser, request, signIn } from "../support/auth";
import { seedSmallPortal } from "../support/fixtures";
import { createTestStore } from "../support/store";

let store: Store;
let app: ReturnType<typeof createApp>;
const invalidator = new RecordingInvalidator();
let asAdmin: string;
let asWriter: string;
let asChief: string;

const call = (cookie: string | undefined, method: string, path: string, body?: unknown, origin?: string | null) =>
  request(app, method, path, { cookie, body, origin });

const FORM = {
  name: "Cổng thông tin điện tử Tỉnh ủy Hòa Phong",
  shortName: "Tỉnh ủy Hòa Phong",
  address: "Số 1 đường Trần Hưng Đạo, thành phố Hòa Phong",
  phone: "(0290) 3 812 345",
  email: "banbientap@hoaphong.gov.vn",
  managingAgency: "Văn phòng Tỉnh ủy Hòa Phong",
  responsiblePerson: "Đồng chí Trần Văn Bình, Chánh Văn phòng Tỉnh ủy",
  licence: "Giấy phép số 12/GP-TTĐT ngày 05/3/2024 của Sở Thông tin và Truyền thông",
  footerText: "Ghi rõ nguồn khi phát hành lại thông tin từ Cổng.",
};

async function current() {
  const res = await call(asAdmin, "GET", "/api/settings");
  expect(res.status).toBe(200);
  return res.json();
}

beforeAll(async () => {
  store = await createTestStore();
  await seedSmallPortal(store);
  app = createApp({ store, invalidator });
  const [admin, writer, chief] = await Promise.all([
    createUser(store, "admin", [], "Nguyễn Văn Quản"),
    createUser(store, "writer", ["kinh-te"], "Lê Văn Viết"),
    createUser(store, "editor-in-chief", [], "Phạm Thị Tổng"),
  ]);
  asAdmin = await signIn(app, admin.email);
  asWriter = await signIn(app, writer.email);
  asChief = await signIn(app, chief.email);
}, 120_000);

describe("who may read and save the settings", () => {
  it("asks guests to sign in, lets staff read and only admins save", async () => {
    for (const method of ["GET", "PUT"]) {
      const guest = await call(undefined, method, "/api/settings", method === "PUT" ? { ...FORM, version: 1 } : undefined);
      expect(guest.status, method).toBe(401);
    }
    const read = await call(asWriter, "GET", "/api/settings");
    expect(read.status).toBe(200);
    const settings = await read.json();
    expect(typeof settings.version).toBe("number");
    expect(settings.name).toBeTruthy();
    for (const cookie of [asWriter, asChief]) {
      const res = await call(cookie, "PUT", "/api/settings", { ...FORM, version: settings.version });
      expect(res.status).toBe(403);
      expect((await res.json()).error.message).toBe("Chỉ quản trị viên được sửa cấu hình cổng thông tin.");
    }
    expect(invalidator.calls).toEqual([]);
  });

  it("refuses a save from another site (CSRF origin check)", async () => {
    const { version } = await current();
    const res = await call(asAdmin, "PUT", "/api/settings", { ...FORM, version }, "https://ke-gian.example");
    expect(res.status).toBe(403);
    expect((await current()).version).toBe(version);
  });
});

describe("saving", () => {
  it("checks every field and answers in Vietnamese, field by field", async () => {
    const { version } = await current();
    const res = await call(asAdmin, "PUT", "/api/settings", {
      ...FORM,
      version,
      name: "   ",
      shortName: "<b></b>",
      email: "khong-phai-thu",
      phone: "gọi cho tôi",
      footerText: "x".repeat(1001),
      managingAgency: 12,
    });
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.code).toBe("VALIDATION");
    expect(Object.keys(error.fields).sort()).toEqual(["email", "footerText", "managingAgency", "name", "phone", "shortName"]);
    expect(error.fields.email).toContain("Thư điện tử không hợp lệ");
    expect(error.fields.name).toBe("Tên cổng thông tin không được để trống.");
    expect(error.fields.footerText).toContain("không được dài quá 1.000 ký tự");
    const missing = await call(asAdmin, "PUT", "/api/settings", { ...FORM });
    expect(missing.status).toBe(400);
    expect((await missing.json()).error.fields.version).toBeTruthy();
    const junk = await call(asAdmin, "PUT", "/api/settings", "không phải JSON đối tượng");
    expect(junk.status).toBe(400);
    expect(invalidator.calls).toEqual([]);
  });

  it("saves trimmed plain text, bumps the version, audits and invalidates every page", async () => {
    const before = await current();
    const res = await call(asAdmin, "PUT", "/api/settings", {
      ...FORM,
      version: before.version,
      name: "  Cổng thông tin điện tử <script>alert(1)</script>Tỉnh ủy   Hòa Phong ",
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const saved = await res.json();
    expect(saved.name).toBe("Cổng thông tin điện tử Tỉnh ủy Hòa Phong");
    expect(saved.managingAgency).toBe(FORM.managingAgency);
    expect(saved.version).toBeGreaterThan(before.version);
    expect(saved.updatedBy.name).toBe("Nguyễn Văn Quản");
    expect(invalidator.calls.at(-1)).toEqual(["/*"]);
    expect(await Settings.get(store)).toEqual({ ...FORM, name: "Cổng thông tin điện tử Tỉnh ủy Hòa Phong" });

    const audit = await (await call(asAdmin, "GET", "/api/audit?item=settings")).json();
    expect(audit.items[0]).toMatchObject({ action: "settings.update", itemType: "settings", actor: { name: "Nguyễn Văn Quản" } });
    expect(audit.items[0].after.managingAgency).toBe(FORM.managingAgency);

    // The same form again changes nothing: same version, no invalidation.
    const calls = invalidator.calls.length;
    const again = await call(asAdmin, "PUT", "/api/settings", { ...FORM, version: saved.version });
    expect((await again.json()).version).toBe(saved.version);
    expect(invalidator.calls.length).toBe(calls);

    // Readers see it (a fresh app: the shell is cached per app for a few seconds).
    const page = await createApp({ store }).request("/");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(FORM.managingAgency);
  });

  it("refuses a save based on a stale version with a 409 and the current version", async () => {
    const { version } = await current();
    const first = await call(asAdmin, "PUT", "/api/settings", { ...FORM, version, phone: "0290 3 800 000" });
    expect(first.status).toBe(200);
    const stale = await call(asAdmin, "PUT", "/api/settings", { ...FORM, version, phone: "0290 3 900 000" });
    expect(stale.status).toBe(409);
    const { error } = await stale.json();
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toContain("người khác lưu");
    expect(error.currentVersion).toBe((await first.json()).version);
    expect((await current()).phone).toBe("0290 3 800 000");
  });

  it("keeps Settings.put (seed, tests) working alongside versioned saves", async () => {
    const { version } = await current();
    await Settings.put(store, { ...FORM, footerText: "Dòng chữ từ bản dựng dữ liệu mẫu." });
    const after = await current();
    expect(after.footerText).toBe("Dòng chữ từ bản dựng dữ liệu mẫu.");
    expect(after.version).toBe(version + 1);
    const stale = await call(asAdmin, "PUT", "/api/settings", { ...FORM, version });
    expect(stale.status).toBe(409);
  });
});
