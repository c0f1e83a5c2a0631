/**
 * Readers' comments against DynamoDB Local (core/participation/comments.ts): held pending until
 * the board of the item's section decides, the approved ones copied onto the published view (the
 * page's one read), limits per client, duplicates, the report's `comments` count, and the copy
 * restored after a re-approval rewrote the view.
 */
import { GetCommand } from "../../functions/core/storage/db";
import { beforeAll, describe, expect, it } from "vitest";
import type { User } from "../../functions/core/accounts/users";
import { articles } from "../../functions/core/content/articles";
import { Reports } from "../../functions/core/metrics/reports";
import { resolveCounters } from "../../functions/core/metrics/counters";
import { ReaderComments } from "../../functions/core/participation/comments";
import { invalidationEffects } from "../../functions/core/publishing/invalidation";
import type { PublicComment } from "../../functions/core/participation/public";
import { vietnamDay } from "../../functions/core/shared/time";
import { contentKeys } from "../../functions/core/storage/keys";
import type { Store } from "../../functions/core/storage/store";
import { createSections, createUser } from "../support/auth";
import { articleEngine, importArticle } from "../support/engine";
import { createTestStore } from "../support/store";

let store: Store;
let board: User;
let otherBoard: User;
let chief: User;
let article: { id: string; slug: string };
const HOUR = 3_600_000;

const view = async (slug: string) =>
  (await store.db.send(new GetCommand({ TableName: store.table, Key: contentKeys("ARTICLE").publishedView(slug), ConsistentRead: true }))).Item as
    | { readerComments?: PublicComment[]; commentCount?: number; title: string }
    | undefined;
const send = (content: string, client: string, now?: number, extra: Record<string, unknown> = {}) =>
  ReaderComments.receive(store, "articles", article.id, { name: "Nguyễn Văn An", email: "an@example.vn", content, website: "", ...extra }, { client, ...(now ? { now } : {}) });
const pendingOf = async (user: User, content: string) => (await ReaderComments.list(store, user, { status: "pending" })).items.find((c) => c.content === content)!;

beforeAll(async () => {
  store = await createTestStore();
  await createSections(store);
  board = await createUser(store, "section-editor", ["kinh-te"], "Trần Thị Duyệt");
  otherBoard = await createUser(store, "section-editor", ["van-hoa"], "Đỗ Văn Khác");
  chief = await createUser(store, "editor-in-chief", [], "Phạm Tổng Biên");
  article = await importArticle(
    store,
    { kind: "news", sectionId: "kinh-te", title: "Hòa Phong mở rộng vùng trồng bưởi", summary: "Vùng bưởi mới.", body: "<p>Nội dung.</p>", byline: "Phóng viên", publishedAt: new Date(Date.now() - 86_400_000).toISOString() },
    { id: board.id, name: board.name },
  );
}, 60_000);

describe("readers' comments", () => {
  it("keeps a new comment pending, off the published view", async () => {
    expect(await send("Bài viết rất bổ ích cho bà con.", "client-a")).toEqual({ status: "pending" });
    const pending = await pendingOf(board, "Bài viết rất bổ ích cho bà con.");
    expect(pending).toMatchObject({ status: "pending", kind: "articles", itemId: article.id, sectionId: "kinh-te", title: "Hòa Phong mở rộng vùng trồng bưởi", email: "an@example.vn" });
    expect((await view(article.slug))?.readerComments).toBeUndefined();
  });

  it("stores nothing when the honeypot is filled, yet answers as usual", async () => {
    expect(await send("Quảng cáo giá rẻ", "client-bot", undefined, { website: "http://spam.example" })).toEqual({ status: "pending" });
    expect((await ReaderComments.list(store, chief, { status: "pending" })).items.some((c) => c.content === "Quảng cáo giá rẻ")).toBe(false);
  });

  it("refuses bad fields, unknown items and kinds without comments", async () => {
    await expect(send("", "client-v")).rejects.toMatchObject({ code: "VALIDATION", fields: { content: expect.stringContaining("không được để trống") } });
    await expect(send("x".repeat(2001), "client-v")).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(ReaderComments.receive(store, "articles", "khong-co", { name: "A", content: "B" }, { client: "c" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(ReaderComments.receive(store, "schedules", article.id, { name: "A", content: "B" }, { client: "c" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses the same text from the same client (409) without using the allowance", async () => {
    const t = Date.now() + 10 * HOUR;
    await send("Đề nghị làm rõ nguồn vốn hỗ trợ.", "client-d", t);
    await expect(send("  đề nghị LÀM RÕ   nguồn vốn hỗ trợ. ", "client-d", t + 60_000)).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(send("Một ý kiến khác hẳn.", "client-d", t + 60_000)).resolves.toEqual({ status: "pending" });
  });

  it("limits a client to one comment per 30 s and 5 per hour, in Vietnamese with Retry-After", async () => {
    const t = Math.floor(Date.now() / HOUR) * HOUR + 20 * HOUR;
    await send("Ý kiến số 1", "client-l", t);
    const fast = send("Ý kiến số 2", "client-l", t + 10_000);
    await expect(fast).rejects.toMatchObject({ code: "RATE_LIMITED", details: { retryAfter: 20 } });
    await expect(fast).rejects.toThrow(/Xin vui lòng chờ 20 giây/);
    for (let i = 2; i <= 5; i++) await send(`Ý kiến số ${i}`, "client-l", t + (i - 1) * 31_000);
    await expect(send("Ý kiến số 6", "client-l", t + 10 * 31_000)).rejects.toMatchObject({ code: "RATE_LIMITED", message: expect.stringContaining("5 ý kiến trong một giờ") });
    await expect(send("Ý kiến số 6", "client-other", t + 10 * 31_000)).resolves.toEqual({ status: "pending" });
  });

  it("lets only the board of the item's section decide", async () => {
    const pending = await pendingOf(board, "Bài viết rất bổ ích cho bà con.");
    await expect(ReaderComments.list(store, otherBoard, { status: "pending", section: "kinh-te" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await ReaderComments.list(store, otherBoard, { status: "pending" })).items).toEqual([]);
    await expect(ReaderComments.decide(store, otherBoard, pending.id, "approve", {})).rejects.toMatchObject({ code: "FORBIDDEN" });
    const writer = await createUser(store, "writer", ["kinh-te"]);
    await expect(ReaderComments.decide(store, writer, pending.id, "approve", {})).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("approves onto the published view, oldest first, with the board's reply, counted in the report", async () => {
    const first = await pendingOf(board, "Bài viết rất bổ ích cho bà con.");
    const second = await pendingOf(board, "Đề nghị làm rõ nguồn vốn hỗ trợ.");
    const { path } = await ReaderComments.decide(store, board, second.id, "approve", { reply: "Ban Biên tập sẽ bổ sung thông tin." });
    expect(path).toBe(articles.url(article.slug));
    await ReaderComments.decide(store, chief, first.id, "approve", {});
    const v = await view(article.slug);
    expect(v?.commentCount).toBe(2);
    expect(v?.readerComments?.map((c) => c.content)).toEqual(["Bài viết rất bổ ích cho bà con.", "Đề nghị làm rõ nguồn vốn hỗ trợ."]);
    expect(v?.readerComments?.[1]?.reply).toBe("Ban Biên tập sẽ bổ sung thông tin.");
    expect(JSON.stringify(v?.readerComments)).not.toContain("an@example.vn");
    await expect(ReaderComments.decide(store, board, first.id, "reject", { reason: "Muộn" })).rejects.toMatchObject({ code: "CONFLICT" });
    const today = vietnamDay(new Date());
    const report = await Reports.activity(store, resolveCounters(), { from: today, to: today, idleDays: 30 }, Date.now());
    expect(report.published.byKind.comments).toBe(2);
    expect((await ReaderComments.list(store, board, { status: "approved" })).items.map((c) => c.id).sort()).toEqual([first.id, second.id].sort());
  });

  it("rejects with a required reason, kept, never shown", async () => {
    const comment = await pendingOf(board, "Một ý kiến khác hẳn.");
    await expect(ReaderComments.decide(store, board, comment.id, "reject", {})).rejects.toMatchObject({ code: "VALIDATION", fields: { reason: expect.any(String) } });
    const { comment: rejected } = await ReaderComments.decide(store, board, comment.id, "reject", { reason: "Nội dung không liên quan tới bài viết." });
    expect(rejected).toMatchObject({ status: "rejected", reason: "Nội dung không liên quan tới bài viết.", decidedBy: { id: board.id } });
    expect((await ReaderComments.list(store, board, { status: "rejected", section: "kinh-te" })).items[0]).toMatchObject({ id: comment.id, reason: "Nội dung không liên quan tới bài viết." });
    expect((await view(article.slug))?.readerComments?.some((c) => c.content === "Một ý kiến khác hẳn.")).toBe(false);
  });

  it("restores the view's copy after a re-approval rewrote the view (syncView)", async () => {
    const engine = articleEngine(store);
    const detail = await engine.detail(chief, article.id);
    const edited = await engine.update(chief, article.id, { version: detail.version, title: "Hòa Phong mở rộng vùng trồng bưởi Diễn" });
    await engine.approve(chief, article.id, { version: edited.item.version, reason: "Sửa tiêu đề" });
    expect((await view(article.slug))?.readerComments).toBeUndefined();
    await ReaderComments.syncView(store, articles, article.id, article.slug);
    const v = await view(article.slug);
    expect(v?.title).toBe("Hòa Phong mở rộng vùng trồng bưởi Diễn");
    expect(v?.readerComments).toHaveLength(2);
    expect(v?.commentCount).toBe(2);
  });

  it("keeps the copy through a re-approval by the routes' engine, whose publish effects restore it before the CDN hears", async () => {
    const invalidated: string[][] = [];
    const engine = articleEngine(store, invalidationEffects(store, { invalidate: async (paths) => void invalidated.push(paths) }));
    const detail = await engine.detail(chief, article.id);
    const edited = await engine.update(chief, article.id, { version: detail.version, title: "Hòa Phong mở rộng vùng trồng bưởi da xanh" });
    await engine.approve(chief, article.id, { version: edited.item.version, reason: "Sửa tiêu đề lần nữa" });
    const v = await view(article.slug);
    expect(v?.title).toBe("Hòa Phong mở rộng vùng trồng bưởi da xanh");
    expect(v?.readerComments).toHaveLength(2);
    expect(v?.commentCount).toBe(2);
    expect(invalidated.flat()).toContain(`/bai-viet/${article.slug}`);
  });
});
