import { For, Show } from "solid-js";
import { Urls } from "../../functions/core/shared/urls";
import { Highlighted } from "../components/Highlighted";
import { Pagination } from "../components/Pagination";
import { formatDate, formatNumber } from "../format";
import type { Paging, SearchHit, Section } from "../types";

export function SearchPage(props: { query: string; total: number; hits: SearchHit[]; paging: Paging; offset: number; sections: Section[] }) {
  const sectionName = (id: string) => props.sections.find((s) => s.id === id)?.name;
  return (
    <section class="search" aria-labelledby="tieu-de-trang">
      <h1 id="tieu-de-trang" class="page-title">Tìm kiếm</h1>
      <form class="search__form" action={Urls.search()} method="get" role="search" aria-label="Tìm kiếm bài viết">
        <label for="tu-khoa">Từ khóa (có dấu hoặc không dấu)</label>
        <div class="search__row">
          <input id="tu-khoa" type="search" name="q" value={props.query} maxlength="200" />
          <button type="submit">Tìm kiếm</button>
        </div>
      </form>
      <Show when={props.query}>
        <p class="search__summary">
          <Show
            when={props.total > 0}
            fallback={<>Không tìm thấy bài viết nào cho từ khóa “{props.query}”. Hãy thử từ khóa khác hoặc ngắn hơn.</>}
          >
            Tìm thấy {formatNumber(props.total)} bài viết cho từ khóa “{props.query}”
            <Show when={props.paging.pages > 1}>, trang {props.paging.page}/{props.paging.pages}</Show>.
          </Show>
        </p>
        <ol class="search-results" start={props.offset + 1}>
          <For each={props.hits}>
            {(hit) => (
              <li class="search-results__item">
                <h2 class="search-results__title">
                  <a href={hit.url}><Highlighted segments={hit.title} /></a>
                </h2>
                <p class="meta">
                  <time datetime={hit.publishedAt}>{formatDate(hit.publishedAt)}</time>
                  <Show when={sectionName(hit.sectionId)}>{(name) => <> · {name()}</>}</Show>
                </p>
                <p class="search-results__summary"><Highlighted segments={hit.summary} /></p>
                <Show when={hit.excerpt}>
                  {(excerpt) => <p class="search-results__excerpt"><Highlighted segments={excerpt()} /></p>}
                </Show>
              </li>
            )}
          </For>
        </ol>
        <Pagination paging={props.paging} />
      </Show>
    </section>
  );
}
