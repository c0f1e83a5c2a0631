import { For, Show } from "solid-js";
import { Urls } from "../../functions/core/shared/urls";
import { formatDateTime } from "../format";
import type { PageData } from "../types";

type Overview = Omit<Extract<PageData, { kind: "consultations" }>, "kind">;
type Entry = Overview["closed"][number] & { daysLeft?: number };

/**
 * `/gop-y`: drafts for public comment, open ones first (closing soonest first, with the days
 * left), then those not open yet, then closed ones. The groups and days are computed by the
 * server (functions/http/reader/consultations.ts) and may lag by the page's cache time.
 */
export function ConsultationsPage(props: Overview) {
  const list = (items: Entry[], badge: (item: Entry) => string) => (
    <ul class="article-list consultation-list">
      <For each={items}>
        {(item) => (
          <li class="article-list__item">
            <h3 class="article-list__title">
              <a href={Urls.consultation(item.slug)}>{item.title}</a>
            </h3>
            <p class="meta">
              <span class="badge">{badge(item)}</span> Thời gian lấy ý kiến: từ <time datetime={item.opensAt}>{formatDateTime(item.opensAt)}</time> đến{" "}
              <time datetime={item.closesAt}>{formatDateTime(item.closesAt)}</time>
            </p>
            <Show when={item.summary}>
              <p class="article-list__summary">{item.summary}</p>
            </Show>
          </li>
        )}
      </For>
    </ul>
  );
  const none = () => props.open.length + props.upcoming.length + props.closed.length === 0;

  return (
    <section aria-labelledby="tieu-de-trang">
      <h1 id="tieu-de-trang" class="page-title">Góp ý dự thảo</h1>
      <p class="lead">Dự thảo văn bản lấy ý kiến Nhân dân, cán bộ, đảng viên. Mọi người đều có thể gửi góp ý, không cần tài khoản.</p>
      <Show when={!none()} fallback={<p class="empty">Chưa có nội dung: chưa có dự thảo nào được đăng để lấy ý kiến.</p>}>
        <h2 class="block-title">Đang lấy ý kiến</h2>
        <Show when={props.open.length > 0} fallback={<p class="empty">Hiện không có dự thảo nào đang lấy ý kiến.</p>}>
          {list(props.open, (item) => `Còn ${item.daysLeft} ngày`)}
        </Show>
        <Show when={props.upcoming.length > 0}>
          <h2 class="block-title">Sắp lấy ý kiến</h2>
          {list(props.upcoming, () => "Chưa mở")}
        </Show>
        <Show when={props.closed.length > 0}>
          <h2 class="block-title">Đã kết thúc</h2>
          {list(props.closed, (item) => (item.summaryFile ? "Đã kết thúc · có báo cáo tiếp thu, giải trình" : "Đã kết thúc"))}
        </Show>
      </Show>
    </section>
  );
}
