import { Hono, type MiddlewareHandler } from "hono";
import { canManageNotices, forbidden } from "../../core/accounts/permissions";
import type { SessionUser } from "../../core/accounts/users";
import { Holidays } from "../../core/site/holidays";
import { NoticeAdmin } from "../../core/site/notice-admin";
import { readJson } from "../body";
import type { AppDeps } from "../deps";
import type { StaffEnv } from "./guard";

const actor = (user: SessionUser) => ({ id: user.id, name: user.name });

const adminOnly: MiddlewareHandler<StaffEnv> = async (c, next) => {
  if (!canManageNotices(c.get("staff"))) throw forbidden("Chỉ quản trị viên được thông báo tạm ngừng hoạt động và sửa danh sách ngày nghỉ.");
  await next();
};

/**
 * Outage notices (admins): `POST /api/notices`, `DELETE /api/notices/:id` (cancel), and the
 * holiday list the 7-working-day rule counts with, `GET`/`PUT /api/holidays`. `GET /api/notices`
 * is the reader's (public). Every page shows the notices' banner, so a change invalidates every
 * cached page; a failed invalidation is logged (the banner also hides itself after its end).
 * Mounted behind `requireStaff` for these methods only (staff.ts): the GET stays public.
 */
export function createNoticesApi(deps: AppDeps) {
  const api = new Hono<StaffEnv>();

  const everyPageChanged = async () => {
    try {
      await deps.invalidator?.invalidate(["/*"]);
    } catch (error) {
      console.error("Không làm mới được bộ nhớ đệm CDN:", error);
    }
  };

  api.post("/notices", adminOnly, async (c) => {
    const notice = await NoticeAdmin.create(deps.store, await readJson(c), actor(c.get("staff")));
    await everyPageChanged();
    return c.json(notice, 201);
  });

  api.delete("/notices/:id", adminOnly, async (c) => {
    await NoticeAdmin.cancel(deps.store, c.req.param("id"), actor(c.get("staff")));
    await everyPageChanged();
    return c.body(null, 204);
  });

  api.get("/holidays", adminOnly, async (c) => c.json(await Holidays.get(deps.store)));
  api.put("/holidays", adminOnly, async (c) => c.json(await NoticeAdmin.putHolidays(deps.store, await readJson(c), actor(c.get("staff")))));

  return api;
}
