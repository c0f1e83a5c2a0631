/**
 * API stack: one HTTP API in front of two functions: STAFF_ROUTES go to the staff function
 * (functions/staff.ts), `$default` (pages and the public API) to the reader (functions/api.ts).
 * CloudFront (Web stack) sits in front of it. The scheduler (EventBridge rule every minute →
 * functions/scheduler.ts) publishes scheduled items when due, with the staff function's
 * publishing permissions (SSM parameter of the distribution, CloudFront invalidation).
 *
 * The reader gets Storage's `readerAccess` (reads, single-item counter writes, the search
 * snapshot), staff and scheduler `staffAccess`; the two HTTP functions answer only requests that
 * carry the stage's origin secret, which CloudFront adds (Web.ts, functions/http/origin.ts).
 */
import { Aws, RemovalPolicy } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import * as logs from "aws-cdk-lib/aws-logs";
import * as secretsmanager from "aws-cdk-lib/aws-secretsmanager";
import { NagSuppressions } from "cdk-nag";
import type { IConstruct } from "constructs";
import { Cron, Function, Api as HttpApi, use, type StackContext } from "sst/constructs";
import { ORIGIN_SECRET_HEADER } from "../functions/http/origin";
import { Storage } from "./Storage";
import { distributionParameterName, NODEJS_BUNDLING } from "./app";
import { concurrencyOf, deadLetterQueue, monitorApi } from "./Operations";
import { stageConfig } from "./stages";

/**
 * The API Gateway routes served by the staff function (functions/staff.ts); everything else goes
 * to the reader function (functions/api.ts). Must match functions/http/staff/staff.ts.
 */
export const STAFF_ROUTES = [
  "ANY /api/auth/{proxy+}",
  "ANY /api/articles",
  "ANY /api/articles/{proxy+}",
  "ANY /api/documents",
  "ANY /api/documents/{proxy+}",
  "ANY /api/schedules",
  "ANY /api/schedules/{proxy+}",
  "ANY /api/consultations",
  "ANY /api/consultations/{proxy+}",
  "ANY /api/videos",
  "ANY /api/videos/{proxy+}",
  "ANY /api/galleries",
  "ANY /api/galleries/{proxy+}",
  "ANY /api/document-types",
  "ANY /api/document-types/{proxy+}",
  "ANY /api/schedule-owners",
  "ANY /api/schedule-owners/{proxy+}",
  "ANY /api/uploads",
  "ANY /api/uploads/{proxy+}",
  "ANY /api/media",
  "ANY /api/media/{proxy+}",
  "ANY /api/featured",
  "ANY /api/banners",
  "ANY /api/banners/{proxy+}",
  "ANY /api/settings",
  // Readers' comments (POST /api/<kind>/:id/comments rides on the kinds' routes above), their moderation, ratings.
  "ANY /api/comments",
  "ANY /api/comments/{proxy+}",
  "ANY /api/ratings",
  // Outage notices: announcing and cancelling are the staff's; GET /api/notices is the reader's (public).
  "POST /api/notices",
  "DELETE /api/notices/{proxy+}",
  "ANY /api/holidays",
  "ANY /api/users",
  "ANY /api/users/{proxy+}",
  "POST /api/sections",
  "PATCH /api/sections/{proxy+}",
  "GET /api/audit",
  "GET /api/reports/{proxy+}",
  // The editors' dashboard: its app shell (functions/http/staff/dashboard.ts).
  "GET /quan-tri",
  "GET /quan-tri/{proxy+}",
  // Not listed, so the reader's ($default): GET /api/preview/articles/{id}, the editors' preview of a
  // draft, rendered with the reader's SSR page (functions/http/reader/preview.ts checks the session).
] as const;

export function Api({ stack, app }: StackContext) {
  const config = stageConfig(app.stage);
  const { readerAccess, staffAccess, suppressReaderAccessFindings, suppressStaffAccessFindings, topic } = use(Storage);

  // A managed log group (retention, removed with the stage) instead of the one Lambda would
  // create on first invocation and keep forever.
  const functionLogs = new logs.LogGroup(stack, "ApiFunctionLogs", {
    retention: logs.RetentionDays[config.logRetention.toUpperCase() as Uppercase<typeof config.logRetention>],
    removalPolicy: config.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
  });

  // The execute-api endpoint is public. CloudFront (Web stack) adds this secret to every request it
  // sends here, and the HTTP functions answer nothing else (functions/http/origin.ts). Generated
  // by Secrets Manager, it never appears in source, templates or the cloud assembly: both ends get
  // it through a `{{resolve:secretsmanager:…}}` dynamic reference, resolved by CloudFormation at
  // deploy time (so it is readable by whoever may read the functions' or distribution's
  // configuration, i.e. the account's administrators). The functions need no Secrets Manager
  // permission and no call at cold start.
  const originSecret = new secretsmanager.Secret(stack, "OriginSecret", {
    description: `portal ${app.stage}: value of the ${ORIGIN_SECRET_HEADER} header CloudFront sends to the API origin`,
    generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
    // Only a stage's own distribution and functions use it: nothing to keep once they are gone.
    removalPolicy: RemovalPolicy.DESTROY,
  });
  const originSecretValue = originSecret.secretValue.unsafeUnwrap();
  NagSuppressions.addResourceSuppressions(originSecret, [
    {
      id: "AwsSolutions-SMG4",
      reason:
        "Read only at deploy time, through dynamic references in the CloudFront origin header and the HTTP functions' environment: a rotation Lambda would change the stored value without reaching either. It is replaced, when needed, by a deployment that creates a new secret (README, Deployment). It proves a request came through CloudFront; it guards no data.",
    },
  ]);
  // The HTTP functions check the origin secret; the scheduler is not behind HTTP.
  const httpEnvironment = { PORTAL_ORIGIN_SECRET: originSecretValue };

  // The functions that publish tell CloudFront which pages changed (functions/cloud.ts).
  const parameterName = distributionParameterName(app);
  const publishing = {
    ...staffAccess,
    environment: { ...staffAccess.environment, PORTAL_DISTRIBUTION_PARAMETER: parameterName },
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
  const staff = new Function(stack, "Staff", {
    ...publishing,
    environment: { ...publishing.environment, ...httpEnvironment },
    handler: "functions/staff.handler",
    logGroup: functionLogs,
    ...concurrencyOf(config, "staff"),
  });

  const api = new HttpApi(stack, "Api", {
    routes: {
      $default: {
        function: {
          ...readerAccess,
          environment: { ...readerAccess.environment, ...httpEnvironment },
          handler: "functions/api.handler",
          // SST keeps function and class names by default (+23 KB here); no reader code reads one
          // (errors are told apart by their `name` property, commands by `op`), and the reader's
          // cold start is on every reader's path. Split: what only some requests need (page kinds
          // other than home, section and article; search; open data; sessions) is in chunks
          // imported on first use, so a cold start loads ~200 KB of the ~300 (bench/bundle.ts
          // builds it the same way; docs/architecture.md, "Budgets").
          nodejs: { ...NODEJS_BUNDLING, splitting: true, esbuild: { keepNames: false } },
          logGroup: functionLogs,
          ...concurrencyOf(config, "reader"),
        },
      },
      ...Object.fromEntries(STAFF_ROUTES.map((route) => [route, staff])),
    },
    accessLog: { retention: config.logRetention },
    // Browsers reach the API through CloudFront on the site's own origin. SST's default (`true`)
    // would answer every preflight with Access-Control-Allow-Origin: *.
    cors: false,
  });

  // Only the reader is built by the Api construct itself; `staff` is shared by its routes.
  suppressReaderAccessFindings(api);
  suppressStaffAccessFindings(staff);
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
          "Public portal: every page and the public API are anonymous by design. Editor routes are authenticated inside the app (server-side sessions, role and section checks on every route). The functions answer only requests that carry the stage's origin secret, which CloudFront adds (functions/http/origin.ts).",
      },
    ],
    true,
  );

  // Runs that failed Lambda's asynchronous retries (docs/operations.md); one run at a time where reserved.
  const schedulerDeadLetters = deadLetterQueue(stack, "SchedulerDeadLetters");
  const scheduler = new Cron(stack, "Scheduler", {
    schedule: "rate(1 minute)",
    job: {
      function: {
        ...publishing,
        handler: "functions/scheduler.handler",
        logGroup: functionLogs,
        timeout: 60,
        deadLetterQueue: schedulerDeadLetters,
        ...concurrencyOf(config, "scheduler"),
      },
    },
  });
  suppressStaffAccessFindings(scheduler);
  suppressInvalidationWildcard(scheduler);

  // Alarms (errors, throttles, scheduler lag, 5xx, p99) to the Storage stack's topic: infra/Operations.ts.
  const reader = api.getFunction("$default")!;
  const apiMetrics = monitorApi(stack, config, topic, { reader, staff, scheduler: scheduler.jobFunction, schedulerDeadLetters, httpApi: api.cdk.httpApi });

  stack.addOutputs({ ApiUrl: api.url });

  return { api, staff, scheduler, originSecretValue, reader, apiMetrics };
}
