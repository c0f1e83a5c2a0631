import { existsSync, readFileSync } from "node:fs";
import { defineConfig } from "vite";
import solid from "vite-plugin-solid";

/**
 * Two builds from one config (scripts/build.ts runs both):
 * - client: web/entry-client.tsx → dist/client/assets (hashed, immutable), with a manifest;
 * - ssr:    web/entry-server.tsx → dist/server/entry-server.js, with the client entry's
 *           file names baked in from that manifest.
 */
const MANIFEST = "dist/client/.vite/manifest.json";

function clientAssets(): { js: string; css: string[] } {
  if (!existsSync(MANIFEST)) throw new Error("The client build must run before the SSR build.");
  const manifest = JSON.parse(readFileSync(MANIFEST, "utf8")) as Record<string, { file: string; css?: string[]; isEntry?: boolean }>;
  const entry = manifest["web/entry-client.tsx"];
  if (!entry) throw new Error(`${MANIFEST} has no entry for web/entry-client.tsx`);
  return { js: `/${entry.file}`, css: (entry.css ?? []).map((file) => `/${file}`) };
}

export default defineConfig(({ isSsrBuild }) => ({
  plugins: [solid({ ssr: true })],
  publicDir: false,
  build: isSsrBuild
    ? {
        outDir: "dist/server",
        emptyOutDir: true,
        target: "node20",
        rolldownOptions: { input: "web/entry-server.tsx", output: { entryFileNames: "entry-server.js" } },
      }
    : {
        outDir: "dist/client",
        emptyOutDir: true,
        manifest: true,
        target: "es2020",
        rolldownOptions: { input: "web/entry-client.tsx" },
      },
  define: isSsrBuild ? { __CLIENT_ASSETS__: JSON.stringify(clientAssets()) } : {},
}));
