import { articleEngine, importArticle } from "../support/engine";
import { QueryCommand } from "../../functions/core/storage/db";
import { beforeAll, describe, expect, it } from "vitest";
import { Articles } from "../../functions/core/reader/articles";
import type { ImportInput } from "../../functions/core/content/articles";
import { AppError } from "../../functions/core/shared/errors";
import type { Store } from "../../functions/core/storage/store";
import { createTestStore } from "../support/store";

const approver = { id: "u-1", name: "Nguyễn Văn Duyệt" };

function article(overrides: Partial<ImportInput> = {}): ImportInput {
  return {
    kind: "news",
    sectionId: "kinh-te",
    title: "Hội nghị tổng kết kinh tế",
    summary: "Tóm tắt.",
    body: "<p>Nội dung.</p>",
    byline: "Thu Hà",
    publishedAt: "2026-01-15T08:00:00+07:00",
    ...overrides,
  };
}

describe("published articles in DynamoDB Local", () => {
  let store: Store;
  beforeAll(async () => {
    store = await createTestStore();
  });

  it("stores the published view under its slug and reads it with one GetItem", async () => {
    const view = await importArticle(store, article({ title: "Đảng bộ tỉnh Hòa Phong ra quân" }), approver);
    expect(view.slug).toBe("dang-bo-tinh-hoa-phong-ra-quan");
    expect(view.publishedAt).toBe("2026-01-15T01:00:00.000Z");
    const read = await Articles.getPublished(store, view.slug);
    expect(read).toMatchObject({ id: view.id, title: "Đảng bộ tỉnh Hòa Phong ra quân", approvedBy: approver, body: "<p>Nội dung.</p>" });
  });

  it("suffixes a colliding slug instead of overwriting", async () => {
    const first = await importArticle(store, article({ title: "Trùng tiêu đề" }), approver);
    const second = await importArticle(store, article({ title: "Trùng tiêu đề", summary: "Bài thứ hai." }), approver);
    expect(first.slug).toBe("trung-tieu-de");
    expect(second.slug).toBe("trung-tieu-de-2");
    expect((await Articles.getPublished(store, "trung-tieu-de")).summary).toBe("Tóm tắt.");
  });

  it("lists a section newest first, page by page, without bodies", async () => {
    for (let day = 1; day <= 5; day++) {
      await importArticle(
        store,
        article({ sectionId: "van-hoa", title: `Lễ hội ngày ${day}`, publishedAt: `2025-06-0${day}T09:00:00+07:00` }),
        approver,
      );
    }
    const first = await Articles.listBySection(store, "van-hoa", { limit: 3 });
    expect(first.items.map((a) => a.title)).toEqual(["Lễ hội ngày 5", "Lễ hội ngày 4", "Lễ hội ngày 3"]);
    expect(first.items[0]).not.toHaveProperty("body");
    const second = await Articles.listBySection(store, "van-hoa", { limit: 3, cursor: first.next });
    expect(second.items.map((a) => a.title)).toEqual(["Lễ hội ngày 2", "Lễ hội ngày 1"]);
  });

  it("lists the latest across sections", async () => {
    await importArticle(store, article({ sectionId: "xa-hoi", title: "Tin mới nhất", publishedAt: "2026-11-01T07:00:00+07:00" }), approver);
    const latest = await Articles.listLatest(store, { limit: 2 });
    expect(latest.items[0]?.title).toBe("Tin mới nhất");
    expect(new Set(latest.items.map((a) => a.sectionId)).size).toBeGreaterThan(1);
  });

  it("counts each publication in the report aggregate of its day in Vietnam", async () => {
    // 00:30 on 1/1/2027 in Vietnam is still 2026 in UTC: the report day is Vietnam's.
    await importArticle(store, article({ sectionId: "chinh-tri", title: "Tin cuối năm", publishedAt: "2026-12-31T23:30:00+07:00" }), approver);
    await importArticle(store, article({ sectionId: "chinh-tri", title: "Tin đầu năm", publishedAt: "2027-01-01T00:30:00+07:00" }), approver);
    const year = async (y: string) =>
      (await store.db.send(new QueryCommand({ TableName: store.table, KeyConditionExpression: "pk = :pk", ExpressionAttributeValues: { ":pk": `REPORT#${y}` } }))).Items ?? [];
    const late2026 = (await year("2026")).filter((item) => item.sectionId === "chinh-tri");
    const early2027 = (await year("2027")).filter((item) => item.sectionId === "chinh-tri");
    expect(late2026).toEqual([expect.objectContaining({ day: "2026-12-31", kind: "news", approverId: "u-1", count: 1 })]);
    expect(early2027).toEqual([expect.objectContaining({ day: "2027-01-01", count: 1 })]);
  });

  it("requires the source of a collected article", async () => {
    await expect(importArticle(store, article({ kind: "collected", title: "Tin sưu tầm" }), approver)).rejects.toMatchObject({
      code: "VALIDATION",
      fields: { sourceName: expect.any(String) },
    });
  });

  it("turns unknown slugs and foreign cursors into NOT_FOUND / VALIDATION errors", async () => {
    await expect(Articles.getPublished(store, "khong-co-bai-nay")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(Articles.getPublished(store, "../../etc/passwd")).rejects.toBeInstanceOf(AppError);
    await expect(Articles.listLatest(store, { cursor: "not-a-cursor" })).rejects.toMatchObject({ code: "VALIDATION" });
  });
});
