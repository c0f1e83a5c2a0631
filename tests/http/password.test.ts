/**
 * The signed-in user's own password change (`POST /api/auth/password`): the current password is
 * checked through the login throttle, the new one follows the creation policy, the other
 * sessions end while this one stays, and the change is audited.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { User } from "../../functions/core/accounts/users";
import { Audit } from "../../functions/core/publishing/audit";
import type { Store } from "../../functions/core/storage/store";
import { createApp } from "../../functions/http/app";
import { createSections, createUser, PASSWORD, request, signIn } from "../support/auth";
import { createTestStore } from "../support/store";

const NEW_PASSWORD = "mat-khau-moi-cua-hoa-phong";

describe("password change", () => {
  let store: Store;
  let app: ReturnType<typeof createApp>;
  let writer: User;

  beforeAll(async () => {
    store = await createTestStore();
    await createSections(store);
    writer = await createUser(store, "writer", ["kinh-te"], "Lê Văn Viết");
    app = createApp({ store, clientAddress: (c) => c.req.header("x-test-client") });
  });

  it("asks for a session", async () => {
    const res = await request(app, "POST", "/api/auth/password", { body: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD } });
    expect(res.status).toBe(401);
  });

  it("refuses malformed bodies, a short or unchanged new password, with Vietnamese field messages", async () => {
    const cookie = await signIn(app, writer.email);
    const cases: [unknown, string][] = [
      [{}, "currentPassword"],
      [{ currentPassword: PASSWORD }, "newPassword"],
      [{ currentPassword: PASSWORD, newPassword: 42 }, "newPassword"],
      [{ currentPassword: PASSWORD, newPassword: "ngan-qua" }, "newPassword"],
      [{ currentPassword: PASSWORD, newPassword: PASSWORD }, "newPassword"],
    ];
    for (const [body, field] of cases) {
      const res = await request(app, "POST", "/api/auth/password", { body, cookie });
      expect(res.status, JSON.stringify(body)).toBe(400);
      const error = (await res.json()).error;
      expect(error.code).toBe("VALIDATION");
      expect(error.fields[field], JSON.stringify(body)).toBeTruthy();
      expect(error.message).toMatch(/[ạảãáàâấầẩẫậăắằẳẵặđêếềểễệôốồổỗộơớờởỡợưứừửữựíìỉĩịúùủũụéèẻẽẹóòỏõọ]/);
    }
    const notJson = await app.request("/api/auth/password", {
      method: "POST",
      headers: { Origin: "http://localhost", Cookie: cookie, "Content-Type": "application/json" },
      body: "{không phải json",
    });
    expect(notJson.status).toBe(400);
  }, 120_000);

  it("refuses a wrong current password, counted by the login throttle", async () => {
    const cookie = await signIn(app, writer.email);
    const headers = { "x-test-client": "203.0.113.77" };
    let last: Response | undefined;
    for (let i = 0; i < 6; i++) {
      last = await app.request("/api/auth/password", {
        method: "POST",
        headers: { Origin: "http://localhost", Cookie: cookie, "Content-Type": "application/json", ...headers },
        body: JSON.stringify({ currentPassword: `sai-mat-khau-${i}`, newPassword: NEW_PASSWORD }),
      });
      if (i < 5) {
        expect(last.status).toBe(400);
        expect((await last.json()).error.fields.currentPassword).toBe("Mật khẩu hiện tại không đúng.");
      }
    }
    // The sixth guess from this client is refused before any check, as the sign-in form would be.
    expect(last!.status).toBe(429);
    expect(last!.headers.get("retry-after")).toMatch(/^\d+$/);
    // The password did not change.
    expect(await signIn(app, writer.email)).toMatch(/^portal_session=/);
  }, 120_000);

  it("changes the password, keeps this session, ends the others and audits it", async () => {
    const user = await createUser(store, "section-editor", ["kinh-te"], "Trần Thị Duyệt");
    const kept = await signIn(app, user.email);
    const other = await signIn(app, user.email);
    const res = await request(app, "POST", "/api/auth/password", { body: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD }, cookie: kept });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });

    expect((await request(app, "GET", "/api/auth/me", { cookie: kept })).status).toBe(200);
    expect((await request(app, "GET", "/api/auth/me", { cookie: other })).status).toBe(401);
    const oldLogin = await request(app, "POST", "/api/auth/login", { body: { email: user.email, password: PASSWORD } });
    expect(oldLogin.status).toBe(401);
    expect(await signIn(app, user.email, NEW_PASSWORD)).toMatch(/^portal_session=/);

    const events = await Audit.byItem(store, user.id);
    const change = events.items.find((event) => event.action === "user.password-change");
    expect(change?.actor).toEqual({ id: user.id, name: "Trần Thị Duyệt" });
    expect(JSON.stringify(change)).not.toContain(NEW_PASSWORD);
  }, 120_000);
});
