import type { MiddlewareHandler } from "hono";
import { requireUser } from "../../core/accounts/permissions";
import type { SessionUser } from "../../core/accounts/users";

/**
 * Hono's typed context of the staff routes: `c.get("staff")` is the signed-in account, set by
 * `requireStaff` before any staff handler runs (staff.ts decides which paths it guards).
 */
export interface StaffEnv {
  Variables: {
    user?: SessionUser;
    staff: SessionUser;
  };
}

/** Guests get the usual 401 JSON error; a signed-in account goes on as `staff`. */
export const requireStaff: MiddlewareHandler<StaffEnv> = async (c, next) => {
  c.set("staff", requireUser(c.get("user")));
  await next();
};
