import { For, Show } from "solid-js";
import { formatDate } from "../format";
import type { ArticleSummary, Section } from "../types";

export function ArticleList(props: { articles: ArticleSummary[]; sections: Section[]; headingLevel?: 2 | 3 }) {
  const sectionName = (id: string) => props.sections.find((section) => section.id === id)?.name;
  return (
    <Show when={props.articles.length > 0} fallback={<p class="empty">Chưa có bài viết.</p>}>
      <ul class="article-list">
        <For each={props.articles}>
          {(article) => (
            <li class="article-list__item">
              <h3 class="article-list__title">
                <a href={`/bai-viet/${article.slug}`}>{article.title}</a>
              </h3>
              <p class="meta">
                <time datetime={article.publishedAt}>{formatDate(article.publishedAt)}</time>
                <Show when={sectionName(article.sectionId)}>{(name) => <> · {name()}</>}</Show>
              </p>
              <p class="article-list__summary">{article.summary}</p>
            </li>
          )}
        </For>
      </ul>
    </Show>
  );
}
