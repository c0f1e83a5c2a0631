import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { type CounterConfig, resolveCounters, SumCache } from "../../core/metrics/counters";
import { ClientLimits } from "../../core/metrics/limits";
import { clientKey, visitorKey } from "../../core/metrics/signing";
import { notFound } from "../../core/shared/errors";
import { Views } from "../../core/metrics/views";
import { type BeaconClient, PresenceMemo, VISITOR_COOKIE, VISITOR_COOKIE_MAX_AGE_S, Visitors, type VisitorStats } from "../../core/metrics/visitors";
import type { AppDeps } from "../deps";
import type { AppEnv } from "../env";

/** Whether an article id exists changes rarely; a minute per instance spares a read per beacon. */
const ARTICLE_CHECK_MS = 60_000;

/**
 * What the visitor and view beacons do; their routes and answers are listed in visitors.ts, which
 * imports this module (through on-demand.ts) on the first beacon and makes one instance per app,
 * holding the per-instance caches and limits.
 * A beacon over its client's limit (core/metrics/limits.ts; the client is `deps.clientAddress`) is
 * answered 202 with `counted: false`, writes nothing and sets no cookie.
 * Request bodies are ignored, so no body can break a beacon; every answer is no-store (frame.ts).
 */
export function createBeacons(deps: AppDeps & { counters?: CounterConfig }) {
  const counters = resolveCounters(deps.counters);
  const { store } = deps;
  const statsCache = new SumCache<VisitorStats>(counters.cacheMs);
  const viewsCache = new SumCache<number>(counters.cacheMs);
  const articleCache = new SumCache<boolean>(ARTICLE_CHECK_MS);
  // Per instance: what each client may still add, and whose presence was just written.
  const limits = new ClientLimits(store);
  const presence = new PresenceMemo();

  const beaconClient = async (c: Context): Promise<BeaconClient> => ({
    limits,
    client: clientKey(await visitorKey(store), deps.clientAddress?.(c)),
    presence,
  });

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

  /** A heartbeat: presence, a visit when one starts, and the cookie carrying the session on (unless refused). */
  async function beat(c: Context<AppEnv>, now: number, from: BeaconClient) {
    const result = await Visitors.heartbeat(store, counters, { cookie: getCookie(c, VISITOR_COOKIE), member: Boolean(c.get("user")), now, from });
    if (!result.cookie) return result;
    setCookie(c, VISITOR_COOKIE, result.cookie, {
      path: "/api",
      httpOnly: true,
      sameSite: "Lax",
      secure: isHttps(c),
      maxAge: VISITOR_COOKIE_MAX_AGE_S,
    });
    if (result.newVisit && result.online) {
      const side = result.member ? "members" : "guests";
      statsCache.adjust("", now, (value) => ({
        total: value.total + 1,
        online: { ...value.online, [side]: value.online[side] + 1, total: value.online.total + 1 },
      }));
    }
    return result;
  }

  return {
    /** `POST /visits/heartbeat` */
    async heartbeat(c: Context<AppEnv>) {
      const now = counters.now();
      const { newVisit, counted } = await beat(c, now, await beaconClient(c));
      return c.json({ newVisit, counted, stats: await stats(now) }, counted ? 200 : 202);
    },

    /** `GET /stats/visitors` */
    async stats(c: Context<AppEnv>) {
      return c.json(await stats(counters.now()));
    },

    /** `POST /views/:articleId` */
    async countView(c: Context<AppEnv>) {
      const now = counters.now();
      const articleId = c.req.param("articleId") ?? "";
      await requireArticle(articleId, now);
      const from = await beaconClient(c);
      const session = Visitors.readCookie(getCookie(c, VISITOR_COOKIE), now, await visitorKey(store));
      const visit = session && Visitors.isActive(session, now) ? { counted: true, visitorId: session.visitorId } : await beat(c, now, from);
      if (!visit.counted) return c.json({ counted: false, views: await views(articleId, now) }, 202);
      const { counted, limited } = await Views.count(store, counters, { visitorId: visit.visitorId, articleId, now, from });
      if (counted) viewsCache.adjust(articleId, now, (value) => value + 1);
      return c.json({ counted, views: await views(articleId, now) }, limited ? 202 : 200);
    },

    /** `GET /views/:articleId` */
    async views(c: Context<AppEnv>) {
      const now = counters.now();
      const articleId = c.req.param("articleId") ?? "";
      await requireArticle(articleId, now);
      return c.json({ views: await views(articleId, now) });
    },
  };
}

export type Beacons = ReturnType<typeof createBeacons>;
