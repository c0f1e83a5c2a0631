/**
 * Starts the services the suite needs, once per run: the web build (when stale), DynamoDB Local in
 * memory and s3rver in a temporary folder, on random loopback ports, isolated from .data/; one
 * headless Chromium that every browser test connects to (tests/support/browser.ts); the folder
 * where the infra tests share their syntheses (tests/infra/support.ts). Vitest calls this once per
 * group (vitest.config.ts); the groups share one set of services, started by the first call and
 * stopped by the last teardown, since every test file works on its own table and bucket. The
 * teardown runs even when tests fail; the emulators' exit hooks cover a crash of the runner itself.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BrowserServer } from "playwright-core";
import type { TestProject } from "vitest/node";
import { ensureWebBuild } from "../../scripts/build";
import { checkJava, startDynamo, startS3, type Emulator } from "../../scripts/local/emulators";
import { launchChromiumServer } from "../support/chromium";

declare module "vitest" {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
    s3Endpoint: string;
    /** The run's shared Chromium. */
    chromiumEndpoint: string;
    /** Where tests/infra/support.ts keeps each synthesis of the run. */
    synthCacheDir: string;
  }
}

interface Services {
  dynamodbEndpoint: string;
  s3Endpoint: string;
  chromiumEndpoint: string;
  synthCacheDir: string;
  stop(): Promise<void>;
}

/**
 * Held on globalThis: Vitest loads this file once per group, each in its own module runner, but all
 * in the one main process.
 */
const shared = ((globalThis as { __portalTestServices?: { services?: Promise<Services>; users: number } }).__portalTestServices ??= { users: 0 });

async function start(): Promise<Services> {
  checkJava();
  await ensureWebBuild();
  const s3Dir = mkdtempSync(join(tmpdir(), "portal-test-s3-"));
  const synthCacheDir = mkdtempSync(join(tmpdir(), "portal-test-synth-"));
  const started: Emulator[] = [];
  let chromium: BrowserServer | undefined;
  const stop = async () => {
    await Promise.allSettled([...started.map((emulator) => emulator.stop()), chromium?.close()]);
    rmSync(s3Dir, { recursive: true, force: true });
    rmSync(synthCacheDir, { recursive: true, force: true });
  };
  // Each service joins the teardown as soon as it is up, so a failure of another stops it too.
  const starting = [
    startDynamo({ dataDir: null }).then((emulator) => (started.push(emulator), emulator)),
    startS3({ directory: s3Dir }).then((emulator) => (started.push(emulator), emulator)),
    launchChromiumServer().then((server) => (chromium = server)),
  ] as const;
  await Promise.allSettled(starting);
  try {
    const [dynamo, s3, browser] = await Promise.all(starting);
    return { dynamodbEndpoint: dynamo.endpoint, s3Endpoint: s3.endpoint, chromiumEndpoint: browser.wsEndpoint(), synthCacheDir, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

export default async function setup(project: TestProject) {
  shared.users++;
  shared.services ??= start();
  let running: Services;
  try {
    running = await shared.services;
  } catch (error) {
    shared.users--;
    throw error;
  }
  project.provide("dynamodbEndpoint", running.dynamodbEndpoint);
  project.provide("s3Endpoint", running.s3Endpoint);
  project.provide("chromiumEndpoint", running.chromiumEndpoint);
  project.provide("synthCacheDir", running.synthCacheDir);
  return async () => {
    if (--shared.users > 0) return;
    shared.services = undefined;
    await running.stop();
  };
}
