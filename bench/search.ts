/**
 * Search at 10,000 published articles (docs/architecture.md, "Budgets": p95 ≤ 50 ms, with or without
 * diacritics), against DynamoDB Local and s3rver in a temporary folder.
 *
 * The articles are synthetic but Vietnamese: sentences of the demo content recombined, with
 * place names and numbers mixed in. Their search documents are written with the very items the
 * publish transaction writes (`SearchDocs.indexItems`), in batches, since only search is measured.
 *
 * Printed: time to build the index from the table (first instance ever), snapshot size, cold
 * start of an instance from the snapshot, then warm latency of `Search.query` (feed tail read +
 * index + BatchGetItem of the page) and of the whole `/tim-kiem` page, for queries typed with
 * and without diacritics.
 */
import { articles as articleKind } from "../functions/core/content/articles";
import { SearchDocs } from "../functions/core/reader/search-docs";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BatchWriteCommand } from "../functions/core/storage/db";
import type { PublishedArticle } from "../functions/core/reader/articles";
import { foldVietnamese } from "../functions/core/shared/text";
import { Search } from "../functions/core/reader/search";
import { textOfHtml } from "../functions/core/reader/search-index";
import { createStore, type Store } from "../functions/core/storage/sdk-store";
import { ensureWebBuild } from "../scripts/build";
import { ensureBucket, ensureTable, localStoreOptions, startDynamo, startS3 } from "../scripts/local/emulators";
import { DEMO_ARTICLES } from "../scripts/seed/demo-content";

const ARTICLES = Number(process.env.BENCH_SEARCH_ARTICLES || 10_000);
const ROUNDS = Number(process.env.BENCH_SEARCH_ROUNDS || 15);

const QUERIES = [
  "tỉnh ủy",
  "xuất khẩu nông sản",
  "hội nghị ban chấp hành",
  "chuyển đổi số",
  "lễ hội truyền thống",
  "Hòa Phong",
  "an sinh xã hội",
  "đầu tư công",
  "cải cách hành chính",
  "nông thôn mới",
  "Phước Long",
  "bí thư",
];

const PLACES = ["Vân Giang", "Phước Long", "Tân Hòa", "Bình Sơn", "Đồng Lạc", "Hải Đông", "Kim Khê", "Thạch Bàn", "Mỹ An", "Long Điền"];

function random(seed: number) {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
}

/** `count` plausible articles, deterministic. */
export function syntheticArticles(count: number): PublishedArticle[] {
  const rnd = random(20260101);
  const pick = <T>(items: T[]) => items[Math.floor(rnd() * items.length)]!;
  const sentences = DEMO_ARTICLES.flatMap((a) => textOfHtml(a.body).split(/(?<=[.;:])\s+/)).filter((s) => s.length > 20);
  const start = Date.UTC(2016, 0, 1);
  return Array.from({ length: count }, (_, i) => {
    const source = pick(DEMO_ARTICLES);
    const paragraphs = Array.from({ length: 4 + Math.floor(rnd() * 6) }, () =>
      `<p>${Array.from({ length: 2 + Math.floor(rnd() * 4) }, () => pick(sentences)).join(" ")} Tại ${pick(PLACES)}, con số đạt ${Math.floor(rnd() * 10_000)}.</p>`,
    ).join("");
    const publishedAt = new Date(start + Math.floor((i / count) * 10 * 365 * 86_400_000)).toISOString();
    return {
      id: `bench-${i}`,
      slug: `bai-${i}`,
      kind: "news",
      title: `${source.title.split(" ").slice(0, 6 + Math.floor(rnd() * 8)).join(" ")} ở ${pick(PLACES)} (${i})`,
      summary: pick(sentences),
      body: paragraphs,
      sectionId: source.section,
      byline: source.byline,
      tags: [],
      publishedAt,
      updatedAt: publishedAt,
      approvedBy: { id: "bench", name: "Bench" },
    };
  });
}

async function seed(store: Store, articles: PublishedArticle[]) {
  const puts = articles.flatMap((view) => SearchDocs.indexItems(store, articleKind.searchDocument!(view), new Date(view.publishedAt)));
  const batches: (typeof puts)[] = [];
  for (let i = 0; i < puts.length; i += 25) batches.push(puts.slice(i, i + 25));
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < batches.length) {
        let requests = batches[next++]!.map((item) => ({ PutRequest: { Item: item.Put!.Item! } }));
        while (requests.length > 0) {
          const out = await store.db.send(new BatchWriteCommand({ RequestItems: { [store.table]: requests } }));
          requests = (out.UnprocessedItems?.[store.table] ?? []) as typeof requests;
        }
      }
    }),
  );
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

function summary(label: string, times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  const f = (n: number) => n.toFixed(1).padStart(6);
  return `${label.padEnd(44)} p50 ${f(percentile(sorted, 50))} ms   p95 ${f(percentile(sorted, 95))} ms   p99 ${f(percentile(sorted, 99))} ms   (${times.length} runs)`;
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

export async function searchBenchmark() {
  await ensureWebBuild();
  const dir = mkdtempSync(join(tmpdir(), "portal-bench-search-"));
  const dynamo = await startDynamo({ dataDir: null });
  const s3 = await startS3({ directory: join(dir, "s3") });
  try {
    const store = createStore(localStoreOptions({ dynamodb: dynamo.endpoint, s3: s3.endpoint }, { table: "bench-search", bucket: "bench-search" }));
    await ensureTable(store);
    await ensureBucket(store);
    console.log(`\n## Search over ${ARTICLES.toLocaleString("en")} published articles`);
    const articles = syntheticArticles(ARTICLES);
    const seedMs = await timed(() => seed(store, articles));
    console.log(`search documents written in ${(seedMs / 1000).toFixed(1)} s`);

    const buildMs = await timed(() => Search.rebuild(store));
    console.log(`first index, built from the table and written as a snapshot: ${(buildMs / 1000).toFixed(2)} s`);
    const { GetObjectCommand } = await import("@aws-sdk/client-s3");
    const snapshot = await store.s3.send(new GetObjectCommand({ Bucket: store.bucket, Key: "search/index-v1.bin.gz" }));
    console.log(`snapshot: ${((snapshot.ContentLength ?? 0) / 1024 / 1024).toFixed(2)} MB`);
    const colds: number[] = [];
    for (let i = 0; i < 5; i++) {
      Search.forget(store);
      colds.push(await timed(() => Search.query(store, "tỉnh ủy")));
    }
    console.log(summary("cold instance: snapshot load + first query", colds));

    const { createApp } = await import("../functions/http/app");
    const app = createApp({ store, publicUrl: "https://bench.example.vn" });
    const folded = QUERIES.map(foldVietnamese);
    for (const query of [...QUERIES, ...folded]) await Search.query(store, query); // warm-up
    const core = { with: [] as number[], without: [] as number[] };
    const http = { with: [] as number[], without: [] as number[] };
    let total = 0;
    for (let round = 0; round < ROUNDS; round++) {
      for (let i = 0; i < QUERIES.length; i++) {
        const page = 1 + (round % 3);
        core.with.push(await timed(async () => (total += (await Search.query(store, QUERIES[i]!, { page })).hits.length)));
        core.without.push(await timed(() => Search.query(store, folded[i]!, { page })));
        http.with.push(await timed(async () => (await app.request(`/tim-kiem?q=${encodeURIComponent(QUERIES[i]!)}&trang=${page}`)).text()));
        http.without.push(await timed(async () => (await app.request(`/tim-kiem?q=${encodeURIComponent(folded[i]!)}&trang=${page}`)).text()));
      }
    }
    if (total === 0) throw new Error("the benchmark queries found nothing");
    console.log(summary("Search.query, typed with diacritics", core.with));
    console.log(summary("Search.query, typed without diacritics", core.without));
    console.log(summary("GET /tim-kiem (SSR page), with diacritics", http.with));
    console.log(summary("GET /tim-kiem (SSR page), without diacritics", http.without));
    console.log("budget: p95 ≤ 50 ms with or without diacritics; memory after: " + `${(process.memoryUsage().heapUsed / 1024 / 1024).toFixed(0)} MB heap`);
  } finally {
    await Promise.allSettled([dynamo.stop(), s3.stop()]);
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith("search.ts")) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
  await searchBenchmark();
}
