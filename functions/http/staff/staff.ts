import { CONTENT_KINDS } from "../../core/content";
import type { Surface } from "../frame";
import { createAdminApi } from "./admin";
import { createAuthApi } from "./auth";
import { createBannersApi } from "./banners";
import { createConsultationCommentsApi } from "./consultations";
import { createContentApi } from "./content";
import { createDashboardPages } from "./dashboard";
import { createDocumentTypesApi } from "./documents";
import { createFeaturedApi } from "./featured";
import { requireStaff } from "./guard";
import { createMediaApi } from "./media";
import { createCommentModerationApi, createRatingsApi, createReaderCommentsApi, READER_COMMENT_KINDS } from "./participation";
import { createNoticesApi } from "./notices";
import { createReportsApi } from "./reports";
import { createScheduleOwnersApi } from "./schedules";
import { createSettingsApi } from "./settings";

/**
 * The staff surface: sign-in, the editorial workflow of every content kind (`/api/<kind>`),
 * accounts, sections, audit and reports.
 * Deployed as functions/staff.ts; the API Gateway routes that reach it are listed in
 * infra/Api.ts (STAFF_ROUTES) and must match the paths mounted here. It imports nothing of the
 * reader's pages, feeds or search (tests/http/bundles.test.ts).
 */
export const staffSurface: Surface = {
  mount(app, deps) {
    // Every staff route needs a signed-in account but signing in and out. Guarded path by path,
    // not as "/api/*": the rest of /api (GET /api/sections among them) is the reader's.
    app.use("/api/auth/me", requireStaff);
    app.use("/api/auth/password", requireStaff);
    app.use("/api/reports/*", requireStaff);
    app.use("/api/users/*", requireStaff);
    app.use("/api/audit", requireStaff);
    app.on(["POST", "PATCH"], ["/api/sections", "/api/sections/*"], requireStaff);

    app.route("/api/auth", createAuthApi(deps));
    // Public comments on drafts (no account) and the board's comment routes, which guard themselves.
    app.route("/api/consultations", createConsultationCommentsApi(deps));
    // Readers' comments (public POSTs, before the kinds' guard), their moderation and ratings.
    for (const kind of READER_COMMENT_KINDS) app.route(`/api/${kind}`, createReaderCommentsApi(deps, kind));
    app.route("/api/comments", createCommentModerationApi(deps));
    app.route("/api/ratings", createRatingsApi(deps));
    for (const kind of CONTENT_KINDS) {
      app.use(`/api/${kind.name}/*`, requireStaff);
      app.route(`/api/${kind.name}`, createContentApi(deps, kind));
    }
    app.use("/api/featured", requireStaff);
    app.route("/api/featured", createFeaturedApi(deps));
    app.route("/api/reports", createReportsApi(deps));
    app.use("/api/uploads", requireStaff);
    app.use("/api/uploads/*", requireStaff);
    app.use("/api/media", requireStaff);
    app.use("/api/media/*", requireStaff);
    app.route("/api", createMediaApi(deps));
    app.use("/api/document-types", requireStaff);
    app.use("/api/document-types/*", requireStaff);
    app.route("/api/document-types", createDocumentTypesApi(deps));
    app.use("/api/schedule-owners", requireStaff);
    app.use("/api/schedule-owners/*", requireStaff);
    app.route("/api/schedule-owners", createScheduleOwnersApi(deps));
    app.use("/api/banners", requireStaff);
    app.use("/api/banners/*", requireStaff);
    app.route("/api/banners", createBannersApi(deps));
    app.use("/api/settings", requireStaff);
    app.route("/api/settings", createSettingsApi(deps));
    // Outage notices: POST and DELETE (admins); GET /api/notices is the reader's, public.
    app.on(["POST", "DELETE"], ["/api/notices", "/api/notices/*"], requireStaff);
    app.use("/api/holidays", requireStaff);
    app.route("/api", createNoticesApi(deps));
    app.route("/api", createAdminApi(deps));
    // The editors' dashboard: its app shell at /quan-tri and /quan-tri/* (no session needed: it signs in).
    app.route("/", createDashboardPages());
  },
};
