/**
 * The reader function as deployed: its app on the signed-fetch store (core/storage/fetch-store.ts,
 * no AWS SDK) over data the SDK store wrote, against DynamoDB Local and s3rver: an article page, the
 * home page, search (its snapshot in the bucket), the health check, beacons and a comment, which
 * the board then sees through the SDK store. And the outage answers of tests/http/outage.test.ts
 * with this client: 503 with Retry-After for throttling, 5xx, refused and silent services,
 * within the Lambda budget; a bug stays a 500.
 */
import { createServer as createHttpServer, type Server } from "node:http";
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { PublishedArticle } from "../../functions/core/reader/articles";
import { createFetchStore } from "../../functions/core/storage/fetch-store";
import { LAMBDA_TIMEOUTS, type Store, type StoreTimeouts } from "../../functions/core/storage/store";
import { createApp } from "../../functions/http/app";
import { createFrame } from "../../functions/http/frame";
import { readerSurface } from "../../functions/http/reader/reader";
import { readerDepsFromEnv } from "../../functions/reader-config";
import { freePort } from "../../scripts/local/emulators";
import { createUser, ORIGIN, request, signIn } from "../support/auth";
import { seedSmallPortal } from "../support/fixtures";
import { createTestStore, fetchStoreOn } from "../support/store";

describe("the reader app on the fetch store", () => {
  let sdk: Store;
  let reader: ReturnType<typeof createFrame>;
  let article: PublishedArticle;

  beforeAll(async () => {
    sdk = await createTestStore();
    ({ articles: [article] } = (await seedSmallPortal(sdk)) as { articles: [PublishedArticle] });
    reader = createFrame({ store: fetchStoreOn(sdk), clientAddress: (c) => c.req.header("x-test-client") }, readerSurface);
  }, 60_000);

  it("serves the article page, the home page, search and the health check", async () => {
    const page = await reader.request(`/bai-viet/${article.slug}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(article.title);
    const home = await reader.request("/");
    expect(home.status).toBe(200);
    expect(await home.text()).toContain(article.title);
    // Search builds its index from the table and writes the snapshot through the fetch client.
    const search = await reader.request("/tim-kiem?q=xuat+khau+nong+san");
    expect(search.status).toBe(200);
    expect(await search.text()).toContain(`href="/bai-viet/${article.slug}"`);
    expect(await sdk.objects.head("search/index-v1.bin.gz")).toEqual({ size: expect.any(Number) });
    expect(await (await reader.request("/api/health")).json()).toEqual({ ok: true });
  });

  it("counts beacons: a heartbeat sets the visitor cookie, a view is counted, the stats show the visitor", async () => {
    const heartbeat = await reader.request("/api/visits/heartbeat", { method: "POST", headers: { Origin: ORIGIN, "x-test-client": "203.0.113.40" } });
    expect(heartbeat.status).toBe(200);
    const cookie = heartbeat.headers.getSetCookie().find((header) => header.startsWith("portal_vid="))!.split(";")[0]!;
    const view = await reader.request(`/api/views/${article.id}`, { method: "POST", headers: { Origin: ORIGIN, Cookie: cookie, "x-test-client": "203.0.113.40" } });
    expect(view.status).toBe(200);
    expect(await view.json()).toEqual({ counted: true, views: 1 });
    const stats = (await (await reader.request("/api/stats/visitors")).json()) as { online: { total: number } };
    expect(stats.online.total).toBeGreaterThanOrEqual(1);
  });

  it("shows a reader's comment, taken and approved by the staff function on the SDK store", async () => {
    // The comment POST and its moderation belong to the staff function (infra/Api.ts STAFF_ROUTES).
    const staff = createApp({ store: sdk, clientAddress: () => "203.0.113.41" });
    const posted = await staff.request(`/api/articles/${article.id}/comments`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: ORIGIN },
      body: JSON.stringify({ name: "Nguyễn Thị Bình", email: "binh@example.vn", website: "", content: "Gửi qua máy chủ bạn đọc." }),
    });
    expect(posted.status).toBe(202);
    const board = await signIn(staff, (await createUser(sdk, "admin", [], "Trần Thị Duyệt")).email);
    const { items } = (await (await request(staff, "GET", "/api/comments?status=pending", { cookie: board })).json()) as { items: { id: string }[] };
    expect((await request(staff, "POST", `/api/comments/${items[0]!.id}/approve`, { cookie: board, body: {} })).status).toBe(200);
    const page = await (await reader.request(`/bai-viet/${article.slug}`)).text();
    expect(page).toContain("Gửi qua máy chủ bạn đọc.");
    expect(page).not.toContain("binh@example.vn");
  });

  it("builds the reader's deps from the Lambda environment, with no S3 client in its store", () => {
    const deps = readerDepsFromEnv({ PORTAL_TABLE: "t", PORTAL_BUCKET: "b", AWS_REGION: "ap-southeast-1", AWS_ACCESS_KEY_ID: "k", AWS_SECRET_ACCESS_KEY: "s", AWS_SESSION_TOKEN: "x" });
    expect(deps.store).toMatchObject({ table: "t", bucket: "b" });
    expect("s3" in deps.store).toBe(false);
    expect(() => readerDepsFromEnv({ PORTAL_TABLE: "t", PORTAL_BUCKET: "b" })).toThrow(/AWS_ACCESS_KEY_ID/);
  });
});

describe("outages through the fetch client", () => {
  const FAST: StoreTimeouts = { connectMs: 300, responseMs: 300, attempts: 2 };
  const appOn = (endpoint: string, timeouts: StoreTimeouts = FAST) =>
    createFrame(
      { store: createFetchStore({ table: "t", bucket: "b", region: "us-east-1", credentials: { accessKeyId: "a", secretAccessKey: "b" }, endpoints: { dynamodb: endpoint, s3: endpoint }, timeouts }) },
      readerSurface,
    );

  let fake: Server;
  let fakeEndpoint: string;
  let reply: { status: number; type?: string; body?: string } = { status: 500 };
  let blackHole: TcpServer;
  let blackHoleEndpoint: string;
  const held: Socket[] = [];

  beforeAll(async () => {
    fake = createHttpServer((req, res) => {
      req.resume();
      req.on("end", () => {
        const body = reply.body ?? JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${reply.type}`, message: `${reply.type} from the stand-in` });
        res.writeHead(reply.status, { "Content-Type": reply.type ? "application/x-amz-json-1.0" : "text/html" });
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
    const text = await res.text();
    if (page) expect(text).toContain('lang="vi"');
    else expect(JSON.parse(text)).toEqual({ error: { code: "UNAVAILABLE", message: expect.stringContaining("thử lại") } });
    expect(text).not.toMatch(/stand-in|Exception|ECONN|\bat /);
  }

  it.each([
    { status: 400, type: "ProvisionedThroughputExceededException" },
    { status: 400, type: "ThrottlingException" },
    { status: 500, type: "InternalServerError" },
    { status: 503, type: "ServiceUnavailable" },
    { status: 502, body: "<html>Bad Gateway</html>" },
  ])("answers $type $status with 503 and Retry-After, page and API", async (answer) => {
    reply = answer;
    const app = appOn(fakeEndpoint);
    await expectUnavailable(await app.request("/api/sections"), false);
    await expectUnavailable(await app.request("/chuyen-muc/kinh-te"), true);
  });

  it("keeps a request DynamoDB refuses as invalid a 500 without internals", async () => {
    reply = { status: 400, type: "ValidationException" };
    vi.spyOn(console, "error").mockImplementationOnce(() => undefined);
    const res = await appOn(fakeEndpoint).request("/api/sections");
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: { code: "INTERNAL", message: expect.any(String) } });
  });

  it("answers 503 at once when nothing listens, search and health included", async () => {
    const app = appOn(`http://127.0.0.1:${await freePort()}`);
    const started = Date.now();
    await expectUnavailable(await app.request("/bai-viet/mot-bai-viet"), true);
    await expectUnavailable(await app.request("/api/stats/visitors"), false);
    await expectUnavailable(await app.request("/tim-kiem?q=kinh+te"), true);
    expect((await app.request("/api/health")).status).toBe(503);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("never waits on a table that does not answer: 503 within the Lambda budget with the production timeouts", async () => {
    const app = appOn(blackHoleEndpoint, LAMBDA_TIMEOUTS);
    const started = Date.now();
    const [page, api] = await Promise.all([app.request("/chuyen-muc/kinh-te"), app.request("/api/sections")]);
    await expectUnavailable(page, true);
    await expectUnavailable(api, false);
    expect(Date.now() - started).toBeLessThan(9_000);
  }, 20_000);
});
