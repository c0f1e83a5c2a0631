/**
 * `npm run bench`: the budgets of docs/architecture.md ("Budgets"), measured on this machine. Not a test: it prints
 * and never fails on a slow run. Later issues add their benchmarks here.
 *
 * 1. SSR article page vs the same bytes served as a static response by the same server (autocannon,
 *    loopback, fixed duration): requests/s, p50, p99 and the ratio.
 * 2. Lambda bundles, reader and staff: minified size and cold import time; the staff bundle must
 *    hold none of the reader's SSR build, pages, feeds or search (a violation sets the exit code).
 * Then beacons, search, media and the dashboard on a 4× slowed CPU (bench/dashboard.ts).
 */
import autocannon from "autocannon";
import { gzipSync } from "node:zlib";
import { readFileSync } from "node:fs";
import { Articles } from "../functions/core/reader/articles";
import { beaconBenchmark } from "./beacons";
import { measureBundles } from "./bundle";
import { dashboardBenchmark } from "./dashboard";
import { mediaBenchmark } from "./media";
import { startHarness } from "./harness";
import { jsPerPageType } from "./pages";
import { searchBenchmark } from "./search";

const DURATION_S = Number(process.env.BENCH_DURATION || 8);
const CONNECTIONS = 10;
const KB = 1024;

function load(url: string) {
  return autocannon({ url, connections: CONNECTIONS, duration: DURATION_S });
}

function row(label: string, result: autocannon.Result) {
  return `${label.padEnd(34)} ${result.requests.average.toFixed(0).padStart(7)} req/s   p50 ${String(result.latency.p50).padStart(4)} ms   p99 ${String(result.latency.p99).padStart(4)} ms   non-2xx ${result.non2xx}`;
}

async function pageBenchmark() {
  let staticBody = "";
  const harness = await startHarness((app) => app.get("/__static", (c) => c.html(staticBody)));
  try {
    const latest = await Articles.listLatest(harness.store, { limit: 1 });
    const path = `/bai-viet/${latest.items[0]!.slug}`;
    staticBody = await (await fetch(harness.url + path)).text();
    const js = /<script type="module" src="\/(assets\/[^"]+)"/.exec(staticBody)![1]!;
    const jsGzip = gzipSync(readFileSync(`dist/client/${js}`)).length;

    await load(harness.url + path); // warm-up: JIT, connection pools
    const ssr = await load(harness.url + path);
    const baseline = await load(`${harness.url}/__static`);
    console.log(`\n## Article page (${(staticBody.length / KB).toFixed(1)} KB HTML), ${CONNECTIONS} connections, ${DURATION_S} s each`);
    console.log(row("SSR (DynamoDB Local + Solid)", ssr));
    console.log(row("same bytes, static", baseline));
    console.log(`ratio SSR / static: ${(ssr.requests.average / baseline.requests.average).toFixed(2)}`);
    console.log(`JavaScript on the article page: ${(jsGzip / KB).toFixed(1)} KB gzip (budget ≤ 40 KB)`);
    await jsPerPageType(harness.url, harness.store);
  } finally {
    await harness.close();
  }
}

async function bundleBenchmark() {
  console.log("\n## Lambda bundles (esbuild, ESM, minified; budgets for the reader: ≤ 250 KB, ≤ 50 ms)");
  for (const result of await measureBundles()) {
    console.log(
      `${result.label.padEnd(44)} ${(result.bytes / KB).toFixed(0).padStart(5)} KB   cold import ${result.coldImportMs.toFixed(0)} ms`,
    );
    if (!result.readerOnly) continue;
    if (result.readerOnly.length === 0) console.log("  no SSR build, pages, feeds or search in it");
    else {
      console.log(`  FAIL: reader-only modules in it: ${result.readerOnly.join(", ")}`);
      process.exitCode = 1;
    }
  }
}

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
await pageBenchmark();
await bundleBenchmark();
await beaconBenchmark();
await searchBenchmark();
await mediaBenchmark();
await dashboardBenchmark();
