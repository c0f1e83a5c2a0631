import { Show } from "solid-js";
import { Urls } from "../../functions/core/shared/urls";
import { ArticleList } from "../components/ArticleList";
import { Picture } from "../components/Picture";
import { Comments } from "../components/Comments";
import type { WithReaderComments } from "../../functions/core/participation/public";
import { Island } from "../island";
import { formatDateTime } from "../format";
import type { ArticleSummary, PublishedArticle, Section } from "../types";

export function ArticlePage(props: { article: PublishedArticle; related: ArticleSummary[]; sections: Section[]; url: string }) {
  const section = () => props.sections.find((s) => s.id === props.article.sectionId);
  return (
    <>
      {/* data-article-id: the page's view beacon (web/beacon.ts) counts this article. */}
      <article class="article" data-article-id={props.article.id}>
        <Show when={section()}>
          {(s) => (
            <nav aria-label="Vị trí" class="breadcrumb">
              <a href={Urls.home()}>Trang chủ</a> <span aria-hidden="true">›</span> <a href={Urls.section(s().slug)}>{s().name}</a>
            </nav>
          )}
        </Show>
        <h1 class="article__title">{props.article.title}</h1>
        <p class="meta article__meta">
          <Show when={section()}>
            {(s) => <><a href={Urls.section(s().slug)}>{s().name}</a> · </>}
          </Show>
          Cập nhật: <time datetime={props.article.publishedAt}>{formatDateTime(props.article.publishedAt)}</time>
          <Island name="view-count" props={{ articleId: props.article.id }} inline />
        </p>
        <p class="article__summary">{props.article.summary}</p>
        {/* The library image (responsive, with alt text) wins over an old hand-typed address. */}
        <Show
          when={props.article.featuredImage}
          fallback={
            <Show when={props.article.image}>
              {(src) => (
                <figure class="article__image">
                  <img src={src()} alt="" />
                </figure>
              )}
            </Show>
          }
        >
          {(image) => (
            <figure class="article__image">
              <Picture image={image()} sizes="(max-width: 860px) calc(100vw - 32px), 760px" priority />
            </figure>
          )}
        </Show>
        {/* Sanitized on the server before storage (allow-list); see functions/core/shared/html.ts. */}
        <div class="article__body" data-article-body innerHTML={props.article.body} />
        <p class="article__byline">{props.article.byline}</p>
        <Show when={props.article.kind === "collected" && props.article.sourceName}>
          <p class="article__source">
            Nguồn:{" "}
            <Show when={props.article.sourceUrl} fallback={props.article.sourceName}>
              <a href={props.article.sourceUrl} rel="noopener nofollow">{props.article.sourceName}</a>
            </Show>
          </p>
        </Show>
        <Island name="share-bar" props={{ url: props.url, title: props.article.title }} />
        <Island name="rating-form" props={{ kind: "articles", id: props.article.id }} />
        <Comments kind="articles" itemId={props.article.id} comments={(props.article as WithReaderComments).readerComments} count={(props.article as WithReaderComments).commentCount} />
      </article>
      <Show when={props.related.length > 0}>
        <section class="related" aria-labelledby="tin-lien-quan">
          <h2 id="tin-lien-quan">Tin cùng chuyên mục</h2>
          <ArticleList articles={props.related} sections={props.sections} compact hideSection />
        </section>
      </Show>
    </>
  );
}
