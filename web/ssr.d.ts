// Types of the `#ssr` import (package.json "imports"): at run time it is the Vite SSR build in
// dist/server, which esbuild bundles into the Lambda; for the type checker it is the source.
export { preparePage, renderDocument, solidRenderer } from "./entry-server";
