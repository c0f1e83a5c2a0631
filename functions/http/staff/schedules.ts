import { Hono } from "hono";
import { canManageSections, forbidden } from "../../core/accounts/permissions";
import type { SessionUser } from "../../core/accounts/users";
import { ScheduleOwnerAdmin } from "../../core/content/schedule-owners";
import { ScheduleOwners } from "../../core/reader/schedules";
import { readJson } from "../body";
import type { AppDeps } from "../deps";
import type { StaffEnv } from "./guard";

const actor = (user: SessionUser) => ({ id: user.id, name: user.name });

/**
 * `/api/schedule-owners` (mounted behind `requireStaff` in staff.ts): every staff member reads the
 * bodies whose weekly schedules they write; only admins add, rename or reorder them, like
 * sections (permissions.ts `canManageSections`).
 */
export function createScheduleOwnersApi(deps: AppDeps) {
  const api = new Hono<StaffEnv>();
  const adminOnly = (user: SessionUser) => {
    if (!canManageSections(user)) throw forbidden("Chỉ quản trị viên được quản lý danh sách đơn vị có lịch công tác.");
  };

  api.get("/", async (c) => c.json(await ScheduleOwners.list(deps.store)));

  api.post("/", async (c) => {
    adminOnly(c.get("staff"));
    return c.json(await ScheduleOwnerAdmin.create(deps.store, await readJson(c), actor(c.get("staff"))), 201);
  });

  api.patch("/:id", async (c) => {
    adminOnly(c.get("staff"));
    return c.json(await ScheduleOwnerAdmin.update(deps.store, c.req.param("id"), await readJson(c), actor(c.get("staff"))));
  });

  return api;
}
