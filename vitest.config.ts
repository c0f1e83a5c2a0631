import { defineConfig } from "vitest/config";

/**
 * One node project for now: units, route tests (app.request), data access against DynamoDB Local
 * and s3rver (started once in the global setup), infra synthesis. No Solid plugin here: server
 * tests import the SSR build from dist/ (the plugin would add the browser condition).
 */
// The SDK warns on Node 20 that its releases after January 2027 need Node 22; the lock pins
// today's release, so the warning in every worker is noise. Set here, it reaches the global setup too.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
// SST loads the old aws-sdk v2 during synthesis, which prints an end-of-support notice.
process.env.AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE = "1";

/**
 * Three groups, one after the other, sharing one set of services (tests/setup/global.ts):
 * - `parallel`: two files at a time (the machine has two cores and most files wait on DynamoDB
 *   Local or s3rver as much as they compute);
 * - `browser`: the Chromium tests, two files at a time on the run's one Chromium, each file in
 *   contexts of its own with its own server and table;
 * - `serial`: alone, one file at a time: the `npm start` test and the outage test, which start
 *   their own emulators and whose time bounds assume they are not sharing the cores.
 *
 * `isolate: false` in the first two: a worker keeps its modules from one file to the next instead of
 * importing the app, the SDK and the SSR build again for each (the parallel group went from 303 s to
 * 180 s, 127 s of imports to 16). So a file must leave no module state changed behind it: restore
 * spies and environment variables it sets (as the files do), keep per-test state in its own store,
 * app and deps (the reader's instance caches are keyed by them), never in a module's variables.
 */
const BROWSER = ["tests/e2e/**/*.test.ts"];
const SERIAL = ["tests/local/**/*.test.ts", "tests/integration/fault.test.ts"];

export default defineConfig({
  test: {
    environment: "node",
    globalSetup: ["tests/setup/global.ts"],
    // Cheap scrypt for the accounts tests create (tests/setup/password-cost.ts); production's cost is tested apart.
    setupFiles: ["tests/setup/password-cost.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: { name: "parallel", include: ["tests/**/*.test.ts"], exclude: [...BROWSER, ...SERIAL], maxWorkers: 2, isolate: false, sequence: { groupOrder: 0 } },
      },
      {
        extends: true,
        test: { name: "browser", include: BROWSER, maxWorkers: 2, isolate: false, sequence: { groupOrder: 1 } },
      },
      {
        extends: true,
        test: { name: "serial", include: SERIAL, fileParallelism: false, sequence: { groupOrder: 2 } },
      },
    ],
  },
});
