import { createSignal, For, onCleanup, onMount, Show } from "solid-js";
import { Urls } from "../../functions/core/shared/urls";
import type { PublicNotice } from "../../functions/core/site/notices";
import { formatDateTime } from "../format";

/** "từ 22:00 ngày 12/12/2026 đến 02:00 ngày 13/12/2026" */
export function noticeWindow(notice: PublicNotice): string {
  const [startDate, startTime] = formatDateTime(notice.startsAt).split(" ");
  const [endDate, endTime] = formatDateTime(notice.endsAt).split(" ");
  return `từ ${startTime} ngày ${startDate} đến ${endTime} ngày ${endDate}`;
}

/**
 * The planned-outage banner on every page, from the announcement to the end of the outage. Pages
 * are cached at the CDN (invalidated when a notice is announced or cancelled), so a cached page may
 * carry a notice that has ended since: after hydration the banner drops ended notices itself, and
 * again at the moment the next one ends while the page stays open.
 */
export function NoticeBanner(props: { notices: PublicNotice[] }) {
  const [now, setNow] = createSignal<number | undefined>();
  onMount(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    onCleanup(() => clearInterval(timer));
  });
  const shown = () => props.notices.filter((notice) => now() === undefined || Date.parse(notice.endsAt) > now()!);
  return (
    <Show when={shown().length > 0}>
      <section class="notice-banner" aria-label="Thông báo tạm ngừng hoạt động" data-notice-banner>
        <div class="container">
          <For each={shown()}>
            {(notice) => (
              <p>
                <strong>{notice.urgent ? "Thông báo khẩn: " : "Thông báo: "}</strong>
                Cổng tạm ngừng hoạt động {noticeWindow(notice)}. {notice.message}{" "}
                <a href={Urls.notices()}>Xem chi tiết</a>
              </p>
            )}
          </For>
        </div>
      </section>
    </Show>
  );
}
