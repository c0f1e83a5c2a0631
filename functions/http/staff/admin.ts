import { Hono, type MiddlewareHandler } from "hono";
import { z } from "zod";
import { Audit } from "../../core/publishing/audit";
import { AppError, invalid } from "../../core/shared/errors";
import { canManageAccounts, canManageSections, canReadAudit, forbidden } from "../../core/accounts/permissions";
import { SectionAdmin } from "../../core/sections/section-admin";
import { Sections } from "../../core/sections/sections";
import type { SessionUser } from "../../core/accounts/users";
import { ROLES, Users } from "../../core/accounts/users";
import { parse, text } from "../../core/shared/validation";
import type { AppDeps } from "../deps";
import { readJson } from "../body";
import type { StaffEnv } from "./guard";

const sectionList = z.array(z.string().max(130), { error: "Danh sách chuyên mục không hợp lệ." }).max(100);
const role = z.enum(ROLES, { error: "Vai trò phải là admin, editor-in-chief, section-editor hoặc writer." });

const createUserSchema = z.object({
  email: text("Thư điện tử", 254),
  password: z.string({ error: "Hãy nhập mật khẩu." }),
  name: text("Họ và tên", 120),
  role,
  sections: sectionList.optional(),
});
const updateUserSchema = z.object({
  name: text("Họ và tên", 120).optional(),
  role: role.optional(),
  sections: sectionList.optional(),
  active: z.boolean({ error: "active phải là true hoặc false." }).optional(),
  version: z.number().int().min(1).optional(),
});

/** Lets the signed-in account through when `may` allows it (the rules are in permissions.ts). */
const only = (may: (user: SessionUser) => boolean): MiddlewareHandler<StaffEnv> => async (c, next) => {
  if (!may(c.get("staff"))) throw forbidden("Chỉ quản trị viên được quản lý tài khoản, chuyên mục và nhật ký.");
  await next();
};

/** Section ids or slugs from a request → section ids, all of which must exist. */
async function resolveSections(deps: AppDeps, refs: string[] | undefined): Promise<string[] | undefined> {
  if (refs === undefined) return undefined;
  const all = await Sections.list(deps.store);
  return refs.map((ref) => {
    const section = all.find((s) => s.id === ref || s.slug === ref);
    if (!section) throw invalid(`Chuyên mục "${ref}" không tồn tại.`, { sections: `Không có chuyên mục "${ref}".` });
    return section.id;
  });
}

const actor = (user: SessionUser) => ({ id: user.id, name: user.name });

/** Accounts, sections and the audit trail: admin only, checked by path before any handler. */
export function createAdminApi(deps: AppDeps) {
  const admin = new Hono<StaffEnv>();
  admin.use("/users/*", only(canManageAccounts));
  admin.on(["POST", "PATCH"], ["/sections", "/sections/*"], only(canManageSections));
  admin.use("/audit", only(canReadAudit));

  admin.get("/users", async (c) => c.json({ items: await Users.list(deps.store) }));

  admin.post("/users", async (c) => {
    const data = parse(createUserSchema, await readJson(c));
    const user = await Users.create(deps.store, { ...data, sections: await resolveSections(deps, data.sections) }, actor(c.get("staff")));
    return c.json(user, 201);
  });

  admin.get("/users/:id", async (c) => c.json(await Users.get(deps.store, c.req.param("id"))));

  admin.patch("/users/:id", async (c) => {
    const data = parse(updateUserSchema, await readJson(c));
    const user = await Users.update(deps.store, c.req.param("id"), { ...data, sections: await resolveSections(deps, data.sections) }, actor(c.get("staff")));
    return c.json(user);
  });

  admin.post("/users/:id/password", async (c) => {
    const { password } = parse(z.object({ password: z.string({ error: "Hãy nhập mật khẩu mới." }) }), await readJson(c));
    await Users.setPassword(deps.store, c.req.param("id"), password, actor(c.get("staff")));
    return c.json({ ok: true });
  });

  admin.post("/sections", async (c) => c.json(await SectionAdmin.create(deps.store, await readJson(c), actor(c.get("staff"))), 201));

  admin.patch("/sections/:id", async (c) =>
    c.json(await SectionAdmin.update(deps.store, c.req.param("id"), await readJson(c), actor(c.get("staff")))),
  );

  /** `?item=<id>` for one item's events, `?day=YYYY-MM-DD` for a day's; `cursor` pages. */
  admin.get("/audit", async (c) => {
    const { item, day, cursor } = c.req.query();
    if (item && /^[\w-]{1,64}$/.test(item)) return c.json(await Audit.byItem(deps.store, item, { cursor }));
    if (day && /^\d{4}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(Date.parse(day))) return c.json(await Audit.byDay(deps.store, day, { cursor }));
    throw new AppError("VALIDATION", "Hãy cho biết mục (item) hoặc ngày (day, dạng YYYY-MM-DD) cần xem nhật ký.", {
      item: "Mã mục hợp lệ.",
      day: "Dạng YYYY-MM-DD.",
    });
  });

  return admin;
}
