/**
 * What the media library accepts (docs/architecture.md, "Media"): the allowed types per kind, their
 * size limits, and the names objects get. Pure data and functions, shared by the presign route, the
 * processing function and the seed import, so the three can never accept different things.
 */
import { foldVietnamese } from "../shared/text";

export type MediaKind = "image" | "file" | "video";
export type MediaStatus = "processing" | "ready" | "failed";

export const MB = 1024 * 1024;

/** Largest single PUT we presign; above it the upload is multipart (multipart.ts: 16 MiB parts, resumable part by part). */
export const SINGLE_PUT_LIMIT = 100 * MB;

/** One allowed content type: its kind, canonical extension, Vietnamese label and size limit. */
export interface AllowedType {
  kind: MediaKind;
  ext: string;
  label: string;
  maxBytes: number;
}

const IMAGE = (ext: string, label: string): AllowedType => ({ kind: "image", ext, label, maxBytes: 30 * MB });
const FILE = (ext: string, label: string): AllowedType => ({ kind: "file", ext, label, maxBytes: 50 * MB });
const VIDEO = (ext: string, label: string): AllowedType => ({ kind: "video", ext, label, maxBytes: 500 * MB });

export const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
export const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/**
 * The allow-list. HEIC is accepted at presign time so that processing can tell the editor what to
 * do with an iPhone photo (convert it to JPEG) instead of a bare refusal.
 */
export const ALLOWED_TYPES: Record<string, AllowedType> = {
  "image/jpeg": IMAGE("jpg", "ảnh JPEG"),
  "image/png": IMAGE("png", "ảnh PNG"),
  "image/webp": IMAGE("webp", "ảnh WebP"),
  "image/gif": IMAGE("gif", "ảnh GIF"),
  "image/heic": IMAGE("heic", "ảnh HEIC"),
  "image/heif": IMAGE("heif", "ảnh HEIF"),
  "application/pdf": FILE("pdf", "PDF"),
  "application/msword": FILE("doc", "Word (.doc)"),
  [DOCX]: FILE("docx", "Word (.docx)"),
  "application/vnd.ms-excel": FILE("xls", "Excel (.xls)"),
  [XLSX]: FILE("xlsx", "Excel (.xlsx)"),
  "application/zip": FILE("zip", "ZIP"),
  "video/mp4": VIDEO("mp4", "video MP4"),
  "video/webm": VIDEO("webm", "video WebM"),
};

/** Names browsers and operating systems give the same types (Windows sends ZIP as x-zip-compressed). */
const ALIASES: Record<string, string> = {
  "image/jpg": "image/jpeg",
  "image/pjpeg": "image/jpeg",
  "application/x-zip-compressed": "application/zip",
  "application/x-zip": "application/zip",
  "image/heic-sequence": "image/heic",
  "image/heif-sequence": "image/heif",
};

const BY_EXTENSION: Record<string, string> = {
  jpeg: "image/jpeg",
  ...Object.fromEntries(Object.entries(ALLOWED_TYPES).map(([type, allowed]) => [allowed.ext, type])),
};

/**
 * The allowed type a client declared, or undefined. A browser that does not know the type sends
 * "" or application/octet-stream: then the file name's extension decides (the bytes are sniffed
 * after the upload anyway, so neither is trusted).
 */
export function declaredType(contentType: string, filename: string): string | undefined {
  const type = contentType.split(";")[0]!.trim().toLowerCase();
  const canonical = ALIASES[type] ?? type;
  if (ALLOWED_TYPES[canonical]) return canonical;
  if (type === "" || type === "application/octet-stream") {
    const ext = /\.([a-z0-9]{1,5})$/i.exec(filename)?.[1]?.toLowerCase();
    return ext ? BY_EXTENSION[ext] : undefined;
  }
  return undefined;
}

/** "52.428.800 byte" → "50 MB": limits as people read them. */
export function formatSize(bytes: number): string {
  return bytes >= MB ? `${Math.round(bytes / MB).toLocaleString("vi-VN")} MB` : `${Math.ceil(bytes / 1024).toLocaleString("vi-VN")} KB`;
}

const KIND_LABEL: Record<MediaKind, string> = { image: "ảnh", file: "tài liệu", video: "video" };

/** The Vietnamese message for a file over its limit, with what to do. */
export function tooLargeMessage(type: AllowedType): string {
  const advice = type.kind === "image" ? "Hãy giảm kích thước ảnh" : type.kind === "video" ? "Hãy nén hoặc cắt ngắn video" : "Hãy nén hoặc chia nhỏ tệp";
  return `Tệp lớn hơn giới hạn ${formatSize(type.maxBytes)} cho ${KIND_LABEL[type.kind]}. ${advice} rồi tải lên lại.`;
}

const UNWANTED = /[\u0000-\u001F\u007F-\u009F\u061C\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * The uploader's file name as readers see it (download name, listings): the last path segment,
 * no control, bidirectional or zero-width characters ("Báo cáo\u202Etxt.exe" must not read as
 * "…exe.txt"), NFC, at most 200 characters; "tep" when nothing is left. Same characters as
 * shared/html.ts cleanText, which this module cannot import (it pulls in the sanitizer).
 */
export function cleanFilename(filename: string): string {
  const last = filename.split(/[\\/]/).pop() ?? "";
  const cleaned = last.replace(UNWANTED, "").normalize("NFC").replace(/\s+/g, " ").trim();
  return Array.from(cleaned).slice(0, 200).join("") || "tep";
}

/**
 * The object name of a file: the name's stem folded to ASCII ("Báo cáo tổng kết.PDF" →
 * "bao-cao-tong-ket") with the canonical extension of its real type, so a URL never carries the
 * uploader's extension. At most 80 characters before the extension.
 */
export function safeName(filename: string, contentType: string): string {
  const stem = cleanFilename(filename).replace(/\.[^.]{1,5}$/, "");
  const slug = foldVietnamese(stem).replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 80).replace(/-+$/, "");
  const ext = ALLOWED_TYPES[contentType]?.ext ?? "bin";
  return `${slug || "tep"}.${ext}`;
}

/** Object keys in the media bucket: originals stay private under uploads/, public copies under media/. */
export const ObjectKeys = {
  upload: (id: string, name: string) => `uploads/${id}/${name}`,
  uploadPrefix: (id: string) => `uploads/${id}/`,
  public: (id: string, name: string) => `media/${id}/${name}`,
  publicPrefix: (id: string) => `media/${id}/`,
  /** The media id of an uploads/ key, or undefined for any other key. */
  idOfUpload: (key: string) => /^uploads\/([\w-]{1,64})\/[^/]+$/.exec(key)?.[1],
};

/** The public URL of an object under media/ (CloudFront, or the local server, serves /media/*). */
export const publicUrl = (key: string) => `/${key}`;

export const MEDIA_ID = /^[\w-]{1,64}$/;
