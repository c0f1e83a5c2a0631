/**
 * Starts the services the suite needs, once: the web build (when stale), DynamoDB Local in memory
 * and s3rver in a temporary folder, on random loopback ports, isolated from .data/. The teardown
 * runs even when tests fail; the emulators' exit hooks cover a crash of the runner itself.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { ensureWebBuild } from "../../scripts/build";
import { checkJava, startDynamo, startS3, type Emulator } from "../../scripts/local/emulators";

declare module "vitest" {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
    s3Endpoint: string;
  }
}

export default async function setup(project: TestProject) {
  checkJava();
  await ensureWebBuild();
  const s3Dir = mkdtempSync(join(tmpdir(), "portal-test-s3-"));
  const started: Emulator[] = [];
  const teardown = async () => {
    await Promise.allSettled(started.map((emulator) => emulator.stop()));
    rmSync(s3Dir, { recursive: true, force: true });
  };
  try {
    const [dynamo, s3] = await Promise.all([startDynamo({ dataDir: null }), startS3({ directory: s3Dir })]);
    started.push(dynamo, s3);
    project.provide("dynamodbEndpoint", dynamo.endpoint);
    project.provide("s3Endpoint", s3.endpoint);
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}
