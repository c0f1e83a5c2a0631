import { For, Show } from "solid-js";
import { pageHref, pageWindow } from "../paging";
import type { Paging } from "../types";

export function Pagination(props: { paging: Paging }) {
  const paging = () => props.paging;
  return (
    <Show when={paging().pages > 1}>
      <nav class="pagination" aria-label="Phân trang">
        <ul>
          <Show when={paging().page > 1}>
            <li><a href={pageHref(paging(), paging().page - 1)} rel="prev">‹ Trang trước</a></li>
          </Show>
          <For each={pageWindow(paging().page, paging().pages)}>
            {(n) => (
              <li>
                <Show when={n !== null} fallback={<span class="pagination__gap" aria-hidden="true">…</span>}>
                  <Show
                    when={n === paging().page}
                    fallback={<a href={pageHref(paging(), n!)} aria-label={`Trang ${n}`}>{n}</a>}
                  >
                    <a href={pageHref(paging(), n!)} aria-current="page" aria-label={`Trang ${n}, trang hiện tại`}>{n}</a>
                  </Show>
                </Show>
              </li>
            )}
          </For>
          <Show when={paging().page < paging().pages}>
            <li><a href={pageHref(paging(), paging().page + 1)} rel="next">Trang sau ›</a></li>
          </Show>
        </ul>
      </nav>
    </Show>
  );
}
