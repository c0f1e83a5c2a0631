/**
 * API stack: one HTTP API in front of two functions: STAFF_ROUTES go to the staff function
 * (functions/staff.ts), `$default` (pages and the public API) to the reader (functions/api.ts).
 * CloudFront (Web stack) sits in front of it. The scheduler (EventBridge rule every minute →
 * functions/scheduler.ts) publishes scheduled items when due, with the staff function's
 * publishing permissions (SSM parameter of the distribution, CloudFront invalidation).
 */
import { Aws, RemovalPolicy } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import * as logs from "aws-cdk-lib/aws-logs";
import { NagSuppressions } from "cdk-nag";
import type { IConstruct } from "constructs";
import { Cron, Function, Api as HttpApi, use, type StackContext } from "sst/constructs";
import { Storage } from "./Storage";
import { distributionParameterName } from "./app";
import { stageConfig } from "./stages";

/**
 * The API Gateway routes served by the staff function (functions/staff.ts); everything else goes
 * to the reader function (functions/api.ts). Must match functions/http/staff/staff.ts.
 */
export const STAFF_ROUTES = [
  "ANY /api/auth/{proxy+}",
  "ANY /api/articles",
  "ANY /api/articles/{proxy+}",
  "ANY /api/featured",
  "ANY /api/users",
  "ANY /api/users/{proxy+}",
  "POST /api/sections",
  "PATCH /api/sections/{proxy+}",
  "GET /api/audit",
  "GET /api/reports/{proxy+}",
] as const;

export function Api({ stack, app }: StackContext) {
  const config = stageConfig(app.stage);
  const { functionAccess, suppressFunctionAccessFindings } = use(Storage);

  // A managed log group (retention, removed with the stage) instead of the one Lambda would
  // create on first invocation and keep forever.
  const functionLogs = new logs.LogGroup(stack, "ApiFunctionLogs", {
    retention: logs.RetentionDays[config.logRetention.toUpperCase() as Uppercase<typeof config.logRetention>],
    removalPolicy: config.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
  });

  // The functions that publish tell CloudFront which pages changed (functions/cloud.ts).
  const parameterName = distributionParameterName(app);
  const publishing = {
    ...functionAccess,
    environment: { ...functionAccess.environment, PORTAL_DISTRIBUTION_PARAMETER: parameterName },
    permissions: [
      new iam.PolicyStatement({
        actions: ["ssm:GetParameter"],
        resources: [`arn:${Aws.PARTITION}:ssm:${Aws.REGION}:${Aws.ACCOUNT_ID}:parameter${parameterName}`],
      }),
      new iam.PolicyStatement({
        actions: ["cloudfront:CreateInvalidation"],
        resources: [`arn:${Aws.PARTITION}:cloudfront::${Aws.ACCOUNT_ID}:distribution/*`],
      }),
    ],
  };

  // The editor's code (validation, sanitizing, diffs) stays out of the reader's bundle.
  const staff = new Function(stack, "Staff", { ...publishing, handler: "functions/staff.handler", logGroup: functionLogs });

  const api = new HttpApi(stack, "Api", {
    routes: {
      $default: { function: { ...functionAccess, handler: "functions/api.handler", logGroup: functionLogs } },
      ...Object.fromEntries(STAFF_ROUTES.map((route) => [route, staff])),
    },
    accessLog: { retention: config.logRetention },
    // Browsers reach the API through CloudFront on the site's own origin. SST's default (`true`)
    // would answer every preflight with Access-Control-Allow-Origin: *.
    cors: false,
  });

  suppressFunctionAccessFindings(api);
  suppressFunctionAccessFindings(staff);
  const suppressInvalidationWildcard = (construct: IConstruct) =>
    NagSuppressions.addResourceSuppressions(
      construct,
      [
        {
          id: "AwsSolutions-IAM5",
          appliesTo: ["Resource::arn:<AWS::Partition>:cloudfront::<AWS::AccountId>:distribution/*"],
          reason:
            "The distribution is created in the Web stack after this one (it points at the API), so its ARN cannot be named here without a stack cycle; the action is only CreateInvalidation, and the id comes from the stage's own SSM parameter.",
        },
      ],
      true,
    );
  suppressInvalidationWildcard(staff);
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
    job: { function: { ...publishing, handler: "functions/scheduler.handler", logGroup: functionLogs, timeout: 60 } },
  });
  suppressFunctionAccessFindings(scheduler);
  suppressInvalidationWildcard(scheduler);

  stack.addOutputs({ ApiUrl: api.url });

  return { api, staff, scheduler };
}
