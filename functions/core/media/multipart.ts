/**
 * Multipart uploads (docs/architecture.md, "Media"): a file above SINGLE_PUT_LIMIT (a video up to
 * 500 MB) goes to S3 in parts of PART_SIZE, each its own presigned UploadPart with its exact
 * Content-Length signed, so a weak line that drops retries one part instead of starting over. The
 * server starts the upload (CreateMultipartUpload on the same private uploads/ key a single PUT
 * uses) and alone can finish it (CompleteMultipartUpload; the browser gets part URLs only), after
 * which S3's ObjectCreated event runs the same processing as a single PUT (process.ts).
 *
 * The record (library.ts StoredMedia) also keeps `multipart: { uploadId, partSize }`,
 * `completingAt` (a claim, so two completions or a completion and a cancel never overlap) and
 * `completedAt`; none of them leave core (toRecord). A multipart that is never completed reads
 * as failed after `uploadDeadline` (library.ts overdue), and the bucket's lifecycle rule aborts it
 * in S3 after a day (infra/Storage.ts).
 */
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  HeadObjectCommand,
  UploadPartCommand,
  type S3Client,
} from "@aws-sdk/client-s3";
import { DeleteCommand, UpdateCommand } from "../storage/db";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { canFinishUpload, forbidden } from "../accounts/permissions";
import type { SessionUser } from "../accounts/users";
import { AppError, invalid, notFound } from "../shared/errors";
import { MediaKeys } from "../storage/keys";
import { s3Of, type Store } from "../storage/store";
import { getStored, overdue, type StoredMedia } from "./library";
import { removePrefix } from "./objects";
import { MB, ObjectKeys, formatSize } from "./types";

/** Bytes per part (the last part holds the rest): 500 MB is 32 parts, far under S3's 10,000. */
export const PART_SIZE = 16 * MB;
/**
 * How long part URLs are valid: a slow line needs more than the single PUT's 15 minutes for
 * 500 MB (about 1 Mbit/s for 2 hours). A URL signed with the Lambda's temporary credentials
 * stops working when they expire, whichever comes first.
 */
export const PART_URL_SECONDS = 2 * 60 * 60;
/** The bytes must be complete by then (part URLs' life plus time to call complete). */
export const MULTIPART_WINDOW_MS = PART_URL_SECONDS * 1000 + 15 * 60_000;
/** A completion claim older than this was left by a run that died: it no longer blocks. */
const CLAIM_MS = 2 * 60_000;

export interface MultipartUpload {
  method: "MULTIPART";
  partSize: number;
  parts: { partNumber: number; url: string }[];
}

/** What the record keeps of its S3 multipart upload. */
export interface MultipartState {
  uploadId: string;
  partSize: number;
}

type StoredMultipart = StoredMedia & { multipart?: MultipartState; completingAt?: string; completedAt?: string };

const partCount = (size: number, partSize: number) => Math.ceil(size / partSize);

/**
 * Starts the S3 multipart upload of `key` (its type set now, as a single PUT's header would) and
 * presigns one UploadPart per part with its length signed. The caller stores the record with
 * `state` and aborts the upload (`abandon`) if that fails.
 */
export async function startMultipart(
  store: Store,
  presigner: S3Client,
  input: { key: string; contentType: string; size: number },
): Promise<{ state: MultipartState; upload: MultipartUpload; uploadDeadline: string; abandon: () => Promise<void> }> {
  const created = await s3Of(store).send(new CreateMultipartUploadCommand({ Bucket: store.bucket, Key: input.key, ContentType: input.contentType }));
  const uploadId = created.UploadId!;
  const count = partCount(input.size, PART_SIZE);
  const parts = await Promise.all(
    Array.from({ length: count }, async (_, index) => {
      const partNumber = index + 1;
      const length = partNumber < count ? PART_SIZE : input.size - PART_SIZE * (count - 1);
      const url = await getSignedUrl(
        presigner,
        new UploadPartCommand({ Bucket: store.bucket, Key: input.key, UploadId: uploadId, PartNumber: partNumber, ContentLength: length }),
        { expiresIn: PART_URL_SECONDS, signableHeaders: new Set(["content-length"]) },
      );
      return { partNumber, url };
    }),
  );
  return {
    state: { uploadId, partSize: PART_SIZE },
    upload: { method: "MULTIPART", partSize: PART_SIZE, parts },
    uploadDeadline: new Date(Date.now() + MULTIPART_WINDOW_MS).toISOString(),
    abandon: async () => {
      await s3Of(store).send(new AbortMultipartUploadCommand({ Bucket: store.bucket, Key: input.key, UploadId: uploadId })).catch(() => undefined);
    },
  };
}

const NOT_MULTIPART = "Tệp này không được tải lên theo nhiều phần.";
const ALREADY_COMPLETE = "Tệp này đã được hoàn tất tải lên và đang được xử lý (hoặc đã xử lý xong).";
const BUSY = "Tệp đang được hoàn tất tải lên. Hãy chờ giây lát rồi tải lại trang.";
const GONE_UPLOAD = "Phiên tải lên không còn (đã hủy hoặc quá hạn). Hãy tải tệp lên lại.";

/** The record of an unfinished multipart upload `by` may finish or cancel; 404 / 403 / 409 otherwise. */
async function unfinished(store: Store, id: string, by: SessionUser, now: Date): Promise<StoredMultipart & { multipart: MultipartState }> {
  const item = (await getStored(store, id)) as StoredMultipart | undefined;
  if (!item) throw notFound("Không tìm thấy tệp đang tải lên.");
  if (!canFinishUpload(by, item)) throw forbidden("Chỉ người tải tệp lên hoặc quản trị viên được hoàn tất hay hủy lần tải lên này.");
  if (!item.multipart) throw new AppError("CONFLICT", `${NOT_MULTIPART} Tệp đã tải lên xong thì xóa trong thư viện nếu không dùng.`);
  if (item.completedAt || item.status === "ready") throw new AppError("CONFLICT", ALREADY_COMPLETE);
  if (item.status === "failed") throw new AppError("CONFLICT", `Lần tải lên này đã thất bại: ${item.error ?? GONE_UPLOAD}`);
  const late = overdue(item, now);
  if (late) throw new AppError("CONFLICT", late);
  return item as StoredMultipart & { multipart: MultipartState };
}

/** Part numbers as people read them: "2, 5, 7" (at most 10, then "…"). */
const listed = (numbers: number[]) => numbers.slice(0, 10).join(", ") + (numbers.length > 10 ? ", …" : "");

/** The parts the client lists must be exactly 1..count, each once, each with an ETag. */
function checkParts(parts: { partNumber: number; etag: string }[], count: number): { PartNumber: number; ETag: string }[] {
  const seen = new Set<number>();
  const twice = new Set<number>();
  for (const part of parts) (seen.has(part.partNumber) ? twice : seen).add(part.partNumber);
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((n) => !seen.has(n));
  const extra = [...seen].filter((n) => n < 1 || n > count).sort((a, b) => a - b);
  const problems: string[] = [];
  if (twice.size) problems.push(`phần ${listed([...twice].sort((a, b) => a - b))} được gửi nhiều lần`);
  if (missing.length) problems.push(`thiếu phần ${listed(missing)}`);
  if (extra.length) problems.push(`tệp chỉ có ${count} phần, không có phần ${listed(extra)}`);
  const badTag = parts.filter((part) => !/^"?[\w+/=-]{1,128}"?$/.test(part.etag)).map((part) => part.partNumber);
  if (badTag.length) problems.push(`mã ETag của phần ${listed(badTag)} không hợp lệ`);
  if (problems.length)
    throw invalid(`Danh sách phần của tệp chưa đúng: ${problems.join("; ")}. Hãy tải lên đủ ${count} phần rồi hoàn tất lại.`, { parts: `Cần đúng ${count} phần, đánh số từ 1 đến ${count}.` });
  return [...parts]
    .sort((a, b) => a.partNumber - b.partNumber)
    .map((part) => ({ PartNumber: part.partNumber, ETag: `"${part.etag.replace(/"/g, "")}"` }));
}

const isConditionFailed = (error: unknown) => (error as Error).name === "ConditionalCheckFailedException";

async function exists(store: Store, key: string): Promise<boolean> {
  try {
    await s3Of(store).send(new HeadObjectCommand({ Bucket: store.bucket, Key: key }));
    return true;
  } catch (error) {
    if (["NotFound", "NoSuchKey"].includes((error as Error).name)) return false;
    throw error;
  }
}

/**
 * Ends the record failed and removes what it left under uploads/ and media/, if it was still
 * processing (a record processing has settled keeps its objects).
 */
async function failRecord(store: Store, id: string, error: string, extra: Record<string, unknown> = {}): Promise<void> {
  const changes = { status: "failed", error, updatedAt: new Date().toISOString(), ...extra };
  const names = Object.keys(changes);
  try {
    await store.db.send(
      new UpdateCommand({
        TableName: store.table,
        Key: MediaKeys.item(id),
        UpdateExpression: `SET ${names.map((name) => `#${name} = :${name}`).join(", ")} REMOVE #completingAt`,
        ConditionExpression: "#status = :processing",
        ExpressionAttributeNames: { ...Object.fromEntries(names.map((name) => [`#${name}`, name])), "#completingAt": "completingAt" },
        ExpressionAttributeValues: { ...Object.fromEntries(Object.entries(changes).map(([name, value]) => [`:${name}`, value])), ":processing": "processing" },
      }),
    );
  } catch (e) {
    if (isConditionFailed(e)) return;
    throw e;
  }
  await removePrefix(store, ObjectKeys.uploadPrefix(id));
  await removePrefix(store, ObjectKeys.publicPrefix(id));
}

/** Drops the completion claim so the uploader can fix the parts and try again. */
async function release(store: Store, id: string, claim: string): Promise<void> {
  await store.db
    .send(
      new UpdateCommand({
        TableName: store.table,
        Key: MediaKeys.item(id),
        UpdateExpression: "REMOVE #completingAt",
        ConditionExpression: "#completingAt = :claim",
        ExpressionAttributeNames: { "#completingAt": "completingAt" },
        ExpressionAttributeValues: { ":claim": claim },
      }),
    )
    .catch((error) => {
      if (!isConditionFailed(error)) throw error;
    });
}

/**
 * Completes `id`'s multipart upload with the parts the browser PUT (`etag`: the ETag header S3
 * answered). Refused before anything is written: not the uploader or an admin (403), not an
 * unfinished multipart (409), parts other than exactly 1..N (400). S3 then checks every ETag and
 * size (InvalidPart, EntityTooSmall → 400; the upload stays open for another try). The assembled
 * object must have the declared size, else the record fails and its bytes go (400).
 */
export async function completeUpload(
  store: Store,
  id: string,
  parts: { partNumber: number; etag: string }[],
  by: SessionUser,
): Promise<{ id: string; status: "processing" }> {
  const now = new Date();
  const item = await unfinished(store, id, by, now);
  const key = item.uploadKey!;
  const listedParts = checkParts(parts, partCount(item.size, item.multipart.partSize));

  const claim = now.toISOString();
  try {
    await store.db.send(
      new UpdateCommand({
        TableName: store.table,
        Key: MediaKeys.item(id),
        UpdateExpression: "SET #completingAt = :claim",
        ConditionExpression: "#status = :processing AND attribute_not_exists(#completedAt) AND (attribute_not_exists(#completingAt) OR #completingAt < :stale)",
        ExpressionAttributeNames: { "#status": "status", "#completedAt": "completedAt", "#completingAt": "completingAt" },
        ExpressionAttributeValues: { ":claim": claim, ":processing": "processing", ":stale": new Date(now.getTime() - CLAIM_MS).toISOString() },
      }),
    );
  } catch (error) {
    if (!isConditionFailed(error)) throw error;
    const fresh = (await getStored(store, id)) as StoredMultipart | undefined;
    if (!fresh) throw notFound("Không tìm thấy tệp đang tải lên.");
    throw new AppError("CONFLICT", fresh.completedAt || fresh.status === "ready" ? ALREADY_COMPLETE : fresh.status === "failed" ? (fresh.error ?? GONE_UPLOAD) : BUSY);
  }

  try {
    await s3Of(store).send(
      new CompleteMultipartUploadCommand({ Bucket: store.bucket, Key: key, UploadId: item.multipart.uploadId, MultipartUpload: { Parts: listedParts } }),
    );
  } catch (error) {
    const name = (error as Error).name;
    if (["InvalidPart", "InvalidPartOrder", "EntityTooSmall", "MalformedXML"].includes(name)) {
      await release(store, id, claim);
      throw invalid(
        name === "EntityTooSmall"
          ? `Có phần của tệp nhỏ hơn quy định (mỗi phần trừ phần cuối phải đủ ${formatSize(item.multipart.partSize)}). Hãy tải lại các phần đó đúng theo địa chỉ đã nhận rồi hoàn tất lại.`
          : "Có phần của tệp chưa tải lên xong hoặc mã ETag không khớp với phần đã tải lên. Hãy tải lại các phần đó rồi hoàn tất lại.",
        { parts: "Các phần không khớp với phần đã tải lên." },
      );
    }
    // A completion whose answer was lost (time-out) and is tried again finds no upload but the object.
    if (name === "NoSuchUpload" && !(await exists(store, key))) {
      await failRecord(store, id, GONE_UPLOAD);
      throw new AppError("CONFLICT", GONE_UPLOAD);
    }
    if (name !== "NoSuchUpload") {
      await release(store, id, claim);
      throw error;
    }
  }

  // Processing (process.ts) may already be running on the ObjectCreated event: the clock of its
  // time-out starts now, and a record it has settled is left as it is.
  await store.db.send(
    new UpdateCommand({
      TableName: store.table,
      Key: MediaKeys.item(id),
      UpdateExpression: "SET #completedAt = :now, #started = if_not_exists(#started, :now) REMOVE #completingAt",
      ConditionExpression: "attribute_exists(pk)",
      ExpressionAttributeNames: { "#completedAt": "completedAt", "#started": "processingStartedAt", "#completingAt": "completingAt" },
      ExpressionAttributeValues: { ":now": new Date().toISOString() },
    }),
  );
  // Each part's length is signed, so S3 cannot assemble another size; a store that does not
  // enforce signatures could, and such a file must not be published as the declared one.
  const size = (await s3Of(store).send(new HeadObjectCommand({ Bucket: store.bucket, Key: key }))).ContentLength ?? 0;
  if (size !== item.size) {
    const message = `Tệp nhận được (${formatSize(size)}) khác kích thước đã khai báo (${formatSize(item.size)}). Hãy tải tệp lên lại.`;
    await failRecord(store, id, message, { size });
    throw invalid(message, { parts: "Tổng kích thước các phần không đúng." });
  }
  return { id, status: "processing" };
}

/**
 * Cancels `id`'s unfinished multipart upload: the record goes first (conditional on it still
 * being unfinished and not being completed right now), then S3's upload and any object under its
 * prefix. A failure after the record leaves parts the bucket's lifecycle rule removes after a day.
 */
export async function abortUpload(store: Store, id: string, by: SessionUser): Promise<void> {
  const now = new Date();
  const item = (await getStored(store, id)) as StoredMultipart | undefined;
  if (!item) throw notFound("Không tìm thấy tệp đang tải lên.");
  if (!canFinishUpload(by, item)) throw forbidden("Chỉ người tải tệp lên hoặc quản trị viên được hoàn tất hay hủy lần tải lên này.");
  if (!item.multipart) throw new AppError("CONFLICT", `${NOT_MULTIPART} Tệp đã tải lên xong thì xóa trong thư viện nếu không dùng.`);
  if (item.completedAt || item.status !== "processing") throw new AppError("CONFLICT", "Tệp đã tải lên xong, không hủy được nữa. Nếu không dùng, hãy xóa tệp trong thư viện.");
  try {
    await store.db.send(
      new DeleteCommand({
        TableName: store.table,
        Key: MediaKeys.item(id),
        ConditionExpression:
          "#status = :processing AND attribute_not_exists(#completedAt) AND attribute_not_exists(#uses) AND (attribute_not_exists(#completingAt) OR #completingAt < :stale)",
        ExpressionAttributeNames: { "#status": "status", "#completedAt": "completedAt", "#completingAt": "completingAt", "#uses": "uses" },
        ExpressionAttributeValues: { ":processing": "processing", ":stale": new Date(now.getTime() - CLAIM_MS).toISOString() },
      }),
    );
  } catch (error) {
    if (!isConditionFailed(error)) throw error;
    throw new AppError("CONFLICT", "Tệp vừa được hoàn tất tải lên nên không hủy được nữa. Nếu không dùng, hãy xóa tệp trong thư viện.");
  }
  try {
    await s3Of(store).send(new AbortMultipartUploadCommand({ Bucket: store.bucket, Key: item.uploadKey!, UploadId: item.multipart.uploadId }));
  } catch (error) {
    if ((error as Error).name !== "NoSuchUpload") throw error;
  }
  await removePrefix(store, ObjectKeys.uploadPrefix(id));
}
