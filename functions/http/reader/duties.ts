/**
 * Pages and reads of the portal decree's public duties (NĐ 224/2026), all public:
 *
 *   GET /api/notices   planned outage notices not yet ended (JSON; announcing is the staff's, http/staff/notices.ts)
 *   /thong-bao         the announcements page (the same notices, with their dates)
 *   /so-do-cong        the HTML site map: sections nested, every kind's list, the duty pages
 *   /tiep-can          the accessibility statement, with a contact for problems
 *   /thong-ke?nam=     visits per month of a year, from the automatic visitor counters
 *   /hien-thi.js       the tiny render-blocking script applying the reader's text size and contrast
 *                      before first paint (an external file, so a strict CSP needs no 'unsafe-inline')
 */
import { Hono } from "hono";
import { resolveCounters } from "../../core/metrics/counters";
import { PUBLIC_KINDS } from "../../core/reader/kinds";
import { invalid } from "../../core/shared/errors";
import { Urls } from "../../core/shared/urls";
import { vietnamDate } from "../../core/shared/working-days";
import { Notices } from "../../core/site/notices";
import { CACHE } from "../cache";
import type { AppDeps } from "../deps";
import { sendPage } from "./pages";
import { loadShell } from "./shell";

/** The first year the statistics page offers; earlier years have no counters. */
export const STATS_FIRST_YEAR = 2024;
/** A statistics page's figures change all day: cached at the edge for a few minutes only. */
const STATS_CACHE = "public, max-age=60, s-maxage=600, stale-while-revalidate=3600";

/**
 * Reads the reader's display choices (localStorage "hien-thi": { size: "sm" | "lg" | "xl",
 * contrast: boolean }) and sets classes on <html> before the body is painted. Kept in step with
 * web/components/DisplayTools.tsx, which writes the same key and classes after hydration.
 */
export const DISPLAY_SCRIPT =
  '(function(){try{var p=JSON.parse(localStorage.getItem("hien-thi")||"{}"),c=document.documentElement.classList;' +
  'if(p.size==="sm"||p.size==="lg"||p.size==="xl")c.add("chu-"+p.size);if(p.contrast===true)c.add("tuong-phan")}catch(e){}})();\n';

export function createDutiesPages(deps: AppDeps) {
  const app = new Hono();
  const store = deps.store;
  const counters = resolveCounters(deps.counters);

  app.get("/api/notices", async (c) => c.json({ items: await Notices.open(store) }));

  app.get(Urls.displayScript(), (c) => c.body(DISPLAY_SCRIPT, 200, { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": CACHE.text }));

  app.get(Urls.notices(), async (c) => {
    const [shell, notices] = await Promise.all([loadShell(deps), Notices.open(store)]);
    return sendPage(deps, c, shell, { kind: "notices", notices });
  });

  app.get(Urls.siteMap(), async (c) => {
    const shell = await loadShell(deps);
    return sendPage(deps, c, shell, { kind: "site-map", kinds: PUBLIC_KINDS.map((kind) => ({ title: kind.title, href: kind.list })) });
  });

  app.get(Urls.accessibility(), async (c) => sendPage(deps, c, await loadShell(deps), { kind: "accessibility" }));

  app.get(Urls.statistics(), async (c) => {
    const thisYear = Number(vietnamDate(Date.now()).slice(0, 4));
    const raw = c.req.query("nam");
    if (raw !== undefined && !/^\d{4}$/.test(raw)) throw invalid("Năm không hợp lệ.", { nam: "Phải là năm bốn chữ số, ví dụ 2026." });
    const year = raw === undefined ? thisYear : Number(raw);
    if (year < STATS_FIRST_YEAR || year > thisYear) throw invalid(`Chỉ có số liệu từ năm ${STATS_FIRST_YEAR} đến năm ${thisYear}.`, { nam: "Năm ngoài phạm vi." });
    // Per-day totals of one year: one Query per shard, at most 366 small items each.
    // The counters' code is imported on first use (as the beacons', visitors.ts).
    const { Visitors } = await import("./on-demand");
    const [shell, byDay] = await Promise.all([loadShell(deps), Visitors.visitsByDay(store, counters, `${year}-01-01`, `${year}-12-31`)]);
    const months = Array.from({ length: 12 }, (_, i) => ({ month: i + 1, visits: 0 }));
    for (const [day, count] of byDay) months[Number(day.slice(5, 7)) - 1]!.visits += count;
    const total = months.reduce((sum, m) => sum + m.visits, 0);
    const years = Array.from({ length: thisYear - STATS_FIRST_YEAR + 1 }, (_, i) => thisYear - i);
    return sendPage(deps, c, shell, { kind: "stats", year, years, months, total }, { canonical: raw === undefined ? Urls.statistics() : Urls.statistics(year), cache: STATS_CACHE });
  });

  return app;
}
