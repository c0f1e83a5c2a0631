/**
 * What s3rver 3.7.1 lacks of S3's multipart API, added in front of its router so that the local
 * runner and the tests meet S3's behaviour for multipart uploads (core/media/multipart.ts):
 *
 * - AbortMultipartUpload (`DELETE ?uploadId`): s3rver answers 405; here the parts are removed.
 * - CompleteMultipartUpload is checked as S3 checks it before s3rver assembles the object: an
 *   unknown upload is NoSuchUpload (s3rver: a 500), a listed part that was never stored or whose
 *   ETag differs is InvalidPart (s3rver concatenates whatever it has), parts out of order are
 *   InvalidPartOrder, a part other than the last under 5 MB is EntityTooSmall.
 * - UploadPart to a presigned URL has its SigV4 signature and expiry checked (s3rver checks
 *   neither), so a part whose length differs from the signed Content-Length is refused with 403
 *   as S3 refuses it; a part of an unknown upload is NoSuchUpload (s3rver would create it).
 *
 * Only requests naming an `uploadId` are touched; everything else goes to s3rver unchanged.
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { readFile, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import type { IncomingMessage } from "node:http";
import type S3rver from "s3rver";

/** The one key pair s3rver accepts (scripts/local/emulators.ts localStoreOptions). */
const SECRETS: Record<string, string> = { S3RVER: "S3RVER" };
const MIN_PART = 5 * 1024 * 1024;

/** The part of Koa's context used here (s3rver is a Koa app; its typings are ours, s3rver.d.ts). */
interface Ctx {
  method: string;
  path: string;
  querystring: string;
  query: Record<string, string | string[] | undefined>;
  headers: Record<string, string | string[] | undefined>;
  req: IncomingMessage;
  status: number;
  type: string;
  body: unknown;
}
type Middleware = (ctx: Ctx, next: () => Promise<void>) => Promise<void>;

const escapeXml = (text: string) => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

function s3Error(ctx: Ctx, status: number, code: string, message: string): void {
  ctx.status = status;
  ctx.type = "application/xml";
  ctx.body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${escapeXml(message)}</Message><RequestId>s3rver-multipart</RequestId></Error>`;
}

const hmac = (key: Buffer | string, data: string) => createHmac("sha256", key).update(data).digest();

/**
 * Whether a query-presigned SigV4 request carries a valid, unexpired signature: the canonical
 * request is rebuilt from the raw path, the raw query (minus the signature) and the signed
 * headers as received, so a Content-Length other than the signed one gives another signature.
 */
export function presignedSignatureValid(ctx: Pick<Ctx, "method" | "path" | "querystring" | "headers">, now = new Date()): boolean {
  const pairs = ctx.querystring.split("&").filter(Boolean).map((pair) => {
    const at = pair.indexOf("=");
    return at < 0 ? [pair, ""] : [pair.slice(0, at), pair.slice(at + 1)];
  }) as [string, string][];
  const query = Object.fromEntries(pairs.map(([k, v]) => [decodeURIComponent(k), decodeURIComponent(v)]));
  const [accessKey, date, region, service] = (query["X-Amz-Credential"] ?? "").split("/");
  const secret = accessKey ? SECRETS[accessKey] : undefined;
  const amzDate = query["X-Amz-Date"] ?? "";
  const signature = query["X-Amz-Signature"] ?? "";
  if (query["X-Amz-Algorithm"] !== "AWS4-HMAC-SHA256" || !secret || !date || !region || !service || !/^\d{8}T\d{6}Z$/.test(amzDate)) return false;
  const signedAt = Date.UTC(+amzDate.slice(0, 4), +amzDate.slice(4, 6) - 1, +amzDate.slice(6, 8), +amzDate.slice(9, 11), +amzDate.slice(11, 13), +amzDate.slice(13, 15));
  if (now.getTime() > signedAt + Number(query["X-Amz-Expires"] ?? 0) * 1000) return false;
  const signedHeaders = (query["X-Amz-SignedHeaders"] ?? "").split(";");
  const headerLines = signedHeaders.map((name) => `${name}:${String(ctx.headers[name] ?? "").trim().replace(/\s+/g, " ")}\n`).join("");
  const canonicalQuery = pairs
    .filter(([k]) => k !== "X-Amz-Signature")
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
  const canonical = [ctx.method, ctx.path, canonicalQuery, headerLines, signedHeaders.join(";"), query["X-Amz-Content-Sha256"] ?? "UNSIGNED-PAYLOAD"].join("\n");
  const scope = `${date}/${region}/${service}/aws4_request`;
  const toSign = ["AWS4-HMAC-SHA256", amzDate, scope, createHash("sha256").update(canonical).digest("hex")].join("\n");
  const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), service), "aws4_request");
  const expected = Buffer.from(hmac(key, toSign).toString("hex"));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** The `<Part>`s of a CompleteMultipartUpload body, in the order given. */
function listedParts(xml: string): { number: number; etag: string }[] {
  return [...xml.matchAll(/<Part>([\s\S]*?)<\/Part>/g)].map(([, part]) => ({
    number: Number(/<PartNumber>\s*(\d+)\s*<\/PartNumber>/.exec(part!)?.[1] ?? NaN),
    etag: (/<ETag>([\s\S]*?)<\/ETag>/.exec(part!)?.[1] ?? "").replace(/&quot;|&#34;|"/g, "").trim(),
  }));
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Adds the missing multipart behaviour to `server` (call before `run()`). */
export function withMultipart(server: S3rver): S3rver {
  const app = server as unknown as { middleware: Middleware[]; store: { getResourcePath(bucket: string, key: undefined, resource: string): string } };
  const middleware: Middleware = async (ctx, next) => {
    const uploadId = ctx.query.uploadId;
    const bucket = /^\/([^/]+)\/.+/.exec(ctx.path)?.[1];
    if (typeof uploadId !== "string" || !bucket) return next();
    if (!/^[0-9a-f]{32}$/.test(uploadId)) return s3Error(ctx, 404, "NoSuchUpload", "The specified upload does not exist.");
    const dir = join(app.store.getResourcePath(bucket, undefined, "uploads"), uploadId);
    const known = await stat(join(dir, "key")).then(() => true, () => false);

    if (ctx.method === "PUT") {
      if ("X-Amz-Signature" in ctx.query && !presignedSignatureValid(ctx))
        return s3Error(ctx, 403, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided.");
      if (!known) return s3Error(ctx, 404, "NoSuchUpload", "The specified upload does not exist.");
      return next();
    }
    if (ctx.method === "DELETE") {
      if (!known) return s3Error(ctx, 404, "NoSuchUpload", "The specified upload does not exist.");
      await rm(dir, { recursive: true, force: true });
      ctx.status = 204;
      ctx.body = null;
      return;
    }
    if (ctx.method === "POST") {
      if (!known) return s3Error(ctx, 404, "NoSuchUpload", "The specified upload does not exist.");
      const body = await readBody(ctx.req);
      const parts = listedParts(body.toString("utf8"));
      for (const [index, part] of parts.entries()) {
        if (index > 0 && !(part.number > parts[index - 1]!.number)) return s3Error(ctx, 400, "InvalidPartOrder", "The list of parts was not in ascending order.");
        const md5 = await readFile(join(dir, `${part.number}.md5`), "utf8").catch(() => undefined);
        if (!Number.isInteger(part.number) || md5 === undefined || md5.trim() !== part.etag)
          return s3Error(ctx, 400, "InvalidPart", "One or more of the specified parts could not be found or the ETag did not match.");
        if (index < parts.length - 1 && (await stat(join(dir, String(part.number)))).size < MIN_PART)
          return s3Error(ctx, 400, "EntityTooSmall", "Your proposed upload is smaller than the minimum allowed object size.");
      }
      // s3rver reads the body again from ctx.req: hand it the bytes already read.
      const replay = Object.assign(new PassThrough(), { headers: ctx.req.headers });
      replay.end(body);
      ctx.req = replay as unknown as IncomingMessage;
      return next();
    }
    return next();
  };
  app.middleware.unshift(middleware);
  return server;
}
