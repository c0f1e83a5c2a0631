import type { MiddlewareHandler } from "hono";
import { requireUser } from "../../core/accounts/permissions";
import { AppError } from "../../core/shared/errors";
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

/** What an account with a one-time password may still do: see itself, sign out, set its password. */
const BEFORE_PASSWORD_CHANGE = new Set(["GET /api/auth/me", "POST /api/auth/logout", "POST /api/auth/password"]);

/**
 * Guests get the usual 401 JSON error; a signed-in account goes on as `staff`, unless it still
 * has a one-time password (users.ts `mustChangePassword`): then 403 but for BEFORE_PASSWORD_CHANGE.
 */
export const requireStaff: MiddlewareHandler<StaffEnv> = async (c, next) => {
  const staff = requireUser(c.get("user"));
  if (staff.mustChangePassword && !BEFORE_PASSWORD_CHANGE.has(`${c.req.method} ${c.req.path}`))
    throw new AppError("FORBIDDEN", "Hãy đổi mật khẩu trước khi tiếp tục.", undefined, { mustChangePassword: true });
  c.set("staff", staff);
  await next();
};
