/**
 * The reader function's store: DynamoDB and the bucket's few object calls over signed fetch
 * (fetch-db.ts, fetch-objects.ts), no AWS SDK. Its bundle is budgeted at 250 KB minified and
 * 50 ms of cold import (docs/architecture.md, Budgets; `npm run bench`), and the SDK alone is
 * several times that. Media code cannot run on it (it has no S3 client: store.ts `s3Of`).
 */
import { fetchDb } from "./fetch-db";
import { fetchObjects } from "./fetch-objects";
import { credentialsFromEnv, type Credentials } from "./signed-fetch";
import { LAMBDA_TIMEOUTS, type Store, type StoreTimeouts } from "./store";

export interface FetchStoreOptions {
  table: string;
  bucket: string;
  region: string;
  credentials: Credentials;
  /** DynamoDB Local and s3rver (path-style); AWS's regional endpoints when omitted. */
  endpoints?: { dynamodb?: string; s3?: string };
  /** LAMBDA_TIMEOUTS when omitted. */
  timeouts?: StoreTimeouts;
  /** Other credentials for S3 (s3rver accepts only its own key pair); `credentials` when omitted. */
  s3Credentials?: Credentials;
}

export function createFetchStore(options: FetchStoreOptions): Store {
  const common = { region: options.region, timeouts: options.timeouts ?? LAMBDA_TIMEOUTS };
  return {
    db: fetchDb({ ...common, credentials: options.credentials, endpoint: options.endpoints?.dynamodb }),
    objects: fetchObjects({ ...common, credentials: options.s3Credentials ?? options.credentials, bucket: options.bucket, endpoint: options.endpoints?.s3 }),
    table: options.table,
    bucket: options.bucket,
  };
}

/** On Lambda: the table and bucket names given, the runtime's credentials and region. */
export function fetchStoreFromEnv(names: { table: string; bucket: string }, env: NodeJS.ProcessEnv): Store {
  return createFetchStore({ ...names, ...credentialsFromEnv(env) });
}
