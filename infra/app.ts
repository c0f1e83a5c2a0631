/**
 * App-wide settings applied before any stack is created: defaults for every Lambda function,
 * the removal policy of the stage and the CDK feature flags this app relies on.
 */
import { NagSuppressions } from "cdk-nag";
import { Function as SstFunction, Stack, type App } from "sst/constructs";
import { stageConfig } from "./stages";

export const APP_NAME = "portal";
export const DEFAULT_REGION = "ap-southeast-1";

/**
 * CDK feature flags set in code, not in cdk.json: `sst deploy` reads cdk.json but the offline
 * synthesis in tests does not, and both must produce the same templates.
 */
const FEATURE_FLAGS: Record<string, boolean> = {
  // Server access logs are delivered through a bucket policy on the logs bucket instead of the
  // legacy LogDeliveryWrite ACL (and without cross-stack references back to the source buckets).
  "@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy": true,
};

/**
 * The SSM parameter holding the CloudFront distribution id. The Web stack writes it; the
 * functions that publish read it (a direct reference would be an Api ↔ Web stack cycle).
 */
export function distributionParameterName(app: Pick<App, "name" | "stage">): string {
  return `/${app.name}/${app.stage}/distribution-id`;
}

/** How every function is bundled (SST v2 `nodejs` props; a function that sets `nodejs` replaces all of it). */
export const NODEJS_BUNDLING = {
  format: "esm",
  minify: true,
  // `true` ships the .map inside the function's zip: not loaded at run time (no cold-start
  // cost), decodes stack traces offline or with NODE_OPTIONS=--enable-source-maps while
  // debugging. SST's default (unset) would instead upload it to SST's bootstrap bucket for
  // the SST Console, which this project does not use.
  sourcemap: true,
} as const;

export function configureApp(app: App): void {
  for (const [flag, value] of Object.entries(FEATURE_FLAGS)) app.node.setContext(flag, value);

  const config = stageConfig(app.stage);
  // prod: CDK's defaults (table, buckets and log groups are retained), made explicit in the
  // stacks. Other stages: everything is deleted and buckets are emptied on `sst remove`.
  if (!config.retainData) app.setDefaultRemovalPolicy("destroy");

  app.setDefaultFunctionProps({
    runtime: "nodejs22.x",
    architecture: "arm_64",
    // scrypt (N=2^17, r=8) needs 128 MiB per hash; Lambda CPU also scales with memory.
    memorySize: "1024 MB",
    timeout: "10 seconds",
    // SST's default is Active. The app does not instrument the AWS SDK, so traces would only
    // repeat the REPORT lines of the logs, at a price, and need an `xray:*` grant on Resource "*".
    tracing: "disabled",
    nodejs: NODEJS_BUNDLING,
  });
}

const BASIC_EXECUTION_ROLE = "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";

/**
 * cdk-nag suppressions for what every function of the app, and SST itself, brings along. Call
 * after all stacks are defined. Stack-specific suppressions live next to their resources.
 */
export function suppressAppWideFindings(app: App): void {
  for (const child of app.node.children) {
    if (!(child instanceof Stack)) continue;
    NagSuppressions.addResourceSuppressions(
      child.customResourceHandler,
      [
        {
          id: "AwsSolutions-IAM4",
          appliesTo: [BASIC_EXECUTION_ROLE],
          reason:
            "SST's per-stack custom-resource handler (created by sst/constructs Stack, not configurable): the managed policy only lets it write its CloudWatch logs.",
        },
        {
          id: "AwsSolutions-L1",
          reason:
            "SST 2.49.8 pins its custom-resource handler to nodejs22.x, a supported Lambda runtime; it moves with SST, not with this project.",
        },
      ],
      true,
    );
  }

  for (const fn of app.node.findAll()) {
    if (!(fn instanceof SstFunction)) continue;
    NagSuppressions.addResourceSuppressions(
      fn,
      [
        {
          id: "AwsSolutions-IAM4",
          appliesTo: [BASIC_EXECUTION_ROLE],
          reason:
            "The managed policy grants CloudWatch Logs writes only (CreateLogGroup, CreateLogStream, PutLogEvents); the function logs to its own log group.",
        },
        {
          id: "AwsSolutions-L1",
          reason:
            "nodejs22.x is this project's chosen runtime (default function props, infra/app.ts): the Lambda line closest to the Node 20 toolchain the code is built and tested with, supported by Lambda until 2027. Move to nodejs24.x together with the toolchain.",
        },
      ],
      true,
    );
  }
}
