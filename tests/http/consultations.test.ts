/**
 * Drafts for public comment through the routes (app.request): the kind's workflow routes, the
 * public comment route without a session, the board's comment list, CSV and publishing with their
 * permissions, and the pages /gop-y and /gop-y/:slug rendered from the SSR build (run
 * `npx tsx scripts/build.ts` after changing web/).
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { User } from "../../functions/core/accounts/users";
import { consultationImport, consultations } from "../../functions/core/content/consultations";
import { MediaLibrary } from "../../functions/core/media/library";
import { createEngine } from "../../functions/core/publishing/engine";
import { RecordingInvalidator } from "../../functions/core/publishing/invalidation";
import type { Store } from "../../functions/core/storage/store";
import { createApp } from "../../functions/http/app";
import { CACHE } from "../../functions/http/cache";
import { tinyPdf } from "../../scripts/seed/pdf";
import { createSections, createUser, ORIGIN, request, signIn } from "../support/auth";
import { createTestStore } from "../support/store";

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
/** The markup without Solid's hydration markers, as a reader's browser shows it. */
const clean = (html: string) => html.replace(/<!--[\s\S]*?-->/g, "").replace(/ data-hk="[^"]*"/g, "");
const receiver = { unit: "Văn phòng Tỉnh ủy Hòa Phong", address: "Số 1 đường Trần Hưng Đạo, phường Vân Giang", email: "gopy@hoaphong.example.vn", phone: "0200 3812 346" };

let store: Store;
let app: ReturnType<typeof createApp>;
const invalidator = new RecordingInvalidator();
let writer: User;
let asWriter: string;
let asBoard: string;
let asOtherBoard: string;
let fileId: string;
let open: { id: string; slug: string };
let closed: { id: string; slug: string };

const call = (cookie: string | undefined, method: string, path: string, body?: unknown) => request(app, method, path, { cookie, body });
/** A citizen's comment: no session, the browser's Origin, a client address. */
const comment = (id: string, body: unknown, client = "203.0.113.7", origin: string | null = ORIGIN) =>
  app.request(`/api/consultations/${id}/comments`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "x-test-client": client, ...(origin ? { Origin: origin } : {}) },
    body: JSON.stringify(body),
  });
const page = async (path: string, status = 200) => {
  const res = await app.request(path);
  expect(res.status, path).toBe(status);
  return { res, html: clean(await res.text()) };
};

beforeAll(async () => {
  store = await createTestStore();
  await createSections(store);
  app = createApp({ store, invalidator, clientAddress: (c) => c.req.header("x-test-client") });
  writer = await createUser(store, "writer", ["kinh-te"], "Lê Văn Viết");
  const board = await createUser(store, "section-editor", ["kinh-te"], "Trần Thị Duyệt");
  const otherBoard = await createUser(store, "section-editor", ["van-hoa"], "Đỗ Văn Khác");
  [asWriter, asBoard, asOtherBoard] = await Promise.all([signIn(app, writer.email), signIn(app, board.email), signIn(app, otherBoard.email)]);
  const by = { id: board.id, name: board.name };
  fileId = (await MediaLibrary.importFile(store, { filename: "Dự thảo Nghị quyết.pdf", bytes: tinyPdf(["Du thao Nghi quyet"]), uploadedBy: by })).id;
  const report = (await MediaLibrary.importFile(store, { filename: "Báo cáo tiếp thu, giải trình.pdf", bytes: tinyPdf(["Bao cao"]), uploadedBy: by })).id;
  closed = await createEngine(consultations, { store }).importPublished(
    consultationImport({
      id: "gy-closed", title: "Dự thảo Kế hoạch giao thông nông thôn", summary: "Đã lấy ý kiến xong.", body: "<p>Nội dung kế hoạch.</p>", sectionId: "kinh-te",
      files: [fileId], opensAt: iso(Date.now() - 80 * DAY), closesAt: iso(Date.now() - 40 * DAY), receiver, summaryFile: report, publishedAt: iso(Date.now() - 80 * DAY),
    }),
    by,
  );
}, 60_000);

describe("the consultations kind through /api/consultations", () => {
  it("creates (400 in Vietnamese for bad periods), submits and approves a draft", async () => {
    const body = {
      title: "Dự thảo Nghị quyết về chuyển đổi số tỉnh Hòa Phong",
      summary: "Lấy ý kiến Nhân dân về chuyển đổi số.",
      body: "<p>Điều 1. Mục tiêu chung.</p>",
      section: "kinh-te",
      files: [fileId],
      opensAt: iso(Date.now() - DAY),
      closesAt: iso(Date.now() + 44 * DAY),
      receiver,
    };
    const bad = await call(asWriter, "POST", "/api/consultations", { ...body, closesAt: body.opensAt });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatchObject({ code: "VALIDATION", message: "Thời điểm kết thúc phải sau thời điểm bắt đầu.", fields: { closesAt: expect.any(String) } });
    const created = await call(asWriter, "POST", "/api/consultations", body);
    expect(created.status, await created.clone().text()).toBe(201);
    let item = await created.json();
    item = await (await call(asWriter, "POST", `/api/consultations/${item.id}/submit`, { version: item.version })).json();
    const approved = await call(asBoard, "POST", `/api/consultations/${item.id}/approve`, { version: item.version });
    expect(approved.status, await approved.clone().text()).toBe(200);
    item = await approved.json();
    expect(item).toMatchObject({ status: "published", live: true });
    open = { id: item.id, slug: item.slug };
  });
});

describe("comments", () => {
  it("takes a comment without a session (201 with the receipt), but not from another site", async () => {
    const res = await comment(open.id, { name: "Nguyễn Thị Mai", organization: "Hội Phụ nữ phường Vân Giang", content: "Đề nghị mở lớp hướng dẫn dịch vụ công cho người cao tuổi.", website: "" });
    expect(res.status, await res.clone().text()).toBe(201);
    const body = await res.json();
    expect(body).toEqual({ receipt: expect.stringMatching(/^GY-\d{4}-\d{6}$/), receivedAt: expect.any(String) });
    expect(res.headers.get("cache-control")).toBe(CACHE.none);
    expect((await comment(open.id, { name: "A", content: "B", website: "" }, "203.0.113.8", "https://evil.example")).status).toBe(403);
  });

  it("answers every refusal with a Vietnamese 4xx and Retry-After on 429", async () => {
    const honeypot = await comment(open.id, { name: "Rô bốt", content: "Quảng cáo", website: "https://spam.example" }, "198.51.100.1");
    expect(honeypot.status).toBe(400);
    expect((await honeypot.json()).error.message).toMatch(/^Không gửi được góp ý\./);
    const tooLong = await comment(open.id, { name: "Dân", content: "x".repeat(5001), website: "" }, "198.51.100.1");
    expect(tooLong.status).toBe(400);
    expect((await tooLong.json()).error.fields.content).toContain("5.000");
    const late = await comment(closed.id, { name: "Dân", content: "Muộn rồi.", website: "" }, "198.51.100.1");
    expect(late.status).toBe(409);
    expect((await late.json()).error.message).toMatch(/^Đã hết thời hạn góp ý \(đến \d\d:\d\d \d\d\/\d\d\/\d{4}\)\.$/);
    expect((await comment("khong-co", { name: "Dân", content: "Không có.", website: "" })).status).toBe(404);

    const client = "198.51.100.2";
    for (let i = 1; i <= 3; i++) expect((await comment(open.id, { name: "Dân", content: `Ý kiến ${i}.`, website: "" }, client)).status).toBe(201);
    expect((await comment(open.id, { name: "Dân", content: "Ý kiến 1.", website: "" }, client)).status).toBe(409);
    const limited = await comment(open.id, { name: "Dân", content: "Ý kiến 4.", website: "" }, client);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await limited.json()).error).toMatchObject({ code: "RATE_LIMITED", message: expect.stringContaining("10 phút") });
  });

  it("lists and exports comments for the section's board only", async () => {
    const path = `/api/consultations/${open.id}/comments`;
    expect((await call(undefined, "GET", path)).status).toBe(401);
    expect((await call(asWriter, "GET", path)).status).toBe(403);
    expect((await call(asOtherBoard, "GET", path)).status).toBe(403);
    const listed = await call(asBoard, "GET", `${path}?limit=2`);
    expect(listed.status).toBe(200);
    const { items, next } = await listed.json();
    expect(items).toHaveLength(2);
    expect(items[0]).toMatchObject({ name: "Nguyễn Thị Mai", published: false });
    expect(next).toEqual(expect.any(String));
    expect((await call(asBoard, "GET", `${path}?cursor=rac`)).status).toBe(400);

    const csv = await call(asBoard, "GET", `${path}?format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("content-disposition")).toBe(`attachment; filename="gop-y-${open.slug}.csv"`);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    expect(text.split("\r\n")[0]).toBe("Mã tiếp nhận,Thời gian,Họ tên,Thư điện tử,Điện thoại,Cơ quan/tổ chức,Nội dung,Công khai");
    expect(text).toContain("Nguyễn Thị Mai,,,Hội Phụ nữ phường Vân Giang,Đề nghị mở lớp hướng dẫn dịch vụ công cho người cao tuổi.,Không");
    expect((await call(asBoard, "GET", `${path}?format=xml`)).status).toBe(400);
  });

  it("publishes a comment on the draft's page (board only), invalidating it", async () => {
    const { items } = await (await call(asBoard, "GET", `/api/consultations/${open.id}/comments`)).json();
    const receipt = items[0].receipt;
    const path = `/api/consultations/${open.id}/comments/${receipt}`;
    expect((await page(`/gop-y/${open.slug}`)).html).not.toContain("Đề nghị mở lớp hướng dẫn");
    expect((await call(undefined, "PATCH", path, { published: true })).status).toBe(401);
    expect((await call(asWriter, "PATCH", path, { published: true })).status).toBe(403);
    expect((await call(asBoard, "PATCH", path, { published: "có" })).status).toBe(400);
    const res = await call(asBoard, "PATCH", path, { published: true });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toMatchObject({ receipt, published: true });
    expect(invalidator.paths).toContain(`/gop-y/${open.slug}`);
    const { html } = await page(`/gop-y/${open.slug}`);
    expect(html).toContain("Ý kiến góp ý được công khai");
    expect(html).toContain("Đề nghị mở lớp hướng dẫn dịch vụ công cho người cao tuổi.");
    expect(html).toContain("Hội Phụ nữ phường Vân Giang");
    expect((await call(asBoard, "PATCH", `/api/consultations/${open.id}/comments/GY-1999-000001`, { published: true })).status).toBe(404);
  });
});

describe("pages", () => {
  it("/gop-y lists open drafts with the days left, then closed ones", async () => {
    const { res, html } = await page("/gop-y");
    expect(res.headers.get("cache-control")).toBe(CACHE.page);
    expect(html).toContain("<h1 id=\"tieu-de-trang\" class=\"page-title\">Góp ý dự thảo</h1>");
    const openAt = html.indexOf("Dự thảo Nghị quyết về chuyển đổi số tỉnh Hòa Phong");
    const closedAt = html.indexOf("Dự thảo Kế hoạch giao thông nông thôn");
    expect(openAt).toBeGreaterThan(0);
    expect(closedAt).toBeGreaterThan(openAt);
    expect(html).toMatch(/Còn 4[34] ngày/);
    expect(html).toContain("Đã kết thúc");
    expect(html).toContain(`href="/gop-y/${open.slug}"`);
  });

  it("/gop-y/:slug of an open draft: text, files with sizes, period, receiver, count and the form", async () => {
    const { html } = await page(`/gop-y/${open.slug}`);
    expect(html).toContain("<h1 class=\"article__title\">Dự thảo Nghị quyết về chuyển đổi số tỉnh Hòa Phong</h1>");
    expect(html).toContain("<p>Điều 1. Mục tiêu chung.</p>");
    expect(html).toMatch(/<a href="\/media\/[^"]+" download="Dự thảo Nghị quyết\.pdf">Dự thảo Nghị quyết\.pdf<span class="file-meta"> \(PDF, \d+ (byte|KB)\)<\/span><\/a>/);
    expect(html).toContain("Thời gian lấy ý kiến");
    expect(html).toContain("Văn phòng Tỉnh ủy Hòa Phong");
    expect(html).toContain('href="mailto:gopy@hoaphong.example.vn"');
    expect(html).toContain('href="tel:02003812346"');
    expect(html).toMatch(/<dt>Số góp ý đã nhận<\/dt><dd>4<\/dd>/);
    // The form: labels, the honeypot hidden three ways, the receipt's status region.
    expect(html).toContain('<label for="gy-name">Họ và tên');
    expect(html).toMatch(/<div class="hp-field" aria-hidden="true"><label for="gy-website">[^<]*<\/label><input id="gy-website" name="website" type="text" tabindex="-1" autocomplete="off">/);
    expect(html).toContain('role="status"');
    expect(html).not.toContain("Báo cáo tổng hợp, tiếp thu, giải trình");
  });

  it("/gop-y/:slug of a closed draft: the summary report and no form; unknown drafts are 404", async () => {
    const { html } = await page(`/gop-y/${closed.slug}`);
    expect(html).toContain("Báo cáo tổng hợp, tiếp thu, giải trình ý kiến góp ý");
    expect(html).toContain("Báo cáo tiếp thu, giải trình.pdf");
    expect(html).toContain("Đã hết thời hạn góp ý");
    expect(html).not.toContain('id="gy-name"');
    const missing = await page("/gop-y/khong-co-du-thao-nay", 404);
    expect(missing.html).toContain("Dự thảo này không tồn tại");
  });
});
