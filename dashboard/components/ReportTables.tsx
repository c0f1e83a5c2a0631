/**
 * The report's tables: publications by kind, section and approving board member, the most viewed
 * articles, and the sections gone quiet or still empty. Each table has a caption (its name when
 * read out and when printed) and row headers; kinds are named by the report itself (`kindLabels`).
 */
import { For, Show, type JSX } from "solid-js";
import { Urls } from "../../functions/core/shared/urls";
import { formatDate, formatNumber } from "../format";
import type { ActivityReport } from "../types";

function CountTable(props: { id: string; caption: string; head: string; countHead: string; rows: { key: string; name: JSX.Element; count: number }[]; empty: string }) {
  return (
    <section class="panel report__block" aria-labelledby={props.id}>
      <h2 id={props.id}>{props.caption}</h2>
      <Show when={props.rows.length} fallback={<p>{props.empty}</p>}>
        <table class="table table--numbers" aria-labelledby={props.id}>
          <thead>
            <tr>
              <th scope="col">{props.head}</th>
              <th scope="col">{props.countHead}</th>
            </tr>
          </thead>
          <tbody>
            <For each={props.rows}>
              {(row) => (
                <tr data-key={row.key}>
                  <th scope="row">{row.name}</th>
                  <td>{formatNumber(row.count)}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
    </section>
  );
}

export function ReportTables(props: { report: ActivityReport }) {
  const report = () => props.report;
  const byKind = () =>
    Object.entries(report().published.byKind).map(([kind, count]) => ({ key: kind, name: report().kindLabels[kind] ?? kind, count }));
  const bySection = () => report().published.bySection.map((row) => ({ key: row.sectionId, name: row.name, count: row.count }));
  const byApprover = () => report().published.byApprover.map((row) => ({ key: row.approverId, name: row.name, count: row.count }));
  const top = () =>
    report().topArticles.map((row) => ({
      key: row.articleId,
      name: row.slug ? <a href={Urls.article(row.slug)}>{row.title ?? row.articleId}</a> : (row.title ?? `${row.articleId} (đã xóa)`),
      count: row.views,
    }));

  return (
    <div class="report__tables">
      <CountTable id="report-kind" caption="Theo loại nội dung" head="Loại" countHead="Số lượng" rows={byKind()} empty="Không có nội dung nào được đăng." />
      <CountTable id="report-section" caption="Theo chuyên mục" head="Chuyên mục" countHead="Số tin bài" rows={bySection()} empty="Chưa có chuyên mục nào." />
      <CountTable id="report-approver" caption="Theo người duyệt" head="Người duyệt" countHead="Số tin bài" rows={byApprover()} empty="Không có tin bài nào được duyệt đăng trong kỳ." />
      <CountTable id="report-top" caption="Bài được xem nhiều nhất" head="Bài viết" countHead="Lượt xem" rows={top()} empty="Chưa có lượt xem nào trong kỳ." />
      <section class="panel report__block" aria-labelledby="report-idle">
        <h2 id="report-idle">Chuyên mục không có tin mới trong {formatNumber(report().sections.idleDays)} ngày</h2>
        <Show when={report().sections.idle.length} fallback={<p>Chuyên mục nào cũng có tin mới.</p>}>
          <table class="table" aria-labelledby="report-idle">
            <thead>
              <tr>
                <th scope="col">Chuyên mục</th>
                <th scope="col">Tin mới nhất đăng ngày</th>
              </tr>
            </thead>
            <tbody>
              <For each={report().sections.idle}>
                {(row) => (
                  <tr data-key={row.sectionId}>
                    <th scope="row">{row.name}</th>
                    <td>{formatDate(row.lastPublishedAt)}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </Show>
      </section>
      <section class="panel report__block" aria-labelledby="report-empty">
        <h2 id="report-empty">Chuyên mục chưa có tin</h2>
        <Show when={report().sections.empty.length} fallback={<p>Chuyên mục nào cũng đã có tin.</p>}>
          <ul class="report__list">
            <For each={report().sections.empty}>{(row) => <li>{row.name}</li>}</For>
          </ul>
        </Show>
      </section>
    </div>
  );
}
