import { Hono } from "hono";
import { handle } from "hono/aws-lambda";
import { beforeAll, describe, expect, it } from "vitest";
import { depsFromEnv } from "../../functions/config";
import type { Store } from "../../functions/core/storage/store";
import { createApp } from "../../functions/http/app";
import { ORIGIN_SECRET_HEADER } from "../../functions/http/origin";
import { seedSmallPortal } from "../support/fixtures";
import { createTestStore } from "../support/store";

/** A minimal API Gateway HTTP API (payload 2.0) event, as the Lambda receives it. */
function apiGatewayEvent(path: string, rawQueryString = "", extraHeaders: Record<string, string> = {}) {
  return {
    version: "2.0",
    routeKey: "$default",
    rawPath: path,
    rawQueryString,
    headers: { host: "abc123.execute-api.ap-southeast-1.amazonaws.com", accept: "text/html", ...extraHeaders },
    isBase64Encoded: false,
    requestContext: {
      accountId: "123456789012",
      apiId: "abc123",
      domainName: "abc123.execute-api.ap-southeast-1.amazonaws.com",
      domainPrefix: "abc123",
      http: { method: "GET", path, protocol: "HTTP/1.1", sourceIp: "203.0.113.7", userAgent: "vitest" },
      requestId: "req-1",
      routeKey: "$default",
      stage: "$default",
      time: "26/Nov/2026:07:00:00 +0000",
      timeEpoch: 1795676400000,
    },
  };
}

describe("Lambda adapter", () => {
  let handler: ReturnType<typeof handle>;
  let slug: string;

  beforeAll(async () => {
    const store = await createTestStore();
    const { articles } = await seedSmallPortal(store);
    slug = articles[0]!.slug;
    handler = handle(createApp({ store }));
  });

  it("answers /api/health from an API Gateway v2 event", async () => {
    const result = (await handler(apiGatewayEvent("/api/health") as never, {} as never)) as { statusCode: number; body: string };
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toEqual({ ok: true });
  });

  it("renders an article page, with the API's host as canonical origin when none is configured", async () => {
    const result = (await handler(apiGatewayEvent(`/bai-viet/${slug}`) as never, {} as never)) as {
      statusCode: number;
      body: string;
      headers: Record<string, string>;
    };
    expect(result.statusCode).toBe(200);
    expect(result.headers["content-type"]).toContain("text/html");
    expect(result.body).toContain("Xuất khẩu nông sản tăng 12,5%");
    expect(result.body).toContain(`https://abc123.execute-api.ap-southeast-1.amazonaws.com/bai-viet/${slug}`);
  });

  it("answers an unknown slug with 404", async () => {
    const result = (await handler(apiGatewayEvent("/bai-viet/khong-co") as never, {} as never)) as { statusCode: number };
    expect(result.statusCode).toBe(404);
  });
});

type LambdaResult = { statusCode: number; body: string; headers: Record<string, string> };

/**
 * API Gateway's execute-api endpoint is public: only requests that came through the portal's
 * CloudFront (which adds the origin secret header, infra/Web.ts) may be answered, and only those
 * may set the site's host (x-forwarded-host) or the client's address (x-portal-viewer-ip).
 */
describe("Lambda behind CloudFront only", () => {
  const SECRET = "s3cr3t-origin-value-0123456789abcdefABCDEF";
  // What infra/Api.ts sets on the HTTP functions.
  const lambdaEnv = { PORTAL_TABLE: "ignored", PORTAL_BUCKET: "ignored", PORTAL_ORIGIN_SECRET: SECRET };
  const viaCloudFront = { [ORIGIN_SECRET_HEADER]: SECRET, "x-forwarded-host": "congthongtin.example.gov.vn" };
  let store: Store;
  let slug: string;

  beforeAll(async () => {
    store = await createTestStore();
    slug = (await seedSmallPortal(store)).articles[0]!.slug;
  });

  const handlerFor = (env: Record<string, string>) => handle(createApp({ ...depsFromEnv(env), store }));
  const call = async (handler: ReturnType<typeof handle>, event: unknown) => (await handler(event as never, {} as never)) as LambdaResult;

  it("answers 403 (Vietnamese, not cached) to a request without the origin secret, on the API and on pages", async () => {
    const handler = handlerFor(lambdaEnv);
    const api = await call(handler, apiGatewayEvent("/api/health"));
    expect(api.statusCode).toBe(403);
    expect(JSON.parse(api.body)).toEqual({ error: { code: "FORBIDDEN", message: expect.stringContaining("Truy cập trực tiếp") } });
    expect(api.headers["cache-control"]).toBe("no-store");
    const page = await call(handler, apiGatewayEvent(`/bai-viet/${slug}`, "", { "x-forwarded-host": "evil.example" }));
    expect(page.statusCode).toBe(403);
    expect(page.headers["content-type"]).toContain("text/html");
    expect(page.body).toContain('lang="vi"');
    expect(page.body).not.toContain("evil.example");
    // Unknown paths too: the check runs before routing.
    expect((await call(handler, apiGatewayEvent("/khong-co"))).statusCode).toBe(403);
  });

  it("answers 403 to a wrong secret, whatever its length", async () => {
    const handler = handlerFor(lambdaEnv);
    for (const wrong of ["", "x", SECRET.slice(0, -1), `${SECRET}x`, SECRET.replace(/.$/, "0"), SECRET.toUpperCase()]) {
      const result = await call(handler, apiGatewayEvent("/api/health", "", { [ORIGIN_SECRET_HEADER]: wrong }));
      expect(result.statusCode, JSON.stringify(wrong)).toBe(403);
    }
  });

  it("answers a request with the secret, and takes the site's host from x-forwarded-host then", async () => {
    const handler = handlerFor(lambdaEnv);
    const health = await call(handler, apiGatewayEvent("/api/health", "", viaCloudFront));
    expect(health.statusCode).toBe(200);
    expect(JSON.parse(health.body)).toEqual({ ok: true });
    const page = await call(handler, apiGatewayEvent(`/bai-viet/${slug}`, "", viaCloudFront));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`https://congthongtin.example.gov.vn/bai-viet/${slug}`);
    const robots = await call(handler, apiGatewayEvent("/robots.txt", "", viaCloudFront));
    expect(robots.body).toContain("https://congthongtin.example.gov.vn/sitemap.xml");
  });

  it("without a configured secret, trusts neither x-forwarded-host nor x-portal-viewer-ip", async () => {
    // PORTAL_TRUST_FORWARDED_HOST=1 is what infra set before the origin secret existed.
    const env = { PORTAL_TABLE: "ignored", PORTAL_BUCKET: "ignored", PORTAL_TRUST_FORWARDED_HOST: "1" };
    const forged = { "x-forwarded-host": "evil.example", "x-portal-viewer-ip": "198.51.100.9" };
    const robots = await call(handlerFor(env), apiGatewayEvent("/robots.txt", "", forged));
    expect(robots.statusCode).toBe(200);
    expect(robots.body).not.toContain("evil.example");
    expect(robots.body).toContain("https://abc123.execute-api.ap-southeast-1.amazonaws.com/sitemap.xml");

    const addressOf = async (deps: ReturnType<typeof depsFromEnv>, headers: Record<string, string>) => {
      const app = new Hono().get("/*", (c) => c.text(deps.clientAddress?.(c) ?? "none"));
      return (await call(handle(app), apiGatewayEvent("/dia-chi", "", headers))).body;
    };
    expect(await addressOf(depsFromEnv(env), forged)).toBe("203.0.113.7");
    // Behind CloudFront (secret configured and checked first), the viewer's address is the client's.
    expect(await addressOf(depsFromEnv(lambdaEnv), { ...forged, ...viaCloudFront })).toBe("198.51.100.9");
  });

  it("leaves the local runner and the tests as they were: no secret, no check", async () => {
    const result = await call(handle(createApp({ store })), apiGatewayEvent("/api/health"));
    expect(result.statusCode).toBe(200);
  });
});
