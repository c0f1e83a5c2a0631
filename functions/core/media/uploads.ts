/**
 * Presigned uploads (docs/architecture.md, "Media"): the browser sends the bytes straight to the
 * bucket's private uploads/ prefix, never through the API (1 MB body limit, Lambda payloads).
 * The declared type and size are checked here against the allow-list and signed into the URL;
 * processing (process.ts) checks the real bytes again, since a client can lie and s3rver does not
 * enforce what is signed.
 */
import { randomUUID } from "node:crypto";
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { invalid } from "../shared/errors";
import type { Store } from "../storage/store";
import { recordPut, toRecord, type MediaRecord, type StoredMedia } from "./library";
import { ALLOWED_TYPES, ObjectKeys, SINGLE_PUT_LIMIT, cleanFilename, declaredType, formatSize, safeName, tooLargeMessage } from "./types";

/** How long a presigned URL is valid. */
export const UPLOAD_URL_SECONDS = 15 * 60;

export interface UploadTicket {
  id: string;
  upload: { url: string; method: "PUT"; headers: Record<string, string> };
  record: MediaRecord;
}

const presigners = new WeakMap<S3Client, S3Client>();

/**
 * A client for presigning only, built from the store's (same region, endpoint, credentials), that
 * adds no checksum: with the SDK's default (`WHEN_SUPPORTED`) a presigned PUT carries the CRC32 of
 * an empty body in its query string, and S3 then refuses every real upload.
 */
function presigner(store: Store): S3Client {
  let client = presigners.get(store.s3);
  if (!client) {
    const config = store.s3.config;
    client = new S3Client({
      region: config.region,
      credentials: config.credentials,
      endpoint: config.endpoint,
      forcePathStyle: config.forcePathStyle,
      requestChecksumCalculation: "WHEN_REQUIRED",
    });
    presigners.set(store.s3, client);
  }
  return client;
}

export const ALLOWED_LIST = "ảnh JPEG, PNG, WebP, GIF, HEIC; tài liệu PDF, Word, Excel, ZIP; video MP4, WebM";

/**
 * Checks a declared upload, creates its record (`processing`, the declared kind and type) and
 * returns the presigned PUT: the client must send exactly `headers` and `size` bytes.
 * 400 naming `contentType` or `size` when they are outside the limits.
 */
export async function createUpload(
  store: Store,
  input: { filename: string; contentType: string; size: number },
  uploadedBy: { id: string; name: string },
): Promise<UploadTicket> {
  const filename = cleanFilename(input.filename);
  const type = declaredType(input.contentType, filename);
  if (!type) throw invalid(`Loại tệp không được phép. Chỉ nhận ${ALLOWED_LIST}.`, { contentType: `Chỉ nhận ${ALLOWED_LIST}.` });
  const allowed = ALLOWED_TYPES[type]!;
  if (!Number.isSafeInteger(input.size) || input.size < 1) throw invalid("Tệp rỗng hoặc kích thước không hợp lệ.", { size: "Kích thước phải là số byte lớn hơn 0." });
  if (input.size > allowed.maxBytes) throw invalid(tooLargeMessage(allowed), { size: `Tối đa ${formatSize(allowed.maxBytes)}.` });
  if (input.size > SINGLE_PUT_LIMIT)
    throw invalid(`Tải lên tệp trên ${formatSize(SINGLE_PUT_LIMIT)} (nhiều phần) chưa được hỗ trợ. Hãy nén tệp xuống dưới ${formatSize(SINGLE_PUT_LIMIT)} rồi tải lên lại.`, {
      size: `Hiện chỉ nhận tệp đến ${formatSize(SINGLE_PUT_LIMIT)}.`,
    });

  const id = randomUUID();
  const uploadKey = ObjectKeys.upload(id, safeName(filename, type));
  const now = new Date().toISOString();
  const item: StoredMedia = {
    id, kind: allowed.kind, status: "processing", filename, size: input.size, contentType: type, declaredType: type, uploadKey,
    uploadedBy, createdAt: now, updatedAt: now, version: 1,
  };
  const url = await getSignedUrl(
    presigner(store),
    new PutObjectCommand({ Bucket: store.bucket, Key: uploadKey, ContentType: type, ContentLength: input.size }),
    { expiresIn: UPLOAD_URL_SECONDS, signableHeaders: new Set(["content-type", "content-length"]) },
  );
  await store.db.send(recordPut(store, item));
  return { id, upload: { url, method: "PUT", headers: { "Content-Type": type } }, record: toRecord(item as unknown as Record<string, unknown>) };
}
