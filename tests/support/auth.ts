import type { Hono } from "hono";
import { SectionAdmin } from "../../functions/core/sections/section-admin";
import type { Store } from "../../functions/core/storage/store";
import { Users, type Role, type User } from "../../functions/core/accounts/users";

export const ORIGIN = "http://localhost";
export const PASSWORD = "mat-khau-du-dai-123";

/** A JSON request as the dashboard sends it: same-origin, with the session cookie when given. */
export function request(app: Hono<any>, method: string, path: string, options: { body?: unknown; cookie?: string; origin?: string | null } = {}) {
  const headers: Record<string, string> = {};
  if (options.origin !== null) headers.Origin = options.origin ?? ORIGIN;
  if (options.cookie) headers.Cookie = options.cookie;
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  return app.request(path, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
}

/** Signs in through the real login route and returns the cookie header to send back. */
export async function signIn(app: Hono<any>, email: string, password = PASSWORD): Promise<string> {
  const res = await request(app, "POST", "/api/auth/login", { body: { email, password } });
  if (res.status !== 200) throw new Error(`login of ${email} failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get("set-cookie")!;
  return cookie.split(";")[0]!;
}

export async function createUser(store: Store, role: Role, sections: string[] = [], name = `Người dùng ${role}`): Promise<User> {
  return Users.create(store, { email: `${role}-${Math.random().toString(36).slice(2, 8)}@hoaphong.example.vn`, password: PASSWORD, name, role, sections });
}

export async function createSections(store: Store) {
  await SectionAdmin.create(store, { slug: "kinh-te", name: "Kinh tế", description: "", order: 1 });
  await SectionAdmin.create(store, { slug: "van-hoa", name: "Văn hóa", description: "", order: 2 });
}
