import type { SessionUser } from "../core/users";

/**
 * Hono's typed context for every sub-app: `c.get("user")` is the signed-in account, set by the
 * session middleware for /api/* (undefined for guests).
 */
export interface AppEnv {
  Variables: {
    user?: SessionUser;
  };
}
