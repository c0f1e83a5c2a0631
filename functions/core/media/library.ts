import { CopyObjectCommand, DeleteObjectCommand, GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { randomUUID } from "node:crypto";
import { AppError, invalid, notFound } from "../shared/errors";
import { MediaKeys } from "../storage/keys";
import { decodeCursor, encodeCursor, type Page } from "../storage/page";
import { batchGet, type Store } from "../storage/store";
import { sniff, SNIFF_BYTES, verdict } from "./sniff";
import { ALLOWED_TYPES, cleanFilename, declaredType, MEDIA_ID, ObjectKeys, publicUrl, safeName, type MediaKind, type MediaStatus } from "./types";

/**
 * The media library (docs/architecture.md, "Media"): one record per upload, with its status
 * (`processing` → `ready` | `failed`), what it is and where it is used. Originals live privately
 * under `uploads/<id>/`; what readers get is copied under `media/<id>/` (public through CloudFront).
 * A record never stays `processing`: past PROCESSING_TIMEOUT_MS it reads as `failed`.
 */
export interface MediaRecord {
  id: string;
  kind: MediaKind;
  status: MediaStatus;
  error?: string;
  /** The uploader's file name, cleaned: the download name readers see. */
  filename: string;
  size: number;
  /** Declared until processed, then sniffed from the bytes. */
  contentType: string;
  /** Public path once ready: "/media/<id>/<safe name>". */
  url?: string;
  width?: number;
  height?: number;
  alt?: string;
  caption?: string;
  credit?: string;
  variants?: { width: number; format: string; url: string }[];
  placeholder?: string;
  warnings?: string[];
  /** Where the item is used ("documents:<id>"); a used item cannot be deleted. */
  uses?: string[];
  /** Object key of the original under uploads/. */
  original: string;
  uploadedBy: { id: string; name: string };
  createdAt: string;
  updatedAt: string;
  version: number;
}

export const PROCESSING_TIMEOUT_MS = 5 * 60 * 1000;
const TIMEOUT_MESSAGE = "Xử lý tệp quá thời gian cho phép. Hãy tải tệp lên lại; nếu vẫn lỗi, hãy báo quản trị viên.";
const STORAGE = ["pk", "sk", "gsi1pk", "gsi1sk", "gsi2pk", "gsi2sk", "entity", "schemaVersion"];
const MAX_PAGE = 100;

function fromStored(item: Record<string, unknown>, now = Date.now()): MediaRecord {
  const out = { ...item };
  for (const name of STORAGE) delete out[name];
  const record = out as unknown as MediaRecord;
  if (record.status === "processing" && now - Date.parse(record.createdAt) > PROCESSING_TIMEOUT_MS) return { ...record, status: "failed", error: TIMEOUT_MESSAGE };
  return record;
}

function toStored(record: MediaRecord) {
  return { ...MediaKeys.itemKeys(record), entity: "MediaRecord", schemaVersion: 1, ...record };
}

/** The public copy's headers: documents download under their name, everything is immutable. */
function publicHeaders(record: Pick<MediaRecord, "kind" | "filename">) {
  return {
    CacheControl: "public, max-age=31536000, immutable",
    ...(record.kind === "file" ? { ContentDisposition: `attachment; filename*=UTF-8''${encodeURIComponent(record.filename)}` } : {}),
  };
}

export const MediaLibrary = {
  async get(store: Store, id: string): Promise<MediaRecord | undefined> {
    if (!MEDIA_ID.test(id)) return undefined;
    const out = await store.db.send(new GetCommand({ TableName: store.table, Key: MediaKeys.item(id), ConsistentRead: true }));
    return out.Item ? fromStored(out.Item) : undefined;
  },

  async getMany(store: Store, ids: string[]): Promise<Map<string, MediaRecord>> {
    const wanted = [...new Set(ids.filter((id) => MEDIA_ID.test(id)))];
    const items = wanted.length ? await batchGet(store, wanted.map((id) => MediaKeys.item(id))) : [];
    return new Map(items.map((item) => fromStored(item)).map((record) => [record.id, record]));
  },

  /** Newest first, all kinds or one. */
  async list(store: Store, options: { kind?: MediaKind; cursor?: string; limit?: number } = {}): Promise<Page<MediaRecord>> {
    const index = options.kind ? "gsi2" : "gsi1";
    const partition = options.kind ? MediaKeys.byKind(options.kind) : MediaKeys.all();
    const out = await store.db.send(
      new QueryCommand({
        TableName: store.table,
        IndexName: index,
        KeyConditionExpression: `${index}pk = :pk`,
        ExpressionAttributeValues: { ":pk": partition },
        ScanIndexForward: false,
        Limit: Math.min(Math.max(1, options.limit ?? 30), MAX_PAGE),
        ExclusiveStartKey: decodeCursor(options.cursor, { keys: ["pk", "sk", `${index}pk`, `${index}sk`], partition: { [`${index}pk`]: partition } }),
      }),
    );
    return { items: (out.Items ?? []).map((item) => fromStored(item)), next: encodeCursor(out.LastEvaluatedKey) };
  },

  /** A new record for an upload about to be PUT to `original` (status processing). */
  async create(store: Store, input: { id?: string; kind: MediaKind; filename: string; size: number; contentType: string; uploadedBy: { id: string; name: string } }): Promise<MediaRecord> {
    const id = input.id ?? randomUUID();
    const now = new Date().toISOString();
    const filename = cleanFilename(input.filename);
    const record: MediaRecord = {
      id, kind: input.kind, status: "processing", filename, size: input.size, contentType: input.contentType,
      original: ObjectKeys.upload(id, safeName(filename, input.contentType)), uploadedBy: input.uploadedBy, createdAt: now, updatedAt: now, version: 1,
    };
    await store.db.send(new PutCommand({ TableName: store.table, Item: toStored(record), ConditionExpression: "attribute_not_exists(pk)" }));
    return record;
  },

  /** Writes the record as it is now (processing results), conditional on the version it had. */
  async save(store: Store, record: MediaRecord, expectedVersion: number): Promise<MediaRecord> {
    const next = { ...record, version: expectedVersion + 1, updatedAt: new Date().toISOString() };
    try {
      await store.db.send(
        new PutCommand({ TableName: store.table, Item: toStored(next), ConditionExpression: "version = :v", ExpressionAttributeValues: { ":v": expectedVersion } }),
      );
    } catch (error) {
      if ((error as Error).name === "ConditionalCheckFailedException")
        throw new AppError("CONFLICT", "Tệp đã được người khác cập nhật. Hãy tải lại trước khi lưu.", undefined, { currentVersion: (await MediaLibrary.get(store, record.id))?.version });
      throw error;
    }
    return next;
  },

  /**
   * A file's bytes as a ready record at once (demo seed, tests): sniffed and judged like an
   * upload (a 400 when they are not an allowed file), stored privately and publicly.
   */
  async importFile(store: Store, input: { id?: string; filename: string; bytes: Uint8Array; uploadedBy: { id: string; name: string } }): Promise<MediaRecord> {
    if (input.id) {
      const existing = await MediaLibrary.get(store, input.id);
      if (existing) return existing;
    }
    const sniffed = sniff(input.bytes.subarray(0, SNIFF_BYTES), input.bytes.subarray(Math.max(0, input.bytes.length - SNIFF_BYTES)), input.bytes.length);
    const declared = declaredType("", input.filename);
    if (!declared || ALLOWED_TYPES[declared]!.kind !== "file") throw invalid("Chỉ nhập được tệp PDF, Word, Excel hoặc ZIP.", { filename: "Loại tệp không được nhận." });
    const judged = verdict(declared, sniffed, input.bytes.length);
    if ("error" in judged) throw invalid(judged.error, { file: judged.error });
    const record = await MediaLibrary.create(store, { id: input.id, kind: "file", filename: input.filename, size: input.bytes.length, contentType: judged.type, uploadedBy: input.uploadedBy });
    await store.s3.send(new PutObjectCommand({ Bucket: store.bucket, Key: record.original, Body: input.bytes, ContentType: judged.type }));
    const key = ObjectKeys.public(record.id, safeName(record.filename, judged.type));
    await store.s3.send(new PutObjectCommand({ Bucket: store.bucket, Key: key, Body: input.bytes, ContentType: judged.type, ...publicHeaders(record) }));
    return MediaLibrary.save(store, { ...record, status: "ready", contentType: judged.type, url: publicUrl(key) }, record.version);
  },

  /** Copies a processed original to its public place and marks the record ready. */
  async publishOriginal(store: Store, record: MediaRecord, type: string): Promise<MediaRecord> {
    const key = ObjectKeys.public(record.id, safeName(record.filename, type));
    await store.s3.send(
      new CopyObjectCommand({
        Bucket: store.bucket, Key: key, CopySource: `${store.bucket}/${record.original.split("/").map(encodeURIComponent).join("/")}`,
        MetadataDirective: "REPLACE", ContentType: type, ...publicHeaders(record),
      }),
    );
    return MediaLibrary.save(store, { ...record, status: "ready", contentType: type, url: publicUrl(key) }, record.version);
  },

  async fail(store: Store, record: MediaRecord, error: string): Promise<MediaRecord> {
    return MediaLibrary.save(store, { ...record, status: "failed", error }, record.version);
  },

  /** The first bytes and last bytes of the original (for sniffing) and its size. */
  async readOriginalEnds(store: Store, key: string): Promise<{ head: Uint8Array; tail: Uint8Array; size: number } | undefined> {
    try {
      const head = await store.s3.send(new GetObjectCommand({ Bucket: store.bucket, Key: key, Range: `bytes=0-${SNIFF_BYTES - 1}` }));
      const size = Number(/\/(\d+)$/.exec(head.ContentRange ?? "")?.[1] ?? head.ContentLength ?? 0);
      const headBytes = await head.Body!.transformToByteArray();
      const tail = size > SNIFF_BYTES
        ? await (await store.s3.send(new GetObjectCommand({ Bucket: store.bucket, Key: key, Range: `bytes=${size - SNIFF_BYTES}-${size - 1}` }))).Body!.transformToByteArray()
        : headBytes;
      return { head: headBytes, tail, size };
    } catch (error) {
      if ((error as Error).name === "NoSuchKey" || (error as Error).name === "InvalidRange") return undefined;
      throw error;
    }
  },

  /** Plain-text descriptive fields; conditional on `version` when given. */
  async describe(store: Store, id: string, changes: { alt?: string; caption?: string; credit?: string }, version?: number): Promise<MediaRecord> {
    const current = await MediaLibrary.get(store, id);
    if (!current) throw notFound("Không tìm thấy tệp trong thư viện.");
    if (version !== undefined && version !== current.version)
      throw new AppError("CONFLICT", "Tệp đã được người khác cập nhật. Hãy tải lại trước khi lưu.", undefined, { currentVersion: current.version });
    const next = { ...current };
    for (const field of ["alt", "caption", "credit"] as const) {
      const value = changes[field];
      if (value === undefined) continue;
      if (value) next[field] = value;
      else delete next[field];
    }
    return MediaLibrary.save(store, next, current.version);
  },

  /** Records a use ("documents:<id>") or removes it. */
  async setUse(store: Store, id: string, use: string, used: boolean): Promise<void> {
    await store.db.send(
      new UpdateCommand({
        TableName: store.table,
        Key: MediaKeys.item(id),
        UpdateExpression: used ? "ADD #uses :use" : "DELETE #uses :use",
        ConditionExpression: "attribute_exists(pk)",
        ExpressionAttributeNames: { "#uses": "usesSet" },
        ExpressionAttributeValues: { ":use": new Set([use]) },
      }),
    ).catch((error) => {
      if ((error as Error).name !== "ConditionalCheckFailedException") throw error;
    });
  },

  /** Deletes an unused record and its objects; 409 with the uses when it is used. */
  async remove(store: Store, id: string): Promise<void> {
    const out = await store.db.send(new GetCommand({ TableName: store.table, Key: MediaKeys.item(id), ConsistentRead: true }));
    if (!out.Item) throw notFound("Không tìm thấy tệp trong thư viện.");
    const record = fromStored(out.Item);
    const uses = [...((out.Item.usesSet as Set<string> | undefined) ?? [])];
    if (uses.length > 0) throw new AppError("CONFLICT", `Tệp đang được dùng ở ${uses.length} nơi, không thể xóa.`, undefined, { uses });
    try {
      await store.db.send(new DeleteCommand({ TableName: store.table, Key: MediaKeys.item(id), ConditionExpression: "attribute_not_exists(usesSet)" }));
    } catch (error) {
      if ((error as Error).name === "ConditionalCheckFailedException") throw new AppError("CONFLICT", "Tệp vừa được dùng ở nơi khác, không thể xóa.");
      throw error;
    }
    const keys = [record.original, ...(record.url ? [record.url.slice(1)] : []), ...(record.variants ?? []).map((variant) => variant.url.slice(1))];
    for (const key of keys) await store.s3.send(new DeleteObjectCommand({ Bucket: store.bucket, Key: key }));
  },
};

/** What a content kind keeps of an attached file: enough to show name, size and link without another read. */
export interface FileSnapshot {
  id: string;
  filename: string;
  size: number;
  contentType: string;
  url: string;
}

/**
 * Resolves media ids (or snapshots already stored) to snapshots of ready files; a 400 naming
 * `field` for an id that is unknown, not ready or not a document file.
 */
export async function fileSnapshots(store: Store, refs: readonly (string | { id: string })[], field: string): Promise<FileSnapshot[]> {
  const ids = refs.map((ref) => (typeof ref === "string" ? ref : ref.id));
  const found = await MediaLibrary.getMany(store, ids);
  return ids.map((id, index) => {
    const record = found.get(id);
    if (!record) throw invalid(`Tệp thứ ${index + 1} không có trong thư viện.`, { [field]: `Không tìm thấy tệp ${id}.` });
    if (record.kind !== "file") throw invalid(`Tệp thứ ${index + 1} không phải tài liệu (PDF, Word, Excel, ZIP).`, { [field]: "Chỉ đính kèm tài liệu." });
    if (record.status !== "ready" || !record.url)
      throw invalid(`Tệp thứ ${index + 1} (${record.filename}) ${record.status === "failed" ? `bị lỗi: ${record.error ?? ""}` : "đang được xử lý, hãy chờ giây lát"}.`, { [field]: "Tệp chưa sẵn sàng." });
    return { id: record.id, filename: record.filename, size: record.size, contentType: record.contentType, url: record.url };
  });
}
