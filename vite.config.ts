import { existsSync, readFileSync } from "node:fs";
import { defineConfig } from "vite";
import solid from "vite-plugin-solid";

/**
 * Two builds from one config (scripts/build.ts runs both):
 * - client: web/entry-client.tsx → dist/client/assets (hashed, immutable), with a manifest;
 * - ssr:    web/entry-server.tsx → dist/server/entry-server.js, with the client entry's
 *           file names baked in from that manifest, and each island's chunk (web/islands.ts) with
 *           the shared chunks it imports, so a page preloads exactly the JavaScript it runs.
 */
const MANIFEST = "dist/client/.vite/manifest.json";

type Chunk = { file: string; css?: string[]; isEntry?: boolean; isDynamicEntry?: boolean; imports?: string[] };

function clientAssets(): { js: string; preload: string[]; css: string[]; islands: Record<string, string[]> } {
  if (!existsSync(MANIFEST)) throw new Error("The client build must run before the SSR build.");
  const manifest = JSON.parse(readFileSync(MANIFEST, "utf8")) as Record<string, Chunk>;
  const entry = manifest["web/entry-client.tsx"];
  if (!entry) throw new Error(`${MANIFEST} has no entry for web/entry-client.tsx`);
  // A chunk's file and every chunk it imports, transitively.
  const closure = (key: string, seen = new Set<string>()): string[] => {
    if (seen.has(key)) return [];
    seen.add(key);
    const chunk = manifest[key]!;
    return [`/${chunk.file}`, ...(chunk.imports ?? []).flatMap((imported) => closure(imported, seen))];
  };
  const islands: Record<string, string[]> = {};
  // Every dynamic import of the client is an island (web/islands.ts); entry-server.tsx checks it has them all.
  for (const [source, chunk] of Object.entries(manifest)) {
    if (!chunk.isDynamicEntry) continue;
    // Islands never bring styles of their own: styles.css holds them all (no flash when a chunk loads).
    if (chunk.css?.length) throw new Error(`${source} imports CSS; import it from web/entry-client.tsx instead.`);
    islands[source] = closure(source);
  }
  return {
    js: `/${entry.file}`,
    preload: closure("web/entry-client.tsx").slice(1),
    css: (entry.css ?? []).map((file) => `/${file}`),
    islands,
  };
}

export default defineConfig(({ isSsrBuild }) => ({
  plugins: [solid({ ssr: true })],
  publicDir: false,
  build: isSsrBuild
    ? {
        outDir: "dist/server",
        emptyOutDir: true,
        target: "node20",
        rolldownOptions: { input: "web/entry-server.tsx", output: { entryFileNames: "entry-server.js", chunkFileNames: "pages/[name]-[hash].js" } },
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
