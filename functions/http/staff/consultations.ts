import { Hono } from "hono";
import { Comments } from "../../core/consultations/comments";
import { clientKey, visitorKey } from "../../core/metrics/signing";
import { invalid } from "../../core/shared/errors";
import { Urls } from "../../core/shared/urls";
import { readJson } from "../body";
import type { AppDeps } from "../deps";
import { clientAddress } from "../session";
import { requireStaff, type StaffEnv } from "./guard";

/**
 * Comments on drafts for public comment (core/consultations/comments.ts):
 * - `POST /api/consultations/:id/comments` `{ name, email?, phone?, organization?, content, website }`
 *   → 201 `{ receipt, receivedAt }`: public, no account (the frame's origin check still applies);
 * - `GET /api/consultations/:id/comments?cursor=&limit=` (JSON, oldest first) or `?format=csv`;
 * - `PATCH /api/consultations/:id/comments/:receipt` `{ published }`: shown on the public page or not.
 * Mounted in staff.ts before the kind's `requireStaff`, so the board routes guard themselves here;
 * board rights are checked on the draft's section by `Comments.forBoard`.
 */
export function createConsultationCommentsApi(deps: AppDeps) {
  const api = new Hono<StaffEnv>();
  const store = deps.store;

  api.post("/:id/comments", async (c) => {
    const client = clientKey(await visitorKey(store), clientAddress(deps, c));
    const body = await readJson(c);
    try {
      return c.json(await Comments.receive(store, c.req.param("id"), body, { client }), 201);
    } catch (error) {
      const retryAfter = (error as { code?: string; details?: { retryAfter?: unknown } }).details?.retryAfter;
      if ((error as { code?: string }).code === "RATE_LIMITED" && typeof retryAfter === "number") c.header("Retry-After", String(retryAfter));
      throw error;
    }
  });

  api.get("/:id/comments", requireStaff, async (c) => {
    const id = c.req.param("id");
    const item = await Comments.forBoard(store, c.get("staff"), id);
    const format = c.req.query("format");
    if (format !== undefined && format !== "json" && format !== "csv") throw invalid("Định dạng không hợp lệ.", { format: "Chỉ nhận json hoặc csv." });
    if (format === "csv") {
      return c.body(Comments.toCsv(await Comments.all(store, id)), 200, {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="gop-y-${item.slug}.csv"`,
      });
    }
    const limit = c.req.query("limit");
    return c.json(await Comments.list(store, id, { cursor: c.req.query("cursor"), limit: limit === undefined ? undefined : Number(limit) }));
  });

  api.patch("/:id/comments/:receipt", requireStaff, async (c) => {
    const { comment, changed, slug } = await Comments.setPublished(store, c.get("staff"), c.req.param("id"), c.req.param("receipt"), await readJson(c));
    // The draft's page shows published comments: refresh its cached copy (never fails the change).
    if (changed && deps.invalidator) {
      await deps.invalidator.invalidate([Urls.consultation(slug)]).catch((error) => console.error("Không làm mới được bộ nhớ đệm CDN:", error));
    }
    return c.json(comment);
  });

  return api;
}
