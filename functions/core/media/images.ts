/**
 * The image pipeline (docs/architecture.md, "Media"): an uploaded photo becomes public variants
 * without any of its metadata. Checks the pixel count from the header before decoding anything,
 * decodes once (rotated by its EXIF orientation, shrunk on load to the widest variant), then
 * writes WebP and JPEG variants one after another, never wider than the photo, plus a tiny
 * blurred placeholder. sharp's output carries no EXIF, GPS, XMP or ICC data unless asked to, and
 * nothing here asks. sharp is loaded with `require` on first use: it is a native module kept out
 * of every bundle (on Lambda it comes from a layer, infra/Media.ts), and only this path needs it.
 */
import { createRequire } from "node:module";
import type { Metadata, OutputInfo, Sharp as SharpImage } from "sharp";
import type { Store } from "../storage/store";
import type { MediaVariant } from "./library";
import { IMMUTABLE, putPublic } from "./objects";
import { publicUrl } from "./types";

type Sharp = (typeof import("sharp"))["default"];
export type RenderedImage =
  | { url: string; width: number; height: number; variants: MediaVariant[]; placeholder: string; contentType: string; warnings?: string[] }
  | { error: string };

/** Widths of the variants (px); an image narrower than one gets no variant wider than itself. */
export const VARIANT_WIDTHS = [320, 640, 1024, 1600] as const;
/** The width OpenGraph and Twitter cards ask for: one more JPEG, made only when the image is that wide. */
export const SHARE_WIDTH = 1200;
/** Above this an image is refused before it is decoded (a 100-megapixel RGBA decode is 400 MB). */
export const MAX_PIXELS = 100_000_000;

let loaded: Sharp | undefined;
/** sharp, configured for a bounded Lambda: no operation cache, one libvips thread per image. */
function sharp(): Sharp {
  if (!loaded) {
    loaded = createRequire(import.meta.url)("sharp") as Sharp;
    loaded.cache(false);
    loaded.concurrency(1);
  }
  return loaded;
}

const UNREADABLE = "Ảnh bị hỏng hoặc chưa tải lên hết nên không đọc được. Hãy mở ảnh trên máy, lưu lại dưới dạng JPEG rồi tải lên lại.";
const FORMATS: Record<string, string> = { jpeg: "image/jpeg", png: "image/png", webp: "image/webp", gif: "image/gif" };

/**
 * Renders `bytes` (already sniffed as JPEG, PNG, WebP or GIF) to media/<id>/<width>.webp|.jpg.
 * Returns what the record keeps, or a Vietnamese error with what to do; nothing is written
 * before the image has been fully decoded.
 */
export async function renderImage(store: Store, id: string, bytes: Uint8Array): Promise<RenderedImage> {
  const lib = sharp();
  const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let meta: Metadata;
  try {
    meta = await lib(input, { limitInputPixels: false }).metadata();
  } catch {
    return { error: UNREADABLE };
  }
  const format = meta.format && FORMATS[meta.format];
  if (!format) return { error: "Tệp không phải ảnh JPEG, PNG, WebP hoặc GIF. Hãy lưu ảnh ở một trong các định dạng đó rồi tải lên lại." };
  const pixels = (meta.width ?? 0) * (meta.height ?? 0);
  if (!pixels) return { error: UNREADABLE };
  if (pixels > MAX_PIXELS)
    return {
      error: `Ảnh quá lớn (${Math.round(pixels / 1_000_000).toLocaleString("vi-VN")} megapixel, tối đa ${MAX_PIXELS / 1_000_000} megapixel). Hãy giảm kích thước ảnh (ví dụ xuống chiều rộng 4.000 px) rồi tải lên lại.`,
    };

  // One decode: EXIF-rotated, shrunk on load to the widest variant; `failOn: "warning"` turns a
  // truncated or corrupt file into an error instead of a half-grey picture.
  let base: { data: Buffer; info: OutputInfo };
  try {
    base = await lib(input, { limitInputPixels: MAX_PIXELS, failOn: "warning", animated: false })
      .rotate()
      .resize({ width: VARIANT_WIDTHS[VARIANT_WIDTHS.length - 1], withoutEnlargement: true })
      .flatten({ background: "#ffffff" })
      .raw()
      .toBuffer({ resolveWithObject: true });
  } catch {
    return { error: UNREADABLE };
  }
  const raw = { raw: { width: base.info.width, height: base.info.height, channels: base.info.channels } };
  // The displayed size of the original (orientations 5–8 swap the axes).
  const swapped = (meta.orientation ?? 1) >= 5;
  const width = swapped ? meta.height! : meta.width!;
  const height = swapped ? meta.width! : meta.height!;

  const widths: number[] = VARIANT_WIDTHS.filter((w) => w <= base.info.width);
  if (widths.length === 0) widths.push(base.info.width);
  const variants: MediaVariant[] = [];
  for (const w of widths) {
    const resized = () => lib(base.data, raw).resize({ width: w, withoutEnlargement: true });
    for (const [ext, type, encode] of [
      ["webp", "image/webp", (s: SharpImage) => s.webp({ quality: 78, effort: 2 })],
      ["jpg", "image/jpeg", (s: SharpImage) => s.jpeg({ quality: 80, progressive: true })],
    ] as const) {
      const key = `media/${id}/${w}.${ext}`;
      await putPublic(store, key, await encode(resized()).toBuffer(), { ContentType: type, CacheControl: IMMUTABLE });
      variants.push({ width: w, format: ext === "jpg" ? "jpeg" : "webp", url: publicUrl(key) });
    }
  }

  if (base.info.width >= SHARE_WIDTH) {
    const key = `media/${id}/${SHARE_WIDTH}.jpg`;
    const share = await lib(base.data, raw).resize({ width: SHARE_WIDTH }).jpeg({ quality: 80, progressive: true }).toBuffer();
    await putPublic(store, key, share, { ContentType: "image/jpeg", CacheControl: IMMUTABLE });
    variants.push({ width: SHARE_WIDTH, format: "jpeg", url: publicUrl(key) });
  }

  const tiny = await lib(base.data, raw).resize({ width: 16 }).webp({ quality: 40 }).toBuffer();
  // stats() reads its input (the decoded base), whatever the pipeline says.
  const stats = await lib(base.data, raw).stats();
  const mean = stats.channels.reduce((sum, channel) => sum + channel.mean, 0) / Math.max(1, stats.channels.length);
  const warnings = qualityWarnings(width, height, mean, stats.sharpness);
  const largestJpeg = variants.filter((v) => v.format === "jpeg").reduce((a, b) => (b.width > a.width ? b : a));
  return {
    url: largestJpeg.url,
    width,
    height,
    variants,
    placeholder: `data:image/webp;base64,${tiny.toString("base64")}`,
    contentType: format,
    ...(warnings.length ? { warnings } : {}),
  };
}

/** What an editor should know before using the photo; never a refusal. */
export function qualityWarnings(width: number, height: number, meanLuminance: number, sharpness: number): string[] {
  const warnings: string[] = [];
  if (width < 1024) warnings.push(`Ảnh chỉ rộng ${width.toLocaleString("vi-VN")} px (nên từ 1.024 px trở lên): sẽ mờ trên màn hình lớn.`);
  const ratio = width / height;
  if (ratio > 3 || ratio < 1 / 3) warnings.push("Ảnh quá dài hoặc quá hẹp so với khung hiển thị: nên cắt lại trước khi dùng làm ảnh đại diện.");
  if (meanLuminance < 40) warnings.push("Ảnh rất tối: nên chỉnh sáng trước khi đăng.");
  if (sharpness < 0.25) warnings.push("Ảnh có vẻ bị nhòe (thiếu nét): nên chọn ảnh khác nếu có.");
  return warnings;
}
