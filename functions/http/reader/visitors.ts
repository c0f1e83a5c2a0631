import { Hono } from "hono";
import type { CounterConfig } from "../../core/metrics/counters";
import { loadOnce } from "../../core/shared/load-once";
import type { AppDeps } from "../deps";
import type { AppEnv } from "../env";
import type { Beacons } from "./beacons";

/**
 * Routes of the visitor and view beacons and the numbers they feed (docs/architecture.md,
 * "Contract"; what each does: beacons.ts):
 * - `POST /visits/heartbeat` → `{ newVisit, counted, stats }`, sets the signed `portal_vid` cookie;
 * - `POST /views/:articleId` → `{ counted, views }` (also starts a visit when there is none);
 * - `GET /views/:articleId` → `{ views }`;
 * - `GET /stats/visitors` → `{ total, online: { guests, members, total } }`.
 * The counters' code is imported on the first beacon, not on the reader's cold start: a page is
 * served without it, its beacons follow (docs/architecture.md, "Budgets").
 */
export function createVisitorsApi(deps: AppDeps & { counters?: CounterConfig }) {
  const load = loadOnce<Beacons>(() => import("./on-demand").then(({ createBeacons }) => createBeacons(deps)));
  const api = new Hono<AppEnv>();
  api.post("/visits/heartbeat", async (c) => (await load()).heartbeat(c));
  api.get("/stats/visitors", async (c) => (await load()).stats(c));
  api.post("/views/:articleId", async (c) => (await load()).countView(c));
  api.get("/views/:articleId", async (c) => (await load()).views(c));
  return api;
}
