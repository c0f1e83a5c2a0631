/**
 * Directive documents over HTTP: `/api/document-types` and who may use it, the workflow routes of
 * `/api/documents` with their 400/409 answers, and the public pages `/van-ban` (filters, count,
 * pages, bad filters) and `/van-ban/:slug` (fields, files, JSON-LD).
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { User } from "../../functions/core/accounts/users";
import { MediaLibrary } from "../../functions/core/media/library";
import { RecordingInvalidator } from "../../functions/core/publishing/invalidation";
import { DEFAULT_DOCUMENT_TYPES } from "../../functions/core/reader/documents";
import { SectionAdmin } from "../../functions/core/sections/section-admin";
import type { Store } from "../../functions/core/storage/store";
import { createApp } from "../../functions/http/app";
import { CACHE } from "../../functions/http/cache";
import { minimalPdf } from "../../scripts/seed/documents";
import { fileType, formatSize } from "../../web/document-format";
import { createSections, createUser, request, signIn } from "../support/auth";
import { createTestStore } from "../support/store";

const ORIGIN = "http://localhost";
let store: Store;
let app: ReturnType<typeof createApp>;
const as: Record<"admin" | "chief" | "board" | "writer", string> = { admin: "", chief: "", board: "", writer: "" };
const users: Partial<Record<keyof typeof as, User>> = {};
let pdf: string;

const call = (who: keyof typeof as | null, method: string, path: string, body?: unknown) => request(app, method, path, { cookie: who ? as[who] : undefined, body });
const json = async (res: Response) => ({ status: res.status, body: await res.json() });
/** The markup without Solid's hydration markers, entities decoded, as a reader sees it. */
const clean = (html: string) =>
  html.replace(/<!--[\s\S]*?-->/g, "").replace(/ data-hk="[^"]*"/g, "").replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&#39;/g, "'");
async function page(path: string, status = 200) {
  const res = await app.request(path);
  const html = clean(await res.text());
  expect(res.status, `${path}: ${html.slice(0, 200)}`).toBe(status);
  return { res, html };
}
const rows = (html: string) => [...html.matchAll(/<th scope="row" class="documents-table__number">([^<]*)<\/th>/g)].map((m) => m[1]);

async function publish(input: Record<string, unknown>) {
  let item = (await json(await call("writer", "POST", "/api/documents", input))).body;
  expect(item.status, JSON.stringify(item)).toBe("draft");
  item = (await json(await call("writer", "POST", `/api/documents/${item.id}/submit`, { version: item.version }))).body;
  item = (await json(await call("board", "POST", `/api/documents/${item.id}/approve`, { version: item.version }))).body;
  expect(item.status).toBe("published");
  return item;
}

const DIRECTIVE = {
  docType: "chi-thi", number: "15-CT/TU", issuer: "Tỉnh ủy Hòa Phong", issuedAt: "2026-03-02", effectiveAt: "2026-03-02",
  subject: "Về đẩy mạnh chuyển đổi số trong các cơ quan đảng", signer: "Phan Đình Khải", signerTitle: "T/M Ban Thường vụ, Bí thư",
  field: "cai-cach-hanh-chinh-chuyen-doi-so", body: "<p>Các cấp ủy <strong>quán triệt</strong> và thực hiện nghiêm.</p>",
};

beforeAll(async () => {
  store = await createTestStore();
  await createSections(store);
  await SectionAdmin.create(store, { slug: "van-ban", name: "Văn bản", description: "", order: 3 });
  app = createApp({ store, invalidator: new RecordingInvalidator() });
  users.admin = await createUser(store, "admin");
  users.chief = await createUser(store, "editor-in-chief");
  users.board = await createUser(store, "section-editor", ["van-ban"], "Trần Thị Duyệt");
  users.writer = await createUser(store, "writer", ["van-ban"], "Lê Văn Viết");
  for (const key of Object.keys(as) as (keyof typeof as)[]) as[key] = await signIn(app, users[key]!.email);
  pdf = (await MediaLibrary.importFile(store, { filename: "Chỉ thị 15-CT-TU.pdf", bytes: minimalPdf(["CHI THI 15-CT/TU", "Tinh uy Hoa Phong"]), uploadedBy: { id: users.writer.id, name: users.writer.name } })).id;
}, 60_000);

describe("/api/document-types", () => {
  it("any staff member reads the list; only admins replace it; no session is a 401", async () => {
    expect((await call(null, "GET", "/api/document-types")).status).toBe(401);
    expect((await call(null, "PUT", "/api/document-types", { version: 0, types: [{ name: "Thư mời" }] })).status).toBe(401);
    expect(await json(await call("writer", "GET", "/api/document-types"))).toEqual({ status: 200, body: { version: 0, types: DEFAULT_DOCUMENT_TYPES } });
    for (const who of ["writer", "board", "chief"] as const) {
      const res = await json(await call(who, "PUT", "/api/document-types", { version: 0, types: [...DEFAULT_DOCUMENT_TYPES, { name: "Thư mời" }] }));
      expect(res.status, who).toBe(403);
      expect(res.body.error.code).toBe("FORBIDDEN");
    }
    const saved = await json(await call("admin", "PUT", "/api/document-types", { version: 0, types: [...DEFAULT_DOCUMENT_TYPES, { name: "Thư mời" }] }));
    expect(saved.status).toBe(200);
    expect(saved.body.version).toBe(1);
    expect(saved.body.types.at(-1)).toEqual({ slug: "thu-moi", name: "Thư mời" });
    const stale = await json(await call("admin", "PUT", "/api/document-types", { version: 0, types: DEFAULT_DOCUMENT_TYPES }));
    expect(stale.status).toBe(409);
    expect(stale.body.error.currentVersion).toBe(1);
    for (const bad of [{ version: 1, types: [] }, { version: 1, types: [{ name: "" }] }, { version: 1, types: [{ name: "A", slug: "Có Dấu" }] }, { types: DEFAULT_DOCUMENT_TYPES }, "không"]) {
      const res = await json(await call("admin", "PUT", "/api/document-types", bad));
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(res.body.error.code).toBe("VALIDATION");
    }
  });
});

describe("/api/documents and the public pages", () => {
  let directive: { id: string; slug: string; version: number };
  let resolution: { id: string; slug: string };

  it("creates, refuses bad input (400) and duplicates (409) in Vietnamese, publishes through the workflow", async () => {
    for (const [input, field, message] of [
      [{ ...DIRECTIVE, docType: "khong-co", files: [pdf] }, "docType", "Loại văn bản không có trong danh sách."],
      [{ ...DIRECTIVE, number: "CT-15", files: [pdf] }, "number", "Số, ký hiệu không hợp lệ"],
      [{ ...DIRECTIVE, effectiveAt: "2026-03-01", files: [pdf] }, "effectiveAt", "Ngày hiệu lực không được trước ngày ban hành."],
      [{ ...DIRECTIVE, validity: "replaced", files: [pdf] }, "replacedBy", "Văn bản bị thay thế"],
      [{ ...DIRECTIVE, files: ["khong-co-tep"] }, "files", "không có trong thư viện"],
    ] as const) {
      const res = await json(await call("writer", "POST", "/api/documents", input));
      expect(res.status, field).toBe(400);
      expect(res.body.error).toMatchObject({ code: "VALIDATION", fields: { [field]: expect.any(String) } });
      expect(res.body.error.message).toContain(message);
    }
    directive = await publish({ ...DIRECTIVE, files: [pdf] });
    const again = await json(await call("writer", "POST", "/api/documents", { ...DIRECTIVE, number: "15-ct/tu", issuer: "TỈNH ỦY HÒA PHONG", files: [pdf] }));
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe("Văn bản số 15-ct/tu của TỈNH ỦY HÒA PHONG năm 2026 đã có.");
    resolution = await publish({
      docType: "nghi-quyet", number: "03-NQ/TU", issuer: "Tỉnh ủy Hòa Phong", issuedAt: "2025-09-30", subject: "Về phát triển kinh tế biển xanh đến năm 2030", field: "kinh-te", files: [pdf],
    });
    await publish({ docType: "cong-van", number: "1520-CV/VPTU", issuer: "Văn phòng Tỉnh ủy Hòa Phong", issuedAt: "2026-06-01", subject: "Về việc gửi văn bản điện tử", files: [pdf] });
    // A type in use by a live document cannot be removed.
    const removal = await json(await call("admin", "PUT", "/api/document-types", { version: 1, types: DEFAULT_DOCUMENT_TYPES.filter((t) => t.slug !== "nghi-quyet") }));
    expect(removal.status).toBe(409);
    expect(removal.body.error.message).toContain("Nghị quyết");
  });

  it("/van-ban lists newest issue date first with the filter form, the count and the filters in any combination", async () => {
    const { res, html } = await page("/van-ban");
    expect(res.headers.get("cache-control")).toBe(CACHE.page);
    expect(html).toContain("<title>Văn bản - ");
    expect(rows(html)).toEqual(["1520-CV/VPTU", "15-CT/TU", "03-NQ/TU"]);
    expect(html).toContain("Có 3 văn bản");
    for (const [id, label] of [["loc-loai", "Loại văn bản"], ["loc-nam", "Năm ban hành"], ["loc-co-quan", "Cơ quan ban hành"], ["loc-linh-vuc", "Lĩnh vực"], ["loc-q", "Số, ký hiệu hoặc trích yếu"]])
      expect(html).toMatch(new RegExp(`<label for="${id}">${label}`));
    for (const header of ["Số, ký hiệu", "Ngày ban hành", "Trích yếu", "Cơ quan ban hành", "Hiệu lực"]) expect(html).toContain(`<th scope="col">${header}</th>`);
    expect(html).toContain(`<a href="/van-ban/${directive.slug}">Về đẩy mạnh chuyển đổi số trong các cơ quan đảng</a>`);
    expect(html).toContain('<option value="van-phong-tinh-uy-hoa-phong">Văn phòng Tỉnh ủy Hòa Phong</option>');
    expect(html).toContain('<option value="2025">2025</option>');

    const cases: [string, string[]][] = [
      ["?loai=chi-thi", ["15-CT/TU"]],
      ["?nam=2026", ["1520-CV/VPTU", "15-CT/TU"]],
      ["?co-quan=tinh-uy-hoa-phong", ["15-CT/TU", "03-NQ/TU"]],
      ["?linh-vuc=kinh-te", ["03-NQ/TU"]],
      ["?q=ct%2Ftu+15", ["15-CT/TU"]],
      ["?q=15+CT+TU", ["15-CT/TU"]],
      ["?q=chuyen+doi+so", ["15-CT/TU"]],
      ["?q=kinh+t%E1%BA%BF+bi%E1%BB%83n", ["03-NQ/TU"]],
      ["?nam=2026&co-quan=tinh-uy-hoa-phong&q=chuyển", ["15-CT/TU"]],
      ["?loai=&nam=&co-quan=&linh-vuc=&q=", ["1520-CV/VPTU", "15-CT/TU", "03-NQ/TU"]],
      ["?loai=quy-che", []],
    ];
    for (const [query, numbers] of cases) {
      const found = await page(`/van-ban${query}`);
      expect(rows(found.html), query).toEqual(numbers);
    }
    const filtered = (await page("/van-ban?loai=chi-thi&nam=2026")).html;
    expect(filtered).toContain("Tìm thấy 1 văn bản");
    expect(filtered).toContain('<option value="chi-thi" selected>Chỉ thị</option>');
    expect(filtered).toContain("<title>Văn bản: Chỉ thị, năm 2026 - ");
    expect(/<link rel="canonical" href="([^"]*)">/.exec(filtered)?.[1]).toBe(`${ORIGIN}/van-ban?loai=chi-thi&nam=2026`);
    expect(filtered).toContain('href="/van-ban">Bỏ điều kiện lọc</a>');
    expect((await page("/van-ban?loai=quy-che")).html).toContain("Không tìm thấy văn bản nào phù hợp");
  });

  it.each([
    ["/van-ban?loai=khong-co", 400],
    ["/van-ban?loai=%00", 400],
    ["/van-ban?nam=20x6", 400],
    ["/van-ban?nam=1800", 400],
    ["/van-ban?co-quan=T%E1%BB%89nh", 400],
    ["/van-ban?linh-vuc=thu-cong", 400],
    ["/van-ban?trang=abc", 400],
    ["/van-ban?trang=0", 400],
    ["/van-ban?q=" + "tỉnh ".repeat(50), 400],
    ["/van-ban?trang=2", 404],
    ["/van-ban/khong-co-van-ban-nay", 404],
    ["/van-ban/%00", 404],
    ["/van-ban/" + "a".repeat(5000), 404],
  ])("%s → %i page, in Vietnamese, never a 500", async (path, status) => {
    const { html } = await page(path, status);
    expect(html).toContain(status === 400 ? "Yêu cầu không hợp lệ" : "Không tìm thấy trang");
  });

  it("/van-ban/:slug shows every field, the file to download with type and size, the body, the approver, related documents and JSON-LD", async () => {
    const { res, html } = await page(`/van-ban/${directive.slug}`);
    expect(res.headers.get("cache-control")).toBe(CACHE.page);
    expect(html).toContain('<h1 class="article__title">Chỉ thị số 15-CT/TU về đẩy mạnh chuyển đổi số trong các cơ quan đảng</h1>');
    const field = (name: string) => new RegExp(`<dt>${name}</dt><dd>(.*?)</dd>`).exec(html)?.[1];
    expect(field("Loại văn bản")).toBe('<a href="/van-ban?loai=chi-thi">Chỉ thị</a>');
    expect(field("Số, ký hiệu")).toBe("15-CT/TU");
    expect(field("Cơ quan ban hành")).toBe('<a href="/van-ban?co-quan=tinh-uy-hoa-phong">Tỉnh ủy Hòa Phong</a>');
    expect(field("Ngày ban hành")).toBe('<time datetime="2026-03-02">02/03/2026</time>');
    expect(field("Trích yếu")).toBe("Về đẩy mạnh chuyển đổi số trong các cơ quan đảng");
    expect(field("Người ký")).toBe("Phan Đình Khải, T/M Ban Thường vụ, Bí thư");
    expect(field("Lĩnh vực")).toContain("Cải cách hành chính, chuyển đổi số");
    expect(field("Ngày hiệu lực")).toContain("02/03/2026");
    expect(field("Tình trạng hiệu lực")).toBe("Còn hiệu lực");
    expect(field("Người duyệt")).toBe("Trần Thị Duyệt");
    const media = await MediaLibrary.get(store, pdf);
    expect(media!.size).toBeLessThan(1024);
    expect([formatSize(1_258_291), formatSize(20_480), formatSize(1_536), formatSize(512)]).toEqual(["1,2 MB", "20 KB", "1,5 KB", "512 byte"]);
    expect(fileType({ contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" })).toBe("Word");
    expect(html).toContain(`<a href="${media!.url}" download="Chỉ thị 15-CT-TU.pdf">Chỉ thị 15-CT-TU.pdf</a> <span class="document-files__meta">(PDF, ${media!.size} byte)</span>`);
    expect(html).toContain("<p>Các cấp ủy <strong>quán triệt</strong> và thực hiện nghiêm.</p>");
    expect(html).toContain("Văn bản liên quan");
    expect(html).toContain(`href="/van-ban/${resolution.slug}"`);

    const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/.exec(html)![1]!);
    expect(ld).toMatchObject({
      "@type": "Legislation", legislationIdentifier: "15-CT/TU", legislationType: "Chỉ thị", legislationDate: "2026-03-02",
      legislationPassedBy: { name: "Tỉnh ủy Hòa Phong" }, legislationLegalForce: "https://schema.org/InForce",
      encoding: [{ contentUrl: `${ORIGIN}${media!.url}`, encodingFormat: "application/pdf" }],
    });
  });

  it("a replaced document says so and links to its replacement", async () => {
    const current = (await json(await call("board", "GET", `/api/documents/${resolution.id}`))).body;
    let item = (await json(await call("board", "PATCH", `/api/documents/${resolution.id}`, { version: current.version, validity: "replaced", replacedBy: directive.slug }))).body;
    expect(item).toMatchObject({ status: "draft", replacedBy: directive.slug });
    item = (await json(await call("board", "POST", `/api/documents/${resolution.id}/approve`, { version: item.version }))).body;
    expect(item.status).toBe("published");
    const { html } = await page(`/van-ban/${resolution.slug}`);
    expect(html).toContain(`Văn bản này đã được thay thế bởi <a href="/van-ban/${directive.slug}">Chỉ thị số 15-CT/TU về đẩy mạnh chuyển đổi số trong các cơ quan đảng</a>.`);
    expect(html).toContain('"legislationLegalForce":"https://schema.org/NotInForce"');
    const list = (await page("/van-ban?linh-vuc=kinh-te")).html;
    expect(list).toContain('<td class="documents-table__validity documents-table__validity--replaced">Bị thay thế</td>');
  });
});
