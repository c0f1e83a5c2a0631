/**
 * API stack: one HTTP API whose `$default` route sends every request to the Hono app
 * (functions/api.ts). CloudFront (Web stack) sits in front of it.
 * The scheduler (EventBridge rule every minute → functions/scheduler.ts) publishes scheduled
 * articles when due; it shares the API function's environment and permissions.
 */
import { RemovalPolicy } from "aws-cdk-lib";
import * as logs from "aws-cdk-lib/aws-logs";
import { NagSuppressions } from "cdk-nag";
import { Cron, Api as HttpApi, use, type StackContext } from "sst/constructs";
import { Storage } from "./Storage";
import { stageConfig } from "./stages";

export function Api({ stack, app }: StackContext) {
  const config = stageConfig(app.stage);
  const { functionAccess, suppressFunctionAccessFindings } = use(Storage);

  // A managed log group (retention, removed with the stage) instead of the one Lambda would
  // create on first invocation and keep forever.
  const functionLogs = new logs.LogGroup(stack, "ApiFunctionLogs", {
    retention: logs.RetentionDays[config.logRetention.toUpperCase() as Uppercase<typeof config.logRetention>],
    removalPolicy: config.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
  });

  const api = new HttpApi(stack, "Api", {
    defaults: {
      function: {
        ...functionAccess,
        logGroup: functionLogs,
      },
    },
    routes: {
      $default: "functions/api.handler",
    },
    accessLog: { retention: config.logRetention },
    // Browsers reach the API through CloudFront on the site's own origin. SST's default (`true`)
    // would answer every preflight with Access-Control-Allow-Origin: *.
    cors: false,
  });

  suppressFunctionAccessFindings(api);
  NagSuppressions.addResourceSuppressions(
    api,
    [
      {
        id: "AwsSolutions-APIG4",
        reason:
          "Public portal: every page and the public API are anonymous by design. Editor routes are authenticated inside the app (server-side sessions, role and section checks on every route).",
      },
    ],
    true,
  );

  const scheduler = new Cron(stack, "Scheduler", {
    schedule: "rate(1 minute)",
    job: { function: { ...functionAccess, handler: "functions/scheduler.handler", logGroup: functionLogs, timeout: 60 } },
  });
  suppressFunctionAccessFindings(scheduler);

  stack.addOutputs({ ApiUrl: api.url });

  return { api, scheduler };
}
