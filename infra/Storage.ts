/**
 * Data stack: the DynamoDB table, the media bucket and the logs bucket.
 *
 * The table is derived from functions/core/storage/table.ts (the one definition also used by the local
 * runner and the tests). Nothing here knows the CloudFront distribution: it lives in the Web stack,
 * which depends on this one, so a reference back would be a cross-stack cycle.
 */
import { Aws, Duration, RemovalPolicy, Stack } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import * as s3 from "aws-cdk-lib/aws-s3";
import * as ssm from "aws-cdk-lib/aws-ssm";
import { NagSuppressions } from "cdk-nag";
import type { IConstruct } from "constructs";
import { Bucket, Table, type FunctionProps, type StackContext } from "sst/constructs";
import { KEY_ATTRIBUTES, TABLE } from "../functions/core/storage/table";
import { MediaProcessing } from "./Media";
import { Alarms, alarmTopic, backupPlan } from "./Operations";
import { tableParameterName } from "./parameters";
import { stageConfig } from "./stages";

/**
 * Key prefix of the public media variants. CloudFront serves `/media/*` from the media bucket with
 * the request path as the key, so public variants are stored under `media/…`; everything else in
 * the bucket (originals under `uploads/`) is readable only by the app.
 */
export const MEDIA_PUBLIC_PREFIX = "media/";

/**
 * Item-level DynamoDB actions of the reader function (functions/api.ts): reads (GetItem, BatchGetItem,
 * Query) and the writes of its request paths, which are single-item Put and Update: presence and
 * visit claims and the visitor/view counters (core/metrics/), the idle push of a session
 * (accounts/sessions.ts resolve). No Delete, no BatchWrite, no transactions (so no
 * ConditionCheckItem either), no Scan.
 */
export const READER_TABLE_ACTIONS = [
  "dynamodb:GetItem",
  "dynamodb:BatchGetItem",
  "dynamodb:Query",
  "dynamodb:PutItem",
  "dynamodb:UpdateItem",
] as const;

/**
 * Item-level DynamoDB actions of the staff and scheduler functions: the reader's, plus what the
 * editorial writes need. Transactions (core/storage/store.ts `transact`) are authorized per item
 * as PutItem / UpdateItem / DeleteItem / ConditionCheckItem; DeleteItem also ends a session on
 * logout; BatchWriteItem removes a never-published draft's revisions and slug (engine.ts).
 */
export const STAFF_TABLE_ACTIONS = [
  ...READER_TABLE_ACTIONS,
  "dynamodb:DeleteItem",
  "dynamodb:BatchWriteItem",
  "dynamodb:ConditionCheckItem",
] as const;

/** Reads of the table's indexes (Query only: nothing else reads an index). */
const INDEX_ACTIONS = ["dynamodb:Query"] as const;

/**
 * Key prefix of the reader's own objects in the media bucket: the search index snapshot
 * (core/reader/search.ts), which any reader instance may rebuild and write back.
 */
export const SEARCH_PREFIX = "search/";

/** Object-level S3 actions of the staff and scheduler functions (presigned PUT/GET are signed with these). */
const STAFF_OBJECT_ACTIONS = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"];
/** The reader reads and writes the search snapshot (under SEARCH_PREFIX) and nothing else. */
const READER_OBJECT_ACTIONS = ["s3:GetObject", "s3:PutObject"];

export function Storage({ stack, app }: StackContext) {
  const config = stageConfig(app.stage);
  // Non-prod stages also get DESTROY (and emptied buckets) from app.setDefaultRemovalPolicy.
  const removalPolicy = config.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

  // Destination of S3 server access logs (media and web buckets) and CloudFront standard logs.
  // Not logged itself (that would loop); cdk-nag's S1 passes a bucket others in the stack log into.
  const logs = new s3.Bucket(stack, "Logs", {
    encryption: s3.BucketEncryption.S3_MANAGED, // log delivery supports SSE-S3 only
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    // CloudFront standard logs are delivered with an ACL grant, so ACLs stay enabled here (and
    // only here); public ACLs are still blocked.
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
    lifecycleRules: [
      { id: "expire-logs", expiration: Duration.days(config.accessLogDays) },
      { id: "abort-incomplete-uploads", abortIncompleteMultipartUploadAfter: Duration.days(1) },
    ],
    removalPolicy,
  });
  const table = new Table(stack, "Table", {
    fields: Object.fromEntries(KEY_ATTRIBUTES.map((name) => [name, "string" as const])),
    primaryIndex: { partitionKey: TABLE.partitionKey, sortKey: TABLE.sortKey },
    globalIndexes: Object.fromEntries(
      Object.entries(TABLE.globalIndexes).map(([name, index]) => [
        name,
        { partitionKey: index.partitionKey, sortKey: index.sortKey, projection: "all" as const },
      ]),
    ),
    timeToLiveAttribute: TABLE.ttlAttribute,
    cdk: {
      table: {
        // SST passes the deprecated `pointInTimeRecovery: true`; CDK refuses both props at once.
        pointInTimeRecovery: undefined,
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        deletionProtection: config.retainData,
        removalPolicy,
      },
    },
  });

  // Browser uploads use presigned PUT URLs straight to S3; editors may fetch originals with
  // presigned GET URLs. Nothing else is allowed cross-origin.
  const corsOrigins = config.publicUrl ? [config.publicUrl] : ["https://*.cloudfront.net"];
  const media = new Bucket(stack, "Media", {
    blockPublicACLs: true, // SST's default leaves ACLs on and public ACLs unblocked
    cors: [
      {
        allowedMethods: ["PUT", "GET"],
        allowedOrigins: corsOrigins,
        // Content-Type is signed into the presigned PUT; x-amz-* covers checksum/metadata headers.
        allowedHeaders: ["content-type", "x-amz-*"],
        exposedHeaders: ["etag"],
        maxAge: "1 hour",
      },
    ],
    cdk: {
      bucket: {
        encryption: s3.BucketEncryption.S3_MANAGED,
        enforceSSL: true,
        minimumTLSVersion: 1.2,
        blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
        objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
        versioned: true,
        serverAccessLogsBucket: logs,
        serverAccessLogsPrefix: "s3/media/",
        lifecycleRules: [
          {
            id: "expire-noncurrent-versions",
            noncurrentVersionExpiration: Duration.days(config.noncurrentMediaDays),
            abortIncompleteMultipartUploadAfter: Duration.days(1),
          },
          { id: "remove-expired-delete-markers", expiredObjectDeleteMarker: true },
        ],
        removalPolicy,
      },
    },
  });

  // Read access for CloudFront (origin access control) to the public prefix only. The condition
  // names "any distribution of this account" because the distribution lives in the Web stack,
  // which depends on this one; `media/*` is public content anyway.
  media.cdk.bucket.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: "CloudFrontReadsPublicMedia",
      principals: [new iam.ServicePrincipal("cloudfront.amazonaws.com")],
      actions: ["s3:GetObject"],
      resources: [media.cdk.bucket.arnForObjects(`${MEDIA_PUBLIC_PREFIX}*`)],
      conditions: {
        ArnLike: { "AWS:SourceArn": `arn:${Aws.PARTITION}:cloudfront::${Aws.ACCOUNT_ID}:distribution/*` },
      },
    }),
  );

  // The environment every app function reads (functions/config.ts). The public URL is required in
  // prod (stages.ts); elsewhere the site is named by the Host CloudFront received.
  const environment: Record<string, string> = {
    PORTAL_TABLE: table.tableName,
    PORTAL_BUCKET: media.bucketName,
    ...(config.publicUrl ? { PORTAL_PUBLIC_URL: config.publicUrl } : {}),
  };
  // Uploads → the media function (infra/Media.ts), here because the trigger lives with the bucket.
  // Every alarm of the app notifies this topic (stages.ts alarmEmail); Api adds its own alarms.
  const topic = alarmTopic(stack, config, app.stage);
  const alarms = new Alarms(stack, topic);
  const { mediaFunction, mediaDeadLetters, mediaFailures } = MediaProcessing(stack, { table, media, environment, config, alarms, stage: app.stage });
  // On-demand tables throttle too (a hot partition, or past the account's table limits).
  const tableThrottles = [
    table.cdk.table.metric("ReadThrottleEvents", { period: Duration.minutes(5), statistic: "Sum" }),
    table.cdk.table.metric("WriteThrottleEvents", { period: Duration.minutes(5), statistic: "Sum" }),
  ];
  alarms.add("TableReadThrottles", tableThrottles[0]!, { description: "DynamoDB: reads throttled in 5 minutes" });
  alarms.add("TableWriteThrottles", tableThrottles[1]!, { description: "DynamoDB: writes throttled in 5 minutes" });
  const backups = backupPlan(stack, config, { stage: app.stage, tableArn: table.tableArn, bucketArn: media.bucketArn });
  const tableResources = [table.tableArn];
  const indexResources = Object.keys(TABLE.globalIndexes).map((name) => `${table.tableArn}/index/${name}`);

  /**
   * Least-privilege bindings to the table and the media bucket, one per kind of function. SST's
   * plain `bind: [table, media]` would grant `dynamodb:*` and `s3:*`. ListBucket lets a read of a
   * missing key answer NoSuchKey (not AccessDenied) and HeadBucket (the health check) succeed.
   */
  const access = (tableActions: readonly string[], objectActions: string[], objects: string) =>
    ({
      environment,
      bind: [
        {
          resource: table,
          permissions: [
            { actions: [...tableActions], resources: tableResources },
            { actions: [...INDEX_ACTIONS], resources: indexResources },
          ],
        },
        {
          resource: media,
          permissions: [
            { actions: ["s3:ListBucket"], resources: [media.bucketArn] },
            { actions: objectActions, resources: [`${media.bucketArn}/${objects}`] },
          ],
        },
      ],
    }) satisfies Pick<FunctionProps, "environment" | "bind">;
  /** The reader (functions/api.ts): reads, its single-item counter writes, the search snapshot. */
  const readerAccess = access(READER_TABLE_ACTIONS, READER_OBJECT_ACTIONS, `${SEARCH_PREFIX}*`);
  /** The staff function and the scheduler: the editorial writes and the whole media bucket. */
  const staffAccess = access(STAFF_TABLE_ACTIONS, STAFF_OBJECT_ACTIONS, "*");

  // cdk-nag names the object wildcard after the bucket's logical id, also from other stacks.
  const mediaBucketId = Stack.of(media.cdk.bucket).getLogicalId(media.cdk.bucket.node.defaultChild as s3.CfnBucket);
  /** cdk-nag evidence for `readerAccess`: call on the function given it. */
  const suppressReaderAccessFindings = (fn: IConstruct) =>
    NagSuppressions.addResourceSuppressions(
      fn,
      [
        {
          id: "AwsSolutions-IAM5",
          appliesTo: [`Resource::<${mediaBucketId}.Arn>/${SEARCH_PREFIX}*`],
          reason:
            "GetObject and PutObject on the search/ prefix of the media bucket only: the search index snapshot, which a reader instance rebuilds from the table and writes back when it is missing or stale.",
        },
      ],
      true,
    );
  /** cdk-nag evidence for `staffAccess`: call on every function given it. */
  const suppressStaffAccessFindings = (fn: IConstruct) =>
    NagSuppressions.addResourceSuppressions(
      fn,
      [
        {
          id: "AwsSolutions-IAM5",
          appliesTo: [`Resource::<${mediaBucketId}.Arn>/*`],
          reason:
            "Object-level actions only (Get/Put/DeleteObject, AbortMultipartUpload) on the objects of the media bucket; keys are generated by the app under uploads/ and media/, both of which it must write.",
        },
      ],
      true,
    );

  // For `npm run admin -- --stage <stage>` (scripts/admin-cli.ts), which has no CloudFormation access.
  new ssm.StringParameter(stack, "TableNameParameter", {
    parameterName: tableParameterName(app.stage, app.name),
    stringValue: table.tableName,
    description: "DynamoDB table of the portal (npm run admin)",
  });

  stack.addOutputs({
    TableName: table.tableName,
    MediaBucketName: media.bucketName,
    LogsBucketName: logs.bucketName,
  });

  return { table, media, logs, mediaFunction, mediaDeadLetters, mediaFailures, tableThrottles, topic, backups, readerAccess, staffAccess, suppressReaderAccessFindings, suppressStaffAccessFindings };
}
