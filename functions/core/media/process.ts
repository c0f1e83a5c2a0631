/**
 * Processing of an upload (docs/architecture.md, "Media"): one handler for the S3 ObjectCreated
 * event of `uploads/<id>/<name>`, run by the media Lambda (functions/media.ts) on AWS and by the
 * local runner on s3rver's event. It sniffs the real type from the first (and, for containers,
 * last) bytes, checks it and the real size against what was declared, and either publishes a
 * copy under media/ (`ready`) or records why not (`failed`, with what to do).
 *
 * Idempotent: every state change is conditional on the record still being `processing`, and the
 * public copy's key depends only on the record, so a repeated or concurrent event changes nothing.
 * Transient errors (S3 or DynamoDB unavailable) are thrown, so the Lambda's retry runs it again;
 * the time-out in library.ts `overdue` covers a run that never ends.
 */
import { GetObjectCommand, HeadObjectCommand } from "@aws-sdk/client-s3";
import { UpdateCommand } from "../storage/db";
import { MediaKeys } from "../storage/keys";
import { s3Of, type Store } from "../storage/store";
import { getStored, overdue, type StoredMedia } from "./library";
import { copyPublic, publicHeaders, removePrefix } from "./objects";
import { SNIFF_BYTES, sniff, verdict } from "./sniff";
import { ObjectKeys, publicUrl, safeName } from "./types";

export type Outcome = "ready" | "failed" | "ignored" | "done-already";

/** The part of an S3 event record processing reads (AWS and s3rver send the same shape). */
export interface S3EventRecord {
  eventName?: string;
  s3: { bucket: { name: string }; object: { key: string; size?: number } };
}

export const GONE = "Không tìm thấy tệp đã tải lên. Hãy tải tệp lên lại.";

const isConditionFailed = (error: unknown) => (error as Error).name === "ConditionalCheckFailedException";
const isMissing = (error: unknown) => ["NoSuchKey", "NotFound"].includes((error as Error).name);

/** Applies `changes` to a record still `processing`; false when it was not (another run finished it). */
async function settle(store: Store, id: string, changes: Record<string, unknown>, removeNames: string[] = []): Promise<boolean> {
  const entries = Object.entries(changes).filter(([, value]) => value !== undefined);
  const names = Object.fromEntries([...entries.map(([name]) => name), ...removeNames, "status"].map((name) => [`#${name}`, name]));
  try {
    await store.db.send(
      new UpdateCommand({
        TableName: store.table,
        Key: MediaKeys.item(id),
        UpdateExpression:
          `SET ${entries.map(([name]) => `#${name} = :${name}`).join(", ")}` + (removeNames.length ? ` REMOVE ${removeNames.map((name) => `#${name}`).join(", ")}` : ""),
        ConditionExpression: "#status = :processing",
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: { ...Object.fromEntries(entries.map(([name, value]) => [`:${name}`, value])), ":processing": "processing" },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailed(error)) return false;
    throw error;
  }
}

/** Ends a record `failed` and deletes what it left in the bucket (nothing half-written stays). */
async function fail(store: Store, item: StoredMedia, error: string, extra: Record<string, unknown> = {}): Promise<Outcome> {
  const changed = await settle(store, item.id, { status: "failed", error, updatedAt: new Date().toISOString(), ...extra });
  if (!changed) return "done-already";
  await removePrefix(store, ObjectKeys.publicPrefix(item.id));
  await removePrefix(store, ObjectKeys.uploadPrefix(item.id));
  return "failed";
}

async function readRange(store: Store, key: string, range: string): Promise<Uint8Array> {
  const out = await s3Of(store).send(new GetObjectCommand({ Bucket: store.bucket, Key: key, Range: range }));
  return out.Body!.transformToByteArray();
}

/**
 * Processes the object at `key` (an `uploads/` key; anything else is ignored). Returns what
 * happened, for tests and logs.
 */
export async function processUpload(store: Store, key: string, now = new Date()): Promise<Outcome> {
  const id = ObjectKeys.idOfUpload(key);
  if (!id) return "ignored";
  const item = await getStored(store, id);
  // Only the key we presigned counts: another object under the id's prefix is not ours to publish.
  if (!item || item.uploadKey !== key) return "ignored";
  if (item.status !== "processing") return "done-already";
  const late = overdue(item, now);
  if (late) return fail(store, item, late);
  if (!item.processingStartedAt) await settle(store, id, { processingStartedAt: now.toISOString() });

  let size: number;
  let head: Uint8Array;
  let tail: Uint8Array | undefined;
  try {
    size = (await s3Of(store).send(new HeadObjectCommand({ Bucket: store.bucket, Key: key }))).ContentLength ?? 0;
    head = size > 0 ? await readRange(store, key, `bytes=0-${SNIFF_BYTES - 1}`) : new Uint8Array();
    // ZIP directories and OLE stream names sit at the end of larger files.
    if (size > SNIFF_BYTES && (head[0] === 0x50 || head[0] === 0xd0)) tail = await readRange(store, key, `bytes=${Math.max(0, size - SNIFF_BYTES)}-${size - 1}`);
  } catch (error) {
    if (isMissing(error)) return fail(store, item, GONE);
    throw error;
  }
  const judged = verdict(item.declaredType, sniff(head, tail ?? (size <= SNIFF_BYTES ? head : undefined), size), size);
  if ("error" in judged) return fail(store, item, judged.error, { size });

  if (judged.kind === "image") {
    const { renderImage } = await import("./images");
    const bytes = await readRange(store, key, `bytes=0-${size - 1}`);
    const rendered = await renderImage(store, id, bytes);
    if ("error" in rendered) return fail(store, item, rendered.error, { size });
    const done = await settle(store, id, { status: "ready", size, updatedAt: new Date().toISOString(), ...rendered }, ["error"]);
    return done ? "ready" : "done-already";
  }

  const publicKey = ObjectKeys.public(id, safeName(item.filename, judged.type));
  try {
    await copyPublic(store, key, publicKey, publicHeaders(judged.kind, judged.type, item.filename));
  } catch (error) {
    if (isMissing(error)) return fail(store, item, GONE);
    throw error;
  }
  const done = await settle(store, id, { status: "ready", size, contentType: judged.type, url: publicUrl(publicKey), updatedAt: new Date().toISOString() }, ["error"]);
  return done ? "ready" : "done-already";
}

/**
 * The handler of an S3 event's records for `store`'s bucket (other buckets' records are ignored:
 * the local s3rver serves the tests' buckets too). AWS sends keys URL-encoded with "+" for spaces.
 */
export async function handleS3Records(store: Store, records: S3EventRecord[]): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const record of records) {
    if (record.s3.bucket.name !== store.bucket || (record.eventName && !record.eventName.startsWith("ObjectCreated"))) {
      outcomes.push("ignored");
      continue;
    }
    const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, " "));
    outcomes.push(await processUpload(store, key));
  }
  return outcomes;
}
