import { GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { UpdateCommand } from "../../functions/core/storage/db";
import { beforeAll, describe, expect, it } from "vitest";
import { fileSnapshots, getStored, MediaLibrary, NOT_RECEIVED, TIMED_OUT } from "../../functions/core/media/library";
import { handleS3Records, processUpload } from "../../functions/core/media/process";
import { createUpload } from "../../functions/core/media/uploads";
import { MB } from "../../functions/core/media/types";
import { MediaKeys } from "../../functions/core/storage/keys";
import type { MediaStore as Store } from "../../functions/core/storage/store";
import { createdEvent, head, putToTicket, Samples } from "../support/media";
import { createTestStore } from "../support/store";

const uploader = { id: "u-phong-vien", name: "Lê Thu Hà" };

/** presign → a real HTTP PUT of the bytes → the ObjectCreated event s3rver would send → processing. */
async function upload(store: Store, filename: string, contentType: string, bytes: Uint8Array) {
  const ticket = await createUpload(store, { filename, contentType, size: bytes.length }, uploader);
  const put = await putToTicket(ticket, bytes);
  expect(put.status).toBe(200);
  const key = (await getStored(store, ticket.id))!.uploadKey!;
  const outcomes = await handleS3Records(store, [createdEvent(store, key, bytes.length)]);
  return { ticket, key, outcome: outcomes[0], record: (await MediaLibrary.get(store, ticket.id))! };
}

async function bytesOf(store: Store, key: string) {
  const out = await store.s3.send(new GetObjectCommand({ Bucket: store.bucket, Key: key }));
  return { body: await out.Body!.transformToByteArray(), out };
}

describe("uploads against s3rver", () => {
  let store: Store;
  beforeAll(async () => {
    store = await createTestStore();
  });

  it("presigns a PUT with the size and type signed in, and records the upload as processing", async () => {
    const ticket = await createUpload(store, { filename: "Báo cáo tổng kết 2025.pdf", contentType: "application/pdf", size: 2048 }, uploader);
    const url = new URL(ticket.upload.url);
    expect(ticket.upload.method).toBe("PUT");
    expect(ticket.upload.headers).toEqual({ "Content-Type": "application/pdf" });
    expect(url.pathname).toBe(`/${store.bucket}/uploads/${ticket.id}/bao-cao-tong-ket-2025.pdf`);
    expect(url.searchParams.get("X-Amz-SignedHeaders")).toBe("content-length;content-type;host");
    expect(url.searchParams.get("X-Amz-Expires")).toBe("900");
    // No checksum of an empty body in the URL (S3 would refuse the real bytes).
    expect([...url.searchParams.keys()].filter((name) => /checksum/i.test(name))).toEqual([]);
    const record = await MediaLibrary.get(store, ticket.id);
    expect(record).toMatchObject({ id: ticket.id, kind: "file", status: "processing", filename: "Báo cáo tổng kết 2025.pdf", size: 2048, contentType: "application/pdf", uploadedBy: uploader, version: 1 });
  });

  it("publishes a PDF under media/ with its type, a download name and a year of cache; the original stays under uploads/", async () => {
    const bytes = Samples.pdf(300 * 1024);
    const { outcome, record, key } = await upload(store, "Báo cáo tổng kết.pdf", "application/pdf", bytes);
    expect(outcome).toBe("ready");
    expect(record).toMatchObject({ status: "ready", kind: "file", contentType: "application/pdf", size: bytes.length });
    expect(record.error).toBeUndefined();
    expect(record.url).toBe(`/media/${record.id}/bao-cao-tong-ket.pdf`);
    const { body, out } = await bytesOf(store, record.url!.slice(1));
    expect(Buffer.from(body).equals(Buffer.from(bytes))).toBe(true);
    expect(out.ContentType).toBe("application/pdf");
    expect(out.CacheControl).toBe("public, max-age=31536000, immutable");
    expect(out.ContentDisposition).toBe(`attachment; filename="Bao cao tong ket.pdf"; filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20t%E1%BB%95ng%20k%E1%BA%BFt.pdf`);
    expect(key.startsWith(`uploads/${record.id}/`)).toBe(true);
    expect(await head(store, key)).toBeDefined();
  });

  it("tells DOCX, XLSX and ZIP apart by their directory, and Word 97 by its stream names", async () => {
    const docx = await upload(store, "Kế hoạch.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", Samples.docx());
    expect(docx.record).toMatchObject({ status: "ready", contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" });
    expect(docx.record.url).toMatch(/\/ke-hoach\.docx$/);
    const xlsx = await upload(store, "Số liệu.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Samples.xlsx());
    expect(xlsx.record.status).toBe("ready");
    // Windows calls a ZIP application/x-zip-compressed.
    const archive = await upload(store, "Hồ sơ.zip", "application/x-zip-compressed", Samples.zip());
    expect(archive.record).toMatchObject({ status: "ready", contentType: "application/zip" });
    const doc = await upload(store, "Tờ trình.doc", "application/msword", Samples.doc());
    expect(doc.record).toMatchObject({ status: "ready", contentType: "application/msword" });
  });

  it("publishes MP4 and WebM videos without a download disposition", async () => {
    const mp4 = await upload(store, "Phóng sự.mp4", "video/mp4", Samples.mp4());
    expect(mp4.record).toMatchObject({ status: "ready", kind: "video", contentType: "video/mp4" });
    const { out } = await bytesOf(store, mp4.record.url!.slice(1));
    expect(out.ContentType).toBe("video/mp4");
    expect(out.ContentDisposition).toBeUndefined();
    const webm = await upload(store, "Hội nghị.webm", "video/webm", Samples.webm());
    expect(webm.record).toMatchObject({ status: "ready", kind: "video", contentType: "video/webm" });
  });

  it.each([
    ["a renamed executable", "Báo cáo.pdf", "application/pdf", Samples.exe(), /chương trình chạy được/],
    ["an unknown type", "Ghi chú.pdf", "application/pdf", Samples.unknown(), /không phải PDF, Word, Excel hoặc ZIP/],
    ["a declared PDF that is a ZIP", "Quyết định.pdf", "application/pdf", Samples.zip(), /Nội dung tệp là ZIP nhưng tệp được khai báo là PDF/],
    ["a declared DOCX that is a PDF", "Kế hoạch.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", Samples.pdf(), /là PDF nhưng/],
    ["a declared image that is a PDF", "Ảnh.jpg", "image/jpeg", Samples.pdf(), /là PDF nhưng tệp được khai báo là ảnh JPEG/],
    ["a MOV video", "Clip.mp4", "video/mp4", Samples.mov(), /MOV.*MP4/],
    ["a HEIC photo", "IMG_0001.heic", "image/heic", Samples.heic(), /HEIC.*JPEG/],
  ])("ends %s failed with a message, leaving nothing behind", async (_name, filename, type, bytes, message) => {
    const { outcome, record, key } = await upload(store, filename, type, bytes);
    expect(outcome).toBe("failed");
    expect(record.status).toBe("failed");
    expect(record.error).toMatch(message);
    expect(record.url).toBeUndefined();
    expect(await head(store, key)).toBeUndefined();
    const listed = await store.s3.send(new GetObjectCommand({ Bucket: store.bucket, Key: `media/${record.id}/x` })).catch((error) => error);
    expect((listed as Error).name).toBe("NoSuchKey");
  });

  it("checks the real size against the limit again (s3rver does not enforce the signed length)", async () => {
    const ticket = await createUpload(store, { filename: "Tài liệu.pdf", contentType: "application/pdf", size: 1024 }, uploader);
    const key = (await getStored(store, ticket.id))!.uploadKey!;
    // What a client ignoring the signature could leave: 51 MB under the presigned key.
    await store.s3.send(new PutObjectCommand({ Bucket: store.bucket, Key: key, Body: Samples.pdf(51 * MB), ContentType: "application/pdf" }));
    expect(await processUpload(store, key)).toBe("failed");
    const record = (await MediaLibrary.get(store, ticket.id))!;
    expect(record.error).toMatch(/lớn hơn giới hạn 50 MB/);
    expect(record.size).toBe(51 * MB);
  });

  it("refuses types and sizes outside the limits at presign, naming the field", async () => {
    const refuse = async (input: { filename: string; contentType: string; size: number }, field: string, message: RegExp) => {
      const error = await createUpload(store, input, uploader).catch((e) => e);
      expect(error).toMatchObject({ code: "VALIDATION" });
      expect(Object.keys(error.fields)).toEqual([field]);
      expect(error.message).toMatch(message);
    };
    await refuse({ filename: "setup.exe", contentType: "application/x-msdownload", size: 1000 }, "contentType", /Loại tệp không được phép/);
    await refuse({ filename: "trang.html", contentType: "text/html", size: 1000 }, "contentType", /Loại tệp không được phép/);
    await refuse({ filename: "anh.jpg", contentType: "image/jpeg", size: 30 * MB + 1 }, "size", /30 MB cho ảnh/);
    await refuse({ filename: "bao-cao.pdf", contentType: "application/pdf", size: 50 * MB + 1 }, "size", /50 MB cho tài liệu/);
    await refuse({ filename: "phim.mp4", contentType: "video/mp4", size: 500 * MB + 1 }, "size", /500 MB cho video/);
    await refuse({ filename: "phim.mp4", contentType: "video/mp4", size: 120 * MB }, "size", /nhiều phần.*chưa được hỗ trợ/);
    await refuse({ filename: "rong.pdf", contentType: "application/pdf", size: 0 }, "size", /rỗng/);
    // A browser that does not know the type: the extension decides, the bytes are checked later.
    const ticket = await createUpload(store, { filename: "bieu-mau.docx", contentType: "", size: 1000 }, uploader);
    expect(ticket.upload.headers["Content-Type"]).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  });

  it("is idempotent: a repeated event changes nothing, another key or bucket is ignored", async () => {
    const { record, key } = await upload(store, "Thông báo.pdf", "application/pdf", Samples.pdf());
    expect(await processUpload(store, key)).toBe("done-already");
    expect((await MediaLibrary.get(store, record.id))!.updatedAt).toBe(record.updatedAt);
    expect(await processUpload(store, `media/${record.id}/thong-bao.pdf`)).toBe("ignored");
    expect(await processUpload(store, `uploads/${record.id}/khac.pdf`)).toBe("ignored");
    expect(await handleS3Records(store, [{ ...createdEvent(store, key), s3: { bucket: { name: "bucket-khac" }, object: { key } } }])).toEqual(["ignored"]);
    // Concurrent duplicates of a new upload: one run settles it, the other finds it done.
    const ticket = await createUpload(store, { filename: "Song song.pdf", contentType: "application/pdf", size: 2048 }, uploader);
    await putToTicket(ticket, Samples.pdf(2048));
    const upKey = (await getStored(store, ticket.id))!.uploadKey!;
    const both = await Promise.all([processUpload(store, upKey), processUpload(store, upKey)]);
    expect(both.filter((o) => o === "ready")).toHaveLength(1);
    expect((await MediaLibrary.get(store, ticket.id))!.status).toBe("ready");
  });

  it("never leaves a record processing: no upload, or processing that started and never ended, reads as failed", async () => {
    const waiting = await createUpload(store, { filename: "Chưa tải.pdf", contentType: "application/pdf", size: 2048 }, uploader);
    expect((await MediaLibrary.get(store, waiting.id))!.status).toBe("processing");
    const later = new Date(Date.now() + 31 * 60_000);
    expect(await MediaLibrary.get(store, waiting.id, later)).toMatchObject({ status: "failed", error: NOT_RECEIVED });
    // An event arriving after the deadline makes the failure stick instead of publishing late.
    await putToTicket(waiting, Samples.pdf(2048));
    const key = (await getStored(store, waiting.id))!.uploadKey!;
    expect(await processUpload(store, key, later)).toBe("failed");
    expect(await MediaLibrary.get(store, waiting.id)).toMatchObject({ status: "failed", error: NOT_RECEIVED });

    const stuck = await createUpload(store, { filename: "Kẹt.pdf", contentType: "application/pdf", size: 2048 }, uploader);
    await store.db.send(
      new UpdateCommand({
        TableName: store.table,
        Key: MediaKeys.item(stuck.id),
        UpdateExpression: "SET processingStartedAt = :at",
        ExpressionAttributeValues: { ":at": new Date(Date.now() - 6 * 60_000).toISOString() },
      }),
    );
    expect(await MediaLibrary.get(store, stuck.id)).toMatchObject({ status: "failed", error: TIMED_OUT });
    const page = await MediaLibrary.list(store, { kind: "file", limit: 100 });
    expect(page.items.find((item) => item.id === stuck.id)).toMatchObject({ status: "failed", error: TIMED_OUT });
  });

  it("imports bytes as a ready file (seeds), refusing what is not allowed", async () => {
    const record = await MediaLibrary.importFile(store, { id: "seed-quyet-dinh-01", filename: "Quyết định số 01.pdf", bytes: Samples.pdf(), uploadedBy: uploader });
    expect(record).toMatchObject({ id: "seed-quyet-dinh-01", status: "ready", kind: "file", contentType: "application/pdf", url: "/media/seed-quyet-dinh-01/quyet-dinh-so-01.pdf" });
    expect((await head(store, "media/seed-quyet-dinh-01/quyet-dinh-so-01.pdf"))?.ContentType).toBe("application/pdf");
    await expect(MediaLibrary.importFile(store, { filename: "x.pdf", bytes: Samples.exe(), uploadedBy: uploader })).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(MediaLibrary.importFile(store, { id: "seed-quyet-dinh-01", filename: "x.pdf", bytes: Samples.pdf(), uploadedBy: uploader })).rejects.toMatchObject({ code: "CONFLICT" });
    const snapshots = await fileSnapshots(store, ["seed-quyet-dinh-01"], "files");
    expect(snapshots).toEqual([{ id: "seed-quyet-dinh-01", filename: "Quyết định số 01.pdf", size: record.size, contentType: "application/pdf", url: record.url }]);
    await expect(fileSnapshots(store, ["khong-co"], "files")).rejects.toMatchObject({ code: "VALIDATION", fields: { files: "Không tìm thấy tệp khong-co." } });
  });
});
