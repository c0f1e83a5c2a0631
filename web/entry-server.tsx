import { generateHydrationScript, renderToString } from "solid-js/web";
import { App } from "./App";
import { embedJson, headTags } from "./head";
import type { AppProps, DocumentOptions } from "./types";

/** Injected by vite.config.ts from the client build's manifest. */
declare const __CLIENT_ASSETS__: { js: string; css: string[] };

/**
 * The full HTML document of a public page: readable as it is with JavaScript off, then hydrated
 * by entry-client.tsx from the embedded props. The article body is not embedded twice: the
 * client reads it back from the rendered DOM.
 */
export function renderDocument(props: AppProps, options: DocumentOptions): string {
  const html = renderToString(() => <App {...props} />);
  const embedded: AppProps =
    props.page.kind === "article" ? { ...props, page: { ...props.page, article: { ...props.page.article, body: "" } } } : props;
  const css = __CLIENT_ASSETS__.css.map((href) => `<link rel="stylesheet" href="${href}">`).join("");
  return [
    "<!doctype html>",
    '<html lang="vi">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    headTags(props, options),
    // No favicon ships yet; an empty one spares every page a 404 request.
    `<link rel="icon" href="data:,">`,
    css,
    generateHydrationScript(),
    "</head>",
    "<body>",
    `<div id="app">${html}</div>`,
    `<script id="page-props" type="application/json">${embedJson(embedded)}</script>`,
    `<script type="module" src="${__CLIENT_ASSETS__.js}"></script>`,
    "</body>",
    "</html>",
  ].join("");
}
