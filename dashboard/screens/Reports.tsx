/**
 * "Báo cáo": the activity report of a period for the editorial board (GET /api/reports/activity;
 * the server checks `canReadReports`). A period chooser (this month, quarter, year, last year or
 * any from–to), the totals, a chart of publications and visits per day or month with its table,
 * the tables by kind, section and approver, the most viewed articles, quiet and empty sections,
 * a CSV download of the same figures, and a print layout for the year-end meeting (reports.css):
 * no navigation, buttons or form, the agency and the period on top, tables kept whole.
 */
import { createSignal, onMount, Show } from "solid-js";
import { api, ApiError, apiUrl, messageOf, type FieldErrors } from "../api";
import { ReportChart } from "../components/ReportChart";
import { ReportTables } from "../components/ReportTables";
import { formatDay, presetPeriod, PRESETS, vietnamToday, type Preset } from "../components/report-period";
import "../components/reports.css";
import { formatNumber } from "../format";
import type { ActivityReport, VersionedSettings } from "../types";

const REPORT_PATH = "/api/reports/activity";

export default function Reports() {
  document.title = "Báo cáo hoạt động — Quản trị nội dung";
  const today = vietnamToday();
  const [preset, setPreset] = createSignal<Preset>("month");
  const [from, setFrom] = createSignal(presetPeriod("month", today)!.from);
  const [to, setTo] = createSignal(today);
  const [idleDays, setIdleDays] = createSignal("30");
  const [report, setReport] = createSignal<ActivityReport>();
  const [loading, setLoading] = createSignal(false);
  const [error, setError] = createSignal<string>();
  const [fields, setFields] = createSignal<FieldErrors>({});
  const [agency, setAgency] = createSignal<string>();
  let pending: AbortController | undefined;

  const query = (r: ActivityReport) => ({ from: r.period.from, to: r.period.to, idleDays: r.sections.idleDays });

  const load = async () => {
    const period = presetPeriod(preset(), today) ?? { from: from(), to: to() };
    pending?.abort();
    const controller = (pending = new AbortController());
    setLoading(true);
    setError(undefined);
    setFields({});
    try {
      const result = await api.get<ActivityReport>(REPORT_PATH, { query: { ...period, idleDays: idleDays() }, signal: controller.signal });
      if (controller.signal.aborted) return;
      setReport(result);
    } catch (caught) {
      if ((caught as Error).name === "AbortError") return;
      setError(messageOf(caught));
      if (caught instanceof ApiError) setFields(caught.fields);
    } finally {
      if (pending === controller) setLoading(false);
    }
  };

  const choose = (value: Preset) => {
    setPreset(value);
    const period = presetPeriod(value, today);
    // The custom fields start from the last chosen period, so adjusting it is a small change.
    if (period) {
      setFrom(period.from);
      setTo(period.to);
      void load();
    }
  };

  onMount(() => {
    void load();
    // The agency's name heads the printed report; the screen works without it.
    api.get<VersionedSettings>("/api/settings").then(
      (settings) => setAgency(settings.managingAgency || settings.name),
      () => undefined,
    );
  });

  const fieldError = (name: string) => fields()[name];

  return (
    <div class="report">
      <header class="report__head">
        <Show when={agency()}>
          <p class="report__agency">{agency()}</p>
        </Show>
        <h1 tabindex="-1">Báo cáo hoạt động</h1>
        <Show when={report()}>
          {(shown) => (
            <p class="report__period">
              Từ ngày {formatDay(shown().period.from)} đến ngày {formatDay(shown().period.to)}
            </p>
          )}
        </Show>
      </header>

      <form
        class="panel report__form no-print"
        aria-labelledby="report-form-title"
        onSubmit={(event) => {
          event.preventDefault();
          void load();
        }}
      >
        <h2 id="report-form-title">Chọn kỳ báo cáo</h2>
        <div class="report__fields">
          <div class="field">
            <label for="report-preset">Kỳ báo cáo</label>
            <select id="report-preset" value={preset()} onChange={(event) => choose(event.currentTarget.value as Preset)}>
              {PRESETS.map((option) => (
                <option value={option.value}>{option.label}</option>
              ))}
            </select>
          </div>
          <Show when={preset() === "custom"}>
            <div class="field">
              <label for="report-from">Từ ngày</label>
              <input id="report-from" type="date" required min="1900-01-01" value={from()} onInput={(e) => setFrom(e.currentTarget.value)}
                aria-invalid={fieldError("from") ? "true" : undefined} aria-describedby={fieldError("from") ? "report-from-error" : undefined} />
              <Show when={fieldError("from")}>
                <p class="field__error" id="report-from-error">{fieldError("from")}</p>
              </Show>
            </div>
            <div class="field">
              <label for="report-to">Đến ngày</label>
              <input id="report-to" type="date" required min={from()} value={to()} onInput={(e) => setTo(e.currentTarget.value)}
                aria-invalid={fieldError("to") ? "true" : undefined} aria-describedby={fieldError("to") ? "report-to-error" : undefined} />
              <Show when={fieldError("to")}>
                <p class="field__error" id="report-to-error">{fieldError("to")}</p>
              </Show>
            </div>
          </Show>
          <div class="field">
            <label for="report-idle">Chuyên mục coi là không có tin mới sau (ngày)</label>
            <input id="report-idle" type="number" inputmode="numeric" min="1" max="3650" required value={idleDays()} onInput={(e) => setIdleDays(e.currentTarget.value)}
              aria-invalid={fieldError("idleDays") ? "true" : undefined} aria-describedby={fieldError("idleDays") ? "report-idle-error" : undefined} />
            <Show when={fieldError("idleDays")}>
              <p class="field__error" id="report-idle-error">{fieldError("idleDays")}</p>
            </Show>
          </div>
        </div>
        <div class="actions">
          <button type="submit" class="button button--primary" disabled={loading()}>
            Xem báo cáo
          </button>
          <Show when={report()}>
            {(shown) => (
              <>
                <a class="button" href={apiUrl(`${REPORT_PATH}.csv`, query(shown()))} download="">
                  Tải về tệp CSV
                </a>
                <button type="button" class="button" onClick={() => window.print()}>
                  In báo cáo
                </button>
              </>
            )}
          </Show>
        </div>
      </form>

      <Show when={error()}>
        <p class="alert alert--error" role="alert">
          {error()}
        </p>
      </Show>
      <p role="status" class="report__status no-print">
        {loading() ? "Đang tải báo cáo…" : ""}
      </p>

      <Show when={report()}>
        {(shown) => (
          <div class="report__body" aria-busy={loading() ? "true" : undefined}>
            <dl class="report__totals">
              <div>
                <dt>Tin bài đã đăng</dt>
                <dd data-total="published">{formatNumber(shown().published.total)}</dd>
              </div>
              <div>
                <dt>Lượt truy cập</dt>
                <dd data-total="visits">{formatNumber(shown().visits.total)}</dd>
              </div>
            </dl>
            <ReportChart report={shown()} />
            <ReportTables report={shown()} />
          </div>
        )}
      </Show>
    </div>
  );
}
