/**
 * What each public page reads from the table (docs/architecture.md, "Data" and "Budgets"), counted
 * by bench/reads.ts's wrapper around a real store on DynamoDB Local: an article page is one
 * GetItem once the instance is warm; list pages read summaries, never a published view (whose
 * index entries carry the body); the section's newest entries follow publications; the
 * instance's caches are bounded and expire.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { countingStore, type Counter } from "../../bench/reads";
import { articles } from "../../functions/core/content/articles";
import { instanceCache, readerDataChanged } from "../../functions/core/reader/instance-cache";
import { backfillSummaries, RECENT_KEEP } from "../../functions/core/reader/summaries";
import { CONTENT_KINDS } from "../../functions/core/content";
import { batchDelete } from "../../functions/core/storage/store";
import { ReaderIndex } from "../../functions/core/publishing/reader-index";
import { DeleteCommand, GetCommand, ScanCommand, TransactWriteCommand, UpdateCommand } from "../../functions/core/storage/db";
import { contentKeys, Keys } from "../../functions/core/storage/keys";
import type { Store } from "../../functions/core/storage/store";
import { createApp } from "../../functions/http/app";
import { importArticle } from "../support/engine";
import { seedReaderPortal } from "../support/reader-fixtures";
import { createTestStore } from "../support/store";

const APPROVER = { id: "u-board", name: "Trần Thị Duyệt" };

/** Every item of the store's table (a test's own table: a handful of items). */
async function scanAll(store: Store): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await store.db.send(new ScanCommand({ TableName: store.table, ExclusiveStartKey: start }));
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}

describe("reads per page", () => {
  let store: Store;
  let counter: Counter;
  let app: ReturnType<typeof createApp>;
  let seeded: Awaited<ReturnType<typeof seedReaderPortal>>;

  beforeAll(async () => {
    const base = await createTestStore();
    seeded = await seedReaderPortal(base);
    ({ store, counter } = countingStore(base));
    app = createApp({ store, publicUrl: "https://tinhuy.example.vn" });
  });

  async function get(path: string) {
    counter.reset();
    const res = await app.request(path);
    expect(res.status, path).toBe(200);
    return { html: await res.text(), calls: [...counter.calls] };
  }

  /** Reads of a published view other than `allowed` (`<pk>|PUBLISHED`) or of its index partitions. */
  const viewReads = (calls: Counter["calls"], allowed?: string) =>
    calls.filter(
      (call) =>
        call.partition?.startsWith("PUBLISHED") ||
        (call.keys ?? []).some((key) => key.endsWith("|PUBLISHED") && key !== allowed),
    );

  it("an article page is one GetItem of its view when the instance is warm, with its section's newest beside it", async () => {
    const article = seeded.economy[3]!;
    const view = Keys.publishedView(article.slug);
    const cold = await get(`/bai-viet/${article.slug}`);
    expect(viewReads(cold.calls, `${view.pk}|${view.sk}`)).toEqual([]);
    // Cold: the view and the section's newest entries, each one GetItem (the rest is the shell).
    expect(cold.calls.filter((call) => call.partition?.includes("SECTION#kinh-te"))).toEqual([]);
    expect(cold.calls.filter((call) => call.op === "GetItem").map((call) => call.keys![0])).toEqual(
      expect.arrayContaining([`${view.pk}|${view.sk}`, `${contentKeys("ARTICLE").recent("kinh-te").pk}|RECENT`]),
    );

    const warm = await get(`/bai-viet/${article.slug}`);
    expect(warm.calls.map((call) => call.op)).toEqual(["GetItem"]);
    expect(warm.calls[0]!.keys).toEqual([`${view.pk}|${view.sk}`]);
    // Beside it: the six newest of "Kinh tế" but itself.
    for (const other of seeded.economy.slice(0, 3)) expect(warm.html).toContain(other.title);
    expect(warm.html).toContain(seeded.economy[6]!.title);
    expect(warm.html).not.toContain(seeded.economy[7]!.title);
  });

  it("home, section, feed and kind lists read summaries, never a published view, and nothing when warm", async () => {
    for (const path of ["/", "/chuyen-muc/kinh-te", "/rss.xml", "/chuyen-muc/kinh-te?trang=2", "/video", "/thu-vien-anh", "/gop-y"]) {
      readerDataChanged();
      const cold = await get(path);
      expect(viewReads(cold.calls), path).toEqual([]);
      expect(cold.calls.filter((call) => call.partition?.startsWith("SUMMARY")).length, path).toBeGreaterThan(0);
    }
    readerDataChanged();
    await get("/");
    expect((await get("/")).calls).toEqual([]);
    await get("/chuyen-muc/kinh-te");
    expect((await get("/chuyen-muc/kinh-te")).calls).toEqual([]);
    for (const list of ["/video", "/thu-vien-anh"]) {
      await get(list);
      expect((await get(list)).calls, list).toEqual([]);
    }
  });

  it("a publication and an unpublication change the section's newest entries at once in this instance", async () => {
    const reader = seeded.economy[10]!;
    await get(`/bai-viet/${reader.slug}`); // cached beside it now
    const fresh = await importArticle(
      store,
      { kind: "news", sectionId: "kinh-te", title: "Khánh thành nhà máy điện gió ngoài khơi", summary: "Dự án năng lượng sạch.", body: "<p>x</p>", byline: "Minh Khoa", publishedAt: "2026-11-20T08:00:00+07:00" },
      APPROVER,
    );
    expect((await get(`/bai-viet/${reader.slug}`)).html).toContain(fresh.title);

    // Unpublished (the steps the engine's unpublish takes for the reader index): gone from the
    // list, which is refilled from the section's summaries to keep its length.
    const plan = await ReaderIndex.prepare(articles, store, fresh.id, undefined, "kinh-te");
    await store.db.send(
      new TransactWriteCommand({
        TransactItems: [
          { Delete: { TableName: store.table, Key: Keys.publishedView(fresh.slug) } },
          ...ReaderIndex.unpublishItems(articles, store, fresh.id, { sectionId: "kinh-te", publishedAt: fresh.publishedAt }, new Date(), plan),
        ],
      }),
    );
    readerDataChanged(); // the engine's effects do this after the commit
    const after = await get(`/bai-viet/${reader.slug}`);
    expect(after.html).not.toContain(fresh.title);
    expect(after.html).toContain(seeded.economy[5]!.title);
    const stored = (await store.db.send(new GetCommand({ TableName: store.table, Key: contentKeys("ARTICLE").recent("kinh-te"), ConsistentRead: true }))).Item!;
    expect(Object.keys(stored).filter((name) => name.startsWith("e#"))).toHaveLength(RECENT_KEEP);
    expect(stored[`e#${fresh.id}`]).toBeUndefined();
  });

  it("backfills summaries and sections' newest entries for data stored before them, once", async () => {
    const old = await createTestStore();
    const data = await seedReaderPortal(old);
    // Stored before summaries existed: no summary, no newest-entries item.
    const written = await scanAll(old);
    const derived = written.filter((item) => item.entity === "PublishedSummary" || item.entity === "SectionRecent");
    expect(derived.length).toBeGreaterThan(0);
    await batchDelete(old, derived.map((item) => ({ pk: item.pk as string, sk: item.sk as string })));
    const bare = createApp({ store: old, publicUrl: "https://tinhuy.example.vn" });
    readerDataChanged();
    expect(await (await bare.request("/chuyen-muc/kinh-te")).text()).not.toContain(data.economy[0]!.title);

    expect(await backfillSummaries(old, CONTENT_KINDS)).toBe(derived.filter((item) => item.entity === "PublishedSummary").length);
    expect(await backfillSummaries(old, CONTENT_KINDS)).toBe(0);
    const again = await scanAll(old);
    const key = (item: Record<string, unknown>) => `${String(item.pk)}|${String(item.sk)}`;
    expect(again.filter((item) => derived.some((d) => key(d) === key(item))).map(key).sort()).toEqual(derived.map(key).sort());
    readerDataChanged();
    expect(await (await bare.request("/chuyen-muc/kinh-te")).text()).toContain(data.economy[0]!.title);
    expect(await (await bare.request(`/bai-viet/${data.economy[9]!.slug}`)).text()).toContain(data.economy[5]!.title);
  });

  it("keeps at most `max` entries, for `ttlMs`, and starts over on a change", async () => {
    let now = 0;
    let loads = 0;
    const cache = instanceCache({ ttlMs: 1000, max: 2, now: () => now });
    const load = async () => ++loads;
    expect(await cache.get("a", load)).toBe(1);
    expect(await cache.get("a", load)).toBe(1);
    now = 999;
    expect(await cache.get("a", load)).toBe(1);
    now = 1000;
    expect(await cache.get("a", load)).toBe(2);
    await cache.get("b", load);
    await cache.get("c", load);
    expect(cache.size).toBe(2);
    expect(await cache.get("a", load)).toBe(5); // the oldest, "a", was dropped
    readerDataChanged();
    expect(await cache.get("a", load)).toBe(6);
    await expect(cache.get("x", () => Promise.reject(new Error("x")))).rejects.toThrow();
    expect(await cache.get("x", load)).toBe(7); // a failed load is not kept
  });

  it("reads a warm article's view on every request though its page is kept rendered: an edit or a takedown by another instance shows at once", async () => {
    const article = seeded.economy[8]!;
    const path = `/bai-viet/${article.slug}`;
    const first = await get(path);
    const again = await get(path);
    expect(again.html).toBe(first.html);
    expect(again.calls.map((call) => call.op)).toEqual(["GetItem"]);
    // The staff function (another process: no readerDataChanged here) corrects the title.
    const title = "Điều chỉnh quy hoạch khu công nghiệp phía Nam (đã cập nhật)";
    await store.db.send(
      new UpdateCommand({ TableName: store.table, Key: Keys.publishedView(article.slug), UpdateExpression: "SET title = :t", ExpressionAttributeValues: { ":t": title } }),
    );
    const edited = await get(path);
    expect(edited.html).toContain(title);
    expect(edited.html).toContain(`>${title}</h1>`);
    expect(edited.html).not.toContain(`>${article.title}</h1>`);
    // …then takes it down: the next request is a 404, not the page rendered a moment ago.
    await store.db.send(new DeleteCommand({ TableName: store.table, Key: Keys.publishedView(article.slug) }));
    const gone = await app.request(path);
    expect(gone.status).toBe(404);
    expect(await gone.text()).not.toContain(title);
  });
});
