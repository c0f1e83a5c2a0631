/**
 * The objects interface (objects.ts) over S3's REST API, signed with aws4 (signed-fetch.ts):
 * the reader function's S3 client. Path-style addressing on an emulator endpoint (s3rver),
 * virtual-hosted on AWS. Errors carry S3's code as their name (NoSuchBucket, AccessDenied,
 * SlowDown…), as the SDK's do.
 */
import type { SendOptions } from "./db";
import type { Objects } from "./objects";
import { serviceError, signedCaller, type Answer, type ServiceOptions } from "./signed-fetch";

export interface FetchObjectsOptions extends ServiceOptions {
  bucket: string;
  /** s3rver's address (path-style); `https://<bucket>.s3.<region>.amazonaws.com` when omitted. */
  endpoint?: string;
}

/** S3's XML error: its Code and Message; a HEAD has no body, so its status names it. */
function s3Error(answer: Answer) {
  const xml = new TextDecoder().decode(answer.body);
  const field = (tag: string) => new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml)?.[1];
  const byStatus = answer.status === 404 ? "NotFound" : answer.status === 403 ? "Forbidden" : answer.status >= 500 ? "InternalError" : "UnknownError";
  return serviceError(answer.status, field("Code") ?? byStatus, field("Message") ?? "", {}, answer.headers.get("x-amz-request-id") ?? undefined);
}

const encodeKey = (key: string) => key.split("/").map(encodeURIComponent).join("/");

export function fetchObjects(options: FetchObjectsOptions): Objects {
  const base = options.endpoint
    ? `${options.endpoint.replace(/\/$/, "")}/${encodeURIComponent(options.bucket)}`
    : `https://${options.bucket}.s3.${options.region}.amazonaws.com`;
  // A missing object is an answer, not an error: get and head return undefined for it.
  const missing = (answer: Answer) => answer.status === 404 && (answer.body.length === 0 ? true : s3Error(answer).name === "NoSuchKey");
  const call = signedCaller("s3", options, (answer) => (missing(answer) ? undefined : s3Error(answer)));
  const url = (key: string) => `${base}/${encodeKey(key)}`;

  return {
    async get(key: string, send?: SendOptions) {
      const answer = await call({ method: "GET", url: url(key) }, send);
      return answer.status === 404 ? undefined : answer.body;
    },
    async put(key: string, body: Uint8Array, contentType: string, send?: SendOptions) {
      await call({ method: "PUT", url: url(key), headers: { "Content-Type": contentType }, body }, send);
    },
    async head(key: string, send?: SendOptions) {
      const answer = await call({ method: "HEAD", url: url(key) }, send);
      return answer.status === 404 ? undefined : { size: Number(answer.headers.get("content-length") ?? 0) };
    },
    async ping(send?: SendOptions) {
      // HeadBucket: a 404 here is a missing bucket, an error like any other.
      const answer = await call({ method: "HEAD", url: `${base}/` }, send);
      if (answer.status === 404) throw serviceError(404, "NotFound", "No such bucket");
    },
  };
}
