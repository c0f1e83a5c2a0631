import { crc32, deflateSync } from "node:zlib";
import { GetObjectCommand, ListObjectsV2Command } from "@aws-sdk/client-s3";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { getStored, MediaLibrary } from "../../functions/core/media/library";
import { processUpload } from "../../functions/core/media/process";
import { createUpload } from "../../functions/core/media/uploads";
import type { MediaStore as Store } from "../../functions/core/storage/store";
import { putToTicket, Samples } from "../support/media";
import { createTestStore } from "../support/store";

const uploader = { id: "u-phong-vien", name: "Lê Thu Hà" };
const GPS = { GPSLatitudeRef: "N", GPSLatitude: "10/1 2/1 0/1", GPSLongitudeRef: "E", GPSLongitude: "105/1 46/1 0/1" };

async function upload(store: Store, filename: string, contentType: string, bytes: Uint8Array) {
  const ticket = await createUpload(store, { filename, contentType, size: bytes.length }, uploader);
  expect((await putToTicket(ticket, bytes)).status).toBe(200);
  const key = (await getStored(store, ticket.id))!.uploadKey!;
  const outcome = await processUpload(store, key);
  return { outcome, key, record: (await MediaLibrary.get(store, ticket.id))! };
}

async function object(store: Store, url: string) {
  const out = await store.s3.send(new GetObjectCommand({ Bucket: store.bucket, Key: url.slice(1) }));
  return { out, body: Buffer.from(await out.Body!.transformToByteArray()) };
}

async function publicKeys(store: Store, id: string) {
  const out = await store.s3.send(new ListObjectsV2Command({ Bucket: store.bucket, Prefix: `media/${id}/` }));
  return (out.Contents ?? []).map((o) => o.Key!).sort();
}

/** A PNG whose header claims `width` × `height` over a few bytes of data: the pixel cap must act on the header. */
function pngHeader(width: number, height: number): Uint8Array {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return new Uint8Array(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", ihdr), chunk("IDAT", deflateSync(Buffer.alloc(64))), chunk("IEND", Buffer.alloc(0))]));
}

describe("image pipeline on s3rver", () => {
  let store: Store;
  let phone: Buffer;
  beforeAll(async () => {
    store = await createTestStore();
    // A 12-megapixel phone photo stored sideways (EXIF orientation 6) with GPS: red left half, blue right half.
    const half = await sharp({ create: { width: 2000, height: 3000, channels: 3, background: "#d01010" } }).png().toBuffer();
    phone = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: "#1010d0" } })
      .composite([{ input: half, left: 0, top: 0 }])
      .jpeg({ quality: 85 })
      .withMetadata({ orientation: 6 })
      .withExif({ IFD0: { Make: "Điện thoại Hòa Phong", Model: "HP-12" }, IFD3: GPS })
      .toBuffer();
    const meta = await sharp(phone).metadata();
    expect(meta.orientation).toBe(6);
    // The GPS IFD pointer (tag 0x8825, either byte order) and the camera model are in the original.
    expect(meta.exif!.includes(Buffer.from([0x88, 0x25])) || meta.exif!.includes(Buffer.from([0x25, 0x88]))).toBe(true);
    expect(meta.exif!.includes(Buffer.from("HP-12"))).toBe(true);
  });

  it("turns a rotated phone photo with GPS into upright WebP and JPEG variants without metadata", async () => {
    const { outcome, record, key } = await upload(store, "Hội nghị tổng kết.jpg", "image/jpeg", new Uint8Array(phone));
    expect(outcome).toBe("ready");
    expect(record).toMatchObject({ status: "ready", kind: "image", contentType: "image/jpeg", width: 3000, height: 4000 });
    expect(record.variants!.map((v) => `${v.width}.${v.format}`)).toEqual([
      "320.webp", "320.jpeg", "640.webp", "640.jpeg", "1024.webp", "1024.jpeg", "1600.webp", "1600.jpeg", "1200.jpeg",
    ]);
    expect(record.url).toBe(`/media/${record.id}/1600.jpg`);
    expect(record.placeholder).toMatch(/^data:image\/webp;base64,[A-Za-z0-9+/=]{20,400}$/);
    for (const variant of record.variants!) {
      expect(variant.url.startsWith(`/media/${record.id}/`)).toBe(true);
      const { out, body } = await object(store, variant.url);
      expect(out.ContentType).toBe(variant.format === "jpeg" ? "image/jpeg" : "image/webp");
      expect(out.CacheControl).toBe("public, max-age=31536000, immutable");
      const meta = await sharp(body).metadata();
      expect(meta.width).toBe(variant.width);
      expect(meta.height).toBe(Math.round((variant.width * 4000) / 3000));
      expect(meta.exif).toBeUndefined();
      expect(meta.orientation).toBeUndefined();
      expect(meta.icc).toBeUndefined();
      // No EXIF segment at all (so no GPS IFD), no XMP, no camera model.
      expect(body.includes(Buffer.from("Exif\0\0", "latin1"))).toBe(false);
      expect(body.includes(Buffer.from("http://ns.adobe.com/xap"))).toBe(false);
      expect(body.includes(Buffer.from("HP-12"))).toBe(false);
    }
    // Upright: the stored left (red) half is the displayed top.
    const { body } = await object(store, `/media/${record.id}/320.jpg`);
    const { data, info } = await sharp(body).raw().toBuffer({ resolveWithObject: true });
    const pixel = (x: number, y: number) => [...data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3)];
    const [r1, , b1] = pixel(160, 20);
    const [r2, , b2] = pixel(160, info.height - 20);
    expect(r1! > 150 && b1! < 80).toBe(true);
    expect(b2! > 150 && r2! < 80).toBe(true);
    // The original stays under uploads/, outside the public prefix.
    expect(key.startsWith(`uploads/${record.id}/`)).toBe(true);
    // Solid halves read as "not sharp"; the size and the light are fine.
    expect(record.warnings ?? []).not.toContainEqual(expect.stringMatching(/chỉ rộng|rất tối/));
  });

  it("never upscales a small image, and warns about it", async () => {
    const small = await sharp({ create: { width: 200, height: 150, channels: 4, background: { r: 40, g: 160, b: 60, alpha: 0.5 } } }).png().toBuffer();
    const { record } = await upload(store, "Biểu trưng.png", "image/png", new Uint8Array(small));
    expect(record).toMatchObject({ status: "ready", width: 200, height: 150, contentType: "image/png" });
    expect(record.variants!.map((v) => v.width)).toEqual([200, 200]);
    expect(record.warnings?.[0]).toMatch(/chỉ rộng 200 px/);
    expect(await publicKeys(store, record.id)).toEqual([`media/${record.id}/200.jpg`, `media/${record.id}/200.webp`]);
  });

  it("warns about a very dark photo without refusing it", async () => {
    const dark = await sharp({ create: { width: 1200, height: 800, channels: 3, background: "#000000", noise: { type: "gaussian", mean: 15, sigma: 8 } } }).jpeg().toBuffer();
    const { record } = await upload(store, "Ảnh đêm.jpg", "image/jpeg", new Uint8Array(dark));
    expect(record.status).toBe("ready");
    expect(record.warnings).toEqual([expect.stringMatching(/rất tối/)]);
  });

  it.each([
    ["a truncated JPEG", "Ảnh hỏng.jpg", "image/jpeg", () => new Uint8Array(phone.subarray(0, phone.length / 2)), /hỏng hoặc chưa tải lên hết/],
    ["a 121-megapixel PNG", "Bản đồ.png", "image/png", () => pngHeader(11_000, 11_000), /quá lớn \(121 megapixel, tối đa 100 megapixel\)/],
    ["HEIC", "IMG_0420.heic", "image/heic", () => Samples.heic(), /HEIC/],
    ["a renamed executable", "Ảnh.jpg", "image/jpeg", () => Samples.exe(), /chương trình chạy được/],
  ])("ends %s failed with a clear message and nothing written", async (_name, filename, type, bytes, message) => {
    const { outcome, record } = await upload(store, filename, type, bytes());
    expect(outcome).toBe("failed");
    expect(record.error).toMatch(message);
    expect(record.variants).toBeUndefined();
    expect(await publicKeys(store, record.id)).toEqual([]);
  });

  it("imports an image for seeds through the same pipeline", async () => {
    const art = await sharp({ create: { width: 1800, height: 1200, channels: 3, background: "#000000", noise: { type: "gaussian", mean: 128, sigma: 50 } } }).jpeg().toBuffer();
    const record = await MediaLibrary.importFile(store, { id: "seed-anh-01", filename: "Cầu Hòa Phong.jpg", bytes: new Uint8Array(art), uploadedBy: uploader });
    expect(record).toMatchObject({ id: "seed-anh-01", kind: "image", status: "ready", width: 1800, height: 1200, url: "/media/seed-anh-01/1600.jpg" });
    await expect(MediaLibrary.importFile(store, { filename: "x.png", bytes: pngHeader(11_000, 11_000), uploadedBy: uploader })).rejects.toMatchObject({ code: "VALIDATION" });
  });
});
