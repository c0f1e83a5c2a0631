import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { s3Of, type Store } from "../storage/store";

/**
 * Media bucket layout: `uploads/<id>/<file>` for originals (private; processing is triggered by
 * ObjectCreated on this prefix) and `media/<id>/<variant>` for the variants CloudFront serves.
 * The media pipeline issue builds on these primitives.
 */
export const Media = {
  /** Stores an object under `key` in the media bucket. */
  async put(store: Store, key: string, body: Uint8Array, contentType: string): Promise<void> {
    await s3Of(store).send(new PutObjectCommand({ Bucket: store.bucket, Key: key, Body: body, ContentType: contentType }));
  },

  /** The object at `key` with its content type, or undefined when there is none. */
  async get(store: Store, key: string): Promise<{ body: Uint8Array; contentType?: string } | undefined> {
    try {
      const out = await s3Of(store).send(new GetObjectCommand({ Bucket: store.bucket, Key: key }));
      return { body: await out.Body!.transformToByteArray(), contentType: out.ContentType };
    } catch (error) {
      if ((error as Error).name === "NoSuchKey") return undefined;
      throw error;
    }
  },

  /** Deletes the object at `key` (nothing happens when it does not exist). */
  async remove(store: Store, key: string): Promise<void> {
    await s3Of(store).send(new DeleteObjectCommand({ Bucket: store.bucket, Key: key }));
  },
};
