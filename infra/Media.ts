/**
 * The media function (functions/media.ts): S3 ObjectCreated on the media bucket's uploads/ prefix
 * → sniff, check, publish under media/ or fail (docs/architecture.md, "Media"). Defined inside the
 * Storage stack (called from Storage.ts): a bucket's notification configuration lives in the
 * bucket's stack, so a function in another stack would make a Storage ↔ Media reference cycle.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { Stack } from "aws-cdk-lib";
import * as lambda from "aws-cdk-lib/aws-lambda";
import * as s3 from "aws-cdk-lib/aws-s3";
import * as s3n from "aws-cdk-lib/aws-s3-notifications";
import { NagSuppressions } from "cdk-nag";
import { Function as SstFunction, type Bucket, type Table } from "sst/constructs";
import { Alarms, concurrencyOf, deadLetterQueue, functionLogGroup, mediaFailureMetric } from "./Operations";
import type { StageConfig } from "./stages";
import { MEDIA_PUBLIC_PREFIX } from "./Storage";

/** Originals from the browsers' presigned PUTs; private. */
export const MEDIA_UPLOAD_PREFIX = "uploads/";

/**
 * Table actions of the media function: read the record and settle it (conditional UpdateItem).
 * No Put, Delete, Query or transactions: records are created by the staff function.
 */
export const MEDIA_TABLE_ACTIONS = ["dynamodb:GetItem", "dynamodb:UpdateItem"] as const;

/**
 * The directory of the sharp layer: `nodejs/node_modules/sharp` with its prebuilt libvips for
 * linux-arm64, the same sharp version as the project's. sharp is native, so it cannot be bundled,
 * and SST v2's `nodejs.install` pins sharp 0.32. Built once with npm (`--os`, `--cpu`, `--libc`
 * pick the arm64 binaries on any build machine) into `.build/` (git-ignored), in a temp directory
 * renamed into place, so two synths at once never share a half-installed tree.
 */
export function sharpLayerDir(): string {
  const version = JSON.parse(readFileSync(resolve("node_modules/sharp/package.json"), "utf8")).version as string;
  const dir = resolve(".build/sharp-layer", `${version}-linux-arm64`);
  if (existsSync(join(dir, "nodejs/node_modules/@img/sharp-linux-arm64/package.json"))) return dir;
  mkdirSync(resolve(".build/sharp-layer"), { recursive: true });
  const temp = mkdtempSync(`${dir}.tmp-`);
  try {
    execFileSync(
      "npm",
      ["install", "--prefix", join(temp, "nodejs"), "--no-save", "--no-package-lock", "--no-audit", "--no-fund", "--ignore-scripts", "--omit=dev", "--os=linux", "--cpu=arm64", "--libc=glibc", `sharp@${version}`],
      { stdio: "pipe", timeout: 300_000 },
    );
    if (!existsSync(join(temp, "nodejs/node_modules/@img/sharp-linux-arm64/package.json"))) throw new Error("npm did not install @img/sharp-linux-arm64");
    if (!existsSync(join(dir, "nodejs/node_modules/@img/sharp-linux-arm64/package.json"))) {
      rmSync(dir, { recursive: true, force: true });
      renameSync(temp, dir);
    }
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
  return dir;
}

export function MediaProcessing(
  stack: Stack,
  input: { table: Table; media: Bucket; environment: Record<string, string>; config: StageConfig; alarms: Alarms; stage: string },
) {
  const { table, media, environment, config, alarms, stage } = input;
  const logGroup = functionLogGroup(stack, "MediaFunctionLogs", config);
  // Events that failed Lambda's two asynchronous retries (the record stays "processing": the
  // operator replays or fails it, docs/operations.md).
  const deadLetters = deadLetterQueue(stack, "MediaDeadLetters");
  const uploads = `${media.bucketArn}/${MEDIA_UPLOAD_PREFIX}*`;
  const published = `${media.bucketArn}/${MEDIA_PUBLIC_PREFIX}*`;
  const sharp = new lambda.LayerVersion(stack, "SharpLayer", {
    code: lambda.Code.fromAsset(sharpLayerDir()),
    compatibleArchitectures: [lambda.Architecture.ARM_64],
    compatibleRuntimes: [lambda.Runtime.NODEJS_22_X],
    description: "sharp with libvips for linux-arm64 (images of the media function)",
  });
  const fn = new SstFunction(stack, "MediaFunction", {
    handler: "functions/media.handler",
    // core/media/images.ts requires sharp at run time: from the layer (/opt/nodejs/node_modules).
    layers: [sharp],
    nodejs: { esbuild: { external: ["sharp"] } },
    description: "Processes uploads: sniffs the real type, publishes under media/ or records why not",
    // A 100 MB server-side copy, or (later) an image's variants one after another, within a minute.
    timeout: "60 seconds",
    memorySize: "1024 MB",
    logGroup,
    deadLetterQueue: deadLetters,
    ...concurrencyOf(config, "media"),
    environment,
    bind: [
      { resource: table, permissions: [{ actions: [...MEDIA_TABLE_ACTIONS], resources: [table.tableArn] }] },
      {
        resource: media,
        permissions: [
          // NoSuchKey rather than AccessDenied for a vanished upload; listing an item's prefix to clean it.
          { actions: ["s3:ListBucket"], resources: [media.bucketArn] },
          // Read the original (ranges, copy source); delete a refused one.
          { actions: ["s3:GetObject", "s3:DeleteObject"], resources: [uploads] },
          // Write the public copy; remove a half-written one.
          { actions: ["s3:PutObject", "s3:DeleteObject"], resources: [published] },
        ],
      },
    ],
  });
  media.cdk.bucket.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(fn), { prefix: MEDIA_UPLOAD_PREFIX });

  const mediaBucketId = Stack.of(media.cdk.bucket).getLogicalId(media.cdk.bucket.node.defaultChild as s3.CfnBucket);
  NagSuppressions.addResourceSuppressions(
    fn,
    [
      {
        id: "AwsSolutions-IAM5",
        appliesTo: [`Resource::<${mediaBucketId}.Arn>/${MEDIA_UPLOAD_PREFIX}*`, `Resource::<${mediaBucketId}.Arn>/${MEDIA_PUBLIC_PREFIX}*`],
        reason:
          "Object actions on two prefixes of the media bucket only: Get/Delete on uploads/ (the originals it processes, keys chosen by the app per media id) and Put/Delete on media/ (the public copies it writes).",
      },
    ],
    true,
  );
  // CDK's BucketNotificationsHandler: one singleton Lambda per stack that sets the notification.
  const notifications = stack.node.tryFindChild("BucketNotificationsHandler050a0587b7544547bf325f094a3db834");
  if (notifications)
    NagSuppressions.addResourceSuppressions(
      notifications,
      [
        {
          id: "AwsSolutions-IAM4",
          appliesTo: ["Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"],
          reason: "CDK's bucket-notifications custom resource (aws-s3-notifications, not configurable): the managed policy only lets it write its logs.",
        },
        {
          id: "AwsSolutions-IAM5",
          appliesTo: ["Resource::*"],
          reason: "CDK's bucket-notifications custom resource: s3:PutBucketNotification, which it calls on the media bucket at deploy time; CDK grants it on * by design.",
        },
      ],
      true,
    );
  alarms.forFunction("MediaFunction", fn);
  alarms.forQueue("MediaDeadLetters", deadLetters);
  const failures = mediaFailureMetric(stack, logGroup, stage);
  alarms.add("MediaFailures", failures, {
    // One refused file is an editor's mistake the dashboard already explains; many are not.
    threshold: 5,
    description: "Media: 5 or more uploads failed processing in 5 minutes (refused files or a broken pipeline)",
  });
  return { mediaFunction: fn, mediaDeadLetters: deadLetters, mediaFailures: failures };
}
