import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import { createStore, type Store } from "../../functions/core/storage/store";
import { ensureBucket, ensureTable, localStoreOptions } from "../../scripts/local/emulators";

/**
 * A store on its own new table and bucket in the shared emulators, so test files never see each
 * other's data.
 */
export async function createTestStore(): Promise<Store> {
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
