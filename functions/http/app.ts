import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { CounterConfig } from "../core/counters";
import type { Store } from "../core/store";
import { createAdminApi } from "./admin";
import { createApi } from "./api";
import { createArticlesApi } from "./articles";
import { createAuthApi } from "./auth";
import { CACHE } from "./cache";
import { isApiPath, toHttpError } from "./errors";
import type { AppEnv } from "./env";
import { createPages, sendErrorPage } from "./pages";
import { originCheck, sessionMiddleware } from "./session";

/** Largest JSON body the API accepts (an article body is limited to 200,000 characters). */
const MAX_BODY_BYTES = 1024 * 1024;

/** What the app needs from its composition root (Lambda entry point or local runner). */
export interface AppDeps {
  store: Store;
  /** Public origin for canonical URLs ("https://tinhuy.example.vn"); the request's origin when unset. */
  publicUrl?: string;
  /** Visitor and view counters: shard count (only ever raise it), read cache, clock. */
  counters?: CounterConfig;
  /** Behind our CloudFront: take the site's host from x-forwarded-host (see origin.ts). */
  trustForwardedHost?: boolean;
  /** The client's IP address, read the way the runtime exposes it; used for login throttling. */
  clientAddress?: (c: Context) => string | undefined;
}

/**
 * The whole HTTP surface: JSON API under /api, server-rendered pages elsewhere. Every error
 * becomes a Vietnamese JSON error under /api and a Vietnamese page elsewhere, never a stack trace.
 */
export function createApp(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  app.use(
    "/api/*",
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) =>
        c.json({ error: { code: "PAYLOAD_TOO_LARGE", message: "Dữ liệu gửi lên quá lớn (tối đa 1 MB)." } }, 413, { "Cache-Control": CACHE.none }),
    }),
    originCheck(deps),
    sessionMiddleware(deps),
    async (c, next) => {
      await next();
      c.header("Cache-Control", CACHE.none);
    },
  );
  app.route("/api", createApi(deps));
  app.route("/api/auth", createAuthApi(deps));
  app.route("/api/articles", createArticlesApi(deps));
  app.route("/api", createAdminApi(deps));
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
