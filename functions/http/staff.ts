import { createAdminApi } from "./admin";
import { createArticlesApi } from "./articles";
import { createAuthApi } from "./auth";
import type { Surface } from "./frame";
import { createReportsApi } from "./reports";

/**
 * The staff surface: sign-in, the editorial workflow, accounts, sections, audit and reports.
 * Deployed as functions/staff.ts; the API Gateway routes that reach it are listed in
 * infra/Api.ts (STAFF_ROUTES) and must match the paths mounted here.
 */
export const staffSurface: Surface = (app, deps) => {
  app.route("/api/auth", createAuthApi(deps));
  app.route("/api/articles", createArticlesApi(deps));
  app.route("/api/reports", createReportsApi(deps));
  app.route("/api", createAdminApi(deps));
};
