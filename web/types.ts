import type { ArticleSummary, PublishedArticle } from "../functions/core/reader/articles";
import type { SearchHit, Segment } from "../functions/core/reader/search";
import type { Section } from "../functions/core/sections/sections";
import type { SiteSettings } from "../functions/core/site/settings";
import type { IsoWeek } from "../functions/core/shared/week";

import type { TodaySchedule } from "../functions/core/reader/schedules";
export type { ArticleSummary, IsoWeek, PublishedArticle, SearchHit, Section, Segment, SiteSettings };

/** A linked banner (ảnh liên kết) in the sidebar, managed by admins (functions/core/site/banners.ts). */
export type Banner = import("../functions/core/site/banners").PublicBanner;

/** Header, navigation, sidebar and footer data: the same on every page. */
export interface Shell {
  /** `emblem`: URL of the agency's emblem image, once settings carry one; a neutral mark until then. */
  site: SiteSettings & { emblem?: string };
  sections: Section[];
  banners: Banner[];
  /** Planned outage notices not yet ended (functions/core/site/notices.ts): the banner on every page. */
  notices?: import("../functions/core/site/notices").PublicNotice[];
}

/** Numbered pages: `href(n)` is built from `path` and `query` (page 1 has no `trang`). */
export interface Paging {
  page: number;
  pages: number;
  path: string;
  /** Query parameters other than `trang`, e.g. `{ q: "..." }`. */
  query?: Record<string, string>;
}

/** What one page shows; the server loads it, renders it, and embeds it for hydration. */
export type PageData =
  | {
      kind: "home";
      featured: ArticleSummary[];
      bySection: { section: Section; articles: ArticleSummary[] }[];
      /** Today's entries of the bodies' published weeks (Vietnam date). */
      today: { date: string; items: TodaySchedule[] };
      /** The newest directive documents (by issue date). */
      documents: import("../functions/core/reader/documents").DocumentSummary[];
      /** The most recently published video marked for the home page ("video trang chủ"), if any. */
      video?: import("../functions/core/reader/videos").VideoSummary;
    }
  | { kind: "section"; section: Section; articles: ArticleSummary[]; total: number; paging: Paging }
  | { kind: "article"; article: PublishedArticle; related: ArticleSummary[] }
  | { kind: "search"; query: string; total: number; hits: SearchHit[]; paging: Paging; offset: number }
  // documents-pages (one line per page kind below)
  | { kind: "documents"; filters: import("../functions/core/reader/documents").DocumentFilters; items: import("../functions/core/reader/documents").DocumentSummary[]; total: number; truncated: boolean; paging: Paging; types: import("../functions/core/reader/documents").DocumentType[]; fields: import("../functions/core/reader/documents").DocumentType[]; issuers: import("../functions/core/reader/documents").DocumentType[]; years: string[] }
  | { kind: "document"; document: import("../functions/core/reader/documents").PublishedDocument; related: import("../functions/core/reader/documents").DocumentSummary[]; types: import("../functions/core/reader/documents").DocumentType[]; fields: import("../functions/core/reader/documents").DocumentType[] }
  // schedules-pages
  | {
      kind: "schedule"; week: IsoWeek; current: boolean; thisWeek: string; owners: import("../functions/core/reader/schedules").ScheduleOwnerLink[];
      /** The chosen body's slug (none when no body exists yet); `schedule` when its week is published. */
      owner?: string; schedule?: import("../functions/core/reader/schedules").PublishedSchedule;
    }
  // consultations-pages
  | { kind: "consultations" } & import("../functions/core/reader/consultations").ConsultationOverview
  | {
      kind: "consultation"; consultation: import("../functions/core/reader/consultations").PublishedConsultation;
      state: import("../functions/core/reader/consultations").ConsultationState; daysLeft: number; commentCount: number;
      comments: import("../functions/core/reader/consultations").PublicComment[];
    }
  // videos-pages
  | { kind: "videos"; items: import("../functions/core/reader/videos").VideoSummary[]; total: number; paging: Paging }
  | { kind: "video"; video: import("../functions/core/reader/videos").PublishedVideo; others: import("../functions/core/reader/videos").VideoSummary[] }
  // galleries-pages
  | { kind: "galleries"; items: import("../functions/core/reader/galleries").GallerySummary[]; total: number; paging: Paging }
  | { kind: "gallery"; gallery: import("../functions/core/reader/galleries").PublishedGallery; others: import("../functions/core/reader/galleries").GallerySummary[] }
  // open-data-pages
  | { kind: "open-data"; guide: import("./pages/OpenDataPage").OpenDataGuide }
  // duties-pages
  | { kind: "notices"; notices: import("../functions/core/site/notices").PublicNotice[] }
  | { kind: "site-map"; kinds: { title: string; href: string }[] }
  | { kind: "accessibility" }
  | { kind: "stats"; year: number; years: number[]; months: { month: number; visits: number }[]; total: number }
  | { kind: "placeholder"; title: string; lead: string; message: string }
  | { kind: "not-found"; message: string }
  | { kind: "bad-request"; message: string }
  | { kind: "error"; message: string };

/** Everything the App component needs, on the server and again in the browser. */
export interface AppProps extends Shell {
  page: PageData;
  /** Path of this page ("/chuyen-muc/kinh-te"), for the current navigation item. */
  path: string;
  /** Absolute canonical URL of this page, for share links. */
  url: string;
}

/** Document-level facts that are not part of the hydrated tree. */
export interface DocumentOptions {
  /** Absolute origin used for canonical URLs, e.g. "https://tinhuy.example.vn". */
  origin: string;
  /** Path and query of this page's canonical URL. */
  path: string;
}
