import { ArticleList } from "../components/ArticleList";
import type { ArticleSummary, Section } from "../types";

export function SectionPage(props: { section: Section; articles: ArticleSummary[]; sections: Section[] }) {
  return (
    <section>
      <h1 class="page-title">{props.section.name}</h1>
      <p class="lead">{props.section.description}</p>
      <ArticleList articles={props.articles} sections={props.sections} />
    </section>
  );
}
