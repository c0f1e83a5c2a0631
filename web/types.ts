import type { ArticleSummary, PublishedArticle } from "../functions/core/articles";
import type { Section } from "../functions/core/sections";
import type { SiteSettings } from "../functions/core/settings";

export type { ArticleSummary, PublishedArticle, Section, SiteSettings };

/** What one page shows; the server loads it, renders it, and embeds it for hydration. */
export type PageData =
  | { kind: "home"; latest: ArticleSummary[] }
  | { kind: "section"; section: Section; articles: ArticleSummary[] }
  | { kind: "article"; article: PublishedArticle; related: ArticleSummary[] }
  | { kind: "not-found"; message: string }
  | { kind: "error"; message: string };

/** Everything the App component needs, on the server and again in the browser. */
export interface AppProps {
  site: SiteSettings;
  sections: Section[];
  page: PageData;
}

/** Document-level facts that are not part of the hydrated tree. */
export interface DocumentOptions {
  /** Absolute origin used for canonical URLs, e.g. "https://tinhuy.example.vn". */
  origin: string;
  /** Path of this page, for the canonical URL. */
  path: string;
}
