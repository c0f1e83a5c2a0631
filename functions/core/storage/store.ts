import type { S3Client } from "@aws-sdk/client-s3";
import { AppError } from "../shared/errors";
import type { Key } from "./keys";
import {
  BatchGetCommand,
  BatchWriteCommand,
  TransactWriteCommand,
  type BatchGetCommandInput,
  type BatchGetCommandOutput,
  type BatchWriteCommandInput,
  type Db,
  type TransactWriteCommandInput,
} from "./db";
import type { Objects } from "./objects";

/**
 * The storage handles every core function receives: the table's client and the bucket's few
 * object calls, with their names. Built once at the composition root, by one of two modules:
 * sdk-store.ts (the AWS SDK: staff, media and scheduler functions, the local runner, tests) or
 * fetch-store.ts (signed fetch: the reader function). This module and everything the core imports
 * from it stay free of SDK runtime code, so the reader's bundle carries none
 * (tests/http/reader-bundle.test.ts).
 */
export interface Store {
  db: Db;
  objects: Objects;
  table: string;
  bucket: string;
}

/** A store built with the AWS SDK: it also carries the full S3 client that media code needs. */
export interface MediaStore extends Store {
  s3: S3Client;
}

/**
 * The S3 client of a store built with the SDK (media code: multipart uploads, presigned URLs,
 * copies, listings). The reader function's store has none, and never runs media code.
 */
export function s3Of(store: Store): S3Client {
  const s3 = (store as Partial<MediaStore>).s3;
  if (!s3) throw new Error("This store has no S3 client: media code runs only in the staff, media and scheduler functions");
  return s3;
}

/**
 * Bounds of every call to DynamoDB and S3, so that no request waits on a service that does not
 * answer: each attempt is abandoned after `responseMs` (a TimeoutError, then retried), and the
 * call fails after `attempts`; the error handler answers 503 (http/errors.ts). Both clients
 * (sdk-store.ts, fetch-store.ts) apply them.
 */
export interface StoreTimeouts {
  /** Until the connection is open, the wait for a free socket included (SDK client; the fetch client counts it in `responseMs`). */
  connectMs: number;
  /** Until the response headers arrive (connection included), and the longest pause in a body. */
  responseMs: number;
  /** Attempts per call, the first included; both clients retry throttling, 5xx and network errors. */
  attempts: number;
}

/**
 * On Lambda (10 s function timeout, one request per instance): DynamoDB and S3 answer in tens of
 * milliseconds, so 2 s per attempt is far out; a call that never answers fails after about
 * 3 × 2 s plus backoff, leaving time for the 503.
 */
export const LAMBDA_TIMEOUTS: StoreTimeouts = { connectMs: 1000, responseMs: 2000, attempts: 3 };

/**
 * DynamoDB Local and s3rver on a loaded machine (tests, benchmarks with a thousand concurrent
 * sessions queueing for the client's sockets): generous, still bounded.
 */
export const EMULATOR_TIMEOUTS: StoreTimeouts = { connectMs: 15_000, responseMs: 15_000, attempts: 3 };

/** One item of a TransactWriteCommand. */
export type TransactItem = NonNullable<TransactWriteCommandInput["TransactItems"]>[number];

type Cancelled = { name?: string; CancellationReasons?: { Code?: string }[] };

/** The index of the first item whose condition failed in a cancelled transaction, or -1. */
export function failedConditionIndex(error: unknown): number {
  const cancelled = error as Cancelled;
  if (cancelled?.name !== "TransactionCanceledException") return -1;
  return (cancelled.CancellationReasons ?? []).findIndex((reason) => reason.Code === "ConditionalCheckFailed");
}

/** A transaction cancelled only because another one touched the same item at the same moment. */
export function isContention(error: unknown): boolean {
  const cancelled = error as Cancelled;
  return (
    cancelled?.name === "TransactionConflictException" ||
    cancelled?.name === "TransactionInProgressException" ||
    (cancelled?.name === "TransactionCanceledException" && (cancelled.CancellationReasons ?? []).some((reason) => reason.Code === "TransactionConflict"))
  );
}

export interface TransactOptions {
  /**
   * The error for a failed condition, given the index of the first item whose condition failed
   * (a stale version → 409 with the current version, a taken slug → try the next one…).
   * Default: a generic 409.
   */
  onConditionFailed?: (index: number) => Error | Promise<Error>;
}

const TRANSACTION_TRIES = 4;

/** 503: the same items stayed contended through every retry. */
export const busy = () => new AppError("UNAVAILABLE", "Hệ thống đang bận xử lý một thay đổi khác. Vui lòng thử lại sau giây lát.");

/** The generic 409 of a failed condition, when the caller has nothing more precise to say. */
export const conflict = () => new AppError("CONFLICT", "Dữ liệu vừa được người khác thay đổi. Hãy tải lại rồi thử lại.");

/**
 * The one way the code writes several items together. Cancellations map the same way
 * everywhere: a failed condition becomes the caller's error (409 by default), and only then;
 * contention (another transaction on the same item at the same moment, e.g. two publications
 * sharing a count item) is retried with jitter, then answered as busy (503), never as a 500.
 * @example
 * await transact(store, [putItem, auditPut(store, event)], { onConditionFailed: () => staleVersion(current) });
 */
export async function transact(store: Store, items: TransactItem[], options: TransactOptions = {}): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await store.db.send(new TransactWriteCommand({ TransactItems: items }));
      return;
    } catch (error) {
      const failed = failedConditionIndex(error);
      if (failed >= 0) {
        throw options.onConditionFailed ? await options.onConditionFailed(failed) : conflict();
      }
      if (!isContention(error)) throw error;
      if (attempt >= TRANSACTION_TRIES) throw busy();
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt + Math.random() * 50));
    }
  }
}

/**
 * The items of `keys` that exist (any order), 100 keys a request, retrying unprocessed keys
 * with backoff. `projection` names the attributes to read (all when omitted).
 */
export async function batchGet(store: Store, keys: Key[], projection?: string[]): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  const names = projection && Object.fromEntries(projection.map((name, index) => [`#p${index}`, name]));
  for (let start = 0; start < keys.length; start += 100) {
    let request: BatchGetCommandInput["RequestItems"] = {
      [store.table]: {
        Keys: keys.slice(start, start + 100),
        ...(names ? { ProjectionExpression: Object.keys(names).join(", "), ExpressionAttributeNames: names } : {}),
      },
    };
    for (let attempt = 0; request && Object.keys(request).length > 0; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 25 * 2 ** attempt)));
      if (attempt >= 8) throw busy();
      const out: BatchGetCommandOutput = await store.db.send(new BatchGetCommand({ RequestItems: request }));
      items.push(...(out.Responses?.[store.table] ?? []));
      request = out.UnprocessedKeys;
    }
  }
  return items;
}

/**
 * Deletes the items at `keys`, 25 a request, retrying unprocessed ones with backoff (then 503).
 * Not atomic: for clean-up after a committed change, never instead of a transaction.
 */
export async function batchDelete(store: Store, keys: Key[]): Promise<void> {
  for (let start = 0; start < keys.length; start += 25) {
    let request: BatchWriteCommandInput["RequestItems"] = {
      [store.table]: keys.slice(start, start + 25).map((Key) => ({ DeleteRequest: { Key } })),
    };
    for (let attempt = 0; request && Object.keys(request).length > 0; attempt++) {
      if (attempt >= 8) throw busy();
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 25 * 2 ** attempt)));
      request = (await store.db.send(new BatchWriteCommand({ RequestItems: request }))).UnprocessedItems;
    }
  }
}
