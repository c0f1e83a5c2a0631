/**
 * Articles through the workflow API (`/api/articles`, docs/architecture.md "Contract"): the work
 * lists, the editor's detail, saves (PATCH with the version read: a 409 reaches the screen with
 * `currentVersion`) and the workflow commands. The server decides every rule; the screens only
 * hide what it would refuse (permissions.ts).
 */
import { api } from "../api";
import type { Article, ArticleDetail } from "../types";
import { content, type ListFilters, type WorkView } from "./content";

export type { WorkView };
/** The workflow commands an editor screen sends (Workflow.tsx offers them). */
export type Command = "submit" | "approve" | "return" | "schedule" | "unpublish";

/** What the editor form sends (create: `section`; the server keeps `sectionId`). */
export interface ArticleInput {
  kind: "news" | "collected";
  title: string;
  summary: string;
  body: string;
  section: string;
  byline: string;
  sourceName: string;
  sourceUrl: string;
  /** A media id to choose, null to remove, absent to keep. */
  featuredImage?: string | null;
}

const path = (id?: string) => (id ? `/api/articles/${encodeURIComponent(id)}` : "/api/articles");

export const articles = {
  list: (view: WorkView, cursor?: string, filters?: ListFilters) => content.list("articles", view, { cursor, filters }),
  get: (id: string) => api.get<ArticleDetail>(path(id)),
  create: (input: ArticleInput) => api.post<Article>(path(), withoutEmptySource(input)),
  update: (id: string, version: number, input: ArticleInput) => api.patch<Article>(path(id), { version, ...withoutEmptySource(input) }),
  command: (id: string, command: Command, body: { version: number; reason?: string; at?: string }) =>
    api.post<Article>(`${path(id)}/${command}`, body),
};

/** Source fields belong to collected articles; a news item sends none. */
function withoutEmptySource(input: ArticleInput): Partial<ArticleInput> {
  const { sourceName, sourceUrl, ...rest } = input;
  return input.kind === "collected" ? { ...rest, sourceName, sourceUrl } : rest;
}
