/**
 * Fuzz test of the whole HTTP contract (issue 9): every route the app registers (app.routes, so a
 * new route is fuzzed without editing this file), staff routes signed in as an admin with the
 * site's Origin, gets malformed JSON, wrong types, huge and empty values, odd unicode (lone
 * surrogates, right-to-left overrides, zero-width, NUL), odd paths and odd query values. It fails
 * on any 5xx and on any body that shows internals (a stack trace, a file path, an error class).
 *
 * Deterministic: a seeded PRNG picks every request (FUZZ_SEED overrides the seed, to explore);
 * a failure names the seed and the request.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { STAFF_ROUTES } from "../../infra/Api";
import { createApp } from "../../functions/http/app";
import type { Store } from "../../functions/core/storage/store";
import type { PublishedArticle } from "../../functions/core/reader/articles";
import { createUser, ORIGIN, signIn } from "../support/auth";
import { seedSmallPortal } from "../support/fixtures";
import { createTestStore } from "../support/store";

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_128);
/** Requests per ordinary route; login and the accounts routes hash passwords (scrypt), so fewer. */
const PER_ROUTE = 44;
const PER_SLOW_ROUTE = 12;
const CONCURRENCY = 8;

/** mulberry32: small, fast, good enough to pick test inputs. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick<T>(items: readonly T[]): T {
      return items[Math.floor(next() * items.length)]!;
    },
    chance: (p: number) => next() < p,
  };
}
type Rng = ReturnType<typeof prng>;

/** Decoded text values: what a field, a parameter or a query value may hold once parsed. */
const TEXTS = [
  "",
  " ",
  "a",
  "0",
  "-1",
  "1",
  "1.5",
  "1e308",
  "NaN",
  "Infinity",
  "null",
  "undefined",
  "true",
  "[]",
  "{}",
  "__proto__",
  "constructor",
  "toString",
  "9".repeat(40),
  "Xuất khẩu nông sản",
  "xuat khau",
  "kinh-te",
  "2026-W01",
  "2026-W53",
  "2026-W99",
  "0000-W00",
  "2026-02-30",
  "9999-12-31",
  "2026-13-01",
  "admin@localhost",
  "<script>alert(1)</script>",
  "\"'`;--",
  "' OR 1=1 --",
  "${7*7}{{7*7}}",
  "../../etc/passwd",
  "..\\..\\windows",
  "%",
  "%00",
  "%zz",
  "\u0000",
  "a\u0000b",
  "\ud800",
  "x\udc00y",
  "\udbff\udfff",
  "\u202e\u0074\u0078\u0074\u002e\u0065\u0078\u0065",
  "\u200b\u200c\u200d\ufeff",
  "\u0301\u0301\u0301",
  "e\u0301",
  "😀👨‍👩‍👧",
  "\ufffe\uffff",
  "\r\n\t",
  "a".repeat(257),
  "ệ".repeat(2000),
  "x".repeat(70_000),
];

/** Raw, already-encoded pieces of a path segment or query value (invalid escapes, raw UTF-8 of a surrogate…). */
const RAW = [
  "%",
  "%00",
  "%zz",
  "%E0%A4%A",
  "%ED%A0%80",
  "%C0%AE%C0%AE",
  "%E2%80%AE",
  "%EF%BB%BF",
  "%25",
  "%2F",
  "%2e%2e%2f",
  "..",
  ".",
  "+",
  "%0A",
  "%0D%0A",
  "%20",
  "%FF%FE",
  "a%",
  "[",
  "]",
  "::",
  "@",
  "~",
];

/** A path segment or a query value: encoded text, or raw odd escapes. */
function urlPiece(rng: Rng): string {
  if (rng.chance(0.35)) return rng.pick(RAW) + (rng.chance(0.3) ? rng.pick(RAW) : "");
  const text = rng.pick(TEXTS);
  // encodeURIComponent throws on lone surrogates: send their UTF-8-like bytes raw instead.
  return text.replace(/[\s\S]/gu, (ch) => {
    try {
      return encodeURIComponent(ch);
    } catch {
      return "%ED%A0%80";
    }
  });
}

/** Field names the contract's bodies use, so typed garbage reaches the validators. */
const FIELDS = [
  "kind", "title", "section", "summary", "body", "byline", "tags", "image", "sourceName", "sourceUrl", "publishedAt",
  "version", "reason", "at", "items", "id", "email", "password", "name", "role", "sections", "active", "slug",
  "description", "order", "parentId", "selfApproval",
];

function value(rng: Rng, depth = 0): unknown {
  switch (rng.int(depth > 2 ? 3 : 6)) {
    case 0:
      return rng.pick(TEXTS);
    case 1:
      return rng.pick([0, 1, -1, 1.5, 2 ** 53 + 1, -(2 ** 31), 1e308, 5e-324, 999_999]);
    case 2:
      return rng.pick([true, false, null]);
    case 3:
      return Array.from({ length: rng.int(4) }, () => value(rng, depth + 1));
    case 4:
      return rng.chance(0.5)
        ? { kind: "articles", id: rng.pick(TEXTS) }
        : Object.fromEntries(Array.from({ length: rng.int(4) }, () => [rng.pick(FIELDS), value(rng, depth + 1)]));
    default:
      return rng.pick(["news", "collected", "admin", "writer", "section-editor", "editor-in-chief", "kinh-te", "van-hoa", "2026-01-01T00:00:00Z"]);
  }
}

const MALFORMED_JSON = [
  "",
  "{",
  "}",
  "[1,",
  '{"a":1,}',
  "nul",
  '"',
  '{"version": 01}',
  '{"version": 1e999}',
  "\u0000",
  '{"title": "\\ud800"}',
  '{"__proto__": {"admin": true}, "constructor": {"prototype": {}}}',
  "[".repeat(20_000) + "]".repeat(20_000),
  '{"a":' + "[".repeat(5_000) + "]".repeat(5_000) + "}",
];

const CONTENT_TYPES = [
  "application/json",
  "application/json",
  "application/json; charset=utf-8",
  "application/json; charset=utf-16",
  "application/vnd.api+json",
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "",
];

interface Body {
  data?: string | Uint8Array<ArrayBuffer>;
  type?: string;
}

function body(rng: Rng): Body {
  const type = rng.pick(CONTENT_TYPES);
  switch (rng.int(7)) {
    case 0:
      return {};
    case 1:
      return { data: rng.pick(MALFORMED_JSON), type };
    case 2:
      return { data: JSON.stringify(rng.pick([1, "s", null, true, [], [{}], {}, [[[]]]])), type };
    case 3:
      // Bytes that are not UTF-8 at all.
      return { data: new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0xc0, 0xaf, 0x7d]), type };
    case 4:
      return rng.chance(0.1) ? { data: `{"body":"${"x".repeat(1_100_000)}"}`, type: "application/json" } : { data: JSON.stringify(value(rng)), type };
    default: {
      const fields = Object.fromEntries(Array.from({ length: 1 + rng.int(6) }, () => [rng.pick(FIELDS), value(rng)]));
      return { data: JSON.stringify(fields), type: rng.chance(0.8) ? "application/json" : type };
    }
  }
}

const QUERY_KEYS = ["trang", "q", "tuan", "cursor", "limit", "view", "a", "b", "version", "item", "day", "from", "to", "idleDays", "format", "x"];

/** Markers of internals in a response body: a stack frame, a source path, an error class. */
const LEAKS = [
  /\bat .{0,200}\.(?:ts|js|mjs|cjs|tsx):\d+/,
  /\n\s+at /,
  /node_modules|\/work\/|functions\/(?:core|http)\//,
  /\b(?:Type|Range|Reference|Syntax|URI|Aggregate)Error\b/,
  /\bError: /,
  /ValidationException|ResourceNotFoundException|ConditionalCheckFailed|TransactionCanceled|ECONNREFUSED/,
];

let store: Store;
let app: ReturnType<typeof createApp>;
let asAdmin: string;
let published: PublishedArticle[];
let draftId: string;
let otherUserId: string;

beforeAll(async () => {
  store = await createTestStore();
  ({ articles: published } = await seedSmallPortal(store));
  app = createApp({ store });
  const admin = await createUser(store, "admin");
  otherUserId = (await createUser(store, "writer", ["kinh-te"])).id;
  asAdmin = await signIn(app, admin.email);
  const res = await app.request("/api/articles", {
    method: "POST",
    headers: { Origin: ORIGIN, Cookie: asAdmin, "Content-Type": "application/json" },
    body: JSON.stringify({ kind: "news", title: "Bản nháp để thử", section: "kinh-te", summary: "Tóm tắt.", body: "<p>Nội dung.</p>" }),
  });
  expect(res.status).toBe(201);
  draftId = (await res.json()).id;
}, 120_000);

/** A value for a path parameter: mostly real ids and slugs (to get past the lookups), else garbage. */
function param(rng: Rng, name: string): string {
  if (rng.chance(0.5)) return urlPiece(rng);
  switch (name) {
    case "id":
      return rng.pick([draftId, published[0]!.id, otherUserId, "kinh-te"]);
    case "articleId":
      return rng.pick([published[0]!.id, draftId]);
    case "slug":
      return rng.pick([published[0]!.slug, "kinh-te", "van-hoa"]);
    case "number":
      return rng.pick(["1", "2", "0", "-1", "1.5", "1e3", "99999999999999999999", "0x1"]);
    case "file":
      return rng.pick(["trang.xml", "bai-viet-2026-10.xml", "bai-viet-9999-12.xml", "bai-viet-0000-01.xml", "bai-viet-2026-13.xml", "bai-viet-2026-1.xml"]);
    default:
      return urlPiece(rng);
  }
}

interface Case {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array<ArrayBuffer>;
  template?: string;
}

function buildCase(rng: Rng, method: string, template: string): Case {
  const path = template
    .split("/")
    .map((segment) => (segment.startsWith(":") ? param(rng, segment.slice(1)) : segment === "*" ? urlPiece(rng) : segment))
    .join("/");
  const query: string[] = [];
  for (let i = rng.int(4); i > 0; i--) query.push(`${rng.chance(0.9) ? rng.pick(QUERY_KEYS) : urlPiece(rng)}=${urlPiece(rng)}`);
  if (rng.chance(0.05)) query.push(rng.pick(["&&&", "=", "trang", "q=%", "trang=1&trang=2", "q[]=a", "q[a]=b"]));
  const url = path + (query.length ? `?${query.join("&")}` : "");

  const staff = url.startsWith("/api/") && !url.startsWith("/api/auth/logout") && rng.chance(0.9);
  const headers: Record<string, string> = {};
  if (url.startsWith("/api/") && rng.chance(0.95)) headers.Origin = ORIGIN;
  if (staff) headers.Cookie = asAdmin;
  else if (rng.chance(0.2)) headers.Cookie = rng.pick(["portal_session=", "portal_session=%", "portal_vid=x.y.z", "portal_vid=%ED%A0%80", "a=b; ;;="]);
  if (rng.chance(0.05)) headers["x-forwarded-host"] = rng.pick(["evil.example", "[", "a".repeat(300)]);

  const kase: Case = { method, path: url, headers, template };
  if (method !== "GET" && method !== "HEAD") {
    const { data, type } = body(rng);
    if (data !== undefined) kase.body = data;
    if (type) headers["Content-Type"] = type;
  }
  return kase;
}

/** Paths no route template produces: the raw request targets of the probe, and more. */
const ODD_PATHS = [
  "//[",
  "//[/x",
  "//evil.example/",
  "/\\evil.example",
  "/%",
  "/%00",
  "/%ED%A0%80",
  "/api/%",
  "/api/%00",
  "/api/articles/%",
  "/api/articles/%00/revisions",
  "/bai-viet/%",
  "/bai-viet/" + "a".repeat(3000),
  "/chuyen-muc/" + "b".repeat(3000),
  "/api/views/" + "c".repeat(3000),
  "/api/users/" + "d".repeat(3000),
  "/api/articles/" + "e".repeat(3000),
  "/" + "f".repeat(16_000),
  "/sitemaps/bai-viet-9999-12.xml",
  "/sitemaps/bai-viet-0000-01.xml",
  "/sitemaps/%",
  "/chuyen-muc/kinh-te/rss.xml/",
  "/tim-kiem?q=%",
  "/tim-kiem?q=" + "ệ".repeat(500),
  "/tim-kiem?q=%ED%A0%80&trang=%00",
  "/chuyen-muc/kinh-te?trang=99999999999999999999",
  "/chuyen-muc/kinh-te?trang=1e3",
  "/lich-cong-tac?tuan=%",
  "/lich-cong-tac?tuan=9999-W52",
  "/lich-cong-tac?tuan=0000-W01",
  "/api/articles?limit=1e309",
  "/api/articles?limit=-1&view=%00",
  "/api/articles?cursor=" + "A".repeat(10_000),
  "/api/audit?day=9999-99-99",
  "/api/audit?day=0000-00-00",
  "/api/audit?item=" + "i".repeat(64),
  "/api/reports/activity?from=9999-12-31&to=0000-01-01",
  "/api/reports/activity?from=2026-01-01&to=2026-12-31&idleDays=1e309",
  "/api/articles/x/revisions/compare?a=1&b=99999999999999999999",
];

interface Failure {
  request: string;
  status: number;
  excerpt: string;
}

/** The API's error body: `{ error: { code, message } }`. */
function isJsonError(text: string): boolean {
  try {
    const { error } = JSON.parse(text);
    return typeof error?.code === "string" && typeof error?.message === "string" && error.message.length > 0;
  } catch {
    return false;
  }
}

async function check(kase: Case, failures: Failure[]): Promise<number> {
  const label = `${kase.method} ${kase.path.length > 160 ? `${kase.path.slice(0, 160)}…(${kase.path.length})` : kase.path}`;
  let res: Response;
  try {
    res = await app.request(kase.path, { method: kase.method, headers: kase.headers, body: kase.body });
  } catch (error) {
    failures.push({ request: label, status: -1, excerpt: `threw: ${String(error).slice(0, 200)}` });
    return -1;
  }
  const text = await res.text();
  const leak = LEAKS.find((pattern) => pattern.test(text));
  if (res.status >= 500 || leak) {
    failures.push({ request: label, status: res.status, excerpt: (leak ? `${leak}: ` : "") + text.slice(0, 300) });
  } else if (res.status >= 400 && kase.method !== "HEAD" && /^\/api(?:\/|$|\?)/.test(kase.path) && !isJsonError(text)) {
    failures.push({ request: label, status: res.status, excerpt: `not a JSON error: ${text.slice(0, 300)}` });
  }
  return res.status;
}

/** Runs cases with a fixed concurrency (the cases themselves were all drawn before): status and time of each. */
async function runAll(cases: Case[], failures: Failure[]): Promise<{ status: number; ms: number }[]> {
  const results: { status: number; ms: number }[] = new Array(cases.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < cases.length) {
        const index = next++;
        const started = Date.now();
        const status = await check(cases[index]!, failures);
        results[index] = { status, ms: Date.now() - started };
      }
    }),
  );
  return results;
}

/** FUZZ_DEBUG=1: time and statuses per route, slowest first. */
function printRoutes(cases: Case[], results: { status: number; ms: number }[]) {
  const byRoute = new Map<string, { n: number; ms: number; statuses: Set<number> }>();
  cases.forEach((kase, i) => {
    const key = `${kase.method} ${kase.template ?? "(odd path)"}`;
    const entry = byRoute.get(key) ?? { n: 0, ms: 0, statuses: new Set<number>() };
    entry.n++;
    entry.ms += results[i]!.ms;
    entry.statuses.add(results[i]!.status);
    byRoute.set(key, entry);
  });
  const lines = [...byRoute].sort(([, a], [, b]) => b.ms - a.ms);
  console.info(lines.map(([key, e]) => `${e.ms} ms n=${e.n} ${key} [${[...e.statuses].sort().join(",")}]`).join("\n"));
}

const SLOW = new Set(["POST /api/auth/login", "POST /api/users", "POST /api/users/:id/password", "PATCH /api/users/:id"]);

describe(`fuzz (seed ${SEED})`, () => {
  it("covers every staff route of infra/Api.ts", () => {
    const registered = app.routes.filter((r) => r.method !== "ALL").map((r) => `${r.method} ${r.path}`);
    for (const route of STAFF_ROUTES) {
      const [method, path] = route.split(" ") as [string, string];
      const prefix = path.replace("/{proxy+}", "");
      const covered = registered.some((r) => {
        const [m, p] = r.split(" ") as [string, string];
        return (method === "ANY" || m === method) && (p === prefix || p.startsWith(`${prefix}/`));
      });
      expect(covered, route).toBe(true);
    }
  });

  it("answers every malformed request over every route with a 4xx (or a 2xx), never a 5xx or internals", async () => {
    const rng = prng(SEED);
    const routes = [...new Map(app.routes.filter((r) => r.method !== "ALL").map((r) => [`${r.method} ${r.path}`, r])).values()];
    const cases: Case[] = [];
    for (const route of routes) {
      const key = `${route.method} ${route.path}`;
      const count = SLOW.has(key) ? PER_SLOW_ROUTE : PER_ROUTE;
      for (let i = 0; i < count; i++) {
        // Now and then another method on the same path (405/404 answers must be clean too).
        const method = rng.chance(0.05) ? rng.pick(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]) : route.method;
        cases.push(buildCase(rng, method, route.path));
      }
    }
    for (const path of ODD_PATHS) {
      for (const method of ["GET", "POST"]) {
        cases.push({ method, path, headers: { Origin: ORIGIN, Cookie: asAdmin, "Content-Type": "application/json" }, body: method === "POST" ? "{}" : undefined });
      }
    }

    const failures: Failure[] = [];
    const started = Date.now();
    const results = await runAll(cases, failures);
    const seconds = (Date.now() - started) / 1000;
    console.info(`fuzz: ${cases.length} requests over ${routes.length} routes in ${seconds.toFixed(1)} s (seed ${SEED})`);
    if (process.env.FUZZ_DEBUG) printRoutes(cases, results);

    expect(failures.slice(0, 25), `${failures.length} bad answers (seed ${SEED})`).toEqual([]);
    // The admin stayed signed in: staff routes were reached, not all answered 401.
    expect((await app.request("/api/auth/me", { headers: { Cookie: asAdmin } })).status).toBe(200);
    expect(results.filter(({ status }) => status >= 200 && status < 300).length).toBeGreaterThan(100);
  }, 120_000);
});
