import { QueryCommand } from "../../functions/core/storage/db";
import { beforeAll, describe, expect, it } from "vitest";
import { contentKeys } from "../../functions/core/storage/keys";
import { Audit } from "../../functions/core/publishing/audit";
import { RecordingInvalidator } from "../../functions/core/publishing/invalidation";
import { SectionAdmin } from "../../functions/core/sections/section-admin";
import type { User } from "../../functions/core/accounts/users";
import type { Store } from "../../functions/core/storage/store";
import { createApp } from "../../functions/http/app";
import { createSections, createUser, request, signIn } from "../support/auth";
import { createTestStore } from "../support/store";

/**
 * The workflow rules that were missing when the engine was tried as a new user would: one-step
 * republish, refusing empty content for review, deleting never-published drafts, four eyes, and
 * the editors' choice of featured items.
 */
let store: Store;
let app: ReturnType<typeof createApp>;
const invalidator = new RecordingInvalidator();
let writer: User;
let board: User;
let chief: User;
const cookies: Record<string, string> = {};

const call = (who: string, method: string, path: string, body?: unknown) => request(app, method, path, { cookie: cookies[who], body });
const ok = async (res: Response, status = 200) => {
  expect(res.status, await res.clone().text()).toBe(status);
  return res.status === 204 ? undefined : res.json();
};
const draft = async (who = "writer", overrides: Record<string, unknown> = {}) =>
  ok(
    await call(who, "POST", "/api/articles", {
      kind: "news",
      title: `Hòa Phong khánh thành cầu Sông Lam ${Math.random().toString(36).slice(2, 6)}`,
      summary: "Cây cầu nối hai huyện phía bắc tỉnh.",
      body: "<p>Sáng nay, tỉnh Hòa Phong đưa cầu vào sử dụng.</p>",
      section: "kinh-te",
      ...overrides,
    }),
    201,
  );

beforeAll(async () => {
  store = await createTestStore();
  await createSections(store);
  await SectionAdmin.create(store, { slug: "ban-tin-nho", name: "Bản tin nhỏ", order: 3, selfApproval: true });
  app = createApp({ store, invalidator });
  writer = await createUser(store, "writer", ["kinh-te", "ban-tin-nho"], "Lê Văn Viết");
  board = await createUser(store, "section-editor", ["kinh-te", "ban-tin-nho"], "Trần Thị Duyệt");
  chief = await createUser(store, "editor-in-chief", [], "Nguyễn Văn Tổng");
  for (const [name, user] of Object.entries({ writer, board, chief })) cookies[name] = await signIn(app, user.email);
}, 60_000);

describe("workflow rules", () => {
  it("republishes an unpublished article in one step for an approver, and refuses a writer", async () => {
    let a = await draft();
    a = await ok(await call("board", "POST", `/api/articles/${a.id}/approve`, { version: a.version }));
    a = await ok(await call("board", "POST", `/api/articles/${a.id}/unpublish`, { version: a.version, reason: "Cần kiểm tra lại số liệu" }));
    expect((await app.request(`/bai-viet/${a.slug}`)).status).toBe(404);

    const denied = await call("writer", "POST", `/api/articles/${a.id}/approve`, { version: a.version });
    expect(denied.status).toBe(403);
    expect((await denied.json()).error.message).toMatch(/không có quyền/);

    const before = invalidator.calls.length;
    a = await ok(await call("board", "POST", `/api/articles/${a.id}/approve`, { version: a.version }));
    expect(a).toMatchObject({ status: "published", live: true, approvedBy: { id: board.id } });
    expect((await app.request(`/bai-viet/${a.slug}`)).status).toBe(200);
    expect(invalidator.calls.slice(before).flat()).toContain(`/bai-viet/${a.slug}`);
    const history = (await Audit.byItem(store, a.id)).items.map((event) => event.action);
    expect(history).toContain("article.republish");
  });

  it("answers a malformed work-list query with a 400, never a silent default", async () => {
    for (const query of ["view=tat-ca", "limit=abc", "limit=0", "limit=2.5", "cursor=khong-hop-le"]) {
      const res = await call("writer", "GET", `/api/articles?${query}`);
      expect(res.status, query).toBe(400);
      expect((await res.json()).error.message).toMatch(/không hợp lệ/);
    }
    expect((await call("writer", "GET", "/api/articles?view=mine&limit=500")).status).toBe(200);
  });

  it("refuses to submit or approve an item whose summary or body is empty, naming the field", async () => {
    const noSummary = await draft("writer", { summary: "" });
    const submit = await call("writer", "POST", `/api/articles/${noSummary.id}/submit`, { version: noSummary.version });
    expect(submit.status).toBe(400);
    expect((await submit.json()).error.fields).toEqual({ summary: expect.stringMatching(/Sapo/) });

    const noBody = await draft("writer", { body: "<p>  </p>" });
    const approve = await call("board", "POST", `/api/articles/${noBody.id}/approve`, { version: noBody.version });
    expect(approve.status).toBe(400);
    const error = (await approve.json()).error;
    expect(error.fields).toEqual({ body: expect.stringMatching(/Nội dung/) });
    expect(error.message).toMatch(/Nội dung không được để trống/);
    // Nothing changed: still a draft at its version.
    expect(await ok(await call("writer", "GET", `/api/articles/${noBody.id}`))).toMatchObject({ status: "draft", version: noBody.version });
  });

  it("deletes a never-published draft for its author or an approver, never a published item", async () => {
    const mine = await draft();
    expect((await call("board", "DELETE", `/api/articles/${mine.id}?version=99`)).status).toBe(409);
    await ok(await call("writer", "DELETE", `/api/articles/${mine.id}`, { version: mine.version }), 204);
    expect((await call("writer", "GET", `/api/articles/${mine.id}`)).status).toBe(404);
    // Its revisions go with it.
    const left = await store.db.send(
      new QueryCommand({ TableName: store.table, KeyConditionExpression: "pk = :pk", ExpressionAttributeValues: { ":pk": contentKeys("ARTICLE").item(mine.id).pk } }),
    );
    expect(left.Items).toEqual([]);
    // The slug is free again, and the audit keeps the deletion.
    const again = await draft("writer", { title: mine.title });
    expect(again.slug).toBe(mine.slug);
    expect((await Audit.byItem(store, mine.id)).items[0]).toMatchObject({ action: "article.delete", actor: { id: writer.id } });

    const othersDraft = await draft("board");
    expect((await call("writer", "DELETE", `/api/articles/${othersDraft.id}`)).status).toBe(403);
    // As browsers send it: a JSON content type and no body at all.
    const bare = await app.request(`/api/articles/${again.id}`, { method: "DELETE", headers: { Origin: "http://localhost", Cookie: cookies.board!, "Content-Type": "application/json" } });
    expect(bare.status, await bare.clone().text()).toBe(204);

    let published = await draft();
    published = await ok(await call("board", "POST", `/api/articles/${published.id}/approve`, { version: published.version }));
    const refused = await call("board", "DELETE", `/api/articles/${published.id}`);
    expect(refused.status).toBe(409);
    expect((await refused.json()).error.message).toMatch(/chỉ có thể gỡ/);
    published = await ok(await call("board", "POST", `/api/articles/${published.id}/unpublish`, { version: published.version }));
    expect((await call("board", "DELETE", `/api/articles/${published.id}`)).status).toBe(409);
    expect((await call("board", "GET", `/api/articles/${published.id}`)).status).toBe(200);
  });

  it("keeps four eyes: no self-approval, except a chief with a reason the audit keeps or a section that allows it", async () => {
    const own = await draft("board");
    const refused = await call("board", "POST", `/api/articles/${own.id}/approve`, { version: own.version });
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.message).toMatch(/tự duyệt/);
    expect((await call("board", "POST", `/api/articles/${own.id}/schedule`, { version: own.version, at: new Date(Date.now() + 3600_000).toISOString() })).status).toBe(403);
    // Another member of the board approves it.
    const byChief = await ok(await call("chief", "POST", `/api/articles/${own.id}/approve`, { version: own.version }));
    expect(byChief.approvedBy).toEqual({ id: chief.id, name: chief.name });

    const chiefs = await draft("chief");
    const noReason = await call("chief", "POST", `/api/articles/${chiefs.id}/approve`, { version: chiefs.version });
    expect(noReason.status).toBe(400);
    expect((await noReason.json()).error.fields).toHaveProperty("reason");
    await ok(await call("chief", "POST", `/api/articles/${chiefs.id}/approve`, { version: chiefs.version, reason: "Bài khẩn, Ban biên tập vắng mặt" }));
    const approval = (await Audit.byItem(store, chiefs.id)).items.find((event) => event.action === "article.approve");
    expect(approval).toMatchObject({ actor: { id: chief.id }, reason: "Bài khẩn, Ban biên tập vắng mặt" });

    const smallBoard = await draft("board", { section: "ban-tin-nho" });
    await ok(await call("board", "POST", `/api/articles/${smallBoard.id}/approve`, { version: smallBoard.version }));
  });

  it("lets the chiefs choose, order and unpin the featured items of the home page", async () => {
    const published = [];
    for (const title of ["Tin chọn thứ nhất về Hòa Phong", "Tin chọn thứ hai về Hòa Phong"]) {
      const a = await draft("writer", { title });
      published.push(await ok(await call("board", "POST", `/api/articles/${a.id}/approve`, { version: a.version })));
    }
    // Newer than both: "newest wins" would put it first.
    const newest = await draft("writer", { title: "Tin mới nhất không được chọn" });
    await ok(await call("board", "POST", `/api/articles/${newest.id}/approve`, { version: newest.version }));
    const unpublishedDraft = await draft();

    const items = [published[1], published[0]].map((a) => ({ kind: "articles", id: a.id }));
    expect((await call("writer", "PUT", "/api/featured", { items })).status).toBe(403);
    expect((await call("board", "PUT", "/api/featured", { items })).status).toBe(403);
    expect((await call("chief", "PUT", "/api/featured", { items: Array(6).fill(items[0]) })).status).toBe(400);
    const notLive = await call("chief", "PUT", "/api/featured", { items: [{ kind: "articles", id: unpublishedDraft.id }] });
    expect(notLive.status).toBe(400);
    expect((await notLive.json()).error.message).toMatch(/chưa được đăng/);

    const before = invalidator.calls.length;
    const saved = await ok(await call("chief", "PUT", "/api/featured", { items }));
    expect(saved.items.map((ref: { id: string }) => ref.id)).toEqual([published[1].id, published[0].id]);
    expect(invalidator.calls.slice(before).flat()).toContain("/");
    const home = await (await app.request("/")).text();
    const featuredBlock = home.slice(home.indexOf('id="tin-noi-bat"'), home.indexOf('class="section-blocks"'));
    const order = ["Tin chọn thứ hai", "Tin chọn thứ nhất", "Tin mới nhất không được chọn"].map((title) => featuredBlock.indexOf(title));
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((x, y) => x - y)).toEqual(order);

    // Unpin both: the block falls back to the newest.
    await ok(await call("chief", "PUT", "/api/featured", { items: [], version: saved.version }));
    const after = await (await app.request("/")).text();
    const block = after.slice(after.indexOf('id="tin-noi-bat"'), after.indexOf('class="section-blocks"'));
    expect(block.indexOf("Tin mới nhất không được chọn")).toBeLessThan(block.indexOf("Tin chọn thứ hai"));
    expect(await ok(await call("chief", "GET", "/api/featured"))).toMatchObject({ items: [], version: saved.version + 1 });
  });

  it("links a featured item of another kind to its own page, not to /bai-viet/", async () => {
    const day = 86_400_000;
    const created = await ok(
      await call("writer", "POST", "/api/consultations", {
        title: "Dự thảo Quy chế tiếp nhận ý kiến của nhân dân",
        summary: "Lấy ý kiến về quy chế tiếp nhận ý kiến.",
        body: "<p>Điều 1. Phạm vi.</p>",
        section: "kinh-te",
        opensAt: new Date(Date.now() - day).toISOString(),
        closesAt: new Date(Date.now() + 40 * day).toISOString(),
        receiver: { unit: "Văn phòng Tỉnh ủy", address: "Số 1 đường Trần Hưng Đạo", email: "gopy@hoaphong.example.vn" },
      }),
      201,
    );
    const live = await ok(await call("board", "POST", `/api/consultations/${created.id}/approve`, { version: created.version }));
    const current = await ok(await call("chief", "GET", "/api/featured"));
    await ok(await call("chief", "PUT", "/api/featured", { items: [{ kind: "consultations", id: live.id }], version: current.version }));
    const home = await (await app.request("/")).text();
    const block = home.slice(home.indexOf('id="tin-noi-bat"'), home.indexOf('class="section-blocks"'));
    expect(block).toContain(`href="/gop-y/${live.slug}"`);
    expect(block).not.toContain(`href="/bai-viet/${live.slug}"`);
  });
});
