/**
 * Malformed paths and query values are 4xx, never 500 (issue 9). Each case was a 500 before:
 * the raw request target `//[` (its canonical URL could not be built, inside the error handler),
 * and `/sitemaps/bai-viet-9999-12.xml` (a DynamoDB BETWEEN whose upper bound, year 10000, sorts
 * before its lower one).
 */
import { connect } from "node:net";
import { handle } from "hono/aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Listings, monthBounds } from "../../functions/core/reader/listings";
import type { Store } from "../../functions/core/storage/store";
import { createApp } from "../../functions/http/app";
import { freePort } from "../../scripts/local/emulators";
import { serveLocal, type LocalServer } from "../../scripts/local/server";
import { seedSmallPortal } from "../support/fixtures";
import { createTestStore } from "../support/store";

let store: Store;
let app: ReturnType<typeof createApp>;
let server: LocalServer;
let port: number;

beforeAll(async () => {
  store = await createTestStore();
  await seedSmallPortal(store);
  app = createApp({ store });
  port = await freePort();
  server = await serveLocal({ store }, { port, hostname: "127.0.0.1" });
}, 60_000);

afterAll(async () => {
  await server?.close();
});

/** A raw HTTP/1.1 request with exactly this request target, as the probe sent it. */
function rawGet(target: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.write(`GET ${target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`));
    let data = "";
    socket.setEncoding("utf8");
    socket.on("data", (chunk) => (data += chunk));
    socket.on("end", () => resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1]), text: data }));
    socket.on("error", reject);
  });
}

describe("odd request targets", () => {
  it("answers //[ with a 404 page, through app.request and over a socket", async () => {
    for (const path of ["//[", "//[/x"]) {
      const res = await app.request(path);
      expect(res.status, path).toBe(404);
      expect(await res.text()).toContain("không tồn tại");
      const raw = await rawGet(path);
      expect(raw.status, `raw ${path}`).toBe(404);
      expect(raw.text).toContain("không tồn tại");
    }
  });

  it("answers //[ with a 404 behind API Gateway too (Lambda adapter)", async () => {
    const handler = handle(app);
    for (const [rawPath, rawQueryString] of [["//[", ""], ["/%", ""], ["/tim-kiem", "q=%&trang=%00"], ["/sitemaps/bai-viet-9999-12.xml", ""]] as const) {
      const host = "abc123.execute-api.ap-southeast-1.amazonaws.com";
      const event = {
        version: "2.0",
        routeKey: "$default",
        rawPath,
        rawQueryString,
        headers: { host, accept: "text/html" },
        isBase64Encoded: false,
        requestContext: { domainName: host, http: { method: "GET", path: rawPath, protocol: "HTTP/1.1", sourceIp: "203.0.113.7" }, stage: "$default" },
      };
      const result = (await handler(event as never, {} as never)) as { statusCode: number };
      expect(result.statusCode, `${rawPath}?${rawQueryString}`).toBeGreaterThanOrEqual(400);
      expect(result.statusCode, `${rawPath}?${rawQueryString}`).toBeLessThan(500);
    }
  });

  it("keeps the canonical URL of an odd path on the site's own origin", async () => {
    for (const path of ["//evil.example/x", "/\\evil.example/x", "//[::1]/x"]) {
      const res = await app.request(path);
      expect(res.status, path).toBe(404);
      const canonical = /<link rel="canonical" href="([^"]*)"/.exec(await res.text())?.[1];
      expect(canonical, path).toMatch(/^http:\/\/localhost\//);
    }
  });

  it("answers %, %00 and broken escapes with a 404", async () => {
    for (const path of ["/%", "/%00", "/bai-viet/%E0%A4%A", "/chuyen-muc/%ED%A0%80", "/api/views/%"]) {
      expect((await app.request(path)).status, path).toBe(404);
      expect((await rawGet(path)).status, `raw ${path}`).toBe(404);
    }
  });
});

describe("sitemap months", () => {
  it("answers impossible or out-of-range months with a 404, not a DynamoDB error", async () => {
    for (const file of ["bai-viet-9999-12.xml", "bai-viet-0000-01.xml", "bai-viet-2026-13.xml", "bai-viet-2026-00.xml", "bai-viet-2026-1.xml"]) {
      const res = await app.request(`/sitemaps/${file}`);
      expect(res.status, file).toBe(404);
    }
    expect((await app.request("/sitemaps/bai-viet-2026-10.xml")).status).toBe(200);
  });

  it("computes month bounds as four-digit-year instants, or none", () => {
    expect(monthBounds("2026-12")).toEqual({ from: "2026-12-01T00:00:00.000Z", to: "2027-01-01T00:00:00.000Z" });
    expect(monthBounds("0099-05")).toEqual({ from: "0099-05-01T00:00:00.000Z", to: "0099-06-01T00:00:00.000Z" });
    for (const month of ["9999-12", "2026-13", "2026-00", "2026-1", "x", "", "+10000-01"]) expect(monthBounds(month), month).toBeUndefined();
  });

  it("reads nothing for bounds out of order", async () => {
    expect(await Listings.publishedBetween(store, "2027-01-01", "2026-01-01")).toEqual([]);
    expect(await Listings.publishedInMonth(store, "9999-12")).toEqual([]);
  });
});

describe("query values of the reader routes", () => {
  it.each([
    "/chuyen-muc/kinh-te?trang=0",
    "/chuyen-muc/kinh-te?trang=abc",
    "/chuyen-muc/kinh-te?trang=1e3",
    "/chuyen-muc/kinh-te?trang=%00",
    "/chuyen-muc/kinh-te?trang=99999999999999999999",
    "/tim-kiem?q=a&trang=-1",
    "/tim-kiem?q=%ED%A0%80",
    "/tim-kiem?q=%",
    "/tim-kiem?q=" + "a".repeat(5000),
    "/lich-cong-tac?tuan=2026-W99",
    "/lich-cong-tac?tuan=%",
    "/lich-cong-tac?tuan=9999-W52",
    "/lich-cong-tac?tuan=0000-W01",
  ])("%s is not a 5xx", async (path) => {
    const res = await app.request(path);
    expect(res.status, path).toBeLessThan(500);
    expect(res.status === 200 || (res.status >= 400 && res.status < 500), `${path} → ${res.status}`).toBe(true);
  });
});
