/**
 * `npm run admin` (scripts/admin-cli.ts) against DynamoDB Local through the CLI's own function,
 * then the one-time password through the real routes: the login answer says it must be changed,
 * the staff API refuses everything but me, logout and the password change until it is.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { Users } from "../../functions/core/accounts/users";
import type { Store } from "../../functions/core/storage/store";
import { createApp } from "../../functions/http/app";
import { runAdminCli } from "../../scripts/admin-cli";
import { request } from "../support/auth";
import { createTestStore } from "../support/store";

const EMAIL = "quantri@hoaphong.example.vn";
const NEW_PASSWORD = "Hoa-Phong-moi-2026";

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { log: (line: string) => out.push(line), error: (line: string) => err.push(line) }, out, err };
}

// Each sign-in and password change hashes with scrypt (128 MiB, about a second on an idle core).
describe("npm run admin", { timeout: 180_000 }, () => {
  let store: Store;
  let app: ReturnType<typeof createApp>;
  const cli = (...args: string[]) => {
    const { io, out, err } = capture();
    return runAdminCli(["--stage", "test", "--table", store.table, "--endpoint", inject("dynamodbEndpoint"), ...args], {}, io).then((code) => ({ code, out, err }));
  };
  const passwordIn = (lines: string[]) => lines.join("\n").match(/Mật khẩu dùng một lần \(chỉ hiện lần này\): (\S+)/)?.[1];
  let oneTime: string;

  beforeAll(async () => {
    store = await createTestStore();
    app = createApp({ store, clientAddress: (c) => c.req.header("x-test-client") });
  });

  it("refuses a call without stage or e-mail, with the usage", async () => {
    const { io, err } = capture();
    expect(await runAdminCli(["--email", EMAIL], {}, io)).toBe(2);
    expect(err.join("\n")).toContain("Cách dùng: npm run admin -- --stage");
    expect(await runAdminCli(["--stage", "prod", "--email", EMAIL, "--bogus"], {}, io)).toBe(2);
  });

  it("creates the first admin with a printed one-time password, flagged to be changed", async () => {
    const { code, out, err } = await cli("--email", EMAIL, "--name", "Nguyễn Văn Quản");
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(out[0]).toBe(`Đã tạo tài khoản quản trị của giai đoạn "test": ${EMAIL}`);
    oneTime = passwordIn(out)!;
    expect(oneTime).toMatch(/^[A-Za-z2-9]{20}$/);
    const stored = await Users.getStoredByEmail(store, EMAIL);
    expect(stored).toMatchObject({ role: "admin", name: "Nguyễn Văn Quản", active: true, mustChangePassword: true });
  });

  it("refuses a second first admin", async () => {
    const { code, err } = await cli("--email", "nguoikhac@hoaphong.example.vn");
    expect(code).toBe(1);
    expect(err[0]).toMatch(/^Giai đoạn này đã có tài khoản quản trị\./);
    expect(await Users.getStoredByEmail(store, "nguoikhac@hoaphong.example.vn")).toBeUndefined();
  });

  it("says where the table comes from when it cannot find it", async () => {
    const { io, err } = capture();
    expect(await runAdminCli(["--stage", "test", "--email", EMAIL, "--endpoint", inject("dynamodbEndpoint")], {}, io)).toBe(1);
    expect(err[0]).toContain("--table");
  });

  it("signs in with the one-time password, then only me, logout and the password change answer", async () => {
    const login = await request(app, "POST", "/api/auth/login", { body: { email: EMAIL, password: oneTime } });
    expect(login.status).toBe(200);
    const body = await login.json();
    expect(body.mustChangePassword).toBe(true);
    const cookie = login.headers.get("set-cookie")!.split(";")[0]!;

    const me = await request(app, "GET", "/api/auth/me", { cookie });
    expect(me.status).toBe(200);
    expect((await me.json()).user.mustChangePassword).toBe(true);
    for (const [method, path] of [
      ["GET", "/api/users"],
      ["GET", "/api/articles"],
      ["GET", "/api/audit"],
    ] as const) {
      const res = await request(app, method, path, { cookie });
      expect(res.status, path).toBe(403);
      expect((await res.json()).error).toMatchObject({ code: "FORBIDDEN", message: "Hãy đổi mật khẩu trước khi tiếp tục.", mustChangePassword: true });
    }

    const change = await request(app, "POST", "/api/auth/password", { cookie, body: { currentPassword: oneTime, newPassword: NEW_PASSWORD } });
    expect(change.status).toBe(200);
    expect((await Users.getStoredByEmail(store, EMAIL))!.mustChangePassword).toBeUndefined();
    // The same session goes on, now with the whole staff API.
    expect((await request(app, "GET", "/api/users", { cookie })).status).toBe(200);
    const again = await request(app, "POST", "/api/auth/login", { body: { email: EMAIL, password: NEW_PASSWORD } });
    expect(await again.json()).not.toHaveProperty("mustChangePassword");
  });

  it("--reset gives an existing account a new one-time password and ends its sessions", async () => {
    const login = await request(app, "POST", "/api/auth/login", { body: { email: EMAIL, password: NEW_PASSWORD } });
    const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
    const { code, out } = await cli("--email", EMAIL, "--reset");
    expect(code).toBe(0);
    expect(out[0]).toContain("Đã đặt lại mật khẩu");
    expect((await request(app, "GET", "/api/auth/me", { cookie })).status).toBe(401);
    const fresh = await request(app, "POST", "/api/auth/login", { body: { email: EMAIL, password: passwordIn(out)! } });
    expect(fresh.status).toBe(200);
    expect((await fresh.json()).mustChangePassword).toBe(true);
    const { code: missing, err } = await cli("--email", "khongco@hoaphong.example.vn", "--reset");
    expect(missing).toBe(1);
    expect(err[0]).toBe("Không có tài khoản nào với địa chỉ khongco@hoaphong.example.vn.");
  });
});
