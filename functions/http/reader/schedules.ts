import { Hono, type Context } from "hono";
import { ScheduleOwners, Schedules, weekLabel, weekParam, type ScheduleOwner } from "../../core/reader/schedules";
import { notFound } from "../../core/shared/errors";
import { Urls } from "../../core/shared/urls";
import { weekOf } from "../../core/shared/week";
import type { AppDeps } from "../deps";
import { CACHE } from "../cache";
import { sendPage } from "./pages";
import { loadShell, origin } from "./shell";

/**
 * Public pages of the weekly work schedules (docs/architecture.md, "Contract"):
 *
 *   /lich-cong-tac?tuan=YYYY-Www&don-vi=<owner slug>      the week of one body, as a table by day and session
 *   /lich-cong-tac.ics?tuan=YYYY-Www&don-vi=<owner slug>  the same week as an iCalendar file
 *
 * Defaults: this week (Vietnam), the first body in the admins' order. A malformed `tuan` is a 400
 * page, an unknown `don-vi` a 404 page; the calendar of a week not published is a 404.
 */

/** The week, the bodies and the chosen one of a request; throws the 400 / 404. */
async function resolve(deps: AppDeps, c: Context) {
  const { week, current } = weekParam(c.req.query("tuan"));
  const ownerParam = c.req.query("don-vi");
  const owners = await ScheduleOwners.list(deps.store);
  let owner: ScheduleOwner | undefined = owners[0];
  if (ownerParam !== undefined) {
    owner = owners.find((o) => o.slug === ownerParam);
    if (!owner) throw notFound("Không có đơn vị này trong danh sách lịch công tác.");
  }
  return { week, current, owners, owner, ownerParam };
}

export function createSchedulesPages(deps: AppDeps) {
  const pages = new Hono();

  pages.get("/lich-cong-tac", async (c) => {
    const [{ week, current, owners, owner, ownerParam }, shell] = await Promise.all([resolve(deps, c), loadShell(deps)]);
    const schedule = owner ? await Schedules.week(deps.store, owner.slug, week.id) : undefined;
    return sendPage(
      deps,
      c,
      shell,
      {
        kind: "schedule",
        week,
        current,
        thisWeek: weekOf(new Date()).id,
        owners: owners.map(({ slug, name }) => ({ slug, name })),
        ...(owner ? { owner: owner.slug } : {}),
        ...(schedule ? { schedule } : {}),
      },
      { canonical: ownerParam !== undefined ? Urls.schedule(week.id, ownerParam) : Urls.schedules(c.req.query("tuan") === undefined ? undefined : week.id) },
    );
  });

  pages.get("/lich-cong-tac.ics", async (c) => {
    const { week, owner } = await resolve(deps, c);
    const schedule = owner ? await Schedules.week(deps.store, owner.slug, week.id) : undefined;
    if (!owner || !schedule) throw notFound(`Lịch công tác ${weekLabel(week)}${owner ? ` của ${owner.name}` : ""} chưa được đăng.`);
    const base = origin(deps, c);
    // The calendar's writer is imported on the first .ics request, not on the cold start.
    const { scheduleCalendar } = await import("./on-demand");
    const body = scheduleCalendar(schedule, {
      pageUrl: new URL(Urls.schedule(week.id, owner.slug), base).href,
      host: new URL(base).hostname,
      name: `Lịch công tác ${schedule.ownerName} — ${weekLabel(week)}`,
    });
    return c.body(body, 200, {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="lich-cong-tac-${schedule.slug}.ics"`,
      "Cache-Control": CACHE.page,
    });
  });

  return pages;
}
