/**
 * Multipart uploads above 100 MB (core/media/multipart.ts) against s3rver: an s3rver of this
 * file's own, wired as `npm start` wires it (its ObjectCreated events run the media processing,
 * with the multipart behaviour of scripts/local/s3-multipart.ts), the routes through the real
 * app and sessions. Bytes are built per part from two reused 16 MiB buffers, never the whole file.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, UploadPartCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { User } from "../../functions/core/accounts/users";
import { getStored, MediaLibrary } from "../../functions/core/media/library";
import { completeUpload, PART_SIZE, PART_URL_SECONDS } from "../../functions/core/media/multipart";
import { processUpload } from "../../functions/core/media/process";
import { MB, SINGLE_PUT_LIMIT } from "../../functions/core/media/types";
import { startUpload, type MultipartTicket } from "../../functions/core/media/uploads";
import { RecordingInvalidator } from "../../functions/core/publishing/invalidation";
import { createStore, type MediaStore as Store } from "../../functions/core/storage/sdk-store";
import { createApp } from "../../functions/http/app";
import { ensureBucket, ensureTable, localStoreOptions, startS3, type Emulator } from "../../scripts/local/emulators";
import { configureMediaBucket, mediaEvents } from "../../scripts/local/media";
import { createUser, request, signIn } from "../support/auth";
import { head } from "../support/media";
import { createTestStore } from "../support/store";

const ORIGIN = "http://localhost:3000";
/** Just over the single-PUT limit: six full parts and a shorter last one. */
const SIZE = 101 * MB + 12_345;
const PARTS = Math.ceil(SIZE / PART_SIZE);

let s3: Emulator;
let directory: string;
let store: Store;
let app: ReturnType<typeof createApp>;
const events: { eventName?: string; s3: { object: { key: string } } }[] = [];
let writer: User;
let asWriter: string;
let asWriter2: string;
let asAdmin: string;

/** An MP4 as a camera writes it: an `ftyp` box, then an `mdat` box holding the rest of the file. */
function mp4Head(total: number): Buffer {
  const ftyp = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from("ftypisom\0\0\x02\0isomiso2", "latin1")]);
  const mdat = Buffer.alloc(8);
  mdat.writeUInt32BE(total - ftyp.length, 0);
  mdat.write("mdat", 4, "latin1");
  return Buffer.concat([ftyp, mdat]);
}

// The file's parts, built once: part 1 starts with the MP4 header, every other part is filler.
const filler = Buffer.alloc(PART_SIZE, 0x2e);
const first = Buffer.alloc(PART_SIZE, 0x2e);
mp4Head(SIZE).copy(first, 0);
const partLength = (n: number, size = SIZE) => Math.min(PART_SIZE, size - PART_SIZE * (n - 1));
const partBytes = (n: number) => (n === 1 ? first : filler).subarray(0, partLength(n));
const md5 = (bytes: Uint8Array) => createHash("md5").update(bytes).digest("hex");

const call = (cookie: string | undefined, method: string, path: string, body?: unknown) => request(app, method, path, { cookie, body });
const json = async (res: Response) => ({ status: res.status, body: await res.json() });

async function declare(cookie: string, size = SIZE, filename = "Phóng sự Đại hội Đảng bộ tỉnh Hòa Phong.mp4") {
  const res = await json(await call(cookie, "POST", "/api/uploads", { filename, contentType: "video/mp4", size }));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; upload: MultipartTicket["upload"] };
}

/** PUTs the parts `numbers` to their presigned URLs, two at a time, as the dashboard would; returns their ETags. */
async function putParts(ticket: { upload: MultipartTicket["upload"] }, numbers = ticket.upload.parts.map((p) => p.partNumber)) {
  const etags = new Map<number, string>();
  const queue = [...numbers];
  const worker = async () => {
    for (let n = queue.shift(); n !== undefined; n = queue.shift()) {
      const url = ticket.upload.parts.find((p) => p.partNumber === n)!.url;
      const res = await fetch(url, { method: "PUT", headers: { Origin: ORIGIN }, body: partBytes(n) });
      expect(res.status, `part ${n}`).toBe(200);
      // The browser can read ETag only because the bucket's CORS exposes it.
      expect(res.headers.get("access-control-expose-headers") ?? "").toMatch(/etag/i);
      etags.set(n, res.headers.get("etag")!);
    }
  };
  await Promise.all([worker(), worker()]);
  return etags;
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function keysUnder(target: Store, prefix: string) {
  const out = await target.s3.send(new ListObjectsV2Command({ Bucket: target.bucket, Prefix: prefix }));
  return (out.Contents ?? []).map((object) => object.Key);
}

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), "portal-multipart-"));
  let wired: Store | undefined;
  const handle = mediaEvents(() => wired);
  s3 = await startS3({
    directory,
    onEvent: (record) => {
      events.push(record as (typeof events)[number]);
      handle(record);
    },
  });
  store = createStore(localStoreOptions({ dynamodb: inject("dynamodbEndpoint"), s3: s3.endpoint }, { table: `multipart-${Date.now()}`, bucket: "portal-media" }));
  await ensureTable(store);
  await ensureBucket(store);
  await configureMediaBucket(store, [ORIGIN]);
  wired = store;
  app = createApp({ store, invalidator: new RecordingInvalidator() });
  writer = await createUser(store, "writer", ["kinh-te"], "Lê Thu Hà");
  const writer2 = await createUser(store, "section-editor", ["kinh-te"], "Phạm Văn Nam");
  const admin = await createUser(store, "admin", [], "Nguyễn Quản Trị");
  [asWriter, asWriter2, asAdmin] = (await Promise.all([writer, writer2, admin].map((user) => signIn(app, user.email)))) as [string, string, string];
});

afterAll(async () => {
  await s3?.stop();
  rmSync(directory, { recursive: true, force: true });
});

describe("multipart uploads", () => {
  it("answers one presigned UploadPart per 16 MiB part above 100 MB, each with its length signed; a single PUT up to 100 MB", async () => {
    const ticket = await declare(asWriter);
    expect(ticket.upload.method).toBe("MULTIPART");
    expect(ticket.upload.partSize).toBe(PART_SIZE);
    expect(ticket.upload.parts.map((p) => p.partNumber)).toEqual(Array.from({ length: PARTS }, (_, i) => i + 1));
    for (const part of ticket.upload.parts) {
      const url = new URL(part.url);
      expect(url.pathname).toBe(`/portal-media/uploads/${ticket.id}/phong-su-dai-hoi-dang-bo-tinh-hoa-phong.mp4`);
      expect(url.searchParams.get("partNumber")).toBe(String(part.partNumber));
      expect(url.searchParams.get("uploadId")).toMatch(/^[0-9a-f]{32}$/);
      expect(url.searchParams.get("X-Amz-SignedHeaders")).toBe("content-length;host");
      expect(url.searchParams.get("X-Amz-Expires")).toBe(String(PART_URL_SECONDS));
      expect([...url.searchParams.keys()].filter((name) => /checksum/i.test(name))).toEqual([]);
    }
    const record = await json(await call(asWriter, "GET", `/api/media/${ticket.id}`));
    expect(record.body).toMatchObject({ status: "processing", kind: "video", size: SIZE, contentType: "video/mp4" });
    expect(record.body).not.toHaveProperty("multipart");

    const single = await json(await call(asWriter, "POST", "/api/uploads", { filename: "Phóng sự ngắn.mp4", contentType: "video/mp4", size: SINGLE_PUT_LIMIT }));
    expect(single.status).toBe(201);
    expect(single.body.upload).toMatchObject({ method: "PUT", headers: { "Content-Type": "video/mp4" } });
    expect(single.body.upload.url).toContain(`/uploads/${single.body.id}/phong-su-ngan.mp4?`);
    // A single PUT has nothing to complete or cancel.
    expect((await call(asWriter, "POST", `/api/uploads/${single.body.id}/complete`, { parts: [{ partNumber: 1, etag: "abc" }] })).status).toBe(409);
    expect((await call(asWriter, "DELETE", `/api/uploads/${single.body.id}`)).status).toBe(409);
  });

  it("refuses a part whose length differs from the signed one, and a part of another number", async () => {
    const ticket = await declare(asWriter);
    const [one, last] = [ticket.upload.parts[0]!.url, ticket.upload.parts[PARTS - 1]!.url];
    expect((await fetch(one, { method: "PUT", body: filler.subarray(0, 1024) })).status).toBe(403);
    expect((await fetch(last, { method: "PUT", body: filler.subarray(0, partLength(PARTS) + 1) })).status).toBe(403);
    expect((await fetch(one.replace("partNumber=1", "partNumber=2"), { method: "PUT", body: partBytes(1) })).status).toBe(403);
    expect((await fetch(last, { method: "PUT", body: partBytes(PARTS) })).status).toBe(200);
  });

  it("completes a 101 MB video: parts PUT, completed, processed on the ObjectCreated event to ready with the right size", async () => {
    const ticket = await declare(asWriter);
    const etags = await putParts(ticket);
    for (const [n, etag] of etags) expect(etag.replace(/"/g, "")).toBe(md5(partBytes(n)));
    const before = events.length;
    // Parts in any order, ETags as the browser read them (quoted).
    const parts = [...etags].reverse().map(([partNumber, etag]) => ({ partNumber, etag }));
    const done = await json(await call(asWriter, "POST", `/api/uploads/${ticket.id}/complete`, { parts }));
    expect(done).toEqual({ status: 200, body: { id: ticket.id, status: "processing" } });

    const record = await until(() => MediaLibrary.get(store, ticket.id), (r) => r?.status !== "processing");
    expect(record).toMatchObject({ status: "ready", kind: "video", contentType: "video/mp4", size: SIZE, url: `/media/${ticket.id}/phong-su-dai-hoi-dang-bo-tinh-hoa-phong.mp4` });
    // s3rver names CompleteMultipartUpload's event ObjectCreated:Post (S3: ObjectCreated:CompleteMultipartUpload).
    const key = (await getStored(store, ticket.id))!.uploadKey!;
    expect(events.slice(before).filter((e) => decodeURIComponent(e.s3.object.key) === key).map((e) => e.eventName)).toEqual(["ObjectCreated:Post"]);
    const copy = await store.s3.send(new HeadObjectCommand({ Bucket: store.bucket, Key: record!.url!.slice(1) }));
    expect(copy).toMatchObject({ ContentLength: SIZE, ContentType: "video/mp4", CacheControl: "public, max-age=31536000, immutable" });
    const start = await store.s3.send(new GetObjectCommand({ Bucket: store.bucket, Key: record!.url!.slice(1), Range: "bytes=0-31" }));
    expect(Buffer.from(await start.Body!.transformToByteArray()).equals(mp4Head(SIZE))).toBe(true);
    const end = await store.s3.send(new GetObjectCommand({ Bucket: store.bucket, Key: record!.url!.slice(1), Range: `bytes=${SIZE - 4}-${SIZE - 1}` }));
    expect(Buffer.from(await end.Body!.transformToByteArray()).toString("latin1")).toBe("....");

    // Completing twice, or cancelling what is complete: 409, nothing changes.
    const again = await json(await call(asWriter, "POST", `/api/uploads/${ticket.id}/complete`, { parts }));
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/đã được hoàn tất/);
    expect((await call(asWriter, "DELETE", `/api/uploads/${ticket.id}`)).status).toBe(409);
    expect((await MediaLibrary.get(store, ticket.id))!.status).toBe("ready");
  });

  it("refuses missing or wrong parts with a Vietnamese 400, writes nothing, and lets the uploader try again", async () => {
    const ticket = await declare(asWriter);
    const etags = await putParts(ticket, [1, PARTS]);
    const tag = (n: number) => etags.get(n) ?? `"${md5(Buffer.from(`khong-co-${n}`))}"`;
    const all = Array.from({ length: PARTS }, (_, i) => ({ partNumber: i + 1, etag: tag(i + 1) }));

    const missing = await json(await call(asWriter, "POST", `/api/uploads/${ticket.id}/complete`, { parts: all.slice(0, 3) }));
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatchObject({ code: "VALIDATION", fields: { parts: expect.any(String) } });
    expect(missing.body.error.message).toMatch(/thiếu phần 4, 5, 6, 7/);
    const twice = await json(await call(asWriter, "POST", `/api/uploads/${ticket.id}/complete`, { parts: [...all, all[0]] }));
    expect(twice.body.error.message).toMatch(/phần 1 được gửi nhiều lần/);
    const extra = await json(await call(asWriter, "POST", `/api/uploads/${ticket.id}/complete`, { parts: [...all, { partNumber: PARTS + 1, etag: tag(1) }] }));
    expect(extra.body.error.message).toMatch(new RegExp(`chỉ có ${PARTS} phần`));
    for (const body of [{}, { parts: [] }, { parts: [{ partNumber: "1", etag: "x" }] }, { parts: [{ partNumber: 1, etag: "" }] }, { parts: [{ partNumber: 1, etag: "<x>" }] }]) {
      expect((await call(asWriter, "POST", `/api/uploads/${ticket.id}/complete`, body)).status, JSON.stringify(body)).toBe(400);
    }

    // Parts 2–6 were never PUT: S3 finds no such parts; the same holds for a wrong ETag of a stored part.
    for (const parts of [all, all.map((p) => (p.partNumber === 1 ? { ...p, etag: `"${md5(Buffer.from("sai"))}"` } : p))]) {
      const wrong = await json(await call(asWriter, "POST", `/api/uploads/${ticket.id}/complete`, { parts }));
      expect(wrong.status).toBe(400);
      expect(wrong.body.error.message).toMatch(/chưa tải lên xong hoặc mã ETag không khớp/);
    }
    const key = (await getStored(store, ticket.id))!.uploadKey!;
    expect(await head(store, key)).toBeUndefined();
    expect(await keysUnder(store, `media/${ticket.id}/`)).toEqual([]);
    expect((await MediaLibrary.get(store, ticket.id))!.status).toBe("processing");

    // The uploader sends the missing parts and completes: the claim of the failed tries is gone.
    const rest = await putParts(ticket, [2, 3, 4, 5, 6]);
    const fixed = all.map((p) => ({ ...p, etag: rest.get(p.partNumber) ?? p.etag }));
    expect((await call(asWriter, "POST", `/api/uploads/${ticket.id}/complete`, { parts: fixed })).status).toBe(200);
    expect(await until(() => MediaLibrary.get(store, ticket.id), (r) => r?.status !== "processing")).toMatchObject({ status: "ready", size: SIZE });
  });

  it("lets only the uploader or an admin complete or cancel; cancelling removes the record, the parts and S3's upload", async () => {
    const ticket = await declare(asWriter);
    const etags = await putParts(ticket, [1]);
    const parts = [{ partNumber: 1, etag: etags.get(1)! }];

    const foreign = await json(await call(asWriter2, "POST", `/api/uploads/${ticket.id}/complete`, { parts }));
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.message).toMatch(/Chỉ người tải tệp lên hoặc quản trị viên/);
    expect((await call(asWriter2, "DELETE", `/api/uploads/${ticket.id}`)).status).toBe(403);
    expect((await call(undefined, "DELETE", `/api/uploads/${ticket.id}`)).status).toBe(401);
    expect((await MediaLibrary.get(store, ticket.id))!.status).toBe("processing");

    const key = (await getStored(store, ticket.id))!.uploadKey!;
    expect((await call(asWriter, "DELETE", `/api/uploads/${ticket.id}`)).status).toBe(204);
    expect((await call(asWriter, "GET", `/api/media/${ticket.id}`)).status).toBe(404);
    expect(await head(store, key)).toBeUndefined();
    expect(await keysUnder(store, `uploads/${ticket.id}/`)).toEqual([]);
    // S3's upload is gone: its part URLs are refused, and there is nothing left to complete or cancel.
    expect((await fetch(ticket.upload.parts[1]!.url, { method: "PUT", body: partBytes(2) })).status).toBe(404);
    expect((await call(asWriter, "POST", `/api/uploads/${ticket.id}/complete`, { parts })).status).toBe(404);
    expect((await call(asWriter, "DELETE", `/api/uploads/${ticket.id}`)).status).toBe(404);

    const other = await declare(asWriter);
    expect((await call(asAdmin, "DELETE", `/api/uploads/${other.id}`)).status).toBe(204);
    expect(await MediaLibrary.get(store, other.id)).toBeUndefined();
  });

  it("an upload never completed reads as failed after its own deadline, later than a single PUT's", async () => {
    const ticket = await declare(asWriter);
    const stored = (await getStored(store, ticket.id))!;
    expect(Date.parse(stored.uploadDeadline!) - Date.parse(stored.createdAt)).toBeGreaterThan(PART_URL_SECONDS * 1000);
    // Well past the single PUT's 30 minutes it is still uploading…
    expect((await MediaLibrary.get(store, ticket.id, new Date(Date.now() + 60 * 60_000)))!.status).toBe("processing");
    // …but not past its own deadline.
    const late = new Date(Date.parse(stored.uploadDeadline!) + 1000);
    expect(await MediaLibrary.get(store, ticket.id, late)).toMatchObject({ status: "failed", error: expect.stringMatching(/Không nhận được tệp/) });
  });
});

describe("a completed object of another size than declared", () => {
  it("fails the record with a 400 and removes the bytes before processing can publish them", async () => {
    // The shared s3rver sends no events: processing runs only when called, after the check.
    const target = await createTestStore();
    const uploader = { id: writer.id, name: writer.name };
    const ticket = (await startUpload(target, { filename: "Hội nghị.mp4", contentType: "video/mp4", size: SIZE }, uploader)) as MultipartTicket;
    const { uploadKey, multipart } = (await getStored(target, ticket.id)) as unknown as { uploadKey: string; multipart: { uploadId: string } };
    // What a client holding S3 credentials could store, ignoring the signed lengths: 6 parts of
    // the 5 MB minimum and a short last one (presigned part URLs do not allow it).
    const parts = [];
    for (let n = 1; n <= PARTS; n++) {
      const body = n === 1 ? first.subarray(0, 5 * MB) : filler.subarray(0, n < PARTS ? 5 * MB : 1000);
      const out = await target.s3.send(new UploadPartCommand({ Bucket: target.bucket, Key: uploadKey, UploadId: multipart.uploadId, PartNumber: n, Body: body }));
      parts.push({ partNumber: n, etag: out.ETag! });
    }
    const user = { id: writer.id, email: writer.email, name: writer.name, role: writer.role, sections: writer.sections };
    const error = await completeUpload(target, ticket.id, parts, user).catch((e) => e);
    expect(error).toMatchObject({ code: "VALIDATION" });
    expect(error.message).toMatch(/khác kích thước đã khai báo/);
    expect(await MediaLibrary.get(target, ticket.id)).toMatchObject({ status: "failed", error: error.message });
    expect(await head(target, uploadKey)).toBeUndefined();
    expect(await processUpload(target, uploadKey)).toBe("done-already");
    expect(await keysUnder(target, `media/${ticket.id}/`)).toEqual([]);
  });
});
