/**
 * Page kinds and their views (server only). The SSR build keeps the common pages (home, section,
 * article, messages) in its entry and puts every other group of page kinds in a chunk of its own,
 * loaded on the first page of that kind (web/App.tsx `preparePage`): the reader function's cold
 * start compiles only what an article or the home page needs (docs/architecture.md, "Budgets").
 */
import type { Component, JSX } from "solid-js";
import type { IslandName, IslandProps } from "../island";
import type { AppProps, PageData } from "../types";

export type PageKind = PageData["kind"];
export type PageOf<K extends PageKind> = Extract<PageData, { kind: K }>;
/** The body of one page kind inside the layout, from its page data and the shell. */
export type PageView<K extends PageKind> = (page: PageOf<K>, app: AppProps) => JSX.Element;
export type PageViews = { [K in PageKind]?: PageView<K> };
/** The server's render of each island (the browser's is web/islands.ts). */
export type ServerIslands = { [N in IslandName]: Component<IslandProps[N]> };

/** What a chunk of page kinds brings: the views of its kinds and the islands only they use. */
export interface PageGroup {
  views: PageViews;
  islands?: Partial<ServerIslands>;
}
