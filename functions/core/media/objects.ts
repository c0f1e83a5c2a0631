/**
 * The public copies of media under media/ (CloudFront serves /media/* from there, the local server
 * from s3rver): the headers every public object gets, and clean-up of an item's objects.
 */
import { CopyObjectCommand, DeleteObjectsCommand, ListObjectsV2Command, PutObjectCommand } from "@aws-sdk/client-s3";
import { s3Of, type Store } from "../storage/store";
import { ALLOWED_TYPES, cleanFilename, type MediaKind } from "./types";

/** Variants and files never change under their key (a new upload is a new id): cache for a year. */
export const IMMUTABLE = "public, max-age=31536000, immutable";

/** The uploader's name with the real type's extension ("Báo cáo.PDF" stays, "Báo cáo" → "Báo cáo.pdf"). */
export function downloadName(filename: string, contentType: string): string {
  const ext = ALLOWED_TYPES[contentType]?.ext;
  const name = cleanFilename(filename);
  if (!ext) return name;
  const current = /\.([^.]{1,5})$/.exec(name)?.[1]?.toLowerCase();
  return current === ext || (ext === "jpg" && current === "jpeg") ? name : `${name.replace(/\.[^.]{1,5}$/, "")}.${ext}`;
}

/**
 * `attachment` with the name in RFC 5987 form (UTF-8, percent-encoded) and an ASCII fallback, so a
 * document downloads under its Vietnamese name instead of opening in the browser.
 */
export function attachment(filename: string): string {
  const fallback = filename.normalize("NFD").replace(/[^\x20-\x7e]/g, "").replace(/["\\%;]/g, "").trim() || "tep";
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** Headers of a public object: the sniffed type, a year of cache, a download name for documents. */
export function publicHeaders(kind: MediaKind, contentType: string, filename: string) {
  return {
    ContentType: contentType,
    CacheControl: IMMUTABLE,
    ...(kind === "file" ? { ContentDisposition: attachment(downloadName(filename, contentType)) } : {}),
  };
}

/** Writes bytes as a public object. */
export async function putPublic(store: Store, key: string, body: Uint8Array, headers: ReturnType<typeof publicHeaders>): Promise<void> {
  await s3Of(store).send(new PutObjectCommand({ Bucket: store.bucket, Key: key, Body: body, ...headers }));
}

/** Copies an upload to its public key with new headers (server-side: the bytes do not pass through us). */
export async function copyPublic(store: Store, from: string, to: string, headers: ReturnType<typeof publicHeaders>): Promise<void> {
  await s3Of(store).send(
    new CopyObjectCommand({
      Bucket: store.bucket,
      Key: to,
      CopySource: `${store.bucket}/${from.split("/").map(encodeURIComponent).join("/")}`,
      MetadataDirective: "REPLACE",
      ...headers,
    }),
  );
}

/** Deletes every object under `prefix` (an item's uploads/<id>/ or media/<id>/). */
export async function removePrefix(store: Store, prefix: string): Promise<void> {
  let token: string | undefined;
  do {
    const out = await s3Of(store).send(new ListObjectsV2Command({ Bucket: store.bucket, Prefix: prefix, ContinuationToken: token }));
    const keys = (out.Contents ?? []).map((object) => ({ Key: object.Key! }));
    if (keys.length) await s3Of(store).send(new DeleteObjectsCommand({ Bucket: store.bucket, Delete: { Objects: keys, Quiet: true } }));
    token = out.IsTruncated ? out.NextContinuationToken : undefined;
  } while (token);
}
