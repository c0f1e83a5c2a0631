/**
 * Presigned uploads (docs/architecture.md, "Media"): the browser sends the bytes straight to the
 * bucket's private uploads/ prefix, never through the API (1 MB body limit, Lambda payloads).
 * The declared type and size are checked here against the allow-list and signed into the URL;
 * processing (process.ts) checks the real bytes again, since a client can lie and s3rver does not
 * enforce what is signed. Above SINGLE_PUT_LIMIT the upload is multipart (multipart.ts): one
 * presigned URL per part, then `POST /api/uploads/:id/complete`.
 */
import { randomUUID } from "node:crypto";
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { invalid } from "../shared/errors";
import { s3Of, type Store } from "../storage/store";
import { recordPut, toRecord, type MediaRecord, type StoredMedia } from "./library";
import { startMultipart, type MultipartUpload } from "./multipart";
import { ALLOWED_TYPES, ObjectKeys, SINGLE_PUT_LIMIT, cleanFilename, declaredType, formatSize, safeName, tooLargeMessage } from "./types";

/** How long a presigned URL is valid. */
export const UPLOAD_URL_SECONDS = 15 * 60;

export interface UploadTicket {
  id: string;
  upload: { url: string; method: "PUT"; headers: Record<string, string> };
  record: MediaRecord;
}

/** The ticket of a file above SINGLE_PUT_LIMIT: one presigned URL per part (multipart.ts). */
export interface MultipartTicket {
  id: string;
  upload: MultipartUpload;
  record: MediaRecord;
}

const presigners = new WeakMap<S3Client, S3Client>();

/**
 * A client for presigning only, built from the store's (same region, endpoint, credentials), that
 * adds no checksum: with the SDK's default (`WHEN_SUPPORTED`) a presigned PUT carries the CRC32 of
 * an empty body in its query string, and S3 then refuses every real upload.
 */
function presigner(store: Store): S3Client {
  let client = presigners.get(s3Of(store));
  if (!client) {
    const config = s3Of(store).config;
    client = new S3Client({
      region: config.region,
      credentials: config.credentials,
      endpoint: config.endpoint,
      forcePathStyle: config.forcePathStyle,
      requestChecksumCalculation: "WHEN_REQUIRED",
    });
    presigners.set(s3Of(store), client);
  }
  return client;
}

export const ALLOWED_LIST = "ảnh JPEG, PNG, WebP, GIF, HEIC; tài liệu PDF, Word, Excel, ZIP; video MP4, WebM";

type UploadInput = { filename: string; contentType: string; size: number };

/** The record of a declared upload, checked against the allow-list; 400 naming `contentType` or `size`. */
function declared(input: UploadInput, uploadedBy: { id: string; name: string }): StoredMedia {
  const filename = cleanFilename(input.filename);
  const type = declaredType(input.contentType, filename);
  if (!type) throw invalid(`Loại tệp không được phép. Chỉ nhận ${ALLOWED_LIST}.`, { contentType: `Chỉ nhận ${ALLOWED_LIST}.` });
  const allowed = ALLOWED_TYPES[type]!;
  if (!Number.isSafeInteger(input.size) || input.size < 1) throw invalid("Tệp rỗng hoặc kích thước không hợp lệ.", { size: "Kích thước phải là số byte lớn hơn 0." });
  if (input.size > allowed.maxBytes) throw invalid(tooLargeMessage(allowed), { size: `Tối đa ${formatSize(allowed.maxBytes)}.` });
  const id = randomUUID();
  const now = new Date().toISOString();
  return {
    id, kind: allowed.kind, status: "processing", filename, size: input.size, contentType: type, declaredType: type,
    uploadKey: ObjectKeys.upload(id, safeName(filename, type)), uploadedBy, createdAt: now, updatedAt: now, version: 1,
  };
}

/**
 * Checks a declared upload of at most SINGLE_PUT_LIMIT, creates its record (`processing`, the
 * declared kind and type) and returns the presigned PUT: the client must send exactly `headers`
 * and `size` bytes. 400 naming `contentType` or `size` when they are outside the limits (a larger
 * file goes through `startUpload`).
 */
export async function createUpload(store: Store, input: UploadInput, uploadedBy: { id: string; name: string }): Promise<UploadTicket> {
  const item = declared(input, uploadedBy);
  if (item.size > SINGLE_PUT_LIMIT)
    throw invalid(`Tệp trên ${formatSize(SINGLE_PUT_LIMIT)} được tải lên theo nhiều phần; tải lên một lần chưa được hỗ trợ với tệp lớn như vậy.`, {
      size: `Tải lên một lần chỉ nhận tệp đến ${formatSize(SINGLE_PUT_LIMIT)}.`,
    });
  const url = await getSignedUrl(
    presigner(store),
    new PutObjectCommand({ Bucket: store.bucket, Key: item.uploadKey, ContentType: item.contentType, ContentLength: item.size }),
    { expiresIn: UPLOAD_URL_SECONDS, signableHeaders: new Set(["content-type", "content-length"]) },
  );
  await store.db.send(recordPut(store, item));
  return { id: item.id, upload: { url, method: "PUT", headers: { "Content-Type": item.contentType } }, record: toRecord(item as unknown as Record<string, unknown>) };
}

/**
 * What `POST /api/uploads` answers: the single presigned PUT of `createUpload` up to
 * SINGLE_PUT_LIMIT, above it (the declared size decides; sniffing after the upload still decides
 * the type) a multipart upload started in S3 with one presigned URL per part.
 */
export async function startUpload(store: Store, input: UploadInput, uploadedBy: { id: string; name: string }): Promise<UploadTicket | MultipartTicket> {
  if (!(input.size > SINGLE_PUT_LIMIT)) return createUpload(store, input, uploadedBy);
  const item = declared(input, uploadedBy);
  const started = await startMultipart(store, presigner(store), { key: item.uploadKey!, contentType: item.contentType, size: item.size });
  const stored = { ...item, multipart: started.state, uploadDeadline: started.uploadDeadline };
  try {
    await store.db.send(recordPut(store, stored));
  } catch (error) {
    await started.abandon();
    throw error;
  }
  return { id: item.id, upload: started.upload, record: toRecord(stored as unknown as Record<string, unknown>) };
}
