import { Hono, type Context, type MiddlewareHandler } from "hono";
import { DocumentTypes } from "../../core/reader/documents";
import type { RateLimit } from "../../core/reader/open-data-limits";
import { AppError } from "../../core/shared/errors";
import { loadOnce } from "../../core/shared/load-once";
import { isOpenDataPath, OPEN_DATA_API, OPEN_DATASETS, Urls } from "../../core/shared/urls";
import { CACHE } from "../cache";
import type { AppDeps } from "../deps";
import { clientAddress } from "../session";
import { sendPage } from "./pages";
import { loadShell, origin } from "./shell";

/**
 * Open data (docs/architecture.md, "Contract"; core/reader/open-data.ts):
 *
 *   GET /api/public/news|documents|schedules|consultations?from&to&section&type&cursor&limit
 *   GET /api/openapi.json     the OpenAPI 3.1 description (openapi.ts)
 *   GET /du-lieu-mo           the page for people: datasets, parameters, examples, terms of reuse
 *
 * The two API paths are the only /api answers with CORS (`Access-Control-Allow-Origin: *`, also on
 * their OPTIONS preflight and their errors, so a page elsewhere can read the message) and a public
 * Cache-Control (CACHE.openData; frame.ts keeps it on these paths only, shared/urls.ts
 * `isOpenDataPath`). Dataset requests that reach the origin count against the client's limit
 * (open-data-limits.ts): 429 with Retry-After past it.
 *
 * The datasets' code (core/reader/open-data.ts) and the descriptions (openapi.ts) are imported on
 * the first request that needs them, not on the reader's cold start (docs/architecture.md, "Budgets").
 */

export interface OpenDataOptions {
  /** The per-client limit (tests shrink it). */
  rate?: RateLimit;
}

const ALLOWED_HEADERS = "Accept, Accept-Language, Content-Type, If-None-Match, If-Modified-Since";

/** CORS on the open-data answers, errors included (the error handler's answer passes through here). */
const cors: MiddlewareHandler = async (c, next) => {
  await next();
  if (!isOpenDataPath(c.req.path)) return; // "/api/public/*" also matches "/api/public" itself
  c.res.headers.set("Access-Control-Allow-Origin", "*");
  // Retry-After is not a CORS-safelisted response header: a program elsewhere could not read it.
  c.res.headers.set("Access-Control-Expose-Headers", "Retry-After");
};

const preflight = (c: Context) =>
  c.body(null, 204, {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
    "Access-Control-Allow-Headers": ALLOWED_HEADERS,
    "Access-Control-Max-Age": "86400",
    "Cache-Control": CACHE.openData,
  });

export function createOpenData(deps: AppDeps, options: OpenDataOptions = {}) {
  const app = new Hono();
  const store = deps.store;
  // The limiter (per instance: refusals remembered) is made on the first dataset request.
  const limiter = loadOnce(() => import("./on-demand").then(({ createRateLimiter, OPEN_DATA_RATE }) => createRateLimiter(store, options.rate ?? OPEN_DATA_RATE)));
  const take = async (c: Context) => {
    const [limit, { clientKey, visitorKey }] = await Promise.all([limiter(), import("./on-demand")]);
    await limit(clientKey(await visitorKey(store), clientAddress(deps, c)));
  };

  for (const path of [`${OPEN_DATA_API}/*`, Urls.openApi()]) {
    app.use(path, cors);
    app.options(path, preflight);
  }

  for (const name of OPEN_DATASETS) {
    app.get(Urls.openDataset(name), async (c) => {
      try {
        await take(c);
      } catch (error) {
        if (error instanceof AppError && typeof error.details?.retryAfter === "number") c.header("Retry-After", String(error.details.retryAfter));
        throw error;
      }
      // Sections come with the shell (kept a few seconds per instance); types only for documents.
      const [shell, types, { datasetNamed, openDataQuery, readDataset }] = await Promise.all([
        loadShell(deps),
        name === "documents" ? DocumentTypes.get(store).then((list) => list.types) : [],
        import("./on-demand"),
      ]);
      const dataset = datasetNamed(name)!;
      const context = { origin: origin(deps, c), sections: shell.sections, types };
      const query = openDataQuery(dataset, (name) => c.req.query(name), context);
      return c.json(await readDataset(store, dataset, query, context), 200, { "Cache-Control": CACHE.openData });
    });
  }

  app.get(Urls.openApi(), async (c) => {
    const [{ types }, { openApiDocument }] = await Promise.all([DocumentTypes.get(store), import("./on-demand")]);
    return c.json(openApiDocument(origin(deps, c), types), 200, { "Cache-Control": CACHE.openData });
  });

  app.get(Urls.openData(), async (c) => {
    const [shell, types, { openDataGuide }] = await Promise.all([loadShell(deps), DocumentTypes.get(store), import("./on-demand")]);
    return sendPage(deps, c, shell, { kind: "open-data", guide: openDataGuide(origin(deps, c), types.types) });
  });

  return app;
}
