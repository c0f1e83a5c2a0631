import { GetCommand } from "../../functions/core/storage/db";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { SessionUser } from "../../functions/core/accounts/users";
import { resolveCounters } from "../../functions/core/metrics/counters";
import { parseReportQuery, Reports } from "../../functions/core/metrics/reports";
import { Audit } from "../../functions/core/publishing/audit";
import { createEngine } from "../../functions/core/publishing/engine";
import type { ContentKind } from "../../functions/core/publishing/kind";
import { Published } from "../../functions/core/reader/published";
import { invalid } from "../../functions/core/shared/errors";
import { plainText } from "../../functions/core/shared/html";
import { vietnamDay } from "../../functions/core/shared/time";
import { text, version } from "../../functions/core/shared/validation";
import { contentKeys } from "../../functions/core/storage/keys";
import type { Store } from "../../functions/core/storage/store";
import { createSections } from "../support/auth";
import { createTestStore } from "../support/store";

/**
 * The engine's optional descriptor hooks, through a kind that exists only here: a register of
 * numbered entries (`uniqueKeys`), one per book (`slugOf`), counting its lines (`reportUnits`),
 * indexed by year (`facets`), with lines resolved from the store (`prepare`), an audit note
 * (`auditNote`), a default section (`defaultSection`) and "revised" after a changed re-approval.
 */
interface Entry {
  title: string;
  summary: string;
  sectionId: string;
  book: string;
  number: string;
  year: string;
  lines: string[];
  why?: string;
}
type EntryView = Entry & { id: string; slug: string; publishedAt: string; updatedAt: string; approvedBy: { id: string; name: string }; revisedAt?: string };

const SPACE = "TESTREGISTER";
const fields = {
  title: text("Tiêu đề", 200),
  summary: z.string().max(500),
  book: text("Sổ", 40),
  number: text("Số", 40),
  year: z.string().regex(/^\d{4}$/),
  lines: z.array(z.string().max(200)).max(50),
  why: z.string().max(200).optional(),
};
const registers: ContentKind<Entry, EntryView> = {
  name: "registers",
  space: SPACE,
  itemType: "register",
  noun: "sổ đăng ký",
  contentFields: ["title", "summary", "sectionId", "book", "number", "year", "lines", "why"],
  createSchema: z.object({ ...fields, section: z.string().optional(), slug: z.string().optional(), publishedAt: z.string().optional() }) as never,
  updateSchema: z.object({ ...fields, version, section: z.string() }).partial().required({ version: true }) as never,
  fromCreate: (data, { sectionId }) => ({
    title: plainText(String(data.title)), summary: String(data.summary ?? ""), sectionId, book: String(data.book), number: String(data.number),
    year: String(data.year), lines: (data.lines as string[]) ?? [], ...(data.why ? { why: String(data.why) } : {}),
  }),
  applyUpdate: (current, changes, sectionId) => ({ ...current, ...(changes as Partial<Entry>), sectionId }),
  check: () => {},
  missingForReview: (content): Record<string, string> => (content.lines.length ? {} : { lines: "Chưa có dòng nào." }),
  publishedView: (content, meta) => ({ ...content, ...meta }),
  summaryAttributes: ["id", "slug", "title", "number", "year", "publishedAt"],
  reportKind: () => "registers",
  url: (slug) => `/so-thu/${slug}`,
  paths: ({ slug }) => [`/so-thu/${slug}`],
  uniqueKeys: (content) => [{ token: `${content.number.toLowerCase()}#${content.year}`, field: "number", message: `Số ${content.number} năm ${content.year} đã có.` }],
  slugOf: (content) => `so-${content.book}`,
  reportUnits: (content) => ({ registerLines: content.lines.length }),
  facets: (view) => ({ values: [`year:${view.year}`], sort: view.number.padStart(6, "0") }),
  // Lines written "@x" are resolved from the store: here, refused unless they are "@ok".
  async prepare(content) {
    const bad = content.lines.find((line) => line.startsWith("@") && line !== "@ok");
    if (bad) throw invalid(`Không tìm thấy ${bad}.`, { lines: "Tham chiếu không tồn tại." });
    return { ...content, lines: content.lines.map((line) => (line === "@ok" ? "đã tra cứu" : line)) };
  },
  auditNote: (content) => (content.why ? { why: content.why } : undefined),
  defaultSection: async () => "kinh-te",
};

const writer: SessionUser = { id: "u-writer", email: "viet@hoaphong.example.vn", name: "Lê Văn Viết", role: "writer", sections: ["kinh-te", "van-hoa"] };
const board: SessionUser = { id: "u-board", email: "duyet@hoaphong.example.vn", name: "Trần Thị Duyệt", role: "section-editor", sections: ["kinh-te", "van-hoa"] };
const counters = resolveCounters({ shards: 1, cacheMs: 0 });
let store: Store;

beforeAll(async () => {
  store = await createTestStore();
  await createSections(store);
});

const byKind = async (day: string) => (await Reports.activity(store, counters, parseReportQuery({ from: day, to: day }), Date.now())).published;

async function publishNew(input: Record<string, unknown>) {
  const engine = createEngine(registers, { store });
  let { item } = await engine.create(writer, input);
  ({ item } = await engine.submit(writer, item.id, { version: item.version }));
  return (await engine.approve(board, item.id, { version: item.version })).item;
}

describe("engine hooks of a content kind", () => {
  it("reserves unique values: a second item with them is a 409 naming the field, and nothing is written", async () => {
    const engine = createEngine(registers, { store });
    const { item } = await engine.create(writer, { title: "Sổ A", summary: "", book: "a", number: "15-TB", year: "2026", lines: ["một"] });
    expect(item.sectionId).toBe("kinh-te"); // defaultSection
    expect(item.slug).toBe("so-a"); // slugOf
    await expect(engine.create(writer, { title: "Sổ B", summary: "", book: "b", number: "15-TB", year: "2026", lines: [] })).rejects.toMatchObject({
      code: "CONFLICT",
      fields: { number: "Số 15-TB năm 2026 đã có." },
    });
    expect(await store.db.send(new GetCommand({ TableName: store.table, Key: contentKeys(SPACE).slug("so-b") }))).not.toHaveProperty("Item");
    // A fixed slug that is taken is a 409, never "-2".
    await expect(engine.create(writer, { title: "Sổ A lần hai", summary: "", book: "a", number: "16-TB", year: "2026", lines: [] })).rejects.toMatchObject({ code: "CONFLICT" });

    // An edit moves the reservation: the old value becomes free, the new one is taken.
    const other = (await engine.create(writer, { title: "Sổ C", summary: "", book: "c", number: "17-TB", year: "2026", lines: [] })).item;
    await expect(engine.update(writer, other.id, { version: other.version, number: "15-TB" })).rejects.toMatchObject({ code: "CONFLICT", fields: { number: expect.any(String) } });
    const moved = (await engine.update(writer, item.id, { version: item.version, number: "18-TB" })).item;
    expect(moved.uniques).toEqual(["18-tb#2026"]);
    expect((await engine.update(writer, other.id, { version: other.version, number: "15-TB" })).item.uniques).toEqual(["15-tb#2026"]);

    // Deleting a draft releases its values.
    await engine.remove(writer, moved.id, { version: moved.version });
    const again = await engine.create(writer, { title: "Sổ D", summary: "", book: "d", number: "18-TB", year: "2026", lines: [] });
    expect(again.item.uniques).toEqual(["18-tb#2026"]);
  });

  it("resolves content through prepare (400 for a bad reference) and keeps the audit note", async () => {
    const engine = createEngine(registers, { store });
    await expect(engine.create(writer, { title: "Sổ E", summary: "", book: "e", number: "1-X", year: "2025", lines: ["@thieu"] })).rejects.toMatchObject({
      code: "VALIDATION",
      fields: { lines: expect.any(String) },
    });
    const { item } = await engine.create(writer, { title: "Sổ E", summary: "", book: "e", number: "1-X", year: "2025", lines: ["@ok"], why: "Bổ sung gấp" });
    expect(item.lines).toEqual(["đã tra cứu"]);
    const events = await Audit.byItem(store, item.id);
    expect(events.items.find((event) => event.action === "register.create")?.after).toMatchObject({ details: { why: "Bổ sung gấp" } });
  });

  it("counts units beside the item, exactly, through re-approval of a changed text and unpublish; facets follow the view", async () => {
    const engine = createEngine(registers, { store });
    let item = await publishNew({ title: "Sổ F", summary: "", book: "f", number: "2-F", year: "2024", lines: ["a", "b", "c"] });
    const day = vietnamDay(item.publishedAt!);
    let report = await byKind(day);
    expect(report.byKind.registers).toBe(1);
    expect(report.byKind.registerLines).toBe(3);
    const total = report.total;
    expect((await Published.withFacet(store, SPACE, "year:2024", { attributes: ["id", "number"] })).items).toEqual([{ id: item.id, number: "2-F" }]);
    expect((await Published.get<EntryView>(store, SPACE, "so-f", "x")).revisedAt).toBeUndefined();

    // Edit the published text: more lines, another year; re-approved.
    ({ item } = await engine.update(writer, item.id, { version: item.version, lines: ["a", "b", "c", "d", "e"], year: "2025" }));
    ({ item } = await engine.submit(writer, item.id, { version: item.version }));
    ({ item } = await engine.approve(board, item.id, { version: item.version }));
    report = await byKind(day);
    expect(report.byKind.registers).toBe(1);
    expect(report.byKind.registerLines).toBe(5);
    expect(report.total).toBe(total); // units are never in the total
    expect((await Published.withFacet(store, SPACE, "year:2024", { attributes: ["id"] })).items).toEqual([]);
    expect((await Published.withFacet<{ id: string }>(store, SPACE, "year:2025", { attributes: ["id"] })).items.map((entry) => entry.id)).toContain(item.id);
    const view = await Published.get<EntryView>(store, SPACE, "so-f", "x");
    expect(view.revisedAt).toBe(item.approvedAt);

    // Approving again without a change is not a revision.
    ({ item } = await engine.unpublish(board, item.id, { version: item.version }));
    report = await byKind(day);
    expect(report.byKind.registers ?? 0).toBe(0);
    expect(report.byKind.registerLines ?? 0).toBe(0);
    expect((await Published.withFacet<{ id: string }>(store, SPACE, "year:2025", { attributes: ["id"] })).items.map((entry) => entry.id)).not.toContain(item.id);
    ({ item } = await engine.approve(board, item.id, { version: item.version }));
    expect((await byKind(day)).byKind.registerLines).toBe(5);
    expect((await Published.get<EntryView>(store, SPACE, "so-f", "x")).revisedAt).toBe(view.revisedAt);
  });

  it("imports an archived item with its unique values, units and facets", async () => {
    const engine = createEngine(registers, { store });
    const content = { title: "Sổ G", summary: "", sectionId: "van-hoa", book: "g", number: "9-G", year: "2023", lines: ["x", "y"] };
    const view = await engine.importPublished({ content, publishedAt: "2023-05-04T03:00:00.000Z" }, { id: "u-archive", name: "Lưu trữ" });
    expect(view.slug).toBe("so-g");
    const report = await byKind("2023-05-04");
    expect(report.byKind).toMatchObject({ registers: 1, registerLines: 2 });
    expect((await Published.withFacet(store, SPACE, "year:2023", { attributes: ["id"] })).items).toEqual([{ id: view.id }]);
    await expect(engine.importPublished({ content: { ...content, book: "h" }, publishedAt: "2023-05-04T03:00:00.000Z" }, { id: "u-archive", name: "Lưu trữ" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });
});
