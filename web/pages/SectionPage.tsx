import { For, Show } from "solid-js";
import { Urls } from "../../functions/core/shared/urls";
import { ArticleList } from "../components/ArticleList";
import { Pagination } from "../components/Pagination";
import { formatNumber } from "../format";
import type { ArticleSummary, Paging, Section } from "../types";

export function SectionPage(props: { section: Section; articles: ArticleSummary[]; total: number; paging: Paging; sections: Section[] }) {
  const children = () => props.sections.filter((s) => s.parentId === props.section.id);
  const parent = () => props.sections.find((s) => s.id === props.section.parentId);
  return (
    <section aria-labelledby="tieu-de-trang">
      <Show when={parent()}>
        {(p) => (
          <nav aria-label="Vị trí" class="breadcrumb">
            <a href={Urls.home()}>Trang chủ</a> <span aria-hidden="true">›</span> <a href={Urls.section(p().slug)}>{p().name}</a>
          </nav>
        )}
      </Show>
      <h1 id="tieu-de-trang" class="page-title">
        {props.section.name}
        <Show when={props.paging.page > 1}>
          <span class="page-title__page"> – trang {props.paging.page}</span>
        </Show>
      </h1>
      <Show when={props.section.description}>
        <p class="lead">{props.section.description}</p>
      </Show>
      <Show when={children().length > 0}>
        <nav class="subsections" aria-label={`Chuyên mục con của ${props.section.name}`}>
          <ul>
            <For each={children()}>{(child) => <li><a href={Urls.section(child.slug)}>{child.name}</a></li>}</For>
          </ul>
        </nav>
      </Show>
      <Show when={props.total > 0}>
        <p class="meta">{formatNumber(props.total)} bài viết · trang {props.paging.page}/{props.paging.pages}</p>
      </Show>
      <ArticleList articles={props.articles} sections={props.sections} headingLevel={2} hideSection />
      <Pagination paging={props.paging} />
      <p class="feed-link"><a href={Urls.sectionFeed(props.section.slug)}>Tin RSS của chuyên mục {props.section.name}</a></p>
    </section>
  );
}
