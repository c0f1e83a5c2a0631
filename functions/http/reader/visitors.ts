import { type Context, Hono } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { type CounterConfig, resolveCounters, SumCache } from "../../core/metrics/counters";
import { notFound } from "../../core/shared/errors";
import { Views } from "../../core/metrics/views";
import { VISITOR_COOKIE, VISITOR_COOKIE_MAX_AGE_S, Visitors, type VisitorStats } from "../../core/metrics/visitors";
import type { AppDeps } from "../deps";
import type { AppEnv } from "../env";

/** Whether an article id exists changes rarely; a minute per instance spares a read per beacon. */
const ARTICLE_CHECK_MS = 60_000;

/**
 * Visitor and view beacons and the numbers they feed (docs/architecture.md, "Contract"):
 * - `POST /visits/heartbeat` → `{ newVisit, stats }`, sets the `portal_vid` cookie;
 * - `POST /views/:articleId` → `{ counted, views }` (also starts a visit when there is none);
 * - `GET /views/:articleId` → `{ views }`;
 * - `GET /stats/visitors` → `{ total, online: { guests, members, total } }`.
 * Request bodies are ignored, so no body can break a beacon; every answer is no-store (frame.ts).
 */
export function createVisitorsApi(deps: AppDeps & { counters?: CounterConfig }) {
  const counters = resolveCounters(deps.counters);
  const { store } = deps;
  const statsCache = new SumCache<VisitorStats>(counters.cacheMs);
  const viewsCache = new SumCache<number>(counters.cacheMs);
  const articleCache = new SumCache<boolean>(ARTICLE_CHECK_MS);
  const api = new Hono<AppEnv>();

  const stats = (now: number) => statsCache.get("", now, () => Visitors.stats(store, counters, now, counters.cacheMs));
  const views = (articleId: string, now: number) => viewsCache.get(articleId, now, () => Views.total(store, counters, articleId));

  async function requireArticle(articleId: string, now: number) {
    const exists = Views.isArticleId(articleId) && (await articleCache.get(articleId, now, () => Views.articleExists(store, articleId)));
    if (!exists) {
      // Only "published" is remembered: an article approved a moment ago must count at once.
      articleCache.forget(articleId);
      throw notFound("Không tìm thấy bài viết.");
    }
  }

  function isHttps(c: Context) {
    return new URL(c.req.url).protocol === "https:" || c.req.header("x-forwarded-proto") === "https" || Boolean(deps.publicUrl?.startsWith("https:"));
  }

  /** A heartbeat: presence, a visit when one starts, and the cookie carrying the session on. */
  async function beat(c: Context<AppEnv>, now: number) {
    const result = await Visitors.heartbeat(store, counters, { cookie: getCookie(c, VISITOR_COOKIE), member: Boolean(c.get("user")), now });
    setCookie(c, VISITOR_COOKIE, result.cookie, {
      path: "/api",
      httpOnly: true,
      sameSite: "Lax",
      secure: isHttps(c),
      maxAge: VISITOR_COOKIE_MAX_AGE_S,
    });
    if (result.newVisit) {
      const side = result.member ? "members" : "guests";
      statsCache.adjust("", now, (value) => ({
        total: value.total + 1,
        online: { ...value.online, [side]: value.online[side] + 1, total: value.online.total + 1 },
      }));
    }
    return result;
  }

  api.post("/visits/heartbeat", async (c) => {
    const now = counters.now();
    const { newVisit } = await beat(c, now);
    return c.json({ newVisit, stats: await stats(now) });
  });

  api.get("/stats/visitors", async (c) => c.json(await stats(counters.now())));

  api.post("/views/:articleId", async (c) => {
    const now = counters.now();
    const articleId = c.req.param("articleId");
    await requireArticle(articleId, now);
    const session = Visitors.readCookie(getCookie(c, VISITOR_COOKIE), now);
    const visitorId = session && Visitors.isActive(session, now) ? session.visitorId : (await beat(c, now)).visitorId;
    const { counted } = await Views.count(store, counters, { visitorId, articleId, now });
    if (counted) viewsCache.adjust(articleId, now, (value) => value + 1);
    return c.json({ counted, views: await views(articleId, now) });
  });

  api.get("/views/:articleId", async (c) => {
    const now = counters.now();
    const articleId = c.req.param("articleId");
    await requireArticle(articleId, now);
    return c.json({ views: await views(articleId, now) });
  });

  return api;
}
