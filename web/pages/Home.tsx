import { For, Show } from "solid-js";
import { Urls } from "../../functions/core/shared/urls";
import { ArticleList } from "../components/ArticleList";
import { DocumentBox } from "../components/DocumentBox";
import { HomeVideo } from "../components/HomeVideo";
import { Picture } from "../components/Picture";
import { TodaySchedule } from "../components/TodaySchedule";
import { formatDate } from "../format";
import type { ArticleSummary, PageData, Section } from "../types";

/**
 * The home page: the newest articles across sections as the featured block (the editorial model
 * has no "featured" flag yet), then the newest of every top-level section. The video area
 * (HomeVideo) appears once a video is marked for the home page; nothing stands in for it until then.
 */
export function Home(props: {
  siteName: string;
  featured: ArticleSummary[];
  bySection: { section: Section; articles: ArticleSummary[] }[];
  sections: Section[];
  today: Extract<PageData, { kind: "home" }>["today"];
  documents: Extract<PageData, { kind: "home" }>["documents"];
  video?: Extract<PageData, { kind: "home" }>["video"];
}) {
  const lead = () => props.featured[0];
  return (
    <>
      <h1 class="visually-hidden">{props.siteName}</h1>
      <section class="featured" aria-labelledby="tin-noi-bat">
        <h2 id="tin-noi-bat" class="block-title">Tin nổi bật</h2>
        <Show when={lead()} fallback={<p class="empty">Chưa có bài viết.</p>}>
          {(article) => (
            <div class="featured__lead">
              <Show
                when={article().featuredImage}
                fallback={<Show when={article().image}>{(src) => <img class="featured__image" src={src()} alt="" />}</Show>}
              >
                {(image) => <Picture image={image()} class="featured__picture" sizes="(max-width: 860px) calc(100vw - 32px), 780px" priority />}
              </Show>
              <h3 class="featured__title"><a href={article().url ?? Urls.article(article().slug)}>{article().title}</a></h3>
              <p class="meta"><time datetime={article().publishedAt}>{formatDate(article().publishedAt)}</time></p>
              <p>{article().summary}</p>
            </div>
          )}
        </Show>
        <ArticleList articles={props.featured.slice(1)} sections={props.sections} compact />
      </section>
      <div class="home-duties">
        <TodaySchedule date={props.today.date} items={props.today.items} />
        <DocumentBox documents={props.documents} />
      </div>
      <HomeVideo video={props.video} />
      <div class="section-blocks">
        <For each={props.bySection}>
          {(block) => (
            <section class="section-block" aria-labelledby={`khoi-${block.section.slug}`}>
              <h2 id={`khoi-${block.section.slug}`} class="block-title">
                <a href={Urls.section(block.section.slug)}>{block.section.name}</a>
              </h2>
              <ArticleList articles={block.articles} sections={props.sections} compact hideSection />
              <Show when={block.articles.length > 0}>
                <p class="more">
                  <a href={Urls.section(block.section.slug)}>Xem thêm<span class="visually-hidden"> tin {block.section.name}</span> ›</a>
                </p>
              </Show>
            </section>
          )}
        </For>
      </div>
    </>
  );
}
