import { Match, Switch } from "solid-js";
import { Layout } from "./components/Layout";
import { ArticlePage } from "./pages/ArticlePage";
import { Home } from "./pages/Home";
import { Message } from "./pages/Message";
import { SectionPage } from "./pages/SectionPage";
import type { AppProps, PageData } from "./types";

type Of<K extends PageData["kind"]> = Extract<PageData, { kind: K }>;

/** The whole page body; rendered on the server and hydrated in the browser from the same props. */
export function App(props: AppProps) {
  const page = () => props.page;
  return (
    <Layout site={props.site} sections={props.sections}>
      <Switch>
        <Match when={page().kind === "home" && (page() as Of<"home">)}>
          {(home) => <Home latest={home().latest} sections={props.sections} />}
        </Match>
        <Match when={page().kind === "section" && (page() as Of<"section">)}>
          {(data) => <SectionPage section={data().section} articles={data().articles} sections={props.sections} />}
        </Match>
        <Match when={page().kind === "article" && (page() as Of<"article">)}>
          {(data) => <ArticlePage article={data().article} related={data().related} sections={props.sections} />}
        </Match>
        <Match when={page().kind === "not-found" && (page() as Of<"not-found">)}>
          {(data) => <Message title="Không tìm thấy trang" message={data().message} />}
        </Match>
        <Match when={page().kind === "error" && (page() as Of<"error">)}>
          {(data) => <Message title="Đã có lỗi xảy ra" message={data().message} />}
        </Match>
      </Switch>
    </Layout>
  );
}

/** The document <title> of a page. */
export function pageTitle(props: AppProps): string {
  const page = props.page;
  switch (page.kind) {
    case "home":
      return props.site.name;
    case "section":
      return `${page.section.name} - ${props.site.shortName}`;
    case "article":
      return `${page.article.title} - ${props.site.shortName}`;
    case "not-found":
      return `Không tìm thấy trang - ${props.site.shortName}`;
    case "error":
      return `Đã có lỗi xảy ra - ${props.site.shortName}`;
  }
}

/** The meta description of a page. */
export function pageDescription(props: AppProps): string {
  const page = props.page;
  if (page.kind === "article") return page.article.summary;
  if (page.kind === "section") return page.section.description || page.section.name;
  return `${props.site.name}: tin tức, sự kiện, văn bản chỉ đạo, lịch công tác.`;
}
