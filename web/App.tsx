import { Layout } from "./components/Layout";
import { ArticlePage } from "./pages/ArticlePage";
import { Home } from "./pages/Home";
import { Message } from "./pages/Message";
import { Placeholder } from "./pages/Placeholder";
import { SectionPage } from "./pages/SectionPage";
import type { PageGroup, PageKind, PageView, PageViews } from "./views/kinds";
import type { AppProps } from "./types";

/** The pages nearly every visit starts on, and the messages any request may end on: in the SSR build's entry. */
const COMMON = {
  home: (home, app) => (
    <Home siteName={app.site.name} featured={home.featured} bySection={home.bySection} sections={app.sections} today={home.today} documents={home.documents} video={home.video} />
  ),
  section: (data, app) => <SectionPage section={data.section} articles={data.articles} total={data.total} paging={data.paging} sections={app.sections} />,
  article: (data, app) => <ArticlePage article={data.article} related={data.related} sections={app.sections} url={app.url} />,
  placeholder: (data) => <Placeholder title={data.title} lead={data.lead} message={data.message} />,
  "not-found": (data) => <Message title="Không tìm thấy trang" message={data.message} />,
  "bad-request": (data) => <Message title="Yêu cầu không hợp lệ" message={data.message} />,
  error: (data) => <Message title="Đã có lỗi xảy ra" message={data.message} />,
} satisfies PageViews;

type Common = keyof typeof COMMON;

/**
 * Every other page kind, in a chunk per group (web/views/), imported on its first page. The type
 * asks for every kind that is not common: a new kind without a loader does not compile.
 */
const GROUPS: { [K in Exclude<PageKind, Common>]: () => Promise<{ group: PageGroup }> } = {
  search: () => import("./views/search"),
  documents: () => import("./views/documents"),
  document: () => import("./views/documents"),
  schedule: () => import("./views/schedule"),
  consultations: () => import("./views/consultations"),
  consultation: () => import("./views/consultations"),
  videos: () => import("./views/videos"),
  video: () => import("./views/videos"),
  galleries: () => import("./views/galleries"),
  gallery: () => import("./views/galleries"),
  "open-data": () => import("./views/open-data"),
  notices: () => import("./views/duties"),
  "site-map": () => import("./views/duties"),
  accessibility: () => import("./views/duties"),
  stats: () => import("./views/duties"),
};

const views: PageViews = { ...COMMON };
const loading = new Map<PageKind, Promise<PageGroup>>();

/**
 * Loads the view of a page kind (and the islands only it uses, given to `register`) if it is not
 * loaded yet; nothing to wait for when it is (undefined, no microtask).
 */
export function preparePage(kind: PageKind, register: (group: PageGroup) => void): Promise<void> | undefined {
  if (views[kind]) return undefined;
  let pending = loading.get(kind);
  if (!pending) {
    pending = GROUPS[kind as Exclude<PageKind, Common>]().then(({ group }) => {
      Object.assign(views, group.views);
      register(group);
      return group;
    });
    // A failed import may be retried by the next page of the kind.
    pending.catch(() => loading.delete(kind));
    loading.set(kind, pending);
  }
  return pending.then(() => undefined);
}

/**
 * The whole page body, rendered once on the server as static HTML (entry-server.tsx); only its
 * islands (web/island.tsx) are hydrated in the browser, each from its own props. The page's kind
 * must be loaded (`preparePage`).
 */
export function App(props: AppProps) {
  const view = views[props.page.kind] as PageView<PageKind> | undefined;
  if (!view) throw new Error(`The view of "${props.page.kind}" pages is not loaded: await preparePage() before rendering.`);
  return (
    <Layout site={props.site} sections={props.sections} banners={props.banners} notices={props.notices} path={props.path}>
      {view(props.page, props)}
    </Layout>
  );
}
