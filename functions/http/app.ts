import { Hono } from "hono";
import type { Store } from "../core/store";
import { createApi } from "./api";
import { CACHE } from "./cache";
import { isApiPath, toHttpError } from "./errors";
import { createPages, sendErrorPage } from "./pages";

/** What the app needs from its composition root (Lambda entry point or local runner). */
export interface AppDeps {
  store: Store;
  /** Public origin for canonical URLs ("https://tinhuy.example.vn"); the request's origin when unset. */
  publicUrl?: string;
}

/**
 * The whole HTTP surface: JSON API under /api, server-rendered pages elsewhere. Every error
 * becomes a Vietnamese JSON error under /api and a Vietnamese page elsewhere, never a stack trace.
 */
export function createApp(deps: AppDeps) {
  const app = new Hono();

  app.route("/api", createApi(deps));
  app.route("/", createPages(deps));

  app.notFound((c) => {
    if (isApiPath(c))
      return c.json({ error: { code: "NOT_FOUND", message: "Không có địa chỉ API này." } }, 404, { "Cache-Control": CACHE.none });
    return sendErrorPage(deps, c, 404, "Trang bạn tìm không tồn tại hoặc đã được chuyển đi.");
  });

  app.onError((error, c) => {
    const { status, body } = toHttpError(error);
    if (isApiPath(c)) return c.json(body, status, { "Cache-Control": CACHE.none });
    return sendErrorPage(deps, c, status, body.error.message);
  });

  return app;
}
