import type { Surface } from "../frame";
import { createApi } from "./api";
import { createConsultationsPages } from "./consultations";
import { createDocumentsPages } from "./documents";
import { createKindFeeds } from "./feeds";
import { createSchedulesPages } from "./schedules";
import { createVideosPages } from "./videos";
import { createGalleriesPages } from "./galleries";
import { createOpenData } from "./open-data";
import { createPages, sendErrorPage } from "./pages";
import { createDutiesPages } from "./duties";
import { createPreview } from "./preview";

/**
 * The reader surface: public pages and the public API (health, sections, beacons, visitor
 * stats). Deployed as functions/api.ts behind every path the staff function does not own; it
 * must stay light (docs/architecture.md, "Budgets"), so nothing here imports the editor's validation,
 * sanitizing or diffing libraries.
 */
export const readerSurface: Surface = {
  mount(app, deps) {
    app.route("/api", createApi(deps));
    app.route("/api", createPreview(deps)); // the editors' preview of a draft: /api/preview/articles/:id
    app.route("/", createKindFeeds(deps));
    app.route("/", createDocumentsPages(deps));
    app.route("/", createSchedulesPages(deps));
    app.route("/", createConsultationsPages(deps));
    app.route("/", createVideosPages(deps));
    app.route("/", createGalleriesPages(deps));
    app.route("/", createOpenData(deps)); // open data: /api/public/*, /api/openapi.json, /du-lieu-mo
    app.route("/", createDutiesPages(deps)); // public duties: /api/notices, /thong-bao, /so-do-cong, /tiep-can, /thong-ke
    app.route("/", createPages(deps));
  },
  errorPage: sendErrorPage,
};
