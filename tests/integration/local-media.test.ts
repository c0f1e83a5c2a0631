import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { getStored, MediaLibrary } from "../../functions/core/media/library";
import { createUpload } from "../../functions/core/media/uploads";
import { createStore, type Store } from "../../functions/core/storage/sdk-store";
import { ensureBucket, ensureTable, localStoreOptions, startS3, type Emulator } from "../../scripts/local/emulators";
import { configureMediaBucket, mediaEvents, serveMedia } from "../../scripts/local/media";
import { putToTicket, Samples } from "../support/media";

/**
 * The local stand-ins of the media pipeline: an s3rver of this file's own (so its events reach
 * this process) wired as `npm start` wires it, the bucket's CORS for the browser's PUT, and the
 * local server's /media/* route.
 */
let s3: Emulator;
let store: Store;
let directory: string;
const ORIGIN = "http://localhost:3000";

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), "portal-media-events-"));
  let wired: Store | undefined;
  s3 = await startS3({ directory, onEvent: mediaEvents(() => wired) });
  store = createStore(localStoreOptions({ dynamodb: inject("dynamodbEndpoint"), s3: s3.endpoint }, { table: `media-local-${Date.now()}`, bucket: "portal-media" }));
  await ensureTable(store);
  await ensureBucket(store);
  await configureMediaBucket(store, [ORIGIN]);
  wired = store;
});

afterAll(async () => {
  await s3?.stop();
  rmSync(directory, { recursive: true, force: true });
});

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("local media", () => {
  it("lets the portal's origin PUT to a presigned URL (CORS preflight), and no other origin", async () => {
    const ticket = await createUpload(store, { filename: "Báo cáo.pdf", contentType: "application/pdf", size: 2048 }, { id: "u1", name: "Lê Thu Hà" });
    const preflight = (origin: string) =>
      fetch(ticket.upload.url, { method: "OPTIONS", headers: { Origin: origin, "Access-Control-Request-Method": "PUT", "Access-Control-Request-Headers": "content-type" } });
    const allowed = await preflight(ORIGIN);
    expect(allowed.status).toBe(200);
    // s3rver answers a matched preflight with "*" (S3 echoes the origin); the rule decides either way.
    expect(allowed.headers.get("access-control-allow-origin")).toMatch(/^(\*|http:\/\/localhost:3000)$/);
    expect(allowed.headers.get("access-control-allow-methods")).toContain("PUT");
    const other = await preflight("https://trang-khac.example");
    expect(other.status).toBe(403);
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
    // The PUT itself gets the origin back, so the browser hands the response to the page.
    const put = await fetch(ticket.upload.url, { method: "PUT", headers: { ...ticket.upload.headers, Origin: ORIGIN }, body: new Uint8Array(Samples.pdf(2048)) });
    expect(put.status).toBe(200);
    expect(put.headers.get("access-control-allow-origin")).toBe(ORIGIN);
  });

  it("processes an upload on s3rver's event, and serves the result under /media/* but never uploads/", async () => {
    const bytes = Samples.pdf(10_000);
    const ticket = await createUpload(store, { filename: "Kế hoạch năm.pdf", contentType: "application/pdf", size: bytes.length }, { id: "u1", name: "Lê Thu Hà" });
    expect((await putToTicket(ticket, bytes)).status).toBe(200);
    const record = await until(() => MediaLibrary.get(store, ticket.id), (r) => r?.status !== "processing");
    expect(record).toMatchObject({ status: "ready", url: `/media/${ticket.id}/ke-hoach-nam.pdf` });

    const site = new Hono();
    site.use("/media/*", serveMedia(store));
    site.all("*", (c) => c.text("trang 404", 404));
    const res = await site.request(record!.url!);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; /);
    expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(bytes))).toBe(true);
    const part = await site.request(record!.url!, { headers: { Range: "bytes=0-4" } });
    expect(part.status).toBe(206);
    expect(await part.text()).toBe("%PDF-");

    const uploadKey = (await getStored(store, ticket.id))!.uploadKey!;
    expect((await site.request(`/${uploadKey}`)).status).toBe(404);
    expect((await site.request(`/media/${ticket.id}/../../${uploadKey}`)).status).toBe(404);
    expect((await site.request(`/media/${ticket.id}/%2e%2e%2f${uploadKey.replace(/\//g, "%2f")}`)).status).toBe(404);
    expect((await site.request(`/media/${ticket.id}/khong-co.pdf`)).status).toBe(404);
  });

  it("fails a renamed executable on the event too", async () => {
    const bytes = Samples.exe();
    const ticket = await createUpload(store, { filename: "Tài liệu.pdf", contentType: "application/pdf", size: bytes.length }, { id: "u1", name: "Lê Thu Hà" });
    await putToTicket(ticket, bytes);
    const record = await until(() => MediaLibrary.get(store, ticket.id), (r) => r?.status !== "processing");
    expect(record).toMatchObject({ status: "failed" });
    expect(record!.error).toMatch(/chương trình chạy được/);
  });
});
