import { Hono } from "hono";
import { canManageSections, forbidden } from "../../core/accounts/permissions";
import { DocumentTypeAdmin } from "../../core/content/document-types";
import { DocumentTypes } from "../../core/reader/documents";
import { readJson } from "../body";
import type { AppDeps } from "../deps";
import type { StaffEnv } from "./guard";

/**
 * `/api/document-types` (mounted behind `requireStaff` in staff.ts): every staff member reads the
 * types they pick from when writing a document (`{ version, types: [{ slug, name }] }`); only
 * admins replace the list, like sections (permissions.ts `canManageSections`).
 */
export function createDocumentTypesApi(deps: AppDeps) {
  const api = new Hono<StaffEnv>();

  api.get("/", async (c) => c.json(await DocumentTypes.get(deps.store)));

  api.put("/", async (c) => {
    const user = c.get("staff");
    if (!canManageSections(user)) throw forbidden("Chỉ quản trị viên được sửa danh sách loại văn bản.");
    return c.json(await DocumentTypeAdmin.put(deps.store, await readJson(c), { id: user.id, name: user.name }));
  });

  return api;
}
