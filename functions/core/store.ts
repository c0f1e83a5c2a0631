import { DynamoDBClient, type DynamoDBClientConfig } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { S3Client, type S3ClientConfig } from "@aws-sdk/client-s3";

/**
 * The storage handles every core function receives: the document client for the one table and
 * the S3 client for the media bucket, with their names. Built once at the composition root.
 */
export interface Store {
  db: DynamoDBDocumentClient;
  s3: S3Client;
  table: string;
  bucket: string;
}

export interface StoreOptions {
  table: string;
  bucket: string;
  /** Endpoint, region and credentials overrides (DynamoDB Local, s3rver); empty on AWS. */
  dynamodb?: DynamoDBClientConfig;
  s3?: S3ClientConfig;
}

export function createStore(options: StoreOptions): Store {
  const db = DynamoDBDocumentClient.from(new DynamoDBClient(options.dynamodb ?? {}), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return { db, s3: new S3Client(options.s3 ?? {}), table: options.table, bucket: options.bucket };
}

type Cancelled = { name?: string; CancellationReasons?: { Code?: string }[] };

/** A cancelled transaction whose item at `index` failed its condition (e.g. "already exists", a stale version). */
export function conditionFailedAt(error: unknown, index: number): boolean {
  const cancelled = error as Cancelled;
  return cancelled.name === "TransactionCanceledException" && cancelled.CancellationReasons?.[index]?.Code === "ConditionalCheckFailed";
}

/** A transaction cancelled only because another one touched the same item at the same moment. */
export function isContention(error: unknown): boolean {
  const cancelled = error as Cancelled;
  return (
    cancelled.name === "TransactionConflictException" ||
    (cancelled.name === "TransactionCanceledException" && (cancelled.CancellationReasons ?? []).some((reason) => reason.Code === "TransactionConflict"))
  );
}
