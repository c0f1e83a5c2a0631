import { NoHydration, renderToString } from "solid-js/web";
import { renderStatic, type Renderer } from "./render";
import type { Component } from "solid-js";
import { App, preparePage as prepareView } from "./App";
import { embedJson, headTags } from "./head";
import { ISLAND_SOURCES } from "./island-sources";
import { collectIslands, islandMarker, islandRenderId } from "./island";
import { CommentForm } from "./components/CommentForm";
import { MainMenu } from "./components/MainMenu";
import { NoticeBanner } from "./components/NoticeBanner";
import { RatingForm } from "./components/RatingForm";
import { ShareBar } from "./components/ShareBar";
import { TopBar } from "./components/TopBar";
import { ViewCount } from "./components/ViewCount";
import { VisitorBox } from "./components/VisitorBox";
import type { AppProps, DocumentOptions } from "./types";
import type { PageKind, ServerIslands } from "./views/kinds";

/**
 * Injected by vite.config.ts from the client build's manifest: the entry's script and styles, the
 * chunks it imports, and each island's chunk with the shared chunks it imports (by source path).
 */
declare const __CLIENT_ASSETS__: { js: string; preload: string[]; css: string[]; islands: Record<string, string[]> };

for (const source of Object.values(ISLAND_SOURCES)) {
  if (!__CLIENT_ASSETS__.islands[source]) throw new Error(`${source} is not a chunk of the client build: web/islands.ts must import it dynamically.`);
}

/**
 * The server's side of web/islands.ts: the same components, imported statically, except those
 * that only pages loaded on first use have (they come with their page kinds: web/views/).
 */
const SERVER_ISLANDS: Partial<ServerIslands> = {
  "top-bar": TopBar,
  "main-menu": MainMenu,
  "notice-banner": NoticeBanner,
  "visitor-box": VisitorBox,
  "view-count": ViewCount,
  "share-bar": ShareBar,
  "rating-form": RatingForm,
  "comment-form": CommentForm,
};

/**
 * Solid's own renderToString, for tests/http/ssr.test.ts to compare web/render.ts with. Unused by
 * the functions, so bundling drops it, and the serializer with it.
 */
export const solidRenderer: Renderer = (code, renderId) => renderToString(code, renderId === undefined ? {} : { renderId });

/**
 * Loads what a page of `kind` needs that the entry does not hold (its view and islands: web/App.tsx)
 * — to be awaited before `renderDocument`; undefined when it is loaded already.
 */
export function preparePage(kind: PageKind): Promise<void> | undefined {
  return prepareView(kind, (group) => Object.assign(SERVER_ISLANDS, group.islands));
}

/**
 * The full HTML document of a public page: static HTML, readable as it is with JavaScript off,
 * rendered once (the article body is never repeated as JSON), with the islands (web/island.tsx)
 * rendered into it, each with its own hydration keys. `#island-props` holds each island's
 * projected props, in document order; entry-client.tsx hydrates them. The page's kind must be
 * loaded first (`preparePage`).
 */
export function renderDocument(props: AppProps, options: DocumentOptions, render: Renderer = renderStatic): string {
  const { html: page, islands, token } = collectIslands(() => render(() => <NoHydration><App {...props} /></NoHydration>));
  let html = page;
  islands.forEach(({ name, props: own }, index) => {
    const Island = SERVER_ISLANDS[name] as Component<Record<string, unknown>> | undefined;
    if (!Island) throw new Error(`The island "${name}" is not loaded: its page kind's group must list it (web/views/).`);
    const rendered = render(() => <Island {...(own as object)} />, islandRenderId(index));
    html = html.replace(islandMarker(token, index), () => rendered);
  });
  const chunks = new Set(__CLIENT_ASSETS__.preload);
  for (const { name } of islands) for (const file of __CLIENT_ASSETS__.islands[ISLAND_SOURCES[name]] ?? []) chunks.add(file);
  chunks.delete(__CLIENT_ASSETS__.js);
  const css = __CLIENT_ASSETS__.css.map((href) => `<link rel="stylesheet" href="${href}">`).join("");
  return [
    "<!doctype html>",
    '<html lang="vi">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    headTags(props, options),
    css,
    // The page's island chunks load in parallel with the entry, not after it.
    [...chunks].map((file) => `<link rel="modulepreload" href="${file}">`).join(""),
    "</head>",
    "<body>",
    `<div id="app">${html}</div>`,
    `<script id="island-props" type="application/json">${embedJson(islands.map((island) => island.props))}</script>`,
    `<script type="module" src="${__CLIENT_ASSETS__.js}"></script>`,
    "</body>",
    "</html>",
  ].join("");
}
