/**
 * The media library (docs/architecture.md, "Media"): one record per uploaded image, document or
 * video, keyed `MEDIA#<id>` and listed newest first (all, or by kind) through gsi1/gsi2. Uploads
 * create records in `processing` (uploads.ts); processing (process.ts) turns them `ready` or
 * `failed`. Other kinds read records here (`getMany`) and keep a snapshot of what they show.
 *
 * `uses` is a string set of `<kind>#<itemId>` ("articles#…") that content kinds maintain with
 * `MediaLibrary.useUpdate` inside their own transactions; a record with uses cannot be deleted
 * (409 listing them). Processing does not change `version`: it guards the editor's fields only.
 */
import { randomUUID } from "node:crypto";
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from "../storage/db";
import { AppError, invalid, notFound } from "../shared/errors";
import { MediaKeys } from "../storage/keys";
import { decodeCursor, encodeCursor, type Page } from "../storage/page";
import { batchGet, type Store, type TransactItem } from "../storage/store";
import { publicHeaders, putPublic, removePrefix } from "./objects";
import { sniff } from "./sniff";
import { ALLOWED_TYPES, MEDIA_ID, ObjectKeys, cleanFilename, publicUrl, safeName, tooLargeMessage, type MediaKind, type MediaStatus } from "./types";

export type { MediaKind, MediaStatus };

export interface MediaVariant {
  width: number;
  format: string;
  url: string;
}

export interface MediaRecord {
  id: string;
  kind: MediaKind;
  status: MediaStatus;
  /** Why it failed, in Vietnamese, with what to do. */
  error?: string;
  /** The uploader's file name, cleaned (shown to readers as the download name). */
  filename: string;
  /** Bytes (declared at upload, then the real size once processed). */
  size: number;
  /** Declared until processed, then sniffed from the bytes (e.g. "application/pdf"). */
  contentType: string;
  /** Public path once ready, e.g. "/media/<id>/bao-cao-tong-ket.pdf". */
  url?: string;
  width?: number;
  height?: number;
  alt?: string;
  caption?: string;
  credit?: string;
  variants?: MediaVariant[];
  /** A tiny blurred WebP as a data: URL, shown while the image loads. */
  placeholder?: string;
  /** Images: what the editor should know (too narrow, very dark, blurred…); never a refusal. */
  warnings?: string[];
  /** Who uses it, `<kind>#<itemId>`; absent when unused. */
  uses?: string[];
  uploadedBy: { id: string; name: string };
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** A record waiting for its bytes longer than this is reported failed (presigned URL 15 min + a slow upload). */
export const UPLOAD_WINDOW_MS = 30 * 60_000;
/** A record whose processing started longer ago than this is reported failed (the function runs ≤ 60 s). */
export const PROCESSING_TIMEOUT_MS = 5 * 60_000;

export const NOT_RECEIVED = "Không nhận được tệp tải lên trong thời gian cho phép. Hãy tải tệp lên lại.";
export const TIMED_OUT = "Xử lý quá thời gian cho phép. Hãy tải tệp lên lại; nếu vẫn lỗi, hãy báo cho quản trị viên.";

/** The stored item: the record plus index keys and the processing bookkeeping that stays in core. */
export type StoredMedia = Omit<MediaRecord, "uses"> & {
  uses?: Set<string>;
  /** The declared type (the allow-list entry the presign accepted) and the object key of the original. */
  declaredType: string;
  uploadKey?: string;
  processingStartedAt?: string;
  /** When the bytes must have arrived, if not UPLOAD_WINDOW_MS after createdAt (multipart uploads take longer: multipart.ts). */
  uploadDeadline?: string;
};

const FIELDS: (keyof MediaRecord)[] = [
  "id", "kind", "status", "error", "filename", "size", "contentType", "url", "width", "height", "alt", "caption", "credit",
  "variants", "placeholder", "warnings", "uses", "uploadedBy", "createdAt", "updatedAt", "version",
];

/** The time-out message a `processing` record has earned by `now`, if any (nothing stays processing forever). */
export function overdue(item: Pick<StoredMedia, "status" | "createdAt" | "processingStartedAt" | "uploadDeadline">, now: Date): string | undefined {
  if (item.status !== "processing") return undefined;
  if (item.processingStartedAt) return now.getTime() - Date.parse(item.processingStartedAt) > PROCESSING_TIMEOUT_MS ? TIMED_OUT : undefined;
  const deadline = item.uploadDeadline ? Date.parse(item.uploadDeadline) : Date.parse(item.createdAt) + UPLOAD_WINDOW_MS;
  return now.getTime() > deadline ? NOT_RECEIVED : undefined;
}

/** The record as it leaves core: known fields only, uses as an array, an overdue record as failed. */
export function toRecord(item: Record<string, unknown>, now = new Date()): MediaRecord {
  const record = Object.fromEntries(FIELDS.filter((field) => item[field] !== undefined).map((field) => [field, item[field]])) as unknown as MediaRecord;
  if (item.uses instanceof Set) record.uses = [...(item.uses as Set<string>)].sort();
  const late = overdue(item as unknown as StoredMedia, now);
  return late ? { ...record, status: "failed", error: late } : record;
}

/** The Put of a new record (conditional on the id being new). */
export function recordPut(store: Store, item: StoredMedia): PutCommand {
  return new PutCommand({
    TableName: store.table,
    Item: { ...MediaKeys.itemKeys(item), entity: "Media", schemaVersion: 1, ...item },
    ConditionExpression: "attribute_not_exists(pk)",
  });
}

/** The stored item, read consistently (processing and deletion decide on it). */
export async function getStored(store: Store, id: string): Promise<StoredMedia | undefined> {
  if (!MEDIA_ID.test(id)) return undefined;
  const out = await store.db.send(new GetCommand({ TableName: store.table, Key: MediaKeys.item(id), ConsistentRead: true }));
  return out.Item as StoredMedia | undefined;
}

const isConditionFailed = (error: unknown) => (error as Error).name === "ConditionalCheckFailedException";

export const MediaLibrary = {
  /** The record, or undefined for an unknown or malformed id. */
  async get(store: Store, id: string, now = new Date()): Promise<MediaRecord | undefined> {
    const item = await getStored(store, id);
    return item && toRecord(item as unknown as Record<string, unknown>, now);
  },

  /** The records of `ids` that exist, by id (one BatchGet per 100 ids); malformed ids are skipped. */
  async getMany(store: Store, ids: string[], now = new Date()): Promise<Map<string, MediaRecord>> {
    const unique = [...new Set(ids)].filter((id) => MEDIA_ID.test(id));
    const items = await batchGet(store, unique.map(MediaKeys.item));
    return new Map(items.map((item) => [item.id as string, toRecord(item, now)]));
  },

  /** Records newest first, all or of one kind, a page at a time (`limit` 1–100, default 30). */
  async list(store: Store, options: { kind?: MediaKind; cursor?: string; limit?: number } = {}): Promise<Page<MediaRecord>> {
    const index = options.kind ? "gsi2" : "gsi1";
    const partition = options.kind ? MediaKeys.byKind(options.kind) : MediaKeys.all();
    const out = await store.db.send(
      new QueryCommand({
        TableName: store.table,
        IndexName: index,
        KeyConditionExpression: "#pk = :pk",
        ExpressionAttributeNames: { "#pk": `${index}pk` },
        ExpressionAttributeValues: { ":pk": partition },
        ScanIndexForward: false,
        Limit: Math.min(Math.max(Math.trunc(options.limit ?? 30) || 30, 1), 100),
        ExclusiveStartKey: decodeCursor(options.cursor, { keys: ["pk", "sk", `${index}pk`, `${index}sk`], partition: { [`${index}pk`]: partition } }),
      }),
    );
    const now = new Date();
    return { items: (out.Items ?? []).map((item) => toRecord(item, now)), next: encodeCursor(out.LastEvaluatedKey) };
  },

  /**
   * Changes the editor's fields (already validated by the caller; "" clears one), conditional on
   * `version` when given, else on the version read. 404 unknown, 409 stale.
   */
  async update(store: Store, id: string, patch: { alt?: string; caption?: string; credit?: string }, options: { version?: number } = {}): Promise<MediaRecord> {
    const current = await getStored(store, id);
    if (!current) throw notFound("Không tìm thấy tệp trong thư viện.");
    const expected = options.version ?? current.version;
    if (expected !== current.version) throw stale(current.version);
    const set: string[] = ["#updatedAt = :now", "#version = :next"];
    const remove: string[] = [];
    const names: Record<string, string> = { "#updatedAt": "updatedAt", "#version": "version" };
    const values: Record<string, unknown> = { ":now": new Date().toISOString(), ":next": expected + 1, ":expected": expected };
    for (const field of ["alt", "caption", "credit"] as const) {
      const value = patch[field];
      if (value === undefined) continue;
      names[`#${field}`] = field;
      if (value === "") remove.push(`#${field}`);
      else {
        set.push(`#${field} = :${field}`);
        values[`:${field}`] = value;
      }
    }
    try {
      const out = await store.db.send(
        new UpdateCommand({
          TableName: store.table,
          Key: MediaKeys.item(id),
          UpdateExpression: `SET ${set.join(", ")}${remove.length ? ` REMOVE ${remove.join(", ")}` : ""}`,
          ConditionExpression: "#version = :expected",
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: "ALL_NEW",
        }),
      );
      return toRecord(out.Attributes!);
    } catch (error) {
      if (!isConditionFailed(error)) throw error;
      const fresh = await getStored(store, id);
      throw fresh ? stale(fresh.version) : notFound("Không tìm thấy tệp trong thư viện.");
    }
  },

  /**
   * Deletes the record, then its objects (original and public copies). 409 listing the uses while
   * anything uses it (checked in the delete's condition, so a use added meanwhile wins), 409 on a
   * stale `version`. The record goes first: a failure after it leaves unreachable objects, never a
   * record pointing at nothing. The caller invalidates `/media/<id>/*` at the CDN.
   */
  async remove(store: Store, id: string, options: { version?: number } = {}): Promise<void> {
    const current = await getStored(store, id);
    if (!current) throw notFound("Không tìm thấy tệp trong thư viện.");
    if (current.uses?.size) throw inUse([...current.uses]);
    if (options.version !== undefined && options.version !== current.version) throw stale(current.version);
    try {
      await store.db.send(
        new DeleteCommand({
          TableName: store.table,
          Key: MediaKeys.item(id),
          ConditionExpression: "attribute_not_exists(#uses) AND #version = :version",
          ExpressionAttributeNames: { "#uses": "uses", "#version": "version" },
          ExpressionAttributeValues: { ":version": current.version },
        }),
      );
    } catch (error) {
      if (!isConditionFailed(error)) throw error;
      const fresh = await getStored(store, id);
      if (!fresh) throw notFound("Không tìm thấy tệp trong thư viện.");
      throw fresh.uses?.size ? inUse([...fresh.uses]) : stale(fresh.version);
    }
    await removePrefix(store, ObjectKeys.uploadPrefix(id));
    await removePrefix(store, ObjectKeys.publicPrefix(id));
  },

  /**
   * The transaction item a content kind adds to its own save to record (`add`) or drop (`remove`)
   * a use `<kind>#<itemId>`; adding fails the transaction when the media item does not exist.
   */
  useUpdate(store: Store, mediaId: string, use: string, action: "add" | "remove"): TransactItem {
    return {
      Update: {
        TableName: store.table,
        Key: MediaKeys.item(mediaId),
        UpdateExpression: `${action === "add" ? "ADD" : "DELETE"} #uses :use`,
        ...(action === "add" ? { ConditionExpression: "attribute_exists(pk)" } : {}),
        ExpressionAttributeNames: { "#uses": "uses" },
        ExpressionAttributeValues: { ":use": new Set([use]) },
      },
    };
  },

  /**
   * Seeds and tests: stores bytes as a ready item, sniffed like an upload (the name's extension
   * only names the download); images go through the image pipeline (images.ts). 400 when the bytes are not an allowed type or over its limit.
   */
  async importFile(store: Store, input: { id?: string; filename: string; bytes: Uint8Array; uploadedBy: { id: string; name: string } }): Promise<MediaRecord> {
    const id = input.id ?? randomUUID();
    if (!MEDIA_ID.test(id)) throw invalid("Mã tệp không hợp lệ.", { id: "Không hợp lệ." });
    const found = sniff(input.bytes, input.bytes, input.bytes.length);
    if (!("type" in found)) throw invalid("Tệp không thuộc loại được phép (PDF, Word, Excel, ZIP, ảnh JPEG/PNG/WebP/GIF, video MP4/WebM).", { bytes: "Loại tệp không được phép." });
    const allowed = ALLOWED_TYPES[found.type]!;
    if (input.bytes.length > allowed.maxBytes) throw invalid(tooLargeMessage(allowed), { bytes: "Tệp quá lớn." });
    const filename = cleanFilename(input.filename);
    const now = new Date().toISOString();
    const base: StoredMedia = {
      id, kind: found.kind, status: "ready", filename, size: input.bytes.length, contentType: found.type, declaredType: found.type,
      uploadedBy: input.uploadedBy, createdAt: now, updatedAt: now, version: 1,
    };
    let item: StoredMedia;
    if (found.kind === "image") {
      const { renderImage } = await import("./images");
      const rendered = await renderImage(store, id, input.bytes);
      if ("error" in rendered) throw invalid(rendered.error, { bytes: "Ảnh không xử lý được." });
      item = { ...base, ...rendered };
    } else {
      const key = ObjectKeys.public(id, safeName(filename, found.type));
      await putPublic(store, key, input.bytes, publicHeaders(found.kind, found.type, filename));
      item = { ...base, url: publicUrl(key) };
    }
    try {
      await store.db.send(recordPut(store, item));
    } catch (error) {
      if (isConditionFailed(error)) throw new AppError("CONFLICT", "Mã tệp này đã có trong thư viện.");
      throw error;
    }
    return toRecord(item as unknown as Record<string, unknown>);
  },
};

/** What a content kind keeps of a file it links to, so its published view needs no other read. */
export interface FileSnapshot {
  id: string;
  filename: string;
  size: number;
  contentType: string;
  url: string;
}

/**
 * Snapshots of the media items `refs` (ids or `{ id }`), in order, for a content kind's `prepare`:
 * each must exist and be a ready item of kind "file", else a 400 naming `field`, the file's place
 * in the list and, for a failed one, why it failed.
 */
export async function fileSnapshots(
  store: Store,
  refs: (string | { id: string })[],
  field: string,
  label = "Tệp đính kèm",
): Promise<FileSnapshot[]> {
  const ids = refs.map((ref) => (typeof ref === "string" ? ref : ref.id));
  const records = await MediaLibrary.getMany(store, ids);
  return ids.map((id, index) => {
    const record = records.get(id);
    const which = ids.length > 1 ? `${label} thứ ${index + 1}` : label;
    if (!record) throw invalid(`${which} không có trong thư viện (mã ${id}).`, { [field]: `Không tìm thấy tệp ${id}.` });
    if (record.kind !== "file") throw invalid(`${which} (${record.filename}) không phải tài liệu PDF, Word, Excel hoặc ZIP.`, { [field]: "Chỉ đính kèm tài liệu." });
    if (record.status !== "ready" || !record.url)
      throw invalid(
        record.status === "failed"
          ? `${which} (${record.filename}) bị lỗi: ${record.error ?? "không xử lý được"}`
          : `${which} (${record.filename}) đang được xử lý, hãy chờ giây lát rồi lưu lại.`,
        { [field]: "Tệp chưa sẵn sàng." },
      );
    return { id, filename: record.filename, size: record.size, contentType: record.contentType, url: record.url };
  });
}

export function stale(currentVersion: number): AppError {
  return new AppError("CONFLICT", "Thông tin tệp vừa được người khác thay đổi. Hãy tải lại rồi thử lại.", undefined, { currentVersion });
}

function inUse(uses: string[]): AppError {
  return new AppError("CONFLICT", `Tệp đang được dùng ở ${uses.length.toLocaleString("vi-VN")} nội dung, hãy gỡ tệp khỏi các nội dung đó trước khi xóa.`, undefined, {
    uses: uses.sort(),
  });
}
