/**
 * Publications and visits per day or per month, drawn with uPlot (a ~50 KB canvas chart, bundled
 * only into the report screen's lazy chunk). A canvas says nothing to a screen reader, so the
 * chart carries a text summary (role="img" + aria-label, also shown as the caption) and the same
 * figures follow it as a table. Publications are bars on the left axis, visits a line on the right
 * one: their sizes differ by orders of magnitude.
 */
import { createEffect, createMemo, createSignal, For, onCleanup, onMount } from "solid-js";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { formatNumber } from "../format";
import type { ActivityReport } from "../types";
import { chartPoints, formatDay, type ChartPoint, type Granularity } from "./report-period";

const PUBLISHED_COLOUR = "#9b1111";
const VISITS_COLOUR = "#0b4a8f";
const HEIGHT = 300;
/** The width the chart takes on an A4 page in portrait, printed at 96 dpi with margins. */
const PRINT_WIDTH = 680;

/** 1, 2, 5, 10, 20, 50, … : whole-number steps for counts (no "0,5 tin bài"). */
const WHOLE_STEPS = Array.from({ length: 30 }, (_, i) => [1, 2, 5][i % 3]! * 10 ** Math.floor(i / 3));
const wholeLabels = (_u: uPlot, splits: number[]) => splits.map((v) => (Number.isInteger(v) ? formatNumber(v) : ""));

function busiest(points: ChartPoint[], field: "published" | "visits"): ChartPoint | undefined {
  return points.reduce<ChartPoint | undefined>((best, point) => (point[field] > 0 && (!best || point[field] > best[field]) ? point : best), undefined);
}

/** What the chart shows, in words: the caption and the canvas's accessible name. */
export function chartSummary(report: ActivityReport, points: ChartPoint[], granularity: Granularity): string {
  const unit = granularity === "day" ? "ngày" : "tháng";
  const parts = [
    `Biểu đồ theo ${unit}, từ ${formatDay(report.period.from)} đến ${formatDay(report.period.to)}: ${formatNumber(report.published.total)} tin bài đã đăng (cột đỏ, trục trái) và ${formatNumber(report.visits.total)} lượt truy cập (đường xanh, trục phải).`,
  ];
  const published = busiest(points, "published");
  const visits = busiest(points, "visits");
  if (published) parts.push(`Nhiều tin bài nhất: ${published.label} (${formatNumber(published.published)}).`);
  if (visits) parts.push(`Nhiều lượt truy cập nhất: ${visits.label} (${formatNumber(visits.visits)}).`);
  parts.push("Số liệu đầy đủ ở bảng ngay sau biểu đồ.");
  return parts.join(" ");
}

function options(points: ChartPoint[], width: number): uPlot.Options {
  const axisLabels = points.map((point) => (point.key.length === 7 ? point.label.replace("Tháng ", "") : point.label.slice(0, 5)));
  return {
    width,
    height: HEIGHT,
    legend: { show: false },
    cursor: { drag: { x: false, y: false } },
    scales: {
      // Half a slot either side, so the first and last bars are whole (and one month is one centred bar).
      x: { time: false, auto: false, range: () => [-0.5, points.length - 0.5] },
      published: { range: (_u, _min, max) => [0, Math.max(1, max)] },
      visits: { range: (_u, _min, max) => [0, Math.max(1, max)] },
    },
    axes: [
      { space: 56, incrs: [1, 2, 3, 7, 14, 28, 56, 91, 182, 365], values: (_u, splits) => splits.map((i) => (Number.isInteger(i) ? (axisLabels[i] ?? "") : "")) },
      { scale: "published", label: "Tin bài", incrs: WHOLE_STEPS, values: wholeLabels, stroke: PUBLISHED_COLOUR },
      { scale: "visits", side: 1, label: "Lượt truy cập", incrs: WHOLE_STEPS, values: wholeLabels, grid: { show: false }, stroke: VISITS_COLOUR },
    ],
    series: [
      {},
      {
        label: "Tin bài đã đăng",
        scale: "published",
        stroke: PUBLISHED_COLOUR,
        fill: "rgba(155, 17, 17, 0.75)",
        paths: uPlot.paths.bars!({ size: [0.6, 48] }),
        points: { show: false },
      },
      { label: "Lượt truy cập", scale: "visits", stroke: VISITS_COLOUR, width: 2, points: { show: points.length <= 62 } },
    ],
  };
}

export function ReportChart(props: { report: ActivityReport }) {
  const [granularity, setGranularity] = createSignal<Granularity>("day");
  const points = createMemo(() => chartPoints(props.report, granularity()));
  const summary = createMemo(() => chartSummary(props.report, points(), granularity()));
  const unit = () => (granularity() === "day" ? "Ngày" : "Tháng");
  let holder!: HTMLDivElement;
  let chart: uPlot | undefined;

  const width = () => Math.max(320, Math.floor(holder.clientWidth || 800));
  createEffect(() => {
    const data = points();
    chart?.destroy();
    chart = new uPlot(options(data, width()), [data.map((_, i) => i), data.map((p) => p.published), data.map((p) => p.visits)], holder);
  });
  onMount(() => {
    const resize = () => chart?.setSize({ width: width(), height: HEIGHT });
    // Printed, the canvas must fit the page: draw it at the page's width, then back.
    const beforePrint = () => chart?.setSize({ width: PRINT_WIDTH, height: HEIGHT });
    window.addEventListener("resize", resize);
    window.addEventListener("beforeprint", beforePrint);
    window.addEventListener("afterprint", resize);
    onCleanup(() => {
      window.removeEventListener("resize", resize);
      window.removeEventListener("beforeprint", beforePrint);
      window.removeEventListener("afterprint", resize);
    });
  });
  onCleanup(() => chart?.destroy());

  return (
    <section class="panel report__block" aria-labelledby="report-chart-title">
      <h2 id="report-chart-title">Tin bài đăng và lượt truy cập</h2>
      <fieldset class="report__toggle no-print">
        <legend>Hiển thị</legend>
        <label class="choice">
          <input type="radio" name="report-granularity" value="day" checked={granularity() === "day"} onChange={() => setGranularity("day")} /> Theo ngày
        </label>
        <label class="choice">
          <input type="radio" name="report-granularity" value="month" checked={granularity() === "month"} onChange={() => setGranularity("month")} /> Theo tháng
        </label>
      </fieldset>
      <figure class="report-chart">
        <div ref={holder} class="report-chart__canvas" role="img" aria-label={summary()} data-points={points().length} />
        <ul class="report-chart__legend" aria-hidden="true">
          <li>
            <span class="report-chart__swatch" style={{ background: PUBLISHED_COLOUR }} /> Tin bài đã đăng (trục trái)
          </li>
          <li>
            <span class="report-chart__swatch report-chart__swatch--line" style={{ background: VISITS_COLOUR }} /> Lượt truy cập (trục phải)
          </li>
        </ul>
        <figcaption class="report-chart__summary">{summary()}</figcaption>
      </figure>
      <div class="report-scroll" role="region" aria-labelledby="report-chart-table" tabindex="0">
        <table class="table table--numbers">
          <caption id="report-chart-table">Số liệu của biểu đồ theo {unit().toLowerCase()}</caption>
          <thead>
            <tr>
              <th scope="col">{unit()}</th>
              <th scope="col">Tin bài đã đăng</th>
              <th scope="col">Lượt truy cập</th>
            </tr>
          </thead>
          <tbody>
            <For each={points()}>
              {(point) => (
                <tr>
                  <th scope="row">{point.label}</th>
                  <td>{formatNumber(point.published)}</td>
                  <td>{formatNumber(point.visits)}</td>
                </tr>
              )}
            </For>
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Cộng</th>
              <td>{formatNumber(props.report.published.total)}</td>
              <td>{formatNumber(props.report.visits.total)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}
