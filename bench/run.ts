/**
 * `npm run bench`: the budgets of docs/architecture.md ("Budgets"), measured on this machine. Not a test: it prints
 * and never fails on a slow run. Later issues add their benchmarks here.
 *
 * 1. SSR article and home pages vs the same bytes served as a static response by the same server
 *    (autocannon, 50 connections, loopback, fixed duration): requests/s, p50, p99 and the ratio.
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
import { reuseRenderedPages } from "../functions/http/reader/pages";
import { printCost } from "./cost";
import { jsPerPageType } from "./pages";
import { readUnitsPerPageType } from "./reads";
import { searchBenchmark } from "./search";

const DURATION_S = Number(process.env.BENCH_DURATION || 8);
/** The issue's load: 50 concurrent connections on loopback. */
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 50);
const KB = 1024;

function load(url: string) {
  return autocannon({ url, connections: CONNECTIONS, duration: DURATION_S });
}

/**
 * Warm-up: at least `WARM_UP_MIN` rounds (the JVM's half minute), then until one is within
 * `WARM_UP_STEADY` of the one before, at most `WARM_UP_MAX`.
 */
const WARM_UP_MIN = 4;
const WARM_UP_STEADY = 0.1;
const WARM_UP_MAX = 6;

/**
 * Loads `url` until its throughput stops rising: the server's JIT and pools, and above all DynamoDB
 * Local's JVM, which on a fresh start compiles its hot paths for half a minute under load (one run
 * of 8 s left the article page at 720–980 req/s with a p99 over 100 ms; the same server settles at
 * 1,400–1,560 req/s, p99 46–64 ms, after three or four; stopping at the first two close rounds
 * once caught a plateau at ~1,000 on the way up). Returns each round's requests/s.
 */
async function warmUp(url: string): Promise<number[]> {
  const rounds: number[] = [];
  while (rounds.length < WARM_UP_MAX) {
    rounds.push((await load(url)).requests.average);
    const [before, last] = rounds.slice(-2);
    if (rounds.length >= WARM_UP_MIN && Math.abs(last! - before!) <= WARM_UP_STEADY * before!) break;
  }
  return rounds;
}

function row(label: string, result: autocannon.Result) {
  return `${label.padEnd(34)} ${result.requests.average.toFixed(0).padStart(7)} req/s   p50 ${String(result.latency.p50).padStart(4)} ms   p99 ${String(result.latency.p99).padStart(4)} ms   non-2xx ${result.non2xx}`;
}

/**
 * The article and home pages at the origin, through the reader function's store (signed HTTP to
 * DynamoDB Local, as on Lambda; no CDN), against the same bytes served as a static response by the
 * same server, so the ratio says what reading and rendering cost on this machine, whatever its
 * speed. The article is read on every request; a page whose inputs did not change is not rendered
 * again (http/reader/rendered.ts), so a second line renders every time. Both pages run in the
 * same process one after the other, warm (`warmUp`: until a run's throughput is steady). Before
 * issue 14's read and hydration work (commit 0014bdb, 28/11/2026, the machine busy with other
 * work) the ratios were article 0.12 (138 vs 1,200 req/s, p99 1,798 ms) and home 0.07 (33 vs 463 req/s, p99 5,786 ms).
 */
async function pageBenchmark(harness: Awaited<ReturnType<typeof startHarness>>) {
  const latest = await Articles.listLatest(harness.store, { limit: 1 });
  const pages: [string, string][] = [
    ["article", `/bai-viet/${latest.items[0]!.slug}`],
    ["home", "/"],
  ];
  console.log(`\n## Pages at the origin vs static, ${CONNECTIONS} connections, ${DURATION_S} s each (goals: article p99 < 100 ms; ratio ≥ 3× the one before issue 14: article 0.12, home 0.07)`);
  for (const [label, path] of pages) {
    const html = await (await fetch(harness.url + path)).text();
    staticBodies.set(label, html);
    const warm = await warmUp(harness.url + path);
    const ssr = await load(harness.url + path);
    reuseRenderedPages(false);
    const rendering = await load(harness.url + path);
    reuseRenderedPages(true);
    const baseline = await load(`${harness.url}/__static/${label}`);
    console.log(`${label} page (${(html.length / KB).toFixed(1)} KB HTML; warm-up rounds ${warm.map((r) => r.toFixed(0)).join(", ")} req/s)`);
    console.log(row("  SSR (reader client, DynamoDB Local)", ssr));
    console.log(row("  same, rendered every time", rendering));
    console.log(row("  same bytes, static", baseline));
    console.log(`  ratio SSR / static: ${(ssr.requests.average / baseline.requests.average).toFixed(2)} (rendered every time: ${(rendering.requests.average / baseline.requests.average).toFixed(2)})`);
  }
  const article = staticBodies.get("article")!;
  const js = /<script type="module" src="\/(assets\/[^"]+)"/.exec(article)?.[1];
  if (js) console.log(`JavaScript entry of the article page: ${(gzipSync(readFileSync(`dist/client/${js}`)).length / KB).toFixed(1)} KB gzip`);
  await jsPerPageType(harness.url, harness.store);
  const coldUnits = await readUnitsPerPageType(harness.url, harness.served);

  // Inputs of the cost table: one render and one heartbeat alone (1 connection: what a Lambda
  // instance, which serves one request at a time, spends on each; this machine's core is faster
  // than a 1 GB Lambda's share, which the table states).
  const single = (url: string, init: Partial<autocannon.Options> = {}) => autocannon({ url, connections: 1, duration: 3, ...init });
  // Rendered every time: a page the instance has not rendered since its inputs changed.
  reuseRenderedPages(false);
  const render = await single(harness.url + pages[0]![1]);
  reuseRenderedPages(true);
  const first = await fetch(`${harness.url}/api/visits/heartbeat`, { method: "POST", headers: { origin: harness.url } });
  const cookie = (first.headers.get("set-cookie") ?? "").split(";")[0]!;
  const beat = await single(`${harness.url}/api/visits/heartbeat`, { method: "POST", headers: { cookie, origin: harness.url } });
  printCost({
    // Cold caches (bench/reads.ts "cold"): at a million views a month an instance's 5-s caches rarely hit.
    articleReadUnits: coldUnits.article ?? 0,
    homeReadUnits: coldUnits.home ?? 0,
    renderMs: render.latency.average,
    beaconMs: beat.latency.average,
    // bench/beacons.ts: a heartbeat in a new minute, a counted view, a new visit.
    heartbeatWriteUnits: 3,
    viewWriteUnits: 3,
    visitWriteUnits: 3,
    // One stats read (24 items, 12 units on AWS) per heartbeat when the instance's stats cache is cold.
    heartbeatReadUnits: 12,
  });
}

const staticBodies = new Map<string, string>();

async function bundleBenchmark() {
  console.log("\n## Lambda bundles: reader, staff, media (esbuild as SST builds them; budgets for the reader: ≤ 250 KB, ≤ 50 ms)");
  for (const result of await measureBundles()) {
    console.log(
      `${result.label.padEnd(44)} ${(result.bytes / KB).toFixed(0).padStart(5)} KB   cold import ${result.coldImportMs.toFixed(0)} ms` +
        (result.totalBytes > result.bytes ? `   (loaded at start; ${(result.totalBytes / KB).toFixed(0)} KB with the chunks imported on first use)` : ""),
    );
    if (result.sdk) {
      if (result.sdk.length === 0) console.log("  no AWS SDK module in it");
      else {
        console.log(`  FAIL: AWS SDK modules in the reader: ${result.sdk.slice(0, 5).join(", ")}`);
        process.exitCode = 1;
      }
    }
    if (result.parts) console.log(`  largest parts: ${result.parts.map(([part, bytes]) => `${part} ${(bytes / KB).toFixed(0)} KB`).join(", ")}`);
    if (!result.readerOnly) continue;
    if (result.readerOnly.length === 0) console.log("  no SSR build, pages, feeds or search in it");
    else {
      console.log(`  FAIL: reader-only modules in it: ${result.readerOnly.join(", ")}`);
      process.exitCode = 1;
    }
  }
}

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
/** `BENCH_ONLY=pages,bundles` runs only those parts (all when unset). */
const only = process.env.BENCH_ONLY?.split(",");
const run = (part: string) => !only || only.includes(part);
if (run("pages")) {
  // The pages and beacons on the reader function's own store (signed HTTP, no SDK), as on Lambda.
  const harness = await startHarness((app) => app.get("/__static/:page", (c) => c.html(staticBodies.get(c.req.param("page")) ?? "")), { readerClient: true });
  try {
    await pageBenchmark(harness);
  } finally {
    await harness.close();
  }
}
if (run("bundles")) await bundleBenchmark();
if (run("beacons")) await beaconBenchmark();
if (run("search")) await searchBenchmark();
if (run("media")) await mediaBenchmark();
if (run("dashboard")) await dashboardBenchmark();
