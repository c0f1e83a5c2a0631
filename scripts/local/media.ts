/**
 * What AWS does around the media bucket, done locally (docs/architecture.md, "Media"): s3rver's
 * ObjectCreated events run the same processing as the media Lambda; the bucket's CORS lets the
 * browser PUT to a presigned URL from the portal's origin; and the local server answers
 * `/media/*` from the bucket's media/ prefix as CloudFront does (never uploads/).
 */
import { GetObjectCommand, PutBucketCorsCommand } from "@aws-sdk/client-s3";
import type { Context, Next } from "hono";
import { handleS3Records, type S3EventRecord } from "../../functions/core/media/process";
import { s3Of, type Store } from "../../functions/core/storage/store";

/** The CORS rules of the media bucket: PUT (and the read-back of ETag) from the portal's origins. */
export function mediaCorsRules(origins: string[]) {
  return [
    {
      AllowedMethods: ["PUT"],
      AllowedOrigins: origins,
      AllowedHeaders: ["content-type"],
      ExposeHeaders: ["ETag"],
      MaxAgeSeconds: 3000,
    },
  ];
}

export async function configureMediaBucket(store: Store, origins: string[]): Promise<void> {
  await s3Of(store).send(new PutBucketCorsCommand({ Bucket: store.bucket, CORSConfiguration: { CORSRules: mediaCorsRules(origins) } }));
}

/**
 * The s3rver `onEvent` callback: processes each record for `store()`'s bucket, one after another
 * (as a Lambda instance would), logging instead of throwing (s3rver has no retries to hand it to).
 */
export function mediaEvents(store: () => Store | undefined): (record: unknown) => void {
  let queue = Promise.resolve();
  return (record) => {
    const current = store();
    if (!current) return;
    queue = queue
      .then(() => handleS3Records(current, [record as S3EventRecord]))
      .then(
        () => undefined,
        (error) => console.error("Lỗi khi xử lý tệp tải lên:", error),
      );
  };
}

/**
 * Hono middleware for `GET|HEAD /media/*`: the object under the bucket's media/ prefix with its
 * stored headers, ranges for video seeking; anything else falls through to the app's 404 page.
 */
export function serveMedia(store: Store) {
  return async (c: Context, next: Next) => {
    if (c.req.method !== "GET" && c.req.method !== "HEAD") return next();
    let key: string;
    try {
      key = decodeURIComponent(new URL(c.req.url).pathname).slice(1);
    } catch {
      return next();
    }
    if (!/^media\/[\w-]{1,64}\/[\w.-]{1,200}$/.test(key) || key.includes("..")) return next();
    const range = c.req.header("range");
    try {
      const out = await s3Of(store).send(new GetObjectCommand({ Bucket: store.bucket, Key: key, Range: range && /^bytes=\d*-\d*$/.test(range) ? range : undefined }));
      const headers: Record<string, string> = { "Accept-Ranges": "bytes" };
      if (out.ContentType) headers["Content-Type"] = out.ContentType;
      if (out.CacheControl) headers["Cache-Control"] = out.CacheControl;
      if (out.ContentDisposition) headers["Content-Disposition"] = out.ContentDisposition;
      if (out.ContentLength !== undefined) headers["Content-Length"] = String(out.ContentLength);
      if (out.ContentRange) headers["Content-Range"] = out.ContentRange;
      if (out.ETag) headers.ETag = out.ETag;
      headers["X-Content-Type-Options"] = "nosniff";
      const status = out.ContentRange ? 206 : 200;
      if (c.req.method === "HEAD") {
        out.Body?.transformToByteArray().catch(() => undefined);
        return new Response(null, { status, headers });
      }
      return new Response(out.Body!.transformToWebStream(), { status, headers });
    } catch (error) {
      if ((error as Error).name === "NoSuchKey" || (error as Error).name === "InvalidRange") return next();
      throw error;
    }
  };
}
