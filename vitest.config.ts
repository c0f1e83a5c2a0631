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

export default defineConfig({
  test: {
    environment: "node",
    include: ["tests/**/*.test.ts"],
    globalSetup: ["tests/setup/global.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
  },
});
