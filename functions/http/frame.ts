import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { CACHE } from "./cache";
import type { AppDeps } from "./deps";
import type { AppEnv } from "./env";
import { isApiPath, staticError, toHttpError, type ErrorBody } from "./errors";
import { cloudFrontOnly } from "./origin";
import { isOpenDataPath } from "../core/shared/urls";
import { originCheck, sessionMiddleware } from "./session";

/** Largest JSON body the API accepts (an article body is limited to 200,000 characters). */
const MAX_BODY_BYTES = 1024 * 1024;

/** An error outside /api, answered as a page. */
export type ErrorPage = (deps: AppDeps, c: Context, status: ContentfulStatusCode, message: string) => Response | Promise<Response>;

/**
 * What a surface adds to the frame: its routes, and how it shows an error outside /api. Only the
 * reader serves pages, so only it renders error pages: the staff function then never loads the
 * SSR build (it is only ever sent /api paths).
 */
export interface Surface {
  mount(app: Hono<AppEnv>, deps: AppDeps): void;
  errorPage?: ErrorPage;
}

/** Without a page-serving surface: the message as plain text. */
const plainErrorPage: ErrorPage = (_deps, c, status, message) => c.text(message, status, { "Cache-Control": CACHE.none });

/**
 * What every deployed function shares: body limit, CSRF origin check, session and no-store on
 * /api; every error a Vietnamese JSON error under /api and a Vietnamese page elsewhere, never a
 * stack trace. The surfaces (reader/reader.ts, staff/staff.ts) add the routes.
 */
export function createFrame(deps: AppDeps, ...surfaces: Surface[]) {
  const app = new Hono<AppEnv>();
  const errorPage = surfaces.find((surface) => surface.errorPage)?.errorPage ?? plainErrorPage;

  app.use("*", cloudFrontOnly(deps)); // first: nothing runs for a request that bypassed CloudFront
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
      // Open data (reader/open-data.ts, shared/urls.ts `isOpenDataPath`) is public and sets its own
      // short CDN cache; every other API answer is private (errors say no-store themselves).
      if (!(isOpenDataPath(c.req.path) && c.res.headers.has("Cache-Control"))) c.header("Cache-Control", CACHE.none);
    },
  );
  for (const surface of surfaces) surface.mount(app, deps);

  app.notFound((c) => {
    const message = isApi(c) ? "Không có địa chỉ API này." : "Trang bạn tìm không tồn tại hoặc đã được chuyển đi.";
    return answerError(c, 404, { error: { code: "NOT_FOUND", message } }, {});
  });

  app.onError((error, c) => {
    const { status, body, headers } = toHttpError(error);
    return answerError(c, status, body, headers);
  });

  /**
   * The JSON error under /api, the surface's page elsewhere; if rendering the page fails (the SSR
   * build, a bad request URL…), a static page: the error handler itself never throws.
   */
  async function answerError(c: Context, status: ContentfulStatusCode, body: ErrorBody, headers: Record<string, string>): Promise<Response> {
    const api = isApi(c);
    try {
      if (api) return c.json(body, status, { "Cache-Control": CACHE.none, ...headers });
      const page = await errorPage(deps, c, status, body.error.message);
      for (const [name, value] of Object.entries(headers)) page.headers.set(name, value);
      return page;
    } catch (pageError) {
      console.error("error page failed:", pageError);
      return staticError(api, status, body, headers);
    }
  }

  return app;
}

/** isApiPath, and a page when even the path cannot be read. */
function isApi(c: Context): boolean {
  try {
    return isApiPath(c);
  } catch {
    return false;
  }
}
