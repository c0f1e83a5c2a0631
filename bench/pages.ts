/**
 * JavaScript each public page type makes the browser load (docs/architecture.md, "Budgets": ≤ 25 KB gzip on the
 * article page): external modules it references (entry and preloads, each counted once) plus
 * inline scripts (Solid's hydration bootstrap), gzip-compressed as CloudFront serves them. The
 * embedded page props are JSON, not script, and are shown apart.
 */
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { Articles } from "../functions/core/reader/articles";
import { Sections } from "../functions/core/sections/sections";
import type { Store } from "../functions/core/storage/store";

const KB = 1024;

export async function jsPerPageType(url: string, store: Store) {
  const [latest, sections] = await Promise.all([Articles.listLatest(store, { limit: 1 }), Sections.list(store)]);
  const types: [string, string][] = [
    ["home", "/"],
    ["section", `/chuyen-muc/${sections[0]!.slug}`],
    ["article", `/bai-viet/${latest.items[0]!.slug}`],
    ["search", "/tim-kiem?q=tinh+uy"],
    ["schedule", "/lich-cong-tac"],
    ["documents (empty)", "/van-ban"],
    ["not found", "/bai-viet/khong-co-bai-nay"],
  ];
  console.log("\n## JavaScript per page type (gzip)");
  for (const [label, path] of types) {
    const res = await fetch(url + path);
    const html = await res.text();
    const files = new Set([...html.matchAll(/<(?:script type="module" src|link rel="modulepreload" href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!));
    const external = [...files].reduce((sum, file) => sum + gzipSync(readFileSync(`dist/client/${file}`)).length, 0);
    const inline = [...html.matchAll(/<script(?: type="module")?>([\s\S]*?)<\/script>/g)].reduce((sum, m) => sum + gzipSync(m[1]!).length, 0);
    const props = /<script id="page-props" type="application\/json">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? "";
    console.log(
      `${label.padEnd(20)} ${String(res.status).padStart(3)}   JS ${((external + inline) / KB).toFixed(1).padStart(5)} KB ` +
        `(${files.size} file, ${(inline / KB).toFixed(1)} KB inline)   page props ${(gzipSync(props).length / KB).toFixed(1)} KB   HTML ${(gzipSync(html).length / KB).toFixed(1)} KB`,
    );
  }
  console.log("budget: ≤ 25 KB gzip of JavaScript on every public page");
}
