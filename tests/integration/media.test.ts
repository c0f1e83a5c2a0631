import { beforeAll, describe, expect, it } from "vitest";
import { Media } from "../../functions/core/media/media";
import type { Store } from "../../functions/core/storage/store";
import { createTestStore } from "../support/store";

describe("media bucket on s3rver", () => {
  let store: Store;
  beforeAll(async () => {
    store = await createTestStore();
  });

  it("round-trips bytes and content type, and deletes", async () => {
    const bytes = new Uint8Array(256 * 1024).map((_, i) => (i * 31) % 256);
    await Media.put(store, "uploads/abc/anh-hoi-nghi.jpg", bytes, "image/jpeg");
    const read = await Media.get(store, "uploads/abc/anh-hoi-nghi.jpg");
    expect(read?.contentType).toBe("image/jpeg");
    expect(Buffer.from(read!.body).equals(Buffer.from(bytes))).toBe(true);
    await Media.remove(store, "uploads/abc/anh-hoi-nghi.jpg");
    expect(await Media.get(store, "uploads/abc/anh-hoi-nghi.jpg")).toBeUndefined();
  });
});
