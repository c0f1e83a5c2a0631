/**
 * Operations: what tells the operator that something is wrong, and what keeps data restorable.
 * Building blocks called from the stacks that own the resources (an alarm lives beside what it
 * watches, so no stack references another's metrics backwards): the alarm topic, per-function
 * alarms, dead-letter queues, log groups and the backup plan. Restore steps: docs/operations.md.
 *
 *   Storage: the alarm topic, table throttles, the media function (errors, throttles, failed
 *            uploads, DLQ), the backup plan
 *   Api:     reader, staff and scheduler (errors, throttles), scheduler lag and DLQ, API 5xx and p99
 *   Web:     the CloudWatch dashboard (operationsDashboard)
 */
import { Duration, RemovalPolicy, Stack } from "aws-cdk-lib";
import * as backup from "aws-cdk-lib/aws-backup";
import * as cloudwatch from "aws-cdk-lib/aws-cloudwatch";
import * as cwActions from "aws-cdk-lib/aws-cloudwatch-actions";
import * as events from "aws-cdk-lib/aws-events";
import * as iam from "aws-cdk-lib/aws-iam";
import type * as lambda from "aws-cdk-lib/aws-lambda";
import * as logs from "aws-cdk-lib/aws-logs";
import * as sns from "aws-cdk-lib/aws-sns";
import * as subscriptions from "aws-cdk-lib/aws-sns-subscriptions";
import * as sqs from "aws-cdk-lib/aws-sqs";
import { NagSuppressions } from "cdk-nag";
import type { Construct } from "constructs";
import type { StageConfig } from "./stages";

const FIVE_MINUTES = Duration.minutes(5);

/** The app's functions by role: reserved concurrency (stages.ts) and alarm names use these. */
export type FunctionRole = "reader" | "staff" | "media" | "scheduler";

export function removalPolicyOf(config: StageConfig): RemovalPolicy {
  return config.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
}

/** A managed log group with the stage's retention (Lambda's own would keep logs forever). */
export function functionLogGroup(scope: Construct, id: string, config: StageConfig): logs.LogGroup {
  return new logs.LogGroup(scope, id, {
    retention: logs.RetentionDays[config.logRetention.toUpperCase() as Uppercase<typeof config.logRetention>],
    removalPolicy: removalPolicyOf(config),
  });
}

/** Function props of a role: its reserved concurrency on stages that reserve (stages.ts). */
export function concurrencyOf(config: StageConfig, role: FunctionRole): { reservedConcurrentExecutions?: number } {
  const reserved = config.reservedConcurrency?.[role];
  return reserved === undefined ? {} : { reservedConcurrentExecutions: reserved };
}

/** The SNS topic every alarm notifies; the stage's alarm e-mail subscribes to it. */
export function alarmTopic(stack: Stack, config: StageConfig, stage: string): sns.Topic {
  const topic = new sns.Topic(stack, "Alarms", { displayName: `portal ${stage}: canh bao van hanh`, enforceSSL: true });
  if (config.alarmEmail) topic.addSubscription(new subscriptions.EmailSubscription(config.alarmEmail));
  NagSuppressions.addResourceSuppressions(topic, [
    {
      id: "AwsSolutions-SNS2",
      reason:
        "Alarm notifications carry alarm names and metric values, no personal or editorial data. CloudWatch cannot publish to a topic encrypted with the AWS-managed SNS key; a customer-managed KMS key would cost more than the data warrants.",
    },
  ]);
  return topic;
}

/** Alarms of one stack, all notifying the topic, OK transitions too (the operator sees recovery). */
export class Alarms {
  constructor(
    private readonly scope: Construct,
    private readonly topic: sns.ITopic,
  ) {}

  add(
    id: string,
    metric: cloudwatch.IMetric,
    options: { description: string; threshold?: number; comparison?: cloudwatch.ComparisonOperator; evaluationPeriods?: number; treatMissingData?: cloudwatch.TreatMissingData },
  ): cloudwatch.Alarm {
    const alarm = new cloudwatch.Alarm(this.scope, id, {
      metric,
      threshold: options.threshold ?? 1,
      comparisonOperator: options.comparison ?? cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: options.evaluationPeriods ?? 1,
      treatMissingData: options.treatMissingData ?? cloudwatch.TreatMissingData.NOT_BREACHING,
      alarmDescription: options.description,
    });
    alarm.addAlarmAction(new cwActions.SnsAction(this.topic));
    alarm.addOkAction(new cwActions.SnsAction(this.topic));
    return alarm;
  }

  /**
   * Errors (unhandled: a crash or a timeout; the app answers its own errors) and throttles (the
   * reserved concurrency or the account's pool is exhausted), any in five minutes.
   */
  forFunction(name: string, fn: lambda.IFunction): void {
    this.add(`${name}Errors`, fn.metricErrors({ period: FIVE_MINUTES, statistic: "Sum" }), {
      description: `${name}: Lambda errors (crash or timeout) in 5 minutes`,
    });
    this.add(`${name}Throttles`, fn.metricThrottles({ period: FIVE_MINUTES, statistic: "Sum" }), {
      description: `${name}: invocations throttled in 5 minutes (reserved concurrency or account limit reached)`,
    });
  }

  /** Anything in a dead-letter queue is an event that failed every retry. */
  forQueue(name: string, queue: sqs.IQueue): void {
    this.add(`${name}Messages`, queue.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, statistic: "Maximum" }), {
      description: `${name}: events that failed every retry are waiting (see docs/operations.md)`,
    });
  }
}

/**
 * The dead-letter queue of a function invoked asynchronously (S3 notification, EventBridge): the
 * events that failed every retry, kept 14 days for inspection and replay.
 */
export function deadLetterQueue(scope: Construct, id: string): sqs.Queue {
  const queue = new sqs.Queue(scope, id, {
    retentionPeriod: Duration.days(14),
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
  });
  NagSuppressions.addResourceSuppressions(queue, [
    { id: "AwsSolutions-SQS3", reason: "This queue is itself a Lambda function's dead-letter queue (asynchronous invocations); nothing consumes it but the operator." },
  ]);
  return queue;
}

/**
 * The media function logs one line per S3 event, `{"media":["ready"|"failed"|…]}` (functions/media.ts):
 * a refused or broken upload is `failed`. This metric counts such lines.
 */
export const MEDIA_FAILURE_METRIC = "MediaFailures";
/** Per stage: stages may share an account. */
export const metricNamespace = (stage: string) => `Portal/${stage}`;

export function mediaFailureMetric(scope: Construct, logGroup: logs.ILogGroup, stage: string): cloudwatch.Metric {
  const filter = new logs.MetricFilter(scope, "MediaFailuresFilter", {
    logGroup,
    filterPattern: logs.FilterPattern.allTerms('"media":', '"failed"'),
    metricNamespace: metricNamespace(stage),
    metricName: MEDIA_FAILURE_METRIC,
    metricValue: "1",
  });
  return filter.metric({ period: FIVE_MINUTES, statistic: "Sum", label: "media failures" });
}

/**
 * AWS Backup for the table and the media bucket (versioned, as AWS Backup for S3 requires): a
 * daily and a monthly rule into the stage's own vault. PITR on the table covers the last 35 days
 * to the second; these copies are the ones kept longer and restorable as a whole.
 */
export function backupPlan(stack: Stack, config: StageConfig, input: { stage: string; tableArn: string; bucketArn: string }) {
  if (!config.backup) return undefined;
  const removalPolicy = removalPolicyOf(config);
  const vault = new backup.BackupVault(stack, "BackupVault", { removalPolicy });
  // 18:00 UTC is 01:00 in Vietnam: the quietest hour of the portal.
  const plan = new backup.BackupPlan(stack, "BackupPlan", {
    backupPlanName: `portal-${input.stage}`,
    backupVault: vault,
    backupPlanRules: [
      new backup.BackupPlanRule({
        ruleName: "daily",
        scheduleExpression: events.Schedule.cron({ hour: "18", minute: "0" }),
        deleteAfter: Duration.days(config.backup.dailyRetentionDays),
      }),
      new backup.BackupPlanRule({
        ruleName: "monthly",
        scheduleExpression: events.Schedule.cron({ day: "1", hour: "18", minute: "30" }),
        deleteAfter: Duration.days(config.backup.monthlyRetentionDays),
      }),
    ],
  });
  const managed = (name: string) => iam.ManagedPolicy.fromAwsManagedPolicyName(name);
  // CDK's default selection role lacks the S3 policies AWS Backup needs for buckets.
  const role = new iam.Role(stack, "BackupRole", {
    assumedBy: new iam.ServicePrincipal("backup.amazonaws.com"),
    managedPolicies: [
      managed("service-role/AWSBackupServiceRolePolicyForBackup"),
      managed("service-role/AWSBackupServiceRolePolicyForRestores"),
      managed("AWSBackupServiceRolePolicyForS3Backup"),
      managed("AWSBackupServiceRolePolicyForS3Restore"),
    ],
  });
  plan.addSelection("TableAndMedia", {
    role,
    resources: [backup.BackupResource.fromArn(input.tableArn), backup.BackupResource.fromArn(input.bucketArn)],
  });
  NagSuppressions.addResourceSuppressions(role, [
    {
      id: "AwsSolutions-IAM4",
      reason: "AWS Backup's own service-role policies (backup and restore, DynamoDB and S3), maintained by AWS for exactly this role.",
    },
  ]);
  return { vault, plan };
}

/** Widgets of the operations dashboard: one row per concern. */
export function operationsDashboard(
  scope: Construct,
  stage: string,
  input: {
    functions: Record<string, lambda.IFunction>;
    api: { serverErrors: cloudwatch.IMetric; latencyP99: cloudwatch.IMetric; requests: cloudwatch.IMetric };
    table: { throttles: cloudwatch.IMetric[]; consumed: cloudwatch.IMetric[] };
    media: { failures: cloudwatch.IMetric };
    edge?: cloudwatch.IMetric[];
  },
): cloudwatch.Dashboard {
  const dashboard = new cloudwatch.Dashboard(scope, "OperationsDashboard", {
    dashboardName: `portal-${stage}-operations`,
    defaultInterval: Duration.hours(24),
  });
  const fns = Object.entries(input.functions);
  const perFunction = (title: string, metric: (fn: lambda.IFunction) => cloudwatch.Metric) =>
    new cloudwatch.GraphWidget({ title, width: 8, left: fns.map(([name, fn]) => metric(fn).with({ label: name })) });
  dashboard.addWidgets(
    new cloudwatch.GraphWidget({ title: "HTTP API: requests, 5xx", width: 8, left: [input.api.requests], right: [input.api.serverErrors] }),
    new cloudwatch.GraphWidget({ title: "HTTP API: p99 latency (ms)", width: 8, left: [input.api.latencyP99] }),
    new cloudwatch.GraphWidget({ title: "Media: failed uploads", width: 8, left: [input.media.failures] }),
  );
  dashboard.addWidgets(
    perFunction("Lambda: invocations", (fn) => fn.metricInvocations({ period: FIVE_MINUTES })),
    perFunction("Lambda: errors", (fn) => fn.metricErrors({ period: FIVE_MINUTES })),
    perFunction("Lambda: throttles", (fn) => fn.metricThrottles({ period: FIVE_MINUTES })),
  );
  dashboard.addWidgets(
    perFunction("Lambda: p99 duration (ms)", (fn) => fn.metricDuration({ period: FIVE_MINUTES, statistic: "p99" })),
    new cloudwatch.GraphWidget({ title: "DynamoDB: consumed capacity", width: 8, left: input.table.consumed }),
    new cloudwatch.GraphWidget({ title: "DynamoDB: throttled requests", width: 8, left: input.table.throttles }),
  );
  if (input.edge?.length) dashboard.addWidgets(new cloudwatch.GraphWidget({ title: "CloudFront (us-east-1)", width: 24, left: input.edge }));
  return dashboard;
}

/**
 * The Api stack's alarms: reader, staff and scheduler functions, the scheduler's lag (it runs
 * every minute: fewer than 3 runs in 5 minutes means scheduled items publish late) and its
 * dead letters, the HTTP API's 5xx answers and p99 latency.
 */
export function monitorApi(
  scope: Construct,
  config: StageConfig,
  topic: sns.ITopic,
  input: { reader: lambda.IFunction; staff: lambda.IFunction; scheduler: lambda.IFunction; schedulerDeadLetters: sqs.IQueue; httpApi: HttpApiMetrics },
) {
  const alarms = new Alarms(scope, topic);
  alarms.forFunction("Reader", input.reader);
  alarms.forFunction("Staff", input.staff);
  alarms.forFunction("Scheduler", input.scheduler);
  alarms.forQueue("SchedulerDeadLetters", input.schedulerDeadLetters);
  alarms.add("SchedulerLag", input.scheduler.metricInvocations({ period: FIVE_MINUTES, statistic: "Sum" }), {
    threshold: 3,
    comparison: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
    // No data at all is the worst lag: the rule or the function is gone.
    treatMissingData: cloudwatch.TreatMissingData.BREACHING,
    description: "Scheduler: fewer than 3 runs in 5 minutes (rule disabled, throttled or failing): scheduled items publish late",
  });
  const metrics = {
    serverErrors: input.httpApi.metricServerError({ period: FIVE_MINUTES, statistic: "Sum" }),
    latencyP99: input.httpApi.metricLatency({ period: FIVE_MINUTES, statistic: "p99" }),
    requests: input.httpApi.metricCount({ period: FIVE_MINUTES, statistic: "Sum" }),
  };
  alarms.add("Api5xx", metrics.serverErrors, {
    // A lone 503 (DynamoDB throttled, answered with Retry-After) is not an incident; ten are.
    threshold: 10,
    description: "HTTP API: 10 or more 5xx answers in 5 minutes",
  });
  alarms.add("ApiLatencyP99", metrics.latencyP99, {
    threshold: config.latencyAlarmMs,
    evaluationPeriods: 3,
    description: `HTTP API: p99 latency above ${config.latencyAlarmMs} ms for 15 minutes`,
  });
  return metrics;
}

/** The metric methods of aws-apigatewayv2's HttpApi that monitorApi uses. */
export interface HttpApiMetrics {
  metricServerError(props?: cloudwatch.MetricOptions): cloudwatch.Metric;
  metricLatency(props?: cloudwatch.MetricOptions): cloudwatch.Metric;
  metricCount(props?: cloudwatch.MetricOptions): cloudwatch.Metric;
}
