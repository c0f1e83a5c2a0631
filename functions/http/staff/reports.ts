import { type Context, Hono } from "hono";
import { type CounterConfig, resolveCounters } from "../../core/metrics/counters";
import { invalid } from "../../core/shared/errors";
import { canReadReports, forbidden } from "../../core/accounts/permissions";
import { parseReportQuery, Reports } from "../../core/metrics/reports";
import type { AppDeps } from "../deps";
import type { StaffEnv } from "./guard";

/**
 * `GET /reports/activity?from=YYYY-MM-DD&to=YYYY-MM-DD[&idleDays=30][&format=csv]` and
 * `GET /reports/activity.csv?…`: the activity report as JSON or CSV, for signed-in board members.
 */
export function createReportsApi(deps: AppDeps & { counters?: CounterConfig }) {
  const counters = resolveCounters(deps.counters);
  const api = new Hono<StaffEnv>();

  async function activity(c: Context<StaffEnv>, format: string | undefined) {
    if (!canReadReports(c.get("staff"))) throw forbidden("Chỉ Ban Biên tập được xem báo cáo hoạt động.");
    if (format !== undefined && format !== "json" && format !== "csv")
      throw invalid("Định dạng báo cáo không hợp lệ.", { format: "Chỉ nhận json hoặc csv." });
    const query = parseReportQuery({ from: c.req.query("from"), to: c.req.query("to"), idleDays: c.req.query("idleDays") });
    const report = await Reports.activity(deps.store, counters, query, counters.now());
    if (format !== "csv") return c.json(report);
    return c.body(Reports.toCsv(report), 200, {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="bao-cao-hoat-dong-${query.from}-${query.to}.csv"`,
    });
  }

  api.get("/activity", (c) => activity(c, c.req.query("format")));
  api.get("/activity.csv", (c) => activity(c, "csv"));

  return api;
}
