/**
 * Open data over HTTP (issue 13): `/api/public/news|documents|schedules|consultations` paged end to
 * end with cursors, each filter (Vietnam days, section, type), bad parameters as Vietnamese 400s
 * naming the parameter, CORS on these GETs and their preflight only, the short CDN cache, no
 * internal field in any answer, every answer valid against `/api/openapi.json`, the per-client
 * 429, and the `/du-lieu-mo` page.
 */
import { randomUUID } from "node:crypto";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { consultationImport, consultations } from "../../functions/core/content/consultations";
import { documentImport, documents } from "../../functions/core/content/documents";
import { ScheduleOwnerAdmin } from "../../functions/core/content/schedule-owners";
import { scheduleImport, schedules } from "../../functions/core/content/schedules";
import { MediaLibrary } from "../../functions/core/media/library";
import { createEngine } from "../../functions/core/publishing/engine";
import { DATASETS, datasetNamed, readDataset, type OpenDataQuery } from "../../functions/core/reader/open-data";
import { OPEN_DATASETS } from "../../functions/core/shared/urls";
import { OPEN_DATA_RATE } from "../../functions/core/reader/open-data-limits";
import { SectionAdmin } from "../../functions/core/sections/section-admin";
import { Sections } from "../../functions/core/sections/sections";
import { Settings } from "../../functions/core/site/settings";
import { OPEN_DATA_QUERY_PARAMS } from "../../functions/core/shared/urls";
import type { Store } from "../../functions/core/storage/store";
import { createApp } from "../../functions/http/app";
import { CACHE } from "../../functions/http/cache";
import { createFrame } from "../../functions/http/frame";
import { createOpenData } from "../../functions/http/reader/open-data";
import { minimalPdf } from "../../scripts/seed/documents";
import { importArticle } from "../support/engine";
import { SITE } from "../support/reader-fixtures";
import { createTestStore } from "../support/store";

/**
 * A validator for the subset of JSON Schema 2020-12 the OpenAPI document uses: $ref (to
 * components.schemas), oneOf, type (one or a list), enum, required, properties,
 * additionalProperties (false or a schema), items, pattern, maxLength, minimum, maximum and the
 * formats date, date-time and uri. Returns one message per violation, naming the JSON path.
 */
type JsonSchema = Record<string, any>;
const isType = (type: string, value: unknown) =>
  type === "null" ? value === null
  : type === "array" ? Array.isArray(value)
  : type === "object" ? typeof value === "object" && value !== null && !Array.isArray(value)
  : type === "integer" ? Number.isInteger(value)
  : type === "number" ? typeof value === "number" && Number.isFinite(value)
  : typeof value === type;
const FORMATS: Record<string, (v: string) => boolean> = {
  "date-time": (v) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(v) && !Number.isNaN(Date.parse(v)),
  date: (v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
  uri: (v) => /^[a-z][a-z0-9+.-]*:/i.test(v) && URL.canParse(v),
};
function schemaErrors(value: unknown, schema: JsonSchema, root: any, path = "$"): string[] {
  if (schema.$ref) {
    const target = root.components.schemas[String(schema.$ref).replace("#/components/schemas/", "")];
    return target ? schemaErrors(value, target, root, path) : [`${path}: unresolved ${schema.$ref}`];
  }
  if (schema.oneOf) {
    const passing = schema.oneOf.filter((s: JsonSchema) => schemaErrors(value, s, root, path).length === 0).length;
    return passing === 1 ? [] : [`${path}: matches ${passing} schemas of oneOf`];
  }
  if (schema.type) {
    const types: string[] = [schema.type].flat();
    if (!types.some((t) => isType(t, value))) return [`${path}: expected ${types.join("|")}, got ${JSON.stringify(value)?.slice(0, 60)}`];
  }
  const errors: string[] = [];
  if (schema.enum && !schema.enum.includes(value)) errors.push(`${path}: ${JSON.stringify(value)} not in ${schema.enum.join(", ")}`);
  if (typeof value === "string") {
    if (schema.format && FORMATS[schema.format] && !FORMATS[schema.format]!(value)) errors.push(`${path}: not a ${schema.format}`);
    if (schema.pattern && !new RegExp(schema.pattern, "u").test(value)) errors.push(`${path}: does not match ${schema.pattern}`);
    if (schema.maxLength !== undefined && value.length > schema.maxLength) errors.push(`${path}: longer than ${schema.maxLength}`);
  }
  if (typeof value === "number") {
    if (schema.minimum !== undefined && value < schema.minimum) errors.push(`${path}: below ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) errors.push(`${path}: above ${schema.maximum}`);
  }
  if (Array.isArray(value) && schema.items) value.forEach((item, i) => errors.push(...schemaErrors(item, schema.items, root, `${path}[${i}]`)));
  if (isType("object", value)) {
    const object = value as Record<string, unknown>;
    for (const name of schema.required ?? []) if (!(name in object)) errors.push(`${path}: missing ${name}`);
    for (const [name, item] of Object.entries(object)) {
      const own = schema.properties?.[name];
      if (own) errors.push(...schemaErrors(item, own, root, `${path}.${name}`));
      else if (schema.additionalProperties === false) errors.push(`${path}.${name}: not allowed`);
      else if (typeof schema.additionalProperties === "object") errors.push(...schemaErrors(item, schema.additionalProperties, root, `${path}.${name}`));
    }
  }
  return errors;
}

const SECRET_APPROVER = { id: "u-secret-approver-7f3a", name: "Trần Thị Duyệt" };
const SECRET_REASON = "Lý do nội bộ: cần ý kiến gấp trước kỳ họp";
let store: Store;
let app: ReturnType<typeof createApp>;
let openapi: any;
/** Every answer of a public dataset seen by the tests, checked against the document at the end of each test. */
const seen: { path: string; status: number; body: unknown }[] = [];

/** A GET as a new client (each its own rate window) unless told otherwise. */
async function get(path: string, client = randomUUID(), headers: Record<string, string> = {}) {
  const res = await app.request(path, { headers: { "x-test-client": client, ...headers } });
  const body = res.headers.get("content-type")?.includes("json") ? await res.json() : await res.text();
  if (path.startsWith("/api/public/")) seen.push({ path: path.split("?")[0]!, status: res.status, body });
  return { res, status: res.status, body: body as any };
}
const ids = (body: any) => body.items.map((item: any) => item.id);

/** Follows `next` to the end; fails on a repeated cursor or more than 50 pages. */
async function all(path: string): Promise<any[]> {
  const items: any[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 50; pages++) {
    const { status, body } = await get(cursor ? `${path}${path.includes("?") ? "&" : "?"}cursor=${encodeURIComponent(cursor)}` : path);
    expect(status, JSON.stringify(body)).toBe(200);
    items.push(...body.items);
    if (body.next === null) return items;
    expect(body.next).not.toBe(cursor);
    cursor = body.next;
  }
  throw new Error(`${path}: more than 50 pages`);
}

const at = (day: string, time: string) => new Date(`${day}T${time}+07:00`).toISOString();
/** The imported articles, newest first: [id, Vietnam publication instant, kind, section]. */
type Row = [string, string, "news" | "collected", string];
const ARTICLES = ([
  ["a-news-5", at("2026-10-05", "08:00:00"), "news", "kinh-te"],
  ["a-col-late", at("2026-10-04", "00:10:00"), "collected", "van-hoa"], // 2026-10-03T17:10Z: a Vietnam 4 October
  ["a-news-4", at("2026-10-04", "08:00:00"), "news", "kinh-te"],
  ["a-col-early", at("2026-10-03", "23:30:00"), "collected", "van-hoa"], // still 3 October in Vietnam
  ["a-news-3", at("2026-10-03", "08:00:00"), "news", "kinh-te"],
  ["a-news-2", at("2026-10-02", "08:00:00"), "news", "kinh-te"],
  ["a-news-1", at("2026-10-01", "08:00:00"), "news", "kinh-te"],
] as Row[]).sort((a, b) => b[1].localeCompare(a[1]));

beforeAll(async () => {
  store = await createTestStore();
  await Settings.put(store, SITE);
  await SectionAdmin.create(store, { slug: "kinh-te", name: "Kinh tế", description: "", order: 1 });
  await SectionAdmin.create(store, { slug: "van-hoa", name: "Văn hóa", description: "", order: 2 });
  app = createApp({ store, clientAddress: (c) => c.req.header("x-test-client") });

  const bytes = await sharp({ create: { width: 700, height: 400, channels: 3, background: "#2a6f3c" } }).jpeg().toBuffer();
  const photo = await MediaLibrary.importFile(store, { filename: "Đồng lúa Hòa Phong.jpg", bytes: new Uint8Array(bytes), uploadedBy: SECRET_APPROVER });
  await MediaLibrary.update(store, photo.id, { alt: "Cánh đồng lúa chín ở Hòa Phong" });
  for (const [id, publishedAt, kind, sectionId] of ARTICLES) {
    await importArticle(
      store,
      {
        id, kind, sectionId, publishedAt, byline: "Minh Khoa", tags: ["nông nghiệp"],
        title: `Tin ${id}: mùa vụ ở Hòa Phong`, summary: `Tóm tắt ${id}.`, body: `<p>Nội dung ${id}.</p>`,
        ...(kind === "collected" ? { sourceName: "Báo Hòa Phong", sourceUrl: "https://baohoaphong.example.vn/tin" } : {}),
        ...(id === "a-news-5" ? { featuredImage: photo.id } : {}),
      },
      SECRET_APPROVER,
    );
  }

  const pdf = await MediaLibrary.importFile(store, { filename: "Chỉ thị 15-CT-TU.pdf", bytes: minimalPdf(["CHI THI 15-CT/TU"]), uploadedBy: SECRET_APPROVER });
  const docs = createEngine(documents, { store });
  for (const [i, docType, number] of [[1, "chi-thi", "15-CT/TU"], [2, "nghi-quyet", "09-NQ/TU"], [3, "chi-thi", "16-CT/TU"]] as const) {
    await docs.importPublished(
      documentImport({
        id: `d-${i}`, sectionId: "kinh-te", docType, number, issuer: "Tỉnh ủy Hòa Phong", issuedAt: `2026-09-0${i}`,
        subject: `Về nhiệm vụ trọng tâm số ${i} của tỉnh Hòa Phong`, field: "kinh-te", files: [pdf.id], publishedAt: at(`2026-09-0${i + 1}`, "09:00:00"),
      }),
      SECRET_APPROVER,
    );
  }

  await ScheduleOwnerAdmin.create(store, { name: "Thường trực Tỉnh ủy", slug: "thuong-truc", order: 1, section: "kinh-te" }, SECRET_APPROVER);
  await createEngine(schedules, { store }).importPublished(
    scheduleImport(
      {
        id: "s-1", owner: "thuong-truc", week: "2026-W41", publishedAt: at("2026-10-02", "16:00:00"),
        entries: [{ date: "2026-10-05", session: "sang", time: "08:00", content: "Họp Thường trực Tỉnh ủy", location: "Phòng họp số 1" }],
      },
      "kinh-te",
    ),
    SECRET_APPROVER,
  );

  await createEngine(consultations, { store }).importPublished(
    consultationImport({
      id: "c-1", title: "Dự thảo Kế hoạch chuyển đổi số tỉnh Hòa Phong", summary: "Lấy ý kiến Nhân dân.", body: "<p>Nội dung dự thảo.</p>",
      sectionId: "van-hoa", files: [pdf.id], opensAt: at("2026-10-01", "08:00:00"), closesAt: at("2026-10-15", "17:00:00"),
      receiver: { unit: "Văn phòng Tỉnh ủy", address: "Số 1 đường Trung Tâm", email: "gopy@hoaphong.example.vn" },
      shortPeriodReason: SECRET_REASON, publishedAt: at("2026-10-01", "08:00:00"),
    }),
    SECRET_APPROVER,
  );
  openapi = (await get("/api/openapi.json")).body;
}, 120_000);

// The routes are made from OPEN_DATASETS before the datasets' code is loaded (http/reader/open-data.ts).
it("routes exactly the datasets it describes", () => {
  expect(DATASETS.map((dataset) => dataset.name)).toEqual([...OPEN_DATASETS]);
});

describe("paging with cursors", () => {
  it("walks every article newest first, two a page, with no repeat and no gap", async () => {
    const first = await get("/api/public/news?limit=2");
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    expect(typeof first.body.next).toBe("string");
    const items = await all("/api/public/news?limit=2");
    expect(items.map((i) => i.id)).toEqual(ARTICLES.map((a) => a[0]));
    expect(items.map((i) => i.publishedAt)).toEqual(ARTICLES.map((a) => a[1]));
  });

  it("ends with next: null on an exact last page, and pages documents, schedules and consultations too", async () => {
    const exact = await get(`/api/public/news?limit=${ARTICLES.length}`);
    expect(exact.body).toMatchObject({ next: null });
    expect(exact.body.items).toHaveLength(ARTICLES.length);
    expect((await all("/api/public/documents?limit=1")).map((i) => i.id)).toEqual(["d-3", "d-2", "d-1"]);
    expect((await all("/api/public/schedules")).map((i) => i.id)).toEqual(["s-1"]);
    expect((await all("/api/public/consultations")).map((i) => i.id)).toEqual(["c-1"]);
    expect((await get("/api/public/documents")).body.items).toHaveLength(3); // default limit 20
  });
});

describe("filters", () => {
  it("from/to are Vietnam days of publication, both ends included", async () => {
    expect(ids((await get("/api/public/news?from=2026-10-04&to=2026-10-04")).body)).toEqual(["a-news-4", "a-col-late"]);
    expect(ids((await get("/api/public/news?from=2026-10-03&to=2026-10-03")).body)).toEqual(["a-col-early", "a-news-3"]);
    expect(ids((await get("/api/public/news?to=2026-10-02")).body)).toEqual(["a-news-2", "a-news-1"]);
    expect(ids((await get("/api/public/news?from=2026-10-05")).body)).toEqual(["a-news-5"]);
    expect((await all("/api/public/news?from=2026-10-02&to=2026-10-04&limit=1")).map((i) => i.id)).toEqual(["a-news-4", "a-col-late", "a-col-early", "a-news-3", "a-news-2"]);
    expect(ids((await get("/api/public/documents?from=2026-09-03&to=2026-09-03")).body)).toEqual(["d-2"]);
    expect(ids((await get("/api/public/schedules?from=2026-10-03")).body)).toEqual([]);
    expect(ids((await get("/api/public/consultations?from=2026-10-01&to=2026-10-01")).body)).toEqual(["c-1"]);
  });

  it("section takes a section slug; type takes news|collected and document type slugs", async () => {
    expect(ids((await get("/api/public/news?section=van-hoa")).body)).toEqual(["a-col-late", "a-col-early"]);
    expect((await all("/api/public/news?section=kinh-te&limit=2")).map((i) => i.id)).toEqual(ARTICLES.filter((a) => a[3] === "kinh-te").map((a) => a[0]));
    expect(ids((await get("/api/public/news?type=collected")).body)).toEqual(["a-col-late", "a-col-early"]);
    expect((await all("/api/public/news?type=news&limit=2")).map((i) => i.id)).toEqual(ARTICLES.filter((a) => a[2] === "news").map((a) => a[0]));
    expect(ids((await get("/api/public/news?type=collected&section=kinh-te")).body)).toEqual([]);
    expect(ids((await get("/api/public/documents?type=chi-thi")).body)).toEqual(["d-3", "d-1"]);
    expect(ids((await get("/api/public/documents?type=nghi-quyet&section=kinh-te&from=2026-09-01")).body)).toEqual(["d-2"]);
    expect(ids((await get("/api/public/consultations?section=van-hoa")).body)).toEqual(["c-1"]);
    expect(ids((await get("/api/public/schedules?section=van-hoa")).body)).toEqual([]);
    // Empty values are no filter (an untouched form field).
    expect(ids((await get("/api/public/documents?type=&section=&from=")).body)).toEqual(["d-3", "d-2", "d-1"]);
  });

  it("a type filter reads a bounded number of views: short pages keep a next until the end", async () => {
    const dataset = datasetNamed("news")!;
    const sections = await Sections.list(store);
    const context = { origin: "https://cong.example.vn", sections, types: [] };
    const bounds = { queries: 1, filteredPageSize: 2, maxBytes: 3 * 1024 * 1024 };
    const found: string[] = [];
    let query: OpenDataQuery = { type: "collected", limit: 20 };
    let pages = 0;
    for (; pages < 10; pages++) {
      const page = await readDataset(store, dataset, query, context, bounds);
      expect(page.items.length).toBeLessThanOrEqual(2);
      found.push(...page.items.map((i) => i.id as string));
      if (!page.next) break;
      query = { ...query, cursor: page.next };
    }
    expect(found).toEqual(["a-col-late", "a-col-early"]);
    expect(pages).toBeGreaterThanOrEqual(3); // 7 views read two at a time
    // The byte budget cuts a page after the first item that fills it, and the next page goes on from there.
    const small = await readDataset(store, dataset, { limit: 5 }, context, { ...bounds, queries: 5, maxBytes: 10 });
    expect(small.items.map((i) => i.id)).toEqual([ARTICLES[0]![0]]);
    const rest = await readDataset(store, dataset, { limit: 1, cursor: small.next! }, context);
    expect(rest.items.map((i) => i.id)).toEqual([ARTICLES[1]![0]]);
  });
});

describe("bad parameters", () => {
  const BAD: [string, string][] = [
    ["/api/public/news?from=2026-13-01", "from"],
    ["/api/public/news?from=2026-02-30", "from"],
    ["/api/public/news?from=hôm-nay", "from"],
    ["/api/public/news?to=20261001", "to"],
    ["/api/public/news?from=2026-10-05&to=2026-10-01", "to"],
    ["/api/public/news?section=khong-co", "section"],
    ["/api/public/news?section=%3Cscript%3E", "section"],
    ["/api/public/news?type=video", "type"],
    ["/api/public/documents?type=news", "type"],
    ["/api/public/schedules?type=news", "type"],
    ["/api/public/consultations?type=x", "type"],
    ["/api/public/news?limit=0", "limit"],
    ["/api/public/news?limit=101", "limit"],
    ["/api/public/news?limit=1.5", "limit"],
    ["/api/public/news?limit=-1", "limit"],
    ["/api/public/news?limit=abc", "limit"],
    ["/api/public/news?limit=%ZZ", "limit"],
    ["/api/public/news?from=%E0%A4%A", "from"],
    ["/api/public/news?cursor=abc", "cursor"],
    ["/api/public/news?cursor=" + "x".repeat(3000), "cursor"],
    ["/api/public/news?cursor=" + Buffer.from(JSON.stringify({ pk: 1 })).toString("base64url"), "cursor"],
  ];
  const CASES = BAD.map(([path, name]) => [path.length > 90 ? `${path.slice(0, 60)}…` : path, name, path]);
  it.each(CASES)("%s is a Vietnamese 400 naming %s, with CORS and no-store", async (_label, name, path) => {
    const { res, status, body } = await get(path);
    expect(status, JSON.stringify(body)).toBe(400);
    expect(body.error.code).toBe("VALIDATION");
    expect(Object.keys(body.error.fields)).toEqual([name]);
    expect(body.error.message).toContain(name);
    expect(body.error.message).toMatch(/[ảạấầẩậắằặẻẽẹếềểễệỉịỏọốồổỗộớờởỡợủụứừửữựỳỷỹỵđơưăâêô]/);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("cache-control")).toBe(CACHE.none);
  });

  it("refuses a cursor of another dataset, another section or outside from/to", async () => {
    const news = (await get("/api/public/news?limit=1")).body.next;
    const culture = (await get("/api/public/news?section=van-hoa&limit=1")).body.next;
    const documentsNext = (await get("/api/public/documents?limit=1")).body.next;
    const early = (await get("/api/public/news?to=2026-10-02&limit=1")).body.next;
    for (const path of [
      `/api/public/documents?cursor=${documentsNext.replace(/./, (c: string) => (c === "e" ? "f" : "e"))}`,
      `/api/public/news?cursor=${documentsNext}`,
      `/api/public/documents?cursor=${news}`,
      `/api/public/news?section=kinh-te&cursor=${culture}`,
      `/api/public/news?cursor=${culture}`,
      `/api/public/news?from=2026-10-04&cursor=${early}`,
    ]) {
      const { status, body } = await get(path);
      expect(status, path).toBe(400);
      expect(body.error.fields, path).toHaveProperty("cursor");
    }
    expect((await get(`/api/public/news?to=2026-10-02&cursor=${early}`)).body.items.map((i: any) => i.id)).toEqual(["a-news-1"]);
  });
});

describe("CORS and caching", () => {
  it("opens the public GETs and their preflight to every origin, cached briefly at the CDN", async () => {
    for (const path of ["/api/public/news", "/api/public/documents", "/api/public/schedules", "/api/public/consultations", "/api/openapi.json"]) {
      const { res } = await get(path, randomUUID(), { Origin: "https://bao.example.vn" });
      expect(res.status, path).toBe(200);
      expect(res.headers.get("access-control-allow-origin"), path).toBe("*");
      expect(res.headers.get("cache-control"), path).toBe(CACHE.openData);
      expect(res.headers.get("set-cookie"), path).toBeNull();
      const pre = await app.request(path, { method: "OPTIONS", headers: { Origin: "https://bao.example.vn", "Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "accept" } });
      expect(pre.status, path).toBe(204);
      expect(pre.headers.get("access-control-allow-origin")).toBe("*");
      expect(pre.headers.get("access-control-allow-methods")).toBe("GET, HEAD, OPTIONS");
      expect(pre.headers.get("access-control-allow-headers")).toMatch(/Accept/);
    }
    expect(CACHE.openData).toMatch(/s-maxage=60\b/);
  });

  it("gives no other route CORS, and keeps every other /api answer no-store", async () => {
    const origin = { Origin: "https://bao.example.vn" };
    const checks: [string, string][] = [
      ["GET", "/api/sections"], ["OPTIONS", "/api/sections"], ["GET", "/api/health"], ["GET", "/api/stats/visitors"],
      ["POST", "/api/auth/login"], ["OPTIONS", "/api/auth/login"], ["GET", "/api/auth/me"], ["GET", "/api/articles"],
      ["OPTIONS", "/api/articles"], ["GET", "/api/public"], ["GET", "/du-lieu-mo"], ["GET", "/"],
    ];
    for (const [method, path] of checks) {
      const res = await app.request(path, { method, headers: { ...origin, "Access-Control-Request-Method": "POST", "Content-Type": "application/json" }, ...(method === "POST" ? { body: "{}" } : {}) });
      expect(res.status, `${method} ${path}`).toBeLessThan(500);
      expect(res.headers.get("access-control-allow-origin"), `${method} ${path}`).toBeNull();
      if (path.startsWith("/api")) expect(res.headers.get("cache-control"), `${method} ${path}`).toBe(CACHE.none);
    }
    // An unknown dataset is a JSON 404, private.
    const unknown = await get("/api/public/videos");
    expect(unknown.status).toBe(404);
    expect(unknown.res.headers.get("cache-control")).toBe(CACHE.none);
  });
});

describe("what an item shows", () => {
  it("has absolute URLs, ISO dates, the approver's name where pages show it, and no internal field", async () => {
    const news = (await get("/api/public/news?limit=100")).body.items;
    const first = news.find((i: any) => i.id === "a-news-5");
    expect(first).toMatchObject({ url: "http://localhost/bai-viet/tin-a-news-5-mua-vu-o-hoa-phong", type: "news", section: { slug: "kinh-te", name: "Kinh tế" }, revisedAt: null });
    expect(first.featuredImage.alt).toBe("Cánh đồng lúa chín ở Hòa Phong");
    for (const variant of first.featuredImage.variants) expect(variant.url).toMatch(/^http:\/\/localhost\/media\//);
    expect(news.find((i: any) => i.id === "a-col-late").source).toEqual({ name: "Báo Hòa Phong", url: "https://baohoaphong.example.vn/tin" });
    const doc = (await get("/api/public/documents?type=nghi-quyet")).body.items[0];
    expect(doc).toMatchObject({ number: "09-NQ/TU", type: "nghi-quyet", typeName: "Nghị quyết", issuedAt: "2026-09-02", approvedBy: SECRET_APPROVER.name, validity: "in-force" });
    expect(doc.files[0]).toMatchObject({ filename: "Chỉ thị 15-CT-TU.pdf", contentType: "application/pdf", url: expect.stringMatching(/^http:\/\/localhost\/media\//) });
    const week = (await get("/api/public/schedules")).body.items[0];
    expect(week).toMatchObject({ week: "2026-W41", monday: "2026-10-05", owner: { slug: "thuong-truc", name: "Thường trực Tỉnh ủy" }, calendarUrl: "http://localhost/lich-cong-tac.ics?tuan=2026-W41&don-vi=thuong-truc" });
    expect(week.entries[0]).toMatchObject({ date: "2026-10-05", session: "sang", sessionName: "Sáng", time: "08:00", leader: null });
    const draft = (await get("/api/public/consultations")).body.items[0];
    expect(draft.receiver).toEqual({ unit: "Văn phòng Tỉnh ủy", address: "Số 1 đường Trung Tâm", email: "gopy@hoaphong.example.vn", phone: null });
    for (const item of [first, doc, week, draft]) {
      expect(new Date(item.publishedAt).toISOString()).toBe(item.publishedAt);
      expect(new Date(item.updatedAt).toISOString()).toBe(item.updatedAt);
    }
    // Nothing internal anywhere in any answer seen so far.
    const text = JSON.stringify(seen.map((s) => s.body));
    for (const secret of [SECRET_APPROVER.id, SECRET_REASON, "shortPeriodReason", '"pk"', '"sk"', "gsi1", "gsi2", '"version"', "schemaVersion", '"entity"', "sectionId", "ownerId", "placeholder", "docTypeName", "issuerSlug"]) {
      expect(text, secret).not.toContain(secret);
    }
  });
});

describe("the OpenAPI document", () => {
  const resolve = (schema: any): any => (schema?.$ref ? resolve(openapi.components.schemas[schema.$ref.split("/").pop()]) : schema);

  it("is OpenAPI 3.1 and describes exactly the four datasets, their parameters and errors", () => {
    expect(openapi.openapi).toBe("3.1.0");
    expect(openapi.info).toMatchObject({ title: expect.any(String), version: expect.any(String), license: { name: expect.any(String), url: "http://localhost/du-lieu-mo#dieu-kien" } });
    expect(openapi.servers).toEqual([{ url: "http://localhost" }]);
    expect(Object.keys(openapi.paths).sort()).toEqual(["/api/public/consultations", "/api/public/documents", "/api/public/news", "/api/public/schedules"]);
    for (const [path, item] of Object.entries<any>(openapi.paths)) {
      const names = item.get.parameters.map((p: any) => p.name);
      const expected = OPEN_DATA_QUERY_PARAMS.filter((n) => n !== "type" || /news|documents/.test(path));
      expect(names.sort(), path).toEqual([...expected].sort());
      for (const p of item.get.parameters) expect(p, `${path} ${p.name}`).toMatchObject({ in: "query", required: false, schema: expect.any(Object), description: expect.any(String) });
      expect(Object.keys(item.get.responses).sort()).toEqual(["200", "400", "429", "503"]);
      expect(item.get.responses["429"].headers["Retry-After"]).toBeDefined();
    }
    expect(new Set(Object.values<any>(openapi.paths).map((p) => p.get.operationId)).size).toBe(4);
    expect(openapi.paths["/api/public/documents"].get.parameters.find((p: any) => p.name === "type").schema.enum).toContain("chi-thi");
    // Every $ref resolves, every required property is described.
    const walk = (node: any) => {
      if (!node || typeof node !== "object") return;
      if (typeof node.$ref === "string") expect(resolve(node), node.$ref).toBeDefined();
      if (Array.isArray(node.required) && node.properties) for (const name of node.required) expect(node.properties, name).toHaveProperty(name);
      for (const value of Object.values(node)) walk(value);
    };
    walk(openapi);
  });

  it("the validator fails on an extra field, a missing field and a wrong type (so it can fail)", () => {
    const schema: JsonSchema = openapi.paths["/api/public/schedules"].get.responses["200"].content["application/json"].schema;
    const page = seen.find((s) => s.path === "/api/public/schedules" && s.status === 200)!.body as any;
    expect(schemaErrors(page, schema, openapi)).toEqual([]);
    const item = page.items[0];
    expect(schemaErrors({ ...page, items: [{ ...item, ownerId: "x" }] }, schema, openapi).join()).toMatch(/ownerId/);
    const { week: _week, ...missing } = item;
    expect(schemaErrors({ ...page, items: [missing] }, schema, openapi).join()).toMatch(/week/);
    expect(schemaErrors({ ...page, next: 3 }, schema, openapi).join()).toMatch(/next/);
    expect(schemaErrors({ ...page, items: [{ ...item, publishedAt: "hôm qua" }] }, schema, openapi).join()).toMatch(/publishedAt/);
  });

  it("every answer seen validates against its path's schema for its status", async () => {
    // Add an answer of each status the document lists but 503.
    await get("/api/public/news?section=khong-co");
    expect(seen.length).toBeGreaterThan(40);
    for (const { path, status, body } of seen) {
      const response = openapi.paths[path]?.get.responses[String(status)];
      if (status === 404) continue; // an unknown dataset is not in the document
      expect(response, `${path} ${status}`).toBeDefined();
      const errors = schemaErrors(body, response.content["application/json"].schema, openapi);
      expect(errors, `${path} ${status}`).toEqual([]);
    }
  });
});

describe("per-client limit", () => {
  it("answers 429 in Vietnamese with Retry-After past the limit, per client, and counts nothing at the CDN's cost", async () => {
    expect(OPEN_DATA_RATE).toEqual({ max: 120, windowMs: 60_000 });
    const small = createFrame({ store, clientAddress: (c) => c.req.header("x-test-client") }, {
      mount: (root, deps) => root.route("/", createOpenData(deps, { rate: { max: 3, windowMs: 3_600_000 } })),
    });
    const call = (client: string) => small.request("/api/public/news?limit=1", { headers: { "x-test-client": client } });
    for (let i = 0; i < 3; i++) expect((await call("203.0.113.7")).status).toBe(200);
    for (let i = 0; i < 2; i++) {
      const refused = await call("203.0.113.7");
      expect(refused.status).toBe(429);
      const retryAfter = Number(refused.headers.get("retry-after"));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(3600);
      expect(refused.headers.get("access-control-allow-origin")).toBe("*");
      expect(refused.headers.get("access-control-expose-headers")).toBe("Retry-After");
      expect(refused.headers.get("cache-control")).toBe(CACHE.none);
      const body = await refused.json();
      expect(body.error).toMatchObject({ code: "RATE_LIMITED", retryAfter });
      expect(body.error.message).toMatch(/Xin vui lòng gửi lại sau \d+ giây/);
      expect(schemaErrors(body, openapi.paths["/api/public/news"].get.responses["429"].content["application/json"].schema, openapi)).toEqual([]);
    }
    expect((await call("198.51.100.20")).status).toBe(200); // another client
    // The description and the page are not counted.
    expect((await small.request("/api/openapi.json", { headers: { "x-test-client": "203.0.113.7" } })).status).toBe(200);
  });
});

describe("/du-lieu-mo", () => {
  it("explains the datasets, parameters, examples, section and type values, the terms of reuse, and links the OpenAPI document", async () => {
    const res = await app.request("/du-lieu-mo");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe(CACHE.page);
    const html = (await res.text()).replace(/<!--[\s\S]*?-->/g, "");
    expect(html).toContain(`<title>Dữ liệu mở - ${SITE.shortName}</title>`);
    expect(html).toMatch(/<h1[^>]*>Dữ liệu mở<\/h1>/);
    for (const name of ["news", "documents", "schedules", "consultations"]) expect(html).toContain(`http://localhost/api/public/${name}`);
    for (const name of OPEN_DATA_QUERY_PARAMS) expect(html).toContain(`<code>${name}</code>`);
    expect(html).toContain('href="http://localhost/api/openapi.json"');
    expect(html).toContain('id="dieu-kien"');
    expect(html).toContain(`Theo ${SITE.name}`);
    for (const value of ["kinh-te", "van-hoa", "collected", "chi-thi", "nghi-quyet"]) expect(html).toContain(`<code>${value}</code>`);
    // Every example link answers 200 through the API.
    const examples = [...html.matchAll(/<a href="http:\/\/localhost(\/api\/public\/[^"]+)">/g)].map((m) => m[1]!.replace(/&amp;/g, "&"));
    expect(examples).toHaveLength(4);
    for (const path of examples) expect((await get(path)).status, path).toBe(200);
  });
});
