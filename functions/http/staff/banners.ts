import { Hono, type MiddlewareHandler } from "hono";
import { canManageBanners, forbidden } from "../../core/accounts/permissions";
import type { SessionUser } from "../../core/accounts/users";
import { BannerAdmin } from "../../core/site/banner-admin";
import { Banners } from "../../core/site/banners";
import { invalid, notFound } from "../../core/shared/errors";
import { readJson } from "../body";
import type { AppDeps } from "../deps";
import type { StaffEnv } from "./guard";

const actor = (user: SessionUser) => ({ id: user.id, name: user.name });

const adminOnly: MiddlewareHandler<StaffEnv> = async (c, next) => {
  if (!canManageBanners(c.get("staff"))) throw forbidden("Chỉ quản trị viên được quản lý ảnh liên kết.");
  await next();
};

/**
 * `/api/banners` (mounted behind `requireStaff` in staff.ts): the linked banners of the sidebar,
 * admins only (permissions.ts `canManageBanners`). Every page shows the sidebar, so a change
 * invalidates every cached page (one wildcard path); a failed invalidation is logged, never
 * reported: the change is committed and pages age out of the CDN by s-maxage.
 */
export function createBannersApi(deps: AppDeps) {
  const api = new Hono<StaffEnv>();
  api.use("*", adminOnly);

  const everyPageChanged = async () => {
    try {
      await deps.invalidator?.invalidate(["/*"]);
    } catch (error) {
      console.error("Không làm mới được bộ nhớ đệm CDN:", error);
    }
  };

  api.get("/", async (c) => c.json({ items: await Banners.all(deps.store) }));

  api.post("/", async (c) => {
    const banner = await BannerAdmin.create(deps.store, await readJson(c), actor(c.get("staff")));
    await everyPageChanged();
    return c.json(banner, 201);
  });

  api.get("/:id", async (c) => {
    const banner = await Banners.get(deps.store, c.req.param("id"));
    if (!banner) throw notFound("Không tìm thấy ảnh liên kết.");
    return c.json(banner);
  });

  api.patch("/:id", async (c) => {
    const body = await readJson(c);
    const banner = await BannerAdmin.update(deps.store, c.req.param("id"), body, actor(c.get("staff")));
    // A patch that changes nothing keeps the version it was sent with: nothing for readers to see.
    if (banner.version !== (body as { version?: unknown }).version) await everyPageChanged();
    return c.json(banner);
  });

  api.delete("/:id", async (c) => {
    const raw = c.req.query("version");
    if (raw !== undefined && !/^[1-9]\d{0,8}$/.test(raw)) throw invalid("Phiên bản không hợp lệ.", { version: "Phải là số nguyên dương." });
    await BannerAdmin.remove(deps.store, c.req.param("id"), actor(c.get("staff")), { version: raw === undefined ? undefined : Number(raw) });
    await everyPageChanged();
    return c.body(null, 204);
  });

  return api;
}
