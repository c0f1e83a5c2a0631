import { handle } from "hono/aws-lambda";
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../functions/http/app";
import { seedSmallPortal } from "../support/fixtures";
import { createTestStore } from "../support/store";

/** A minimal API Gateway HTTP API (payload 2.0) event, as the Lambda receives it. */
function apiGatewayEvent(path: string, rawQueryString = "") {
  return {
    version: "2.0",
    routeKey: "$default",
    rawPath: path,
    rawQueryString,
    headers: { host: "abc123.execute-api.ap-southeast-1.amazonaws.com", accept: "text/html" },
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
