import { Hono, type Context, type MiddlewareHandler } from "hono";
import { clientKey, visitorKey } from "../../core/metrics/signing";
import { DocumentTypes, type DocumentType } from "../../core/reader/documents";
import { ARTICLE_TYPES, DATASETS, OPEN_DATA_LIMIT, openDataQuery, readDataset, READ_BOUNDS, type Dataset } from "../../core/reader/open-data";
import { createRateLimiter, OPEN_DATA_RATE, type RateLimit } from "../../core/reader/open-data-limits";
import { AppError } from "../../core/shared/errors";
import { isOpenDataPath, OPEN_DATA_API, Urls } from "../../core/shared/urls";
import { vietnamDay } from "../../core/shared/time";
import type { OpenDataGuide } from "../../../web/pages/OpenDataPage";
import { CACHE } from "../cache";
import type { AppDeps } from "../deps";
import { clientAddress } from "../session";
import { OPEN_DATA_PARAMETERS, openApiDocument } from "./openapi";
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
  const take = createRateLimiter(store, options.rate ?? OPEN_DATA_RATE);
  const documentTypes = async (dataset: Dataset): Promise<readonly DocumentType[]> => (dataset.name === "documents" ? (await DocumentTypes.get(store)).types : []);

  for (const path of [`${OPEN_DATA_API}/*`, Urls.openApi()]) {
    app.use(path, cors);
    app.options(path, preflight);
  }

  for (const dataset of DATASETS) {
    app.get(Urls.openDataset(dataset.name), async (c) => {
      try {
        await take(clientKey(await visitorKey(store), clientAddress(deps, c)));
      } catch (error) {
        if (error instanceof AppError && typeof error.details?.retryAfter === "number") c.header("Retry-After", String(error.details.retryAfter));
        throw error;
      }
      // Sections come with the shell (kept a few seconds per instance); types only for documents.
      const [shell, types] = await Promise.all([loadShell(deps), documentTypes(dataset)]);
      const context = { origin: origin(deps, c), sections: shell.sections, types };
      const query = openDataQuery(dataset, (name) => c.req.query(name), context);
      return c.json(await readDataset(store, dataset, query, context), 200, { "Cache-Control": CACHE.openData });
    });
  }

  app.get(Urls.openApi(), async (c) => {
    const types = (await DocumentTypes.get(store)).types;
    return c.json(openApiDocument(origin(deps, c), types), 200, { "Cache-Control": CACHE.openData });
  });

  app.get(Urls.openData(), async (c) => {
    const [shell, types] = await Promise.all([loadShell(deps), DocumentTypes.get(store)]);
    return sendPage(deps, c, shell, { kind: "open-data", guide: openDataGuide(origin(deps, c), types.types) });
  });

  return app;
}

/** What /du-lieu-mo shows: every dataset with an example, the parameters, the limits. */
export function openDataGuide(base: string, types: readonly DocumentType[], now = new Date()): OpenDataGuide {
  const at = (path: string, query: Record<string, string> = {}) => {
    const url = new URL(path, base);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    return url.href;
  };
  const today = vietnamDay(now);
  const monthStart = `${today.slice(0, 7)}-01`;
  const examples: Record<Dataset["name"], Record<string, string>> = {
    news: { type: "news", limit: "10" },
    documents: types[0] ? { type: types[0].slug, limit: "10" } : { limit: "10" },
    schedules: { from: monthStart, limit: "5" },
    consultations: { from: `${today.slice(0, 4)}-01-01` },
  };
  return {
    datasets: DATASETS.map((d) => ({
      name: d.name,
      title: d.title,
      description: d.description,
      url: at(Urls.openDataset(d.name)),
      example: at(Urls.openDataset(d.name), examples[d.name]),
      ...(d.name === "news" ? { types: [...ARTICLE_TYPES] } : d.name === "documents" ? { types: [...types] } : {}),
    })),
    parameters: OPEN_DATA_PARAMETERS.map((p) => ({ ...p })),
    openApiUrl: at(Urls.openApi()),
    limits: {
      default: OPEN_DATA_LIMIT.default,
      max: OPEN_DATA_LIMIT.max,
      perMinute: Math.round((OPEN_DATA_RATE.max * 60_000) / OPEN_DATA_RATE.windowMs),
      filteredReads: READ_BOUNDS.queries * READ_BOUNDS.filteredPageSize,
    },
  };
}
