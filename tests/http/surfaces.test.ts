/**
 * On AWS the reader and staff surfaces are two functions, and API Gateway sends STAFF_ROUTES to
 * the staff one. A path served by the wrong function would be a 404 in production only: check
 * that every staff route is served by the staff surface and by nothing in the reader's.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { STAFF_ROUTES } from "../../infra/Api";
import { CONTENT_KINDS } from "../../functions/core/content";
import type { Store } from "../../functions/core/storage/store";
import { createFrame } from "../../functions/http/frame";
import { readerSurface } from "../../functions/http/reader/reader";
import { staffSurface } from "../../functions/http/staff/staff";
import { request } from "../support/auth";
import { createTestStore } from "../support/store";

const SAMPLES: Record<(typeof STAFF_ROUTES)[number], [string, string]> = {
  "ANY /api/auth/{proxy+}": ["GET", "/api/auth/me"],
  "ANY /api/articles": ["GET", "/api/articles"],
  "ANY /api/articles/{proxy+}": ["GET", "/api/articles/abc"],
  "ANY /api/documents": ["GET", "/api/documents"],
  "ANY /api/documents/{proxy+}": ["GET", "/api/documents/abc"],
  "ANY /api/schedules": ["GET", "/api/schedules"],
  "ANY /api/schedules/{proxy+}": ["GET", "/api/schedules/abc"],
  "ANY /api/consultations": ["GET", "/api/consultations"],
  "ANY /api/consultations/{proxy+}": ["GET", "/api/consultations/abc/comments"],
  "ANY /api/videos": ["GET", "/api/videos"],
  "ANY /api/videos/{proxy+}": ["GET", "/api/videos/abc"],
  "ANY /api/galleries": ["GET", "/api/galleries"],
  "ANY /api/galleries/{proxy+}": ["GET", "/api/galleries/abc"],
  "ANY /api/document-types": ["PUT", "/api/document-types"],
  "ANY /api/document-types/{proxy+}": ["PATCH", "/api/document-types/abc"],
  "ANY /api/schedule-owners": ["POST", "/api/schedule-owners"],
  "ANY /api/schedule-owners/{proxy+}": ["PATCH", "/api/schedule-owners/abc"],
  "ANY /api/uploads": ["POST", "/api/uploads"],
  "ANY /api/uploads/{proxy+}": ["POST", "/api/uploads/abc/complete"],
  "ANY /api/media": ["GET", "/api/media"],
  "ANY /api/media/{proxy+}": ["GET", "/api/media/abc"],
  "ANY /api/featured": ["PUT", "/api/featured"],
  "ANY /api/banners": ["GET", "/api/banners"],
  "ANY /api/banners/{proxy+}": ["PATCH", "/api/banners/abc"],
  "ANY /api/settings": ["PUT", "/api/settings"],
  "ANY /api/comments": ["GET", "/api/comments"],
  "ANY /api/comments/{proxy+}": ["POST", "/api/comments/abc/approve"],
  "ANY /api/ratings": ["GET", "/api/ratings?kind=articles&id=abc"],
  "POST /api/notices": ["POST", "/api/notices"],
  "DELETE /api/notices/{proxy+}": ["DELETE", "/api/notices/abc"],
  "ANY /api/holidays": ["PUT", "/api/holidays"],
  "ANY /api/users": ["GET", "/api/users"],
  "ANY /api/users/{proxy+}": ["GET", "/api/users/abc"],
  "POST /api/sections": ["POST", "/api/sections"],
  "PATCH /api/sections/{proxy+}": ["PATCH", "/api/sections/kinh-te"],
  "GET /api/audit": ["GET", "/api/audit"],
  "GET /api/reports/{proxy+}": ["GET", "/api/reports/activity"],
  "GET /quan-tri": ["GET", "/quan-tri"],
  "GET /quan-tri/{proxy+}": ["GET", "/quan-tri/thu-vien"],
};
/** The dashboard's app shell: served to guests too (the app signs in), so not a 401. */
const isDashboard = (route: string) => route.startsWith("GET /quan-tri");

describe("reader and staff surfaces", () => {
  let store: Store;
  beforeAll(async () => {
    store = await createTestStore();
  });

  it.each(STAFF_ROUTES.filter((route) => !isDashboard(route)).map((route) => [route, ...SAMPLES[route]] as const))("%s is served by the staff function only", async (_route, method, path) => {
    const body = method === "GET" ? undefined : {};
    const staff = await request(createFrame({ store }, staffSurface), method, path, { body });
    const reader = await request(createFrame({ store }, readerSurface), method, path, { body });
    expect(staff.status).toBe(401); // served: it asks for a session
    expect(reader.status).toBe(404);
  });

  it.each(STAFF_ROUTES.filter(isDashboard).map((route) => [route, ...SAMPLES[route]] as const))("%s (the dashboard) is served by the staff function only", async (_route, method, path) => {
    const staff = await request(createFrame({ store }, staffSurface), method, path);
    const reader = await request(createFrame({ store }, readerSurface), method, path);
    expect(staff.status).toBe(200);
    expect(staff.headers.get("content-type")).toContain("text/html");
    expect(reader.status).toBe(404);
  });

  it("routes every content kind's workflow API to the staff function", () => {
    for (const kind of CONTENT_KINDS) {
      expect(STAFF_ROUTES, kind.name).toContain(`ANY /api/${kind.name}`);
      expect(STAFF_ROUTES, kind.name).toContain(`ANY /api/${kind.name}/{proxy+}`);
    }
  });

  it("serves the password change (under ANY /api/auth/{proxy+}) from the staff function, asking for a session", async () => {
    const body = { currentPassword: "mat-khau-cu-du-dai", newPassword: "mat-khau-moi-du-dai" };
    expect((await request(createFrame({ store }, staffSurface), "POST", "/api/auth/password", { body })).status).toBe(401);
    expect((await request(createFrame({ store }, readerSurface), "POST", "/api/auth/password", { body })).status).toBe(404);
  });

  it("lets guests sign in and out: the only staff routes that ask for no session", async () => {
    const staff = createFrame({ store }, staffSurface);
    expect((await request(staff, "POST", "/api/auth/logout", { body: {} })).status).toBe(200);
    const login = await request(staff, "POST", "/api/auth/login", { body: {} });
    expect(login.status).toBe(400); // asks for the e-mail address, not for a session
  });

  it("serves the editors' preview from the reader function (it renders the reader's page), asking for a session", async () => {
    const staff = await request(createFrame({ store }, staffSurface), "GET", "/api/preview/articles/abc");
    const reader = await request(createFrame({ store }, readerSurface), "GET", "/api/preview/articles/abc");
    expect(staff.status).toBe(404);
    expect(reader.status).toBe(401);
    expect(STAFF_ROUTES.some((route) => route.includes("/api/preview"))).toBe(false);
  });

  it("leaves the public pages and API to the reader function", async () => {
    const staff = createFrame({ store }, staffSurface);
    const reader = createFrame({ store }, readerSurface);
    for (const path of ["/api/health", "/api/sections", "/robots.txt"]) {
      expect((await staff.request(path)).status, path).toBe(404);
      expect((await reader.request(path)).status, path).toBeLessThan(300);
    }
  });
});
