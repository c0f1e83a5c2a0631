import { ArticleList } from "../components/ArticleList";
import type { ArticleSummary, Section } from "../types";

export function Home(props: { latest: ArticleSummary[]; sections: Section[] }) {
  return (
    <section aria-labelledby="tin-moi">
      <h1 id="tin-moi" class="page-title">Tin mới nhất</h1>
      <ArticleList articles={props.latest} sections={props.sections} />
    </section>
  );
}
