/**
 * JavaScript each public page type makes the browser load (docs/architecture.md, "Budgets": ≤ 25 KB gzip on every
 * public page type): the modules it references (the entry and the modulepreloads of its islands' chunks, each
 * counted once) plus any inline script, gzip-compressed as CloudFront serves them. The island props are JSON, not
 * script, and are shown apart.
 */
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { Articles } from "../functions/core/reader/articles";
import { Sections } from "../functions/core/sections/sections";
import type { Store } from "../functions/core/storage/store";
import { publicPageTypes } from "./page-types";

const KB = 1024;
const BUDGET_KB = 25;

/** The first link on a list page into one of its items, or undefined when the list is empty. */
async function firstItem(url: string, list: string, prefix: string): Promise<string | undefined> {
  const html = await (await fetch(url + list)).text();
  return new RegExp(`<a[^>]* href="(${prefix}[^"?#]+)"`).exec(html)?.[1];
}

export async function jsPerPageType(url: string, store: Store) {
  const [latest, sections] = await Promise.all([Articles.listLatest(store, { limit: 1 }), Sections.list(store)]);
  const items = {
    document: await firstItem(url, "/van-ban", "/van-ban/"),
    gallery: await firstItem(url, "/thu-vien-anh", "/thu-vien-anh/"),
    video: await firstItem(url, "/video", "/video/"),
    consultation: await firstItem(url, "/gop-y", "/gop-y/"),
  };
  const types = publicPageTypes({ section: sections[0]!.slug, article: latest.items[0]!.slug, search: "tinh uy", ...items });
  console.log("\n## JavaScript per page type (gzip)");
  let largest = 0;
  for (const [label, path] of types) {
    if (!path) {
      console.log(`${label.padEnd(20)} (no item in the bench data)`);
      continue;
    }
    const res = await fetch(url + path);
    const html = await res.text();
    const files = new Set([...html.matchAll(/<(?:script type="module" src|link rel="modulepreload" href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!));
    const external = [...files].reduce((sum, file) => sum + gzipSync(readFileSync(`dist/client/${file}`)).length, 0);
    // Executable inline scripts only: JSON and JSON-LD data blocks are never run.
    const inline = [...html.matchAll(/<script(?: type="module")?>([\s\S]*?)<\/script>/g)].reduce((sum, m) => sum + gzipSync(m[1]!).length, 0);
    const props = /<script id="island-props" type="application\/json">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? "";
    const islands = [...html.matchAll(/ data-island="([\w-]+)"/g)].length;
    largest = Math.max(largest, external + inline);
    console.log(
      `${label.padEnd(20)} ${String(res.status).padStart(3)}   JS ${((external + inline) / KB).toFixed(1).padStart(5)} KB ` +
        `(${files.size} files, ${(inline / KB).toFixed(1)} KB inline, ${islands} islands)   island props ${(gzipSync(props).length / KB).toFixed(1)} KB   HTML ${(gzipSync(html).length / KB).toFixed(1)} KB`,
    );
  }
  console.log(`budget: ≤ ${BUDGET_KB} KB gzip of JavaScript on every public page; largest here ${(largest / KB).toFixed(1)} KB${largest > BUDGET_KB * KB ? " — OVER BUDGET" : ""}`);
}
