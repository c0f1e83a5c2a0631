import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { SessionUser } from "../../functions/core/accounts/users";
import { resolveCounters } from "../../functions/core/metrics/counters";
import { parseReportQuery, Reports } from "../../functions/core/metrics/reports";
import { publishDue } from "../../functions/core/publishing/due";
import { createEngine } from "../../functions/core/publishing/engine";
import { invalidationEffects, RecordingInvalidator } from "../../functions/core/publishing/invalidation";
import type { ContentKind } from "../../functions/core/publishing/kind";
import { Listings } from "../../functions/core/reader/listings";
import { Search } from "../../functions/core/reader/search";
import { plainText } from "../../functions/core/shared/html";
import { vietnamDay } from "../../functions/core/shared/time";
import { text, version } from "../../functions/core/shared/validation";
import type { Store } from "../../functions/core/storage/store";
import { createSections } from "../support/auth";
import { createTestStore } from "../support/store";

/**
 * A kind that exists only in this test, made of nothing but its descriptor: it must go through
 * the whole workflow, the report counts, search and CDN invalidation like articles do.
 */
interface Notice {
  title: string;
  summary: string;
  sectionId: string;
  text: string;
}
interface NoticeView extends Notice {
  id: string;
  slug: string;
  publishedAt: string;
  updatedAt: string;
  approvedBy: { id: string; name: string };
}

const fields = { title: text("Tiêu đề", 200), summary: z.string().max(500), text: z.string().max(5000) };
const notices: ContentKind<Notice, NoticeView> = {
  name: "notices",
  space: "TESTNOTICE",
  itemType: "notice",
  noun: "thông báo",
  contentFields: ["title", "summary", "sectionId", "text"],
  richTextField: "text",
  createSchema: z.object({ ...fields, section: z.string(), slug: z.string().optional(), publishedAt: z.string().optional() }) as never,
  updateSchema: z.object({ ...fields, version, section: z.string() }).partial().required({ version: true }) as never,
  fromCreate: (data, { sectionId }) => ({ title: plainText(String(data.title)), summary: String(data.summary ?? ""), text: String(data.text ?? ""), sectionId }),
  applyUpdate: (current, changes, sectionId) => ({ ...current, ...(changes as Partial<Notice>), sectionId }),
  check: () => {},
  missingForReview: (content): Record<string, string> => (content.text ? {} : { text: "Nội dung thông báo không được để trống." }),
  publishedView: (content, meta) => ({ ...content, ...meta }),
  summaryAttributes: ["id", "slug", "title", "summary", "publishedAt"],
  searchDocument: (view) => ({ ...view, url: `/thong-bao-thu/${view.slug}`, kind: "notices", body: view.text }),
  reportKind: () => "notices",
  url: (slug) => `/thong-bao-thu/${slug}`,
  paths: ({ slug }) => [`/thong-bao-thu/${slug}`, "/thong-bao-thu*"],
  sectionListing: true,
};

const writer: SessionUser = { id: "u-writer", email: "viet@hoaphong.example.vn", name: "Lê Văn Viết", role: "writer", sections: ["kinh-te"] };
const board: SessionUser = { id: "u-board", email: "duyet@hoaphong.example.vn", name: "Trần Thị Duyệt", role: "section-editor", sections: ["kinh-te"] };
const counters = resolveCounters({ shards: 1, cacheMs: 0 });
let store: Store;
const invalidator = new RecordingInvalidator();

beforeAll(async () => {
  store = await createTestStore();
  await createSections(store);
});

const report = async (day: string) => Reports.activity(store, counters, parseReportQuery({ from: day, to: day }), Date.now());

describe("a content kind made of nothing but its descriptor", () => {
  it("goes draft → submitted → published → unpublished with report counts, search and invalidation", async () => {
    const engine = createEngine(notices, { store, effects: invalidationEffects(store, invalidator) });
    const input = { title: "Thông báo lịch tiếp công dân tháng Mười hai", summary: "Lịch tiếp công dân định kỳ.", text: "", section: "kinh-te" };
    let { item } = await engine.create(writer, input);
    expect(item).toMatchObject({ contentKind: "notices", status: "draft", slug: "thong-bao-lich-tiep-cong-dan-thang-muoi-hai" });

    await expect(engine.submit(writer, item.id, { version: item.version })).rejects.toMatchObject({ code: "VALIDATION", fields: { text: expect.any(String) } });
    ({ item } = await engine.update(writer, item.id, { version: item.version, text: "Bí thư Tỉnh ủy tiếp công dân vào ngày 15 hằng tháng." }));
    ({ item } = await engine.submit(writer, item.id, { version: item.version }));
    expect((await engine.list(board, "queue")).items.map((entry) => entry.id)).toEqual([item.id]);
    await expect(engine.approve(writer, item.id, { version: item.version })).rejects.toMatchObject({ code: "FORBIDDEN" });

    const { item: published, previous } = await engine.approve(board, item.id, { version: item.version });
    expect(previous?.status).toBe("submitted");
    expect(published).toMatchObject({ status: "published", live: true, approvedBy: { id: board.id } });
    const day = vietnamDay(published.publishedAt!);
    expect((await report(day)).published.byKind.notices).toBe(1);
    expect(invalidator.paths).toContain(`/thong-bao-thu/${published.slug}`);
    // Counted for listings in its own key space: the articles' section pages and sitemap see nothing.
    expect((await Listings.sectionPage(store, "kinh-te", 1, 20)).total).toBe(0);
    expect(await Listings.months(store)).toEqual([]);

    Search.forget(store);
    const found = await Search.query(store, "tiep cong dan");
    expect(found.hits.map((hit) => [hit.id, hit.url])).toEqual([[published.id, `/thong-bao-thu/${published.slug}`]]);

    const calls = invalidator.calls.length;
    const { item: unpublished } = await engine.unpublish(board, published.id, { version: published.version });
    expect(unpublished).toMatchObject({ status: "unpublished", live: false });
    expect((await report(day)).published.byKind.notices ?? 0).toBe(0);
    expect((await Search.query(store, "tiep cong dan")).hits).toEqual([]);
    expect(invalidator.calls.slice(calls).flat()).toContain("/thong-bao-thu*");

    const revisions = (await engine.revisions(board, published.id)).items;
    expect(revisions.map((revision) => revision.note)).toEqual(["edit", "create"]);
    const compare = await engine.compare(board, published.id, 1, 2);
    expect(compare.body.some((part) => part.op === "added" && part.text.includes("15"))).toBe(true);
  });

  it("is published by the scheduler when due, with the other kinds", async () => {
    const engine = createEngine(notices, { store });
    let { item } = await engine.create(writer, { title: "Thông báo nghỉ lễ", summary: "Nghỉ Tết Dương lịch.", text: "Các cơ quan nghỉ một ngày.", section: "kinh-te" });
    const at = new Date(Date.now() + 3600_000);
    ({ item } = await engine.schedule(board, item.id, { version: item.version, at: at.toISOString() }));
    expect(item.status).toBe("scheduled");
    expect(await publishDue({ store }, [notices as unknown as ContentKind], new Date(at.getTime() - 1000))).toEqual([]);
    const due = await publishDue({ store }, [notices as unknown as ContentKind], new Date(at.getTime() + 1000));
    expect(due.map((change) => change.item.id)).toEqual([item.id]);
    expect(await engine.load(item.id)).toMatchObject({ status: "published", publishedAt: at.toISOString(), approvedBy: { id: board.id } });
  });
});
