import { createSignal, onCleanup, onMount } from "solid-js";
import { subscribeVisitorStats, type VisitorStats } from "../beacon";
import { formatNumber } from "../format";

/**
 * "Thống kê truy cập" for the sidebar of every page. The page is cached by the CDN, so the
 * server renders a placeholder and the browser fills in the live numbers from the heartbeat.
 */
export function VisitorBox() {
  const [stats, setStats] = createSignal<VisitorStats>();
  onMount(() => onCleanup(subscribeVisitorStats(setStats)));
  const value = (pick: (value: VisitorStats) => number) => {
    const current = stats();
    return current ? formatNumber(pick(current)) : "…";
  };
  return (
    <section class="sidebar__box visitor-box" aria-labelledby="thong-ke-truy-cap" aria-busy={stats() ? "false" : "true"}>
      <h2 id="thong-ke-truy-cap" class="sidebar__title">Thống kê truy cập</h2>
      <dl class="visitor-box__list">
        <div class="visitor-box__row"><dt>Lượt truy cập</dt><dd>{value((s) => s.total)}</dd></div>
      </dl>
      <h3 class="visitor-box__subtitle">Người dùng online</h3>
      <dl class="visitor-box__list">
        <div class="visitor-box__row"><dt>Khách</dt><dd>{value((s) => s.online.guests)}</dd></div>
        <div class="visitor-box__row"><dt>Thành viên</dt><dd>{value((s) => s.online.members)}</dd></div>
        <div class="visitor-box__row"><dt>Tổng</dt><dd>{value((s) => s.online.total)}</dd></div>
      </dl>
    </section>
  );
}
