import { handleS3Records, type S3EventRecord } from "./core/media/process";
import { createStore } from "./core/storage/sdk-store";

/**
 * The media function (infra/Media.ts): S3 ObjectCreated on the media bucket's uploads/ prefix.
 * Its own store, with longer per-call bounds than the request Lambdas': a server-side copy of a
 * 100 MB video and the read of a 30 MB photo take seconds, and this function has 60 s.
 * An error is thrown on (after logging): Lambda's asynchronous retries run the event again, and
 * processing is idempotent (core/media/process.ts).
 */
const table = process.env.PORTAL_TABLE;
const bucket = process.env.PORTAL_BUCKET;
if (!table || !bucket) throw new Error("PORTAL_TABLE and PORTAL_BUCKET must be set");
const store = createStore({ table, bucket, timeouts: { connectMs: 1000, responseMs: 20_000, attempts: 3 } });

export const handler = async (event: { Records?: S3EventRecord[] }) => {
  const outcomes = await handleS3Records(store, event.Records ?? []);
  console.log(JSON.stringify({ media: outcomes }));
  return { outcomes };
};
