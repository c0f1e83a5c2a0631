/**
 * A running portal for benchmarks: emulators in a temporary folder, the demo content, the app
 * served on a free loopback port. close() stops everything.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Hono } from "hono";
import { createStore, EMULATOR_TIMEOUTS, type Store } from "../functions/core/storage/sdk-store";
import { createFetchStore } from "../functions/core/storage/fetch-store";
import { ensureWebBuild } from "../scripts/build";
import { ensureBucket, ensureTable, freePort, localStoreOptions, startDynamo, startS3 } from "../scripts/local/emulators";
import { serveLocal } from "../scripts/local/server";
import { seedDemo } from "../scripts/seed";

export interface Harness {
  store: Store;
  /** The store the server reads through: `store`, or the reader function's (`readerClient`). */
  served: Store;
  url: string;
  /** The emulators' endpoints, for a child process that needs its own store. */
  endpoints: { dynamodb: string; s3: string };
  close(): Promise<void>;
}

/**
 * `extend` may add routes (e.g. a static baseline) before the portal's own. `readerClient`: the
 * server reads through the reader function's store (signed HTTP, core/storage/fetch-store.ts), as
 * the public pages and beacons do on Lambda; only reader routes work on it (no media, no S3 SDK).
 * `store` stays the SDK's either way, for seeding and direct reads.
 */
export async function startHarness(extend?: (app: Hono) => void, options: { readerClient?: boolean } = {}): Promise<Harness> {
  await ensureWebBuild();
  const dir = mkdtempSync(join(tmpdir(), "portal-bench-"));
  const dynamo = await startDynamo({ dataDir: null });
  const s3 = await startS3({ directory: join(dir, "s3") });
  const store = createStore(localStoreOptions({ dynamodb: dynamo.endpoint, s3: s3.endpoint }, { table: "bench", bucket: "bench" }));
  await ensureTable(store);
  await ensureBucket(store);
  await seedDemo(store);

  const port = await freePort();
  const served = options.readerClient
    ? createFetchStore({
        table: "bench",
        bucket: "bench",
        // The emulators' region and keys (scripts/local/emulators.ts; s3rver takes only its own).
        region: "us-east-1",
        credentials: { accessKeyId: "local", secretAccessKey: "local" },
        s3Credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
        endpoints: { dynamodb: dynamo.endpoint, s3: s3.endpoint },
        timeouts: EMULATOR_TIMEOUTS,
      })
    : store;
  const server = await serveLocal({ store: served }, { port, hostname: "127.0.0.1", extend });

  return {
    store,
    served,
    url: `http://127.0.0.1:${port}`,
    endpoints: { dynamodb: dynamo.endpoint, s3: s3.endpoint },
    async close() {
      await server.close();
      await Promise.allSettled([dynamo.stop(), s3.stop()]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
