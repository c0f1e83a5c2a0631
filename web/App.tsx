import { Match, Switch } from "solid-js";
import { Layout } from "./components/Layout";
import { ConsultationPage } from "./pages/ConsultationPage";
import { ConsultationsPage } from "./pages/ConsultationsPage";
import { ArticlePage } from "./pages/ArticlePage";
import { DocumentPage } from "./pages/DocumentPage";
import { DocumentsPage } from "./pages/DocumentsPage";
import { Home } from "./pages/Home";
import { Message } from "./pages/Message";
import { OpenDataPage } from "./pages/OpenDataPage";
import { Placeholder } from "./pages/Placeholder";
import { AccessibilityPage, NoticesPage, SiteMapPage, StatsPage } from "./pages/DutyPages";
import { SchedulePage } from "./pages/SchedulePage";
import { SearchPage } from "./pages/SearchPage";
import { SectionPage } from "./pages/SectionPage";
import { VideoPage } from "./pages/VideoPage";
import { VideosPage } from "./pages/VideosPage";
import { GalleriesPage } from "./pages/GalleriesPage";
import { GalleryPage } from "./pages/GalleryPage";
import type { AppProps, PageData } from "./types";

type Of<K extends PageData["kind"]> = Extract<PageData, { kind: K }>;

/**
 * The whole page body, rendered once on the server as static HTML (entry-server.tsx); only its
 * islands (web/island.tsx) are hydrated in the browser, each from its own props.
 */
export function App(props: AppProps) {
  const page = () => props.page;
  const is = <K extends PageData["kind"]>(kind: K) => (page().kind === kind ? (page() as Of<K>) : undefined);
  return (
    <Layout site={props.site} sections={props.sections} banners={props.banners} notices={props.notices} path={props.path}>
      <Switch>
        <Match when={is("home")}>
          {(home) => <Home siteName={props.site.name} featured={home().featured} bySection={home().bySection} sections={props.sections} today={home().today} documents={home().documents} video={home().video} />}
        </Match>
        <Match when={is("section")}>
          {(data) => <SectionPage section={data().section} articles={data().articles} total={data().total} paging={data().paging} sections={props.sections} />}
        </Match>
        <Match when={is("article")}>
          {(data) => <ArticlePage article={data().article} related={data().related} sections={props.sections} url={props.url} />}
        </Match>
        <Match when={is("search")}>
          {(data) => (
            <SearchPage query={data().query} total={data().total} hits={data().hits} paging={data().paging} offset={data().offset} sections={props.sections} />
          )}
        </Match>
        {/* documents-pages */}
        <Match when={is("documents")}>
          {(data) => <DocumentsPage filters={data().filters} items={data().items} total={data().total} truncated={data().truncated} paging={data().paging} types={data().types} fields={data().fields} issuers={data().issuers} years={data().years} />}
        </Match>
        <Match when={is("document")}>
          {(data) => <DocumentPage document={data().document} related={data().related} types={data().types} fields={data().fields} sections={props.sections} />}
        </Match>
        {/* schedules-pages */}
        <Match when={is("schedule")}>
          {(data) => <SchedulePage week={data().week} current={data().current} thisWeek={data().thisWeek} owners={data().owners} owner={data().owner} schedule={data().schedule} />}
        </Match>
        {/* consultations-pages */}
        <Match when={is("consultations")}>{(data) => <ConsultationsPage open={data().open} upcoming={data().upcoming} closed={data().closed} />}</Match>
        <Match when={is("consultation")}>
          {(data) => (
            <ConsultationPage
              consultation={data().consultation} state={data().state} daysLeft={data().daysLeft}
              commentCount={data().commentCount} comments={data().comments} sections={props.sections}
            />
          )}
        </Match>
        {/* videos-pages */}
        <Match when={is("videos")}>{(data) => <VideosPage items={data().items} total={data().total} paging={data().paging} />}</Match>
        <Match when={is("video")}>{(data) => <VideoPage video={data().video} others={data().others} sections={props.sections} />}</Match>
        {/* galleries-pages */}
        <Match when={is("galleries")}>{(data) => <GalleriesPage items={data().items} total={data().total} paging={data().paging} />}</Match>
        <Match when={is("gallery")}>{(data) => <GalleryPage gallery={data().gallery} others={data().others} sections={props.sections} />}</Match>
        {/* open-data-pages */}
        <Match when={is("open-data")}>{(data) => <OpenDataPage guide={data().guide} site={props.site} sections={props.sections} />}</Match>
        {/* duties-pages */}
        <Match when={is("notices")}>{(data) => <NoticesPage notices={data().notices} />}</Match>
        <Match when={is("site-map")}>{(data) => <SiteMapPage sections={props.sections} kinds={data().kinds} />}</Match>
        <Match when={is("accessibility")}><AccessibilityPage site={props.site} /></Match>
        <Match when={is("stats")}>{(data) => <StatsPage year={data().year} years={data().years} months={data().months} total={data().total} />}</Match>
        <Match when={is("placeholder")}>
          {(data) => <Placeholder title={data().title} lead={data().lead} message={data().message} />}
        </Match>
        <Match when={is("not-found")}>{(data) => <Message title="Không tìm thấy trang" message={data().message} />}</Match>
        <Match when={is("bad-request")}>{(data) => <Message title="Yêu cầu không hợp lệ" message={data().message} />}</Match>
        <Match when={is("error")}>{(data) => <Message title="Đã có lỗi xảy ra" message={data().message} />}</Match>
      </Switch>
    </Layout>
  );
}
