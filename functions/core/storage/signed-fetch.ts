/**
 * Signed, bounded HTTP calls to an AWS service: SigV4 by aws4 (13 KB, maintained, no dependencies,
 * synchronous on node:crypto: about 10 µs a call where aws4fetch's WebCrypto took 180 µs), sent
 * over Node's http modules (http-transport.ts), the bounds and retries of the SDK clients (store.ts
 * StoreTimeouts), and errors shaped as the SDK shapes them (`name`, `$metadata.httpStatusCode`,
 * `$fault`, `$retryable`), so that the core's branches on error names and http/errors.ts's
 * classification (503 for throttling, 5xx, timeouts and network errors) work unchanged.
 *
 * The reader function's clients (fetch-db.ts, fetch-objects.ts) are built on this instead of the
 * AWS SDK: the SDK is most of a 1 MB bundle and 100 ms of cold import, on every reader's path.
 */
import aws4 from "aws4";
import { exchange, type Received } from "./http-transport";
import type { SendOptions } from "./db";
import type { StoreTimeouts } from "./store";

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface ServiceOptions {
  region: string;
  credentials: Credentials;
  timeouts: StoreTimeouts;
}

/** An error of an AWS service, with the fields the SDK sets on its own (and the body's extra members). */
export interface ServiceError extends Error {
  $fault: "client" | "server";
  $metadata: { httpStatusCode?: number; requestId?: string; attempts: number; totalRetryDelay: number };
  $retryable?: { throttling: boolean };
  [member: string]: unknown;
}

/** A service's answer: status, headers and the whole body. */
export interface Answer extends Received {
  /** Attempts made and milliseconds waited between them (the SDK's `$metadata` fields). */
  attempts?: number;
  totalRetryDelay?: number;
}

/** Names the SDK's standard retry strategy retries as throttling (one list for DynamoDB and S3). */
const THROTTLING = new Set([
  "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException", "TooManyRequestsException",
  "ProvisionedThroughputExceededException", "TransactionInProgressException", "RequestLimitExceeded",
  "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
]);
const TRANSIENT = new Set(["TimeoutError", "RequestTimeout", "RequestTimeoutException"]);

/** Builds a ServiceError from a non-2xx answer: the service's name for it, its message, its members. */
export function serviceError(status: number, name: string, message: string, members: Record<string, unknown> = {}, requestId?: string): ServiceError {
  const error = Object.assign(new Error(message || name), members) as ServiceError;
  error.name = name;
  error.$fault = status >= 500 ? "server" : "client";
  error.$metadata = { httpStatusCode: status, requestId, attempts: 1, totalRetryDelay: 0 };
  if (THROTTLING.has(name) || status === 429) error.$retryable = { throttling: true };
  return error;
}

/** Whether the SDK would try the call again: throttling, 5xx, timeouts and network errors. */
function retryable(error: unknown): boolean {
  const e = error as Partial<ServiceError> & { code?: string };
  if (e.$metadata) return Boolean(e.$retryable) || TRANSIENT.has(e.name ?? "") || (e.$metadata.httpStatusCode ?? 0) >= 500;
  // Our per-attempt TimeoutError, and Node's network errors (ECONNREFUSED, ECONNRESET…: a `code`, no service status).
  return e.name === "TimeoutError" || typeof e.code === "string";
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface Call {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
}

/**
 * One service's signed caller. `fail` turns a non-2xx answer into the service's error (or
 * returns undefined to accept the answer, e.g. S3's 404 of a missing key).
 */
export function signedCaller(service: "dynamodb" | "s3", options: ServiceOptions, fail: (answer: Answer) => ServiceError | undefined) {
  const { attempts, responseMs } = options.timeouts;

  /** One attempt: signed (aws4, synchronous, node:crypto), then sent over a kept-alive socket (http-transport.ts). */
  function attempt(request: Call, caller?: AbortSignal): Promise<Answer> {
    const url = new URL(request.url);
    const signed = aws4.sign(
      { host: url.host, path: url.pathname + url.search, method: request.method, service, region: options.region, headers: { ...request.headers }, body: request.body as string | Buffer | undefined },
      options.credentials,
    );
    return exchange({ method: request.method, url, headers: signed.headers as Record<string, string>, body: request.body }, responseMs, caller);
  }

  return async function call(request: Call, send?: SendOptions): Promise<Answer> {
    let totalRetryDelay = 0;
    for (let n = 1; ; n++) {
      send?.abortSignal?.throwIfAborted();
      let error: unknown;
      try {
        const answer = await attempt(request, send?.abortSignal);
        error = answer.status < 300 ? undefined : fail(answer);
        if (!error) return { ...answer, attempts: n, totalRetryDelay };
      } catch (thrown) {
        // The caller gave up (health check budget, client gone): no retry.
        if (send?.abortSignal?.aborted) throw thrown;
        error = thrown;
      }
      const metadata = (error as Partial<ServiceError>).$metadata;
      if (metadata) Object.assign(metadata, { attempts: n, totalRetryDelay });
      if (n >= attempts || !retryable(error)) throw error;
      // The SDK's standard strategy: full jitter on an exponential base of 100 ms.
      const delay = Math.random() * Math.min(20_000, 100 * 2 ** (n - 1));
      totalRetryDelay += delay;
      await sleep(delay);
    }
  };
}

/** Lambda's credentials and region, from the environment the runtime sets. */
export function credentialsFromEnv(env: NodeJS.ProcessEnv): { region: string; credentials: Credentials } {
  const { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey, AWS_SESSION_TOKEN: sessionToken } = env;
  const region = env.AWS_REGION || env.AWS_DEFAULT_REGION;
  if (!accessKeyId || !secretAccessKey || !region) throw new Error("AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_REGION must be set");
  return { region, credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) } };
}
