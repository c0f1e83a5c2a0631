import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import { createStore, type MediaStore } from "../../functions/core/storage/sdk-store";
import { createFetchStore } from "../../functions/core/storage/fetch-store";
import { EMULATOR_TIMEOUTS, type Store } from "../../functions/core/storage/store";
import { ensureBucket, ensureTable, localStoreOptions } from "../../scripts/local/emulators";

/**
 * A store on its own new table and bucket in the shared emulators, so test files never see each
 * other's data.
 */
export async function createTestStore(): Promise<MediaStore> {
  const suffix = randomBytes(4).toString("hex");
  const store = createStore(
    localStoreOptions(
      { dynamodb: inject("dynamodbEndpoint"), s3: inject("s3Endpoint") },
      { table: `test-${suffix}`, bucket: `test-${suffix}` },
    ),
  );
  await ensureTable(store);
  await ensureBucket(store);
  return store;
}

/**
 * The reader function's store (signed fetch, no AWS SDK) on the same table and bucket as `store`,
 * with the emulators' key pairs: the same data through the other client.
 */
export function fetchStoreOn(store: Store): Store {
  return createFetchStore({
    table: store.table,
    bucket: store.bucket,
    region: "us-east-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    s3Credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    endpoints: { dynamodb: inject("dynamodbEndpoint"), s3: inject("s3Endpoint") },
    timeouts: EMULATOR_TIMEOUTS,
  });
}
