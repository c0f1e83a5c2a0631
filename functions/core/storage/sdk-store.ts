/**
 * The store on the AWS SDK: the DocumentClient for the table and the full S3 client for the
 * bucket. Used by the staff, media and scheduler functions, the local runner, the scripts and the
 * tests; the reader function uses fetch-store.ts instead, so nothing the core imports may import
 * this module.
 */
import { DynamoDBClient, type DynamoDBClientConfig } from "@aws-sdk/client-dynamodb";
import * as Sdk from "@aws-sdk/lib-dynamodb";
import { GetObjectCommand, HeadBucketCommand, HeadObjectCommand, PutObjectCommand, S3Client, type S3ClientConfig } from "@aws-sdk/client-s3";
import type { Db, DbCommand, SendOptions } from "./db";
import type { Objects } from "./objects";
import { LAMBDA_TIMEOUTS, type MediaStore, type StoreTimeouts } from "./store";

// What the scripts and tests import with createStore.
export { EMULATOR_TIMEOUTS, LAMBDA_TIMEOUTS, type MediaStore, type Store, type StoreTimeouts } from "./store";

export interface StoreOptions {
  table: string;
  bucket: string;
  /** Endpoint, region and credentials overrides (DynamoDB Local, s3rver); empty on AWS. */
  dynamodb?: DynamoDBClientConfig;
  s3?: S3ClientConfig;
  /** How long a call to DynamoDB or S3 may take; LAMBDA_TIMEOUTS when omitted. */
  timeouts?: StoreTimeouts;
}

/** The clients for the table and the bucket; built once per process, at the composition root. */
export function createStore(options: StoreOptions): MediaStore {
  const timeouts = options.timeouts ?? LAMBDA_TIMEOUTS;
  const bounded = {
    maxAttempts: timeouts.attempts,
    requestHandler: {
      connectionTimeout: timeouts.connectMs,
      requestTimeout: timeouts.responseMs,
      throwOnRequestTimeout: true,
      socketTimeout: timeouts.responseMs,
    },
  };
  const client = Sdk.DynamoDBDocumentClient.from(new DynamoDBClient({ ...bounded, ...options.dynamodb }), {
    marshallOptions: { removeUndefinedValues: true },
  });
  const s3 = new S3Client({ ...bounded, ...options.s3 });
  return { db: sdkDb(client), objects: sdkObjects(s3, options.bucket), s3, table: options.table, bucket: options.bucket };
}

const SDK_COMMANDS = {
  GetItem: Sdk.GetCommand,
  PutItem: Sdk.PutCommand,
  UpdateItem: Sdk.UpdateCommand,
  DeleteItem: Sdk.DeleteCommand,
  Query: Sdk.QueryCommand,
  Scan: Sdk.ScanCommand,
  BatchGetItem: Sdk.BatchGetCommand,
  BatchWriteItem: Sdk.BatchWriteCommand,
  TransactWriteItems: Sdk.TransactWriteCommand,
} as const;

/**
 * The core's commands (db.ts) sent through the AWS SDK's document client. Anything else (a
 * control-plane command of the local runner: CreateTable, DescribeTable…) passes through as is.
 */
export function sdkDb(client: Sdk.DynamoDBDocumentClient): Db {
  return {
    send(command: DbCommand, options?: SendOptions) {
      const Real = (SDK_COMMANDS as Record<string, new (input: unknown) => unknown>)[(command as { op?: string }).op ?? ""];
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      return client.send((Real ? new Real(command.input) : command) as any, options);
    },
  } as Db;
}

/**
 * The objects interface on the SDK's S3 client. `s3.send` is looked up at each call, so a test
 * that wraps it (tests/integration/search.test.ts counts commands) sees these calls too.
 */
export function sdkObjects(s3: S3Client, bucket: string): Objects {
  return {
    async get(key, options) {
      try {
        const out = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }), options);
        return await out.Body!.transformToByteArray();
      } catch (error) {
        if ((error as Error).name === "NoSuchKey") return undefined;
        throw error;
      }
    },
    async put(key, body, contentType, options) {
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType }), options);
    },
    async head(key, options) {
      try {
        return { size: (await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }), options)).ContentLength ?? 0 };
      } catch (error) {
        if ((error as Error).name === "NotFound" || (error as Error).name === "NoSuchKey") return undefined;
        throw error;
      }
    },
    async ping(options) {
      await s3.send(new HeadBucketCommand({ Bucket: bucket }), options);
    },
  };
}
