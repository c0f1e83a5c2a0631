import { QueryCommand } from "../../functions/core/storage/db";
import { beforeAll, describe, expect, it } from "vitest";
import { Articles } from "../../functions/core/reader/articles";
import { articleEngine, importArticle } from "../support/engine";
import { CONTENT_KINDS } from "../../functions/core/content";
import { publishDue } from "../../functions/core/publishing/due";
import { RecordingInvalidator } from "../../functions/core/publishing/invalidation";
import type { Store } from "../../functions/core/storage/store";
import type { User } from "../../functions/core/accounts/users";
import { createApp } from "../../functions/http/app";
import { createSections, createUser, request, signIn } from "../support/auth";
import { createTestStore } from "../support/store";

let store: Store;
let app: ReturnType<typeof createApp>;
const invalidator = new RecordingInvalidator();
let writer: User;
let board: User;
let admin: User;
let asWriter: string;
let asBoard: string;
let asBoard2: string;
let asAdmin: string;

const call = (cookie: string, method: string, path: string, body?: unknown) => request(app, method, path, { cookie, body });
const json = async (res: Response) => ({ status: res.status, body: await res.json() });

async function newDraft(overrides: Record<string, unknown> = {}) {
  const res = await call(asWriter, "POST", "/api/articles", {
    kind: "news",
    title: "Đảng bộ tỉnh Hậu Giang tổng kết năm",
    summary: "Hội nghị tổng kết công tác xây dựng Đảng.",
    body: "<p>Đoạn thứ nhất.</p><p>Đoạn thứ hai.</p>",
    section: "kinh-te",
    byline: "Minh Khoa",
    ...overrides,
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return res.json();
}

async function reportRows(year: string) {
  const out = await store.db.send(new QueryCommand({ TableName: store.table, KeyConditionExpression: "pk = :pk", ExpressionAttributeValues: { ":pk": `REPORT#${year}` } }));
  return out.Items ?? [];
}

beforeAll(async () => {
  store = await createTestStore();
  await createSections(store);
  app = createApp({ store, invalidator });
  writer = await createUser(store, "writer", ["kinh-te"], "Lê Văn Viết");
  board = await createUser(store, "section-editor", ["kinh-te", "van-hoa"], "Trần Thị Duyệt");
  admin = await createUser(store, "admin");
  asWriter = await signIn(app, writer.email);
  asBoard = await signIn(app, board.email);
  asBoard2 = await signIn(app, board.email);
  asAdmin = await signIn(app, admin.email);
}, 60_000);

describe("the publishing workflow", () => {
  it("creates a draft with a Vietnamese slug, byline and first revision", async () => {
    const draft = await newDraft();
    expect(draft).toMatchObject({ slug: "dang-bo-tinh-hau-giang-tong-ket-nam", status: "draft", version: 1, byline: "Minh Khoa", live: false });
    const second = await newDraft();
    expect(second.slug).toBe("dang-bo-tinh-hau-giang-tong-ket-nam-2");
    const detail = await (await call(asWriter, "GET", `/api/articles/${draft.id}`)).json();
    expect(detail.revisions).toHaveLength(1);
    expect(detail.history[0]).toMatchObject({ action: "article.create", actor: { id: writer.id } });
  });

  it("goes draft → submitted → returned with a reason → draft edits → submitted → published, recording the approver", async () => {
    let a = await newDraft({ title: "Khởi công cầu Tân Lập" });
    a = (await json(await call(asWriter, "POST", `/api/articles/${a.id}/submit`, { version: a.version }))).body;
    expect(a.status).toBe("submitted");
    const queue = (await (await call(asBoard, "GET", "/api/articles?view=queue")).json()).items;
    expect(queue.map((item: { id: string }) => item.id)).toContain(a.id);

    a = (await json(await call(asBoard, "POST", `/api/articles/${a.id}/return`, { version: a.version, reason: "Bổ sung tổng mức đầu tư." }))).body;
    expect(a).toMatchObject({ status: "returned", returnReason: "Bổ sung tổng mức đầu tư." });
    a = (await json(await call(asWriter, "PATCH", `/api/articles/${a.id}`, { version: a.version, body: "<p>Tổng mức đầu tư 1.250 tỷ đồng.</p>" }))).body;
    a = (await json(await call(asWriter, "POST", `/api/articles/${a.id}/submit`, { version: a.version }))).body;
    expect((await app.request(`/bai-viet/${a.slug}`)).status).toBe(404);

    const approved = await json(await call(asBoard, "POST", `/api/articles/${a.id}/approve`, { version: a.version }));
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: "published", live: true, approvedBy: { id: board.id, name: "Trần Thị Duyệt" } });
    const page = await app.request(`/bai-viet/${a.slug}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Tổng mức đầu tư 1.250 tỷ đồng.");
    // The published view itself records who answers for it.
    expect((await Articles.getPublished(store, a.slug)).approvedBy).toEqual({ id: board.id, name: "Trần Thị Duyệt" });
    const history = (await (await call(asAdmin, "GET", `/api/audit?item=${a.id}`)).json()).items.map((e: { action: string }) => e.action);
    expect(history).toEqual(["article.approve", "article.submit", "article.edit", "article.return", "article.submit", "article.create"]);
  });

  it("keeps showing the approved text while a published article is edited, until it is approved again", async () => {
    let a = await newDraft({ title: "Tin cần sửa sau khi đăng", body: "<p>Bản đã duyệt.</p>" });
    a = (await json(await call(asBoard, "POST", `/api/articles/${a.id}/approve`, { version: a.version }))).body;
    a = (await json(await call(asWriter, "PATCH", `/api/articles/${a.id}`, { version: a.version, body: "<p>Bản chưa duyệt.</p>" }))).body;
    expect(a).toMatchObject({ status: "draft", live: true });
    let html = await (await app.request(`/bai-viet/${a.slug}`)).text();
    expect(html).toContain("Bản đã duyệt.");
    expect(html).not.toContain("Bản chưa duyệt.");
    a = (await json(await call(asBoard, "POST", `/api/articles/${a.id}/approve`, { version: a.version }))).body;
    html = await (await app.request(`/bai-viet/${a.slug}`)).text();
    expect(html).toContain("Bản chưa duyệt.");
  });

  it("makes an approved article searchable without diacritics and listed in its section, and takes it out when unpublished", async () => {
    let a = await newDraft({ title: "Lễ hội Nghinh Ông ở xã Phước Hải", body: "<p>Hàng nghìn ngư dân tham dự lễ hội cầu ngư.</p>" });
    const search = async () => (await app.request("/tim-kiem?q=nghinh%20ong%20phuoc%20hai")).text();
    expect(await search()).not.toContain(`/bai-viet/${a.slug}"`);
    a = (await json(await call(asBoard, "POST", `/api/articles/${a.id}/approve`, { version: a.version }))).body;
    expect(await search()).toContain(`/bai-viet/${a.slug}"`);
    expect(await (await app.request("/chuyen-muc/kinh-te")).text()).toContain(`/bai-viet/${a.slug}"`);
    a = (await json(await call(asBoard, "POST", `/api/articles/${a.id}/unpublish`, { version: a.version }))).body;
    expect(await search()).not.toContain(`/bai-viet/${a.slug}"`);
    expect(await (await app.request("/chuyen-muc/kinh-te")).text()).not.toContain(`/bai-viet/${a.slug}"`);
  });

  it("unpublishes: the page is 404 and the report count is undone", async () => {
    let a = await newDraft({ title: "Tin sẽ gỡ" });
    invalidator.calls.length = 0;
    const saved = await call(asWriter, "PATCH", `/api/articles/${a.id}`, { version: a.version, summary: "Chỉ là bản nháp." });
    a = (await saved.json());
    expect(invalidator.calls).toEqual([]); // drafts change no public page
    a = (await json(await call(asBoard, "POST", `/api/articles/${a.id}/approve`, { version: a.version }))).body;
    expect(invalidator.paths).toContain(`/bai-viet/${a.slug}`);
    invalidator.calls.length = 0;
    const year = a.publishedAt.slice(0, 4);
    const count = async () => (await reportRows(year)).filter((r) => r.sectionId === "kinh-te").reduce((sum, r) => sum + r.count, 0);
    const before = await count();
    a = (await json(await call(asBoard, "POST", `/api/articles/${a.id}/unpublish`, { version: a.version }))).body;
    expect(a).toMatchObject({ status: "unpublished", live: false });
    expect((await app.request(`/bai-viet/${a.slug}`)).status).toBe(404);
    expect(invalidator.paths).toEqual(expect.arrayContaining([`/bai-viet/${a.slug}`, "/chuyen-muc/kinh-te*"]));
    expect(await count()).toBe(before - 1);
  });

  it("moves the report count when a published article changes section, counting it once", async () => {
    let a = await newDraft({ title: "Tin chuyển chuyên mục" });
    a = (await json(await call(asBoard, "POST", `/api/articles/${a.id}/approve`, { version: a.version }))).body;
    a = (await json(await call(asBoard, "PATCH", `/api/articles/${a.id}`, { version: a.version, section: "van-hoa" }))).body;
    invalidator.calls.length = 0;
    a = (await json(await call(asBoard, "POST", `/api/articles/${a.id}/approve`, { version: a.version }))).body;
    // The CDN is told about the article and both its old and its new section.
    expect(invalidator.calls).toHaveLength(1);
    expect(invalidator.paths).toEqual(expect.arrayContaining([`/bai-viet/${a.slug}`, "/chuyen-muc/van-hoa*", "/chuyen-muc/kinh-te*", "/", "/rss.xml"]));
    const rows = await reportRows(a.publishedAt.slice(0, 4));
    const bySection = (id: string) => rows.filter((r) => r.sectionId === id && r.approverId === board.id).reduce((s, r) => s + r.count, 0);
    expect(bySection("van-hoa")).toBe(1);
    expect(rows.some((r) => r.sectionId === "kinh-te" && r.approverId === board.id && r.count < 0)).toBe(false);
    const html = await (await app.request("/chuyen-muc/van-hoa")).text();
    expect(html).toContain("Tin chuyển chuyên mục");
    expect(await (await app.request("/chuyen-muc/kinh-te")).text()).not.toContain("Tin chuyển chuyên mục");
  });

  it("schedules a publication and the scheduler publishes it when due, as the approver", async () => {
    let a = await newDraft({ title: "Tin hẹn giờ" });
    a = (await json(await call(asWriter, "POST", `/api/articles/${a.id}/submit`, { version: a.version }))).body;
    const at = new Date(Date.now() + 3600_000);
    a = (await json(await call(asBoard, "POST", `/api/articles/${a.id}/schedule`, { version: a.version, at: at.toISOString() }))).body;
    expect(a).toMatchObject({ status: "scheduled", scheduledAt: at.toISOString() });
    expect(await publishDue({ store }, CONTENT_KINDS, new Date(at.getTime() - 60_000))).toHaveLength(0);
    expect((await app.request(`/bai-viet/${a.slug}`)).status).toBe(404);
    expect((await publishDue({ store }, CONTENT_KINDS, new Date(at.getTime() + 1000))).map(({ item }) => item.id)).toEqual([a.id]);
    expect(await publishDue({ store }, CONTENT_KINDS, new Date(at.getTime() + 2000))).toHaveLength(0);
    const published = (await articleEngine(store).load(a.id))!;
    expect(published).toMatchObject({ status: "published", publishedAt: at.toISOString(), approvedBy: { id: board.id } });
    expect((await app.request(`/bai-viet/${a.slug}`)).status).toBe(200);
  });
});

describe("concurrency, revisions and input", () => {
  it("keeps counts exact when many approvals share the same count items at once", async () => {
    const board3 = await createUser(store, "section-editor", ["kinh-te"], "Phạm Văn Song");
    const asBoard3 = await signIn(app, board3.email);
    const drafts = await Promise.all(Array.from({ length: 8 }, (_, i) => newDraft({ title: `Tin đồng thời ${i}` })));
    const results = await Promise.all(drafts.map((d) => call(asBoard3, "POST", `/api/articles/${d.id}/approve`, { version: d.version })));
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(200));
    const published = await Promise.all(results.map((r) => r.json()));
    const year = published[0].publishedAt.slice(0, 4);
    const counted = (await reportRows(year)).filter((r) => r.approverId === board3.id).reduce((sum, r) => sum + r.count, 0);
    expect(counted).toBe(8);
    const html = await (await app.request("/chuyen-muc/kinh-te")).text();
    for (const article of published) expect(html).toContain(`/bai-viet/${article.slug}"`);
  });

  it("lets exactly one of two concurrent saves of the same version win; the other gets 409 with the current version", async () => {
    const a = await newDraft({ title: "Hai người cùng sửa" });
    const [first, second] = await Promise.all([
      call(asBoard, "PATCH", `/api/articles/${a.id}`, { version: a.version, body: "<p>Bản của người thứ nhất.</p>" }),
      call(asBoard2, "PATCH", `/api/articles/${a.id}`, { version: a.version, body: "<p>Bản của người thứ hai.</p>" }),
    ]);
    const statuses = [first.status, second.status].sort();
    expect(statuses).toEqual([200, 409]);
    const loser = first.status === 409 ? first : second;
    expect((await loser.json()).error).toMatchObject({ code: "CONFLICT", currentVersion: 2 });
    const saved = (await articleEngine(store).load(a.id))!;
    expect(saved.version).toBe(2);
    expect(["<p>Bản của người thứ nhất.</p>", "<p>Bản của người thứ hai.</p>"]).toContain(saved.body);
    const stale = await call(asBoard, "PATCH", `/api/articles/${a.id}`, { version: 1, title: "Muộn" });
    expect(stale.status).toBe(409);
  });

  it("keeps every save as a revision, compares two and restores one as a new revision", async () => {
    let a = await newDraft({ title: "Bài có lịch sử", body: "<p>Phiên bản một.</p>" });
    a = (await json(await call(asWriter, "PATCH", `/api/articles/${a.id}`, { version: a.version, title: "Bài có lịch sử (sửa)", body: "<p>Phiên bản hai.</p>" }))).body;
    const revisions = (await (await call(asWriter, "GET", `/api/articles/${a.id}/revisions`)).json()).items;
    expect(revisions.map((r: { number: number }) => r.number)).toEqual([2, 1]);
    const diff = await (await call(asWriter, "GET", `/api/articles/${a.id}/revisions/compare?a=1&b=2`)).json();
    expect(diff.fields).toEqual([{ field: "title", before: "Bài có lịch sử", after: "Bài có lịch sử (sửa)" }]);
    expect(diff.body).toEqual(expect.arrayContaining([{ op: "removed", text: "một" }, { op: "added", text: "hai" }]));
    const restored = (await json(await call(asWriter, "POST", `/api/articles/${a.id}/revisions/1/restore`, { version: a.version }))).body;
    expect(restored).toMatchObject({ revision: 3, title: "Bài có lịch sử", body: "<p>Phiên bản một.</p>" });
    expect((await call(asWriter, "GET", `/api/articles/${a.id}/revisions/9`)).status).toBe(404);
  });

  it("neutralizes XSS in titles and bodies on the way in and on the way out", async () => {
    let a = await newDraft({
      title: 'Tiêu đề <script>alert("x")</script><img src=x onerror=alert(1)>',
      summary: "<b>Sapo</b> & chi tiết",
      body: '<p onclick="steal()">An toàn <a href="javascript:alert(1)">link</a></p><script>alert(2)</script><iframe src="https://evil.example"></iframe><img src="x" onerror="alert(3)">',
    });
    expect(a.title).toBe("Tiêu đề");
    expect(a.summary).toBe("Sapo & chi tiết");
    expect(a.body).toBe('<p>An toàn <a rel="noopener noreferrer">link</a></p>');
    a = (await json(await call(asBoard, "POST", `/api/articles/${a.id}/approve`, { version: a.version }))).body;
    const html = await (await app.request(`/bai-viet/${a.slug}`)).text();
    expect(html).not.toMatch(/<script>alert|onerror=|onclick=|javascript:|<iframe/);
    expect(html).toContain("Sapo &amp; chi tiết");
  });

  it("requires the source of a collected article and explains every invalid field in Vietnamese", async () => {
    const res = await call(asWriter, "POST", "/api/articles", { kind: "collected", title: "Tin sưu tầm", section: "kinh-te" });
    expect(res.status).toBe(400);
    expect((await res.json()).error.fields).toMatchObject({ sourceName: "Bắt buộc với tin sưu tầm.", sourceUrl: "Bắt buộc với tin sưu tầm." });
    const bad = await call(asWriter, "POST", "/api/articles", { kind: "tin", title: "", section: "khong-co", sourceUrl: "ftp://x", tags: "a" });
    expect(bad.status).toBe(400);
    const { fields } = (await bad.json()).error;
    expect(Object.keys(fields)).toEqual(expect.arrayContaining(["kind", "title", "sourceUrl", "tags"]));
    const tooLong = await call(asWriter, "POST", "/api/articles", { kind: "news", title: "x".repeat(301), section: "kinh-te" });
    expect((await tooLong.json()).error.fields.title).toContain("300");
    const unknownSection = await call(asWriter, "POST", "/api/articles", { kind: "news", title: "Tin", section: "khong-co" });
    expect(unknownSection.status).toBe(400);
    const noVersion = await call(asWriter, "PATCH", `/api/articles/${(await newDraft()).id}`, { title: "Không có version" });
    expect(noVersion.status).toBe(400);
    expect((await call(asWriter, "GET", "/api/articles/khong-ton-tai")).status).toBe(404);
    expect((await call(asWriter, "GET", "/api/articles/%E0%A4%A")).status).toBe(404);
  });

  it("treats imported articles (archives, demo seed) like any published one: editable and unpublishable", async () => {
    const view = await importArticle(
      store,
      { kind: "news", sectionId: "kinh-te", title: "Bài lưu trữ năm 2020", summary: "S", body: "<p>Lưu trữ.</p>", byline: "B", publishedAt: "2020-03-01T08:00:00+07:00" },
      { id: board.id, name: board.name },
    );
    let a = (await json(await call(asBoard, "GET", `/api/articles/${view.id}`))).body;
    expect(a).toMatchObject({ status: "published", live: true, revision: 1, approvedBy: { id: board.id } });
    a = (await json(await call(asBoard, "PATCH", `/api/articles/${a.id}`, { version: a.version, summary: "Đã sửa." }))).body;
    a = (await json(await call(asBoard, "POST", `/api/articles/${a.id}/approve`, { version: a.version }))).body;
    expect(a.publishedAt).toBe("2020-03-01T01:00:00.000Z");
    const res = await call(asBoard, "POST", `/api/articles/${a.id}/unpublish`, { version: a.version });
    expect(res.status).toBe(200);
    expect((await app.request(`/bai-viet/${view.slug}`)).status).toBe(404);
    expect((await reportRows("2020")).reduce((sum, r) => sum + r.count, 0)).toBe(0);
  });

  it("lets only admins and chiefs set an archive publication date, used when approved", async () => {
    const denied = await call(asWriter, "POST", "/api/articles", { kind: "news", title: "Tin lưu trữ", section: "kinh-te", publishedAt: "2019-05-01T08:00:00+07:00" });
    expect(denied.status).toBe(403);
    let a = (await json(await call(asAdmin, "POST", "/api/articles", { kind: "news", title: "Tin lưu trữ", summary: "Tin cũ.", body: "<p>Nội dung lưu trữ.</p>", section: "kinh-te", publishedAt: "2019-05-01T08:00:00+07:00" }))).body;
    a = (await json(await call(asAdmin, "POST", `/api/articles/${a.id}/approve`, { version: a.version }))).body;
    expect(a.publishedAt).toBe("2019-05-01T01:00:00.000Z");
    expect((await reportRows("2019")).map((r) => r.day)).toEqual(["2019-05-01"]);
  });
});
