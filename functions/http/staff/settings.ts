import { Hono } from "hono";
import { canManageSettings, forbidden } from "../../core/accounts/permissions";
import type { SessionUser } from "../../core/accounts/users";
import { Settings } from "../../core/site/settings";
import { SettingsAdmin } from "../../core/site/settings-admin";
import { readJson } from "../body";
import type { AppDeps } from "../deps";
import type { StaffEnv } from "./guard";

const actor = (user: SessionUser) => ({ id: user.id, name: user.name });

/**
 * `/api/settings` (mounted behind `requireStaff` in staff.ts): every staff member reads the site
 * settings with their version; only admins save them (permissions.ts `canManageSettings`). The
 * header and footer of every page show them, so a save invalidates every cached page (one
 * wildcard path, as banners do); a failed invalidation is logged, never reported: the change is
 * committed, pages age out of the CDN by s-maxage, and the reader's shell re-reads the settings
 * within seconds (functions/http/reader/shell.ts).
 */
export function createSettingsApi(deps: AppDeps) {
  const api = new Hono<StaffEnv>();

  api.get("/", async (c) => c.json(await Settings.getVersioned(deps.store)));

  api.put("/", async (c) => {
    const user = c.get("staff");
    if (!canManageSettings(user)) throw forbidden("Chỉ quản trị viên được sửa cấu hình cổng thông tin.");
    const body = await readJson(c);
    const saved = await SettingsAdmin.put(deps.store, body, actor(user));
    // A save that changes nothing keeps the version it was sent with: nothing for readers to see.
    if (saved.version !== (body as { version?: unknown }).version) {
      try {
        await deps.invalidator?.invalidate(["/*"]);
      } catch (error) {
        console.error("Không làm mới được bộ nhớ đệm CDN:", error);
      }
    }
    return c.json(saved);
  });

  return api;
}
