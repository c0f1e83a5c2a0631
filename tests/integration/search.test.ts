/**
 * Search and section paging against DynamoDB Local and s3rver: the index follows publish,
 * re-approval and unpublish done the way the editorial code does them (ReaderIndex items in the
 * same transaction as the published view), across "instances" (a forgotten in-memory index loads
 * the snapshot and catches up), and the request path never scans.
 */
import { articles } from "../../functions/core/content/articles";
import { articleEngine, importArticle } from "../support/engine";
import { TransactWriteCommand } from "../../functions/core/storage/db";
import { beforeAll, describe, expect, it } from "vitest";
import { type PublishedArticle } from "../../functions/core/reader/articles";
import { Keys } from "../../functions/core/storage/keys";
import { Listings } from "../../functions/core/reader/listings";
import { ReaderIndex } from "../../functions/core/publishing/reader-index";
import { Search } from "../../functions/core/reader/search";
import type { MediaStore as Store } from "../../functions/core/storage/store";
import { ECONOMY_COUNT, seedReaderPortal } from "../support/reader-fixtures";
import { createTestStore } from "../support/store";

const APPROVER = { id: "u-board", name: "Trần Thị Duyệt" };
const text = (segments: { text: string }[]) => segments.map((s) => s.text).join("");

/** What editorial.ts does on a re-approval: a new published view plus the reader index items. */
async function republish(store: Store, before: PublishedArticle, changes: Partial<PublishedArticle>): Promise<PublishedArticle> {
  const view: PublishedArticle = { ...before, ...changes, updatedAt: new Date().toISOString() };
  const sort = Keys.publishedSort(view.publishedAt, view.id);
  await store.db.send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: store.table,
            Item: { ...Keys.publishedView(view.slug), gsi1pk: Keys.publishedInSection(view.sectionId), gsi1sk: sort, gsi2pk: Keys.publishedLatest(), gsi2sk: sort, entity: "PublishedArticle", ...view },
          },
        },
        ...ReaderIndex.publishItems(articles, store, view, before),
      ],
    }),
  );
  return view;
}

async function unpublish(store: Store, view: PublishedArticle): Promise<void> {
  await store.db.send(
    new TransactWriteCommand({
      TransactItems: [{ Delete: { TableName: store.table, Key: Keys.publishedView(view.slug) } }, ...ReaderIndex.unpublishItems(articles, store, view.id, view)],
    }),
  );
}

/** Every command the store sends while `run` runs. */
async function commandsDuring(store: Store, run: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const record = (name: string) => seen.push(name);
  const db = store.db.send.bind(store.db);
  const s3 = store.s3.send.bind(store.s3);
  store.db.send = ((command: { constructor: { name: string } }, ...rest: unknown[]) => {
    record(command.constructor.name);
    return (db as (...args: unknown[]) => unknown)(command, ...rest);
  }) as typeof store.db.send;
  store.s3.send = ((command: { constructor: { name: string } }, ...rest: unknown[]) => {
    record(command.constructor.name);
    return (s3 as (...args: unknown[]) => unknown)(command, ...rest);
  }) as typeof store.s3.send;
  try {
    await run();
  } finally {
    store.db.send = db;
    store.s3.send = s3;
  }
  return seen;
}

describe("search over published articles", () => {
  let store: Store;
  let seeded: Awaited<ReturnType<typeof seedReaderPortal>>;

  beforeAll(async () => {
    store = await createTestStore();
    seeded = await seedReaderPortal(store);
  });

  it("finds an article typed without diacritics, highlighted, with a body excerpt", async () => {
    const page = await Search.query(store, "tom cang xanh");
    expect(page.total).toBe(1);
    const hit = page.hits[0]!;
    expect(hit.slug).toBe(seeded.shrimp.slug);
    expect(hit.title.filter((s) => s.hit).map((s) => s.text)).toEqual(["tôm", "càng", "xanh"]);
    expect(text(hit.excerpt!)).toContain("120 tấn tôm càng xanh");
  });

  it("ranks the exact diacritics first", async () => {
    await importArticle(store, { kind: "news", sectionId: "van-hoa", title: "Tình hình văn hóa cơ sở", summary: "Tóm tắt.", body: "<p>Nội dung.</p>", byline: "A", publishedAt: "2026-09-01T08:00:00+07:00" }, APPROVER);
    await importArticle(store, { kind: "news", sectionId: "van-hoa", title: "Tính năng mới của cổng", summary: "Tóm tắt.", body: "<p>Nội dung.</p>", byline: "A", publishedAt: "2026-09-02T08:00:00+07:00" }, APPROVER);
    const exact = await Search.query(store, "tình hình");
    expect(text(exact.hits[0]!.title)).toBe("Tình hình văn hóa cơ sở");
    expect(exact.hits[0]!.exact).toBe(true);
    const folded = await Search.query(store, "tính");
    expect(text(folded.hits[0]!.title)).toBe("Tính năng mới của cổng");
  });

  it("pages results: every match exactly once across pages", async () => {
    const first = await Search.query(store, "ban tin kinh te", { page: 1, pageSize: 10 });
    expect(first.total).toBe(ECONOMY_COUNT);
    expect(first.pages).toBe(3);
    const all = [first, await Search.query(store, "ban tin kinh te", { page: 2, pageSize: 10 }), await Search.query(store, "ban tin kinh te", { page: 3, pageSize: 10 })].flatMap((p) => p.hits.map((h) => h.slug));
    expect(new Set(all).size).toBe(ECONOMY_COUNT);
    expect(all.sort()).toEqual(seeded.economy.map((a) => a.slug).sort());
  });

  it("follows a re-approval with new text, on this instance and on a cold one", async () => {
    const before = seeded.economy[5]!;
    await republish(store, before, { title: "Khánh thành nhà máy điện mặt trời", summary: "Nhà máy điện mặt trời đầu tiên của tỉnh." });
    expect((await Search.query(store, "dien mat troi")).hits.map((h) => h.slug)).toEqual([before.slug]);
    expect((await Search.query(store, `ban tin kinh te so ${6}`)).hits.map((h) => h.slug)).not.toContain(before.slug);

    Search.forget(store); // a new instance: snapshot + change feed
    expect((await Search.query(store, "điện mặt trời")).hits.map((h) => h.slug)).toEqual([before.slug]);
  });

  it("drops an unpublished article at once, and a cold instance loading an older snapshot drops it too", async () => {
    await Search.rebuild(store); // the snapshot now holds the shrimp article
    await Search.query(store, "tom");
    await unpublish(store, seeded.shrimp);
    expect((await Search.query(store, "tom cang xanh")).total).toBe(0);
    Search.forget(store);
    expect((await Search.query(store, "tom cang xanh")).total).toBe(0);
  });

  it("answers from Query, BatchGetItem and the snapshot only: never a Scan", async () => {
    Search.forget(store);
    const cold = await commandsDuring(store, () => Search.query(store, "kinh te"));
    const warm = await commandsDuring(store, () => Search.query(store, "san xuat", { page: 2 }));
    expect(new Set(cold)).toEqual(new Set(["GetObjectCommand", "QueryCommand", "BatchGetCommand"]));
    expect(new Set(warm)).toEqual(new Set(["QueryCommand", "BatchGetCommand"]));
  });

  it("keeps up with concurrent publications", async () => {
    const published = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        importArticle(
          store,
          { kind: "news", sectionId: "van-hoa", title: `Liên hoan dân ca đợt ${i + 1}`, summary: "Liên hoan dân ca.", body: "<p>Dân ca quan họ.</p>", byline: "B", publishedAt: `2026-07-${String(i + 1).padStart(2, "0")}T08:00:00+07:00` },
          APPROVER,
        ),
      ),
    );
    const page = await Search.query(store, "lien hoan dan ca", { pageSize: 50 });
    expect(page.hits.map((h) => h.slug).sort()).toEqual(published.map((a) => a.slug).sort());
  });
});

describe("numbered section pages from the published counts", () => {
  let store: Store;
  let seeded: Awaited<ReturnType<typeof seedReaderPortal>>;

  beforeAll(async () => {
    store = await createTestStore();
    seeded = await seedReaderPortal(store);
  });

  async function allPages(sectionId: string, pageSize: number) {
    const first = await Listings.sectionPage(store, sectionId, 1, pageSize);
    const rest = [];
    for (let page = 2; page <= first.pages; page++) rest.push(await Listings.sectionPage(store, sectionId, page, pageSize));
    return { total: first.total, pages: first.pages, slugs: [first, ...rest].flatMap((p) => p.items.map((a) => a.slug)) };
  }

  const newestFirst = (articles: PublishedArticle[]) => [...articles].sort((a, b) => b.publishedAt.localeCompare(a.publishedAt)).map((a) => a.slug);

  it("lists every article exactly once, newest first, for any page size", async () => {
    for (const size of [1, 4, 7, 20, 26, 50]) {
      const { total, pages, slugs } = await allPages("kinh-te", size);
      expect(total).toBe(ECONOMY_COUNT);
      expect(pages).toBe(Math.ceil(ECONOMY_COUNT / size));
      expect(slugs).toEqual(newestFirst(seeded.economy));
    }
    expect((await Listings.sectionPage(store, "kinh-te", 99, 20)).items).toEqual([]);
  });

  it("stays exact with several articles on one day, after an unpublish and a move to another section", async () => {
    const sameDay = [];
    for (let hour = 5; hour < 10; hour++) { // 22:30Z on the 14th to 02:30Z on the 15th: across a UTC day
      sameDay.push(
        await importArticle(store, { kind: "news", sectionId: "kinh-te", title: `Giao ban kinh tế lúc ${hour} giờ`, summary: "Giao ban.", body: "<p>Giao ban.</p>", byline: "C", publishedAt: `2026-10-15T${String(hour).padStart(2, "0")}:30:00+07:00` }, APPROVER),
      );
    }
    let economy = [...seeded.economy, ...sameDay];
    await unpublish(store, economy[3]!);
    const moved = await republish(store, economy[10]!, { sectionId: "van-hoa" });
    economy = economy.filter((a) => a !== economy[3] && a !== economy[10]);
    const { total, slugs } = await allPages("kinh-te", 4);
    expect(total).toBe(economy.length);
    expect(slugs).toEqual(newestFirst(economy));
    const culture = await allPages("van-hoa", 2);
    expect(culture.slugs).toContain(moved.slug);
  });

  it("recounts from the published views to the same numbers", async () => {
    const before = await Listings.months(store);
    await Listings.recount(store, ["kinh-te", "van-hoa", "nong-nghiep"]);
    const after = await Listings.months(store);
    expect(after.map(({ month, count, days }) => ({ month, count, days }))).toEqual(before.map(({ month, count, days }) => ({ month, count, days })));
  });
});
