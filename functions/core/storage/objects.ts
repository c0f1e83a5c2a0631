import type { SendOptions } from "./db";

/**
 * The few object calls outside media code (the search snapshot, the health check), on the
 * store's bucket: one key at a time. Two implementations: the AWS SDK's S3 client (sdk-store.ts;
 * staff, media and scheduler functions, the local runner) and signed fetch (fetch-objects.ts; the
 * reader function, whose bundle carries no SDK). Media code keeps the full S3 client
 * (store.ts `s3Of`): multipart uploads, presigned URLs, copies and listings are its alone.
 */
export interface Objects {
  /** The bytes at `key`, or undefined when there is no such object. */
  get(key: string, options?: SendOptions): Promise<Uint8Array | undefined>;
  put(key: string, body: Uint8Array, contentType: string, options?: SendOptions): Promise<void>;
  /** The size of the object at `key`, or undefined when there is none. */
  head(key: string, options?: SendOptions): Promise<{ size: number } | undefined>;
  /** Resolves when the bucket exists and answers (HeadBucket), rejects otherwise. */
  ping(options?: SendOptions): Promise<void>;
}
