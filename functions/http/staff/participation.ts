import { Hono, type Context } from "hono";
import { getCookie } from "hono/cookie";
import { clientKey, visitorKey } from "../../core/metrics/signing";
import { VISITOR_COOKIE, Visitors } from "../../core/metrics/visitors";
import { COMMENT_KINDS, ReaderComments } from "../../core/participation/comments";
import { Ratings } from "../../core/participation/ratings";
import { invalid } from "../../core/shared/errors";
import { readJson } from "../body";
import type { AppDeps } from "../deps";
import { clientAddress } from "../session";
import { requireStaff, type StaffEnv } from "./guard";

/**
 * Readers' comments and satisfaction ratings (core/participation/):
 * - `POST /api/<articles|documents|galleries|videos>/:id/comments` `{ name, email?, content, website }`
 *   → 202 `{ status: "pending" }`: public, no account (mounted in staff.ts before the kinds'
 *   `requireStaff`); `website` is the honeypot (filled: the same 202, nothing stored);
 * - `GET /api/comments?status=pending|approved|rejected&section=` (board);
 * - `POST /api/comments/:id/approve` `{ reply? }`, `POST /api/comments/:id/reject` `{ reason }` (board);
 * - `POST /api/ratings` `{ kind, id, score, comment? }` → 201 the item's totals: public, one per
 *   visitor session (the signed `portal_vid` cookie the page's beacon set; none → 400);
 *   `GET /api/ratings?kind=&id=` an item's totals (staff).
 * On the staff function because they need zod and the CDN invalidator, which the reader function
 * does not carry (tests/http/bundles.test.ts keeps zod out of it).
 */
function withRetryAfter(c: Context, error: unknown): never {
  const retryAfter = (error as { code?: string; details?: { retryAfter?: unknown } }).details?.retryAfter;
  if ((error as { code?: string }).code === "RATE_LIMITED" && typeof retryAfter === "number") c.header("Retry-After", String(retryAfter));
  throw error;
}

/** The public POST of one kind's comments, mounted at `/api/<kind>`. */
export function createReaderCommentsApi(deps: AppDeps, kind: string) {
  const api = new Hono<StaffEnv>();
  api.post("/:id/comments", async (c) => {
    const client = clientKey(await visitorKey(deps.store), clientAddress(deps, c));
    const body = await readJson(c);
    try {
      return c.json(await ReaderComments.receive(deps.store, kind, c.req.param("id"), body, { client }), 202);
    } catch (error) {
      withRetryAfter(c, error);
    }
  });
  return api;
}

/** The board's moderation routes, mounted at `/api/comments`. */
export function createCommentModerationApi(deps: AppDeps) {
  const api = new Hono<StaffEnv>();
  api.use("*", requireStaff);
  api.get("/", async (c) => c.json(await ReaderComments.list(deps.store, c.get("staff"), { status: c.req.query("status"), section: c.req.query("section") })));
  for (const action of ["approve", "reject"] as const) {
    api.post(`/:id/${action}`, async (c) => {
      const body = c.req.header("content-length") === "0" ? {} : await readJson(c);
      const { comment, path } = await ReaderComments.decide(deps.store, c.get("staff"), c.req.param("id"), action, body);
      // The item's page shows approved comments: refresh its cached copy (never fails the decision).
      if (path && deps.invalidator) await deps.invalidator.invalidate([path]).catch((error) => console.error("Không làm mới được bộ nhớ đệm CDN:", error));
      return c.json(comment);
    });
  }
  return api;
}

/** `POST /api/ratings`, mounted at `/api/ratings`. */
export function createRatingsApi(deps: AppDeps) {
  const api = new Hono<StaffEnv>();
  api.post("/", async (c) => {
    const now = Date.now();
    const session = Visitors.readCookie(getCookie(c, VISITOR_COOKIE), now, await visitorKey(deps.store));
    const body = await readJson(c);
    if (!session) throw invalid("Không xác định được phiên truy cập của bạn. Xin vui lòng tải lại trang rồi đánh giá lại.");
    return c.json(await Ratings.rate(deps.store, session.visitorId, body, now), 201);
  });
  // An item's totals, for the staff (the report has the period's): `GET /api/ratings?kind=&id=`.
  api.get("/", requireStaff, async (c) => c.json(await Ratings.ofItem(deps.store, c.req.query("kind") ?? "", c.req.query("id") ?? "")));
  return api;
}

export const READER_COMMENT_KINDS = COMMENT_KINDS;
