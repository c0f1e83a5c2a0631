/**
 * `npm start`: the portal on this machine, on the same code paths as the cloud. Starts DynamoDB
 * Local and s3rver with data under PORTAL_DATA_DIR, creates the table and bucket from the shared
 * definitions, creates the first admin and the demo content on first start, builds the web app
 * when stale, and serves everything on PORT. Ctrl-C / SIGTERM stop every child process.
 */
import { join, resolve } from "node:path";
import { getConnInfo } from "@hono/node-server/conninfo";
import { CONTENT_KINDS } from "../functions/core/content";
import { publishDue } from "../functions/core/publishing/due";
import { backfillSummaries } from "../functions/core/reader/summaries";
import { invalidationEffects, RecordingInvalidator } from "../functions/core/publishing/invalidation";
import type { Store } from "../functions/core/storage/store";
import { createStore } from "../functions/core/storage/sdk-store";
import { ensureFirstAdmin } from "./admin";
import { ensureWebBuild } from "./build";
import { checkJava, ensureBucket, ensureTable, localStoreOptions, startDynamo, startS3, type Emulator, UserFacingError } from "./local/emulators";
import { configureMediaBucket, mediaEvents } from "./local/media";
import type { LocalServer } from "./local/server";
import { serveLocal } from "./local/server";
import { seedDemo } from "./seed";

const env = process.env;
const port = Number(env.PORT || 3000);
const host = env.HOST || "127.0.0.1";
const dataDir = resolve(env.PORTAL_DATA_DIR || ".data");
const seed = env.PORTAL_SEED || "demo";
const names = { table: "portal", bucket: "portal-media" };

const running: Emulator[] = [];
let server: LocalServer | undefined;
let scheduler: NodeJS.Timeout | undefined;
let stopping = false;
const SCHEDULER_INTERVAL_MS = 30_000;

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  clearInterval(scheduler);
  await server?.close();
  await Promise.allSettled(running.map((emulator) => emulator.stop()));
  process.exit(code);
}

async function main() {
  // The SDK warns on Node 20 that its 2027 releases need Node 22; the lock pins today's release.
  env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UserFacingError(`PORT không hợp lệ: ${env.PORT}`);
  if (seed !== "demo" && seed !== "none") throw new UserFacingError(`PORTAL_SEED phải là "demo" hoặc "none" (đang là "${seed}").`);
  checkJava();

  if (await ensureWebBuild()) console.log("Đã build giao diện (dist/).");

  const dynamo = await startDynamo({ dataDir: join(dataDir, "dynamodb") });
  running.push(dynamo);
  // Uploads are processed on s3rver's ObjectCreated event, by the media Lambda's code (local/media.ts).
  let media: Store | undefined;
  const s3 = await startS3({ directory: join(dataDir, "s3"), onEvent: mediaEvents(() => media) });
  running.push(s3);

  const store = createStore(localStoreOptions({ dynamodb: dynamo.endpoint, s3: s3.endpoint }, names));
  // No CDN in front of the local server: nothing to invalidate, but the HTTP routes and the
  // scheduler go through the same effects port as on AWS, and the calls are recorded.
  const invalidator = new RecordingInvalidator();
  await ensureTable(store);
  await ensureBucket(store);
  await configureMediaBucket(store, [env.PORTAL_PUBLIC_URL || `http://localhost:${port}`, `http://127.0.0.1:${port}`]);
  media = store;

  const admin = await ensureFirstAdmin(store, { email: env.PORTAL_ADMIN_EMAIL, password: env.PORTAL_ADMIN_PASSWORD });
  if (admin?.generatedPassword) {
    console.log(`Tài khoản quản trị đầu tiên: ${admin.email}`);
    console.log(`Mật khẩu (chỉ hiện một lần, hãy lưu lại): ${admin.generatedPassword}`);
  } else if (admin) {
    console.log(`Đã tạo tài khoản quản trị đầu tiên: ${admin.email}`);
  }
  // Data stored before list pages read summary items gets them once (reader/summaries.ts).
  const summaries = await backfillSummaries(store, CONTENT_KINDS);
  if (summaries) console.log(`Đã tạo ${summaries} bản tóm tắt cho các trang danh sách.`);
  if (seed === "demo") {
    const written = await seedDemo(store);
    if (written) console.log(`Đã nạp ${written} bài viết mẫu.`);
  }

  try {
    server = await serveLocal(
      {
        store,
        publicUrl: env.PORTAL_PUBLIC_URL || undefined,
        clientAddress: (c) => getConnInfo(c).remote.address,
        invalidator,
      },
      { port, hostname: host },
    );
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE") throw error;
    throw new UserFacingError(`Cổng ${port} đang được dùng. Đặt biến PORT khác, ví dụ: PORT=3001 npm start`);
  }
  // On AWS an EventBridge rule runs functions/scheduler.ts every minute; here a timer does.
  scheduler = setInterval(() => {
    publishDue({ store, effects: invalidationEffects(store, invalidator) }, CONTENT_KINDS).catch((error) =>
      console.error("Lỗi khi xuất bản bài hẹn giờ:", error),
    );
  }, SCHEDULER_INTERVAL_MS);
  console.log(`Portal đã sẵn sàng: http://localhost:${port} (dữ liệu: ${dataDir})`);
}

process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

main().catch(async (error) => {
  console.error(error instanceof UserFacingError ? error.message : error);
  await shutdown(1);
});
