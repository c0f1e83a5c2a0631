/**
 * Solid's `renderToString`, less what this site never uses: the serializer (seroval) that writes
 * resources and other async data into the page as scripts, and the asset injection of `useAssets`.
 * Public pages are static HTML (NoHydration) and each island is hydrated from its own JSON props
 * (web/island.tsx), so nothing is ever serialized; leaving the serializer out takes ~40 KB of
 * seroval out of the reader's bundle and the Serializer that Solid builds on every call out of
 * every render (docs/architecture.md, "Budgets").
 *
 * It sets up the same render context as Solid 1.9's renderToString (solid-js/web/dist/server.js),
 * so hydration keys are the same. tests/http/ssr.test.ts renders pages both ways and expects the
 * same HTML; a Solid upgrade that changes the context fails there. A component that would write
 * data into the page (createResource, an error boundary's fallback, useAssets) throws here instead
 * of being silently dropped.
 */
import type { JSX } from "solid-js";
import { createRoot, sharedConfig } from "solid-js";
import { escape, resolveSSRNode } from "solid-js/web";

export type Renderer = (code: () => JSX.Element, renderId?: string) => string;

const unsupported = (what: string) => () => {
  throw new Error(`${what} is not supported by web/render.ts: public pages are static, islands take JSON props.`);
};

export const renderStatic: Renderer = (code, renderId = "") => {
  // The fields Solid's server runtime reads (hydration keys: id, count; roots: nextRoot).
  const context = {
    id: renderId,
    count: 0,
    suspense: {},
    lazy: {},
    assets: [] as unknown[],
    nonce: undefined,
    // Solid writes only outside NoHydration (resources, error boundaries' and Suspense's fallbacks).
    serialize() {
      if (!(sharedConfig.context as { noHydrate?: boolean } | undefined)?.noHydrate) unsupported("Serializing data into the page (createResource, ErrorBoundary, Suspense)")();
    },
    roots: 0,
    nextRoot(this: { renderId?: string; roots: number }) {
      return `${this.renderId}i-${this.roots++}`;
    },
  };
  (sharedConfig as { context?: unknown }).context = context;
  const html = createRoot((dispose) => {
    setTimeout(dispose);
    // As Solid does: escape() passes rendered nodes through and escapes plain strings.
    return resolveSSRNode(escape(code() as unknown as string));
  });
  (context as { noHydrate?: boolean }).noHydrate = true;
  if (context.assets.length) unsupported("useAssets")();
  return html;
};
