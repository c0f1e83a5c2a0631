import { For, Show } from "solid-js";
import { Urls } from "../../functions/core/shared/urls";
import { formatDate } from "../format";
import { Picture } from "./Picture";
import type { ArticleSummary, Section } from "../types";

/** A list of articles: linked title, date, section, summary, and a small featured image when there is one. */
export function ArticleList(props: {
  articles: ArticleSummary[];
  sections: Section[];
  /** Level of each title: one below the heading the list sits under. */
  headingLevel?: 2 | 3;
  /** Hide the section name (on that section's own page). */
  hideSection?: boolean;
  /** Hide summaries (compact lists on the home page). */
  compact?: boolean;
}) {
  const sectionName = (id: string) => (props.hideSection ? undefined : props.sections.find((section) => section.id === id)?.name);
  // A thumbnail beside the text, lazy (lists run below the fold); its alt stays: the title links, the image does not.
  const Details = (item: { article: ArticleSummary }) => (
    <>
      <Show when={item.article.featuredImage}>
        {(image) => (
          <Picture image={image()} class={props.compact ? "article-list__thumb article-list__thumb--small" : "article-list__thumb"} sizes={props.compact ? "96px" : "(max-width: 600px) 112px, 176px"} />
        )}
      </Show>
      <p class="meta">
        <time datetime={item.article.publishedAt}>{formatDate(item.article.publishedAt)}</time>
        <Show when={sectionName(item.article.sectionId)}>{(name) => <> · {name()}</>}</Show>
      </p>
      <Show when={!props.compact}>
        <p class="article-list__summary">{item.article.summary}</p>
      </Show>
    </>
  );
  // Two plain templates rather than <Dynamic>: the heading stays static markup.
  return (
    <Show when={props.articles.length > 0} fallback={<p class="empty">Chưa có bài viết.</p>}>
      <ul class={props.compact ? "article-list article-list--compact" : "article-list"}>
        <Show
          when={props.headingLevel === 2}
          fallback={
            <For each={props.articles}>
              {(article) => (
                <li class="article-list__item">
                  <h3 class="article-list__title"><a href={article.url ?? Urls.article(article.slug)}>{article.title}</a></h3>
                  <Details article={article} />
                </li>
              )}
            </For>
          }
        >
          <For each={props.articles}>
            {(article) => (
              <li class="article-list__item">
                <h2 class="article-list__title"><a href={article.url ?? Urls.article(article.slug)}>{article.title}</a></h2>
                <Details article={article} />
              </li>
            )}
          </For>
        </Show>
      </ul>
    </Show>
  );
}
