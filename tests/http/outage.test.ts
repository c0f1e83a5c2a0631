/**
 * DynamoDB or S3 unavailable, throttling or silent (issue 9): 503 with Retry-After, a Vietnamese
 * page for readers and the JSON error under /api, within a bounded time; a bug stays a 500; the
 * error handler answers even when the error page cannot be rendered. Each case was a 500 (or a
 * thrown error) before. The services are stand-ins: a port nobody listens on, a socket that never
 * answers, an HTTP server answering as DynamoDB does when it throttles or fails.
 */
import { createServer as createHttpServer, type Server } from "node:http";
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { AppError } from "../../functions/core/shared/errors";
import { createStore, LAMBDA_TIMEOUTS, type StoreTimeouts } from "../../functions/core/storage/sdk-store";
import { createApp } from "../../functions/http/app";
import { isUnavailable, toHttpError } from "../../functions/http/errors";
import { createFrame } from "../../functions/http/frame";
import { freePort, localStoreOptions } from "../../scripts/local/emulators";

const FAST: StoreTimeouts = { connectMs: 300, responseMs: 300, attempts: 2 };

const appOn = (endpoint: string, timeouts: StoreTimeouts = FAST) =>
  createApp({ store: createStore({ ...localStoreOptions({ dynamodb: endpoint, s3: endpoint }, { table: "t", bucket: "b" }), timeouts }) });

/** An HTTP server answering every request with one DynamoDB error (`?` in the path picks it). */
let fake: Server;
let fakeEndpoint: string;
let reply: { status: number; type?: string; body?: string } = { status: 500 };

/** Accepts connections and never answers. */
let blackHole: TcpServer;
let blackHoleEndpoint: string;
const held: Socket[] = [];

beforeAll(async () => {
  fake = createHttpServer((req, res) => {
    req.resume();
    req.on("end", () => {
      const body = reply.body ?? (reply.type ? JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${reply.type}`, message: `${reply.type} from the stand-in` }) : "");
      res.writeHead(reply.status, { "Content-Type": reply.type ? "application/x-amz-json-1.0" : "text/html", "x-amzn-RequestId": "stand-in" });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => fake.listen(0, "127.0.0.1", resolve));
  fakeEndpoint = `http://127.0.0.1:${(fake.address() as { port: number }).port}`;

  blackHole = createTcpServer((socket) => {
    held.push(socket);
    socket.on("error", () => undefined);
  });
  await new Promise<void>((resolve) => blackHole.listen(0, "127.0.0.1", resolve));
  blackHoleEndpoint = `http://127.0.0.1:${(blackHole.address() as { port: number }).port}`;
  // The 503s log one line each; not wanted in the test output.
  vi.spyOn(console, "warn").mockImplementation(() => undefined);
});

afterAll(async () => {
  held.forEach((socket) => socket.destroy());
  await new Promise((resolve) => blackHole.close(resolve));
  await new Promise((resolve) => fake.close(resolve));
  vi.restoreAllMocks();
});

async function expectUnavailable(res: Response, page: boolean) {
  expect(res.status).toBe(503);
  expect(res.headers.get("retry-after")).toMatch(/^[1-9]\d*$/);
  expect(res.headers.get("cache-control")).toBe("no-store");
  const text = await res.text();
  if (page) {
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(text).toContain('lang="vi"');
    expect(text).toContain("thử lại");
  } else {
    expect(JSON.parse(text)).toEqual({ error: { code: "UNAVAILABLE", message: expect.stringContaining("thử lại") } });
  }
  expect(text).not.toMatch(/stand-in|Exception|ECONN|\bat /);
}

describe("DynamoDB unavailable or throttling", () => {
  it.each([
    { status: 400, type: "ProvisionedThroughputExceededException" },
    { status: 400, type: "ThrottlingException" },
    { status: 400, type: "RequestLimitExceeded" },
    { status: 500, type: "InternalServerError" },
    { status: 503, type: "ServiceUnavailable" },
    { status: 502, body: "<html>Bad Gateway</html>" },
  ])("answers $type $status with 503 and Retry-After, page and API", async (answer) => {
    reply = answer;
    const app = appOn(fakeEndpoint);
    await expectUnavailable(await app.request("/api/sections"), false);
    await expectUnavailable(await app.request("/chuyen-muc/kinh-te"), true);
    await expectUnavailable(await app.request("/api/auth/login", { method: "POST", headers: { Origin: "http://localhost", "Content-Type": "application/json" }, body: JSON.stringify({ email: "a@b.vn", password: "mot-mat-khau-dai" }) }), false);
  });

  it("keeps a bug a 500 without internals (a request DynamoDB refuses as invalid)", async () => {
    reply = { status: 400, type: "ValidationException" };
    vi.spyOn(console, "error").mockImplementationOnce(() => undefined);
    const res = await appOn(fakeEndpoint).request("/api/sections");
    expect(res.status).toBe(500);
    expect(res.headers.get("retry-after")).toBeNull();
    expect(await res.json()).toEqual({ error: { code: "INTERNAL", message: expect.any(String) } });
  });

  it("answers 503 at once when nothing listens (connection refused)", async () => {
    const app = appOn(`http://127.0.0.1:${await freePort()}`);
    const started = Date.now();
    await expectUnavailable(await app.request("/"), true);
    await expectUnavailable(await app.request("/bai-viet/mot-bai-viet"), true);
    await expectUnavailable(await app.request("/api/stats/visitors"), false);
    await expectUnavailable(await app.request("/tim-kiem?q=kinh+te"), true);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("never waits on a table that does not answer: 503 within the Lambda budget with the production timeouts", async () => {
    const app = appOn(blackHoleEndpoint, LAMBDA_TIMEOUTS);
    const started = Date.now();
    const [page, api] = await Promise.all([app.request("/chuyen-muc/kinh-te"), app.request("/api/sections")]);
    const elapsed = Date.now() - started;
    await expectUnavailable(page, true);
    await expectUnavailable(api, false);
    // Each call: at most `attempts` × `responseMs` plus backoff; the function times out at 10 s.
    expect(LAMBDA_TIMEOUTS.attempts * (LAMBDA_TIMEOUTS.connectMs + LAMBDA_TIMEOUTS.responseMs)).toBeLessThanOrEqual(9_000);
    expect(elapsed).toBeLessThan(9_000);
  }, 20_000);
});

describe("classification (http/errors.ts)", () => {
  const named = (name: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(name), { name, ...extra });

  it.each([
    ["a timeout of the SDK", named("TimeoutError")],
    ["an aborted call", named("AbortError")],
    ["a reset connection", Object.assign(new Error("socket hang up"), { code: "ECONNRESET" })],
    ["a refused connection inside an AggregateError", new AggregateError([Object.assign(new Error("x"), { code: "ECONNREFUSED" })], "connect")],
    ["a network error as a cause", new Error("wrapped", { cause: Object.assign(new Error("x"), { code: "ETIMEDOUT" }) })],
    ["a throttled transaction", named("TransactionCanceledException", { CancellationReasons: [{ Code: "None" }, { Code: "ThrottlingError" }] })],
    ["an S3 SlowDown", named("SlowDown", { $metadata: { httpStatusCode: 503 } })],
    ["any 5xx of a service", named("SomethingNew", { $metadata: { httpStatusCode: 500 } })],
    ["an error the SDK marks retryable", named("Whatever", { $retryable: { throttling: true }, $metadata: { httpStatusCode: 400 } })],
  ])("%s is unavailable (503)", (_what, error) => {
    expect(isUnavailable(error)).toBe(true);
    const { status, headers, body } = toHttpError(error);
    expect(status).toBe(503);
    expect(headers["Retry-After"]).toMatch(/^\d+$/);
    expect(body.error.code).toBe("UNAVAILABLE");
  });

  it.each([
    ["a failed condition", named("ConditionalCheckFailedException", { $metadata: { httpStatusCode: 400 } })],
    ["a cancelled transaction on a condition", named("TransactionCanceledException", { CancellationReasons: [{ Code: "ConditionalCheckFailed" }] })],
    ["a missing table", named("ResourceNotFoundException", { $metadata: { httpStatusCode: 400 } })],
    ["a type error", new TypeError("x is undefined")],
    ["a string", "boom"],
    ["an object whose getters throw", Object.defineProperty({}, "name", { get: () => { throw new Error("getter"); } })],
  ])("%s stays a 500", (_what, error) => {
    vi.spyOn(console, "error").mockImplementationOnce(() => undefined);
    const { status, headers } = toHttpError(error);
    expect(status).toBe(500);
    expect(headers).toEqual({});
  });

  it("gives the busy 503 of core (transaction contention) a Retry-After too", () => {
    const { status, headers, body } = toHttpError(new AppError("UNAVAILABLE", "Hệ thống đang bận."));
    expect(status).toBe(503);
    expect(headers["Retry-After"]).toMatch(/^\d+$/);
    expect(body.error.message).toBe("Hệ thống đang bận.");
  });
});

describe("the error handler cannot throw", () => {
  const store = createStore({ table: "t", bucket: "b" });
  const broken = createFrame({ store }, {
    mount(app) {
      app.get("/boom", () => {
        throw new Error("internal detail /work/secret.ts:12");
      });
      app.get("/busy", () => {
        throw new AppError("UNAVAILABLE", "Hệ thống đang bận, <thử lại> sau.");
      });
      app.get("/api/boom", () => {
        throw new Error("internal detail");
      });
    },
    errorPage: async () => {
      throw new Error("the SSR build is missing");
    },
  });

  it("falls back to a static Vietnamese page when the error page fails", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const boom = await broken.request("/boom");
      expect(boom.status).toBe(500);
      expect(boom.headers.get("content-type")).toMatch(/^text\/html/);
      const html = await boom.text();
      expect(html).toContain('<html lang="vi">');
      expect(html).not.toContain("secret");

      const missing = await broken.request("/khong-co");
      expect(missing.status).toBe(404);
      expect(await missing.text()).toContain("Không tìm thấy trang");

      const busy = await broken.request("/busy");
      expect(busy.status).toBe(503);
      expect(busy.headers.get("retry-after")).toMatch(/^\d+$/);
      expect(await busy.text()).toContain("&lt;thử lại&gt;");

      const api = await broken.request("/api/boom");
      expect(api.status).toBe(500);
      expect(await api.json()).toEqual({ error: { code: "INTERNAL", message: expect.any(String) } });
    } finally {
      errors.mockRestore();
    }
  });
});
