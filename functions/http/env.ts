import type { SessionUser } from "../core/accounts/users";

/**
 * Hono's typed context for every sub-app: `c.get("user")` is the signed-in account, set by the
 * session middleware for /api/* (undefined for guests). Staff routes use StaffEnv
 * (staff/guard.ts) instead, where the account is always there.
 */
export interface AppEnv {
  Variables: {
    user?: SessionUser;
  };
}
