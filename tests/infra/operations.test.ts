/**
 * The prod stage with every operations option given (alarm e-mail, certificate, web ACL), as an
 * operator deploys it: cache and header policies per behaviour, alarms, dead-letter queues, log
 * retention, reserved concurrency, backups, domain and WAF; cdk-nag and cfn-lint clean.
 * One synthesis for the file.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CACHE } from "../../functions/http/cache";
import { applySecurityHeaders, PAGE_CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from "../../functions/http/security-headers";
import { stageConfig } from "../../infra/stages";
import { cfnLint, PLACEHOLDER_ACCOUNT, unacceptable, withEnv, type LintFinding } from "./lint";
import { resourceNamed, resourcesOfType, synthesizeStage, type SynthesizedStage } from "./support";

const CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";
const ONE_YEAR = 31_536_000;
const ENV = {
  CDK_DEFAULT_ACCOUNT: PLACEHOLDER_ACCOUNT,
  PORTAL_PUBLIC_URL: "https://congthongtin.example.gov.vn",
  PORTAL_ALARM_EMAIL: "vanhanh@example.gov.vn",
  PORTAL_CERTIFICATE_ARN: "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b",
  PORTAL_WEB_ACL_ARN: "arn:aws:wafv2:us-east-1:123456789012:global/webacl/portal-prod/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b",
};

let prod: SynthesizedStage;
let lint: LintFinding[];
beforeAll(async () => {
  prod = await withEnv(ENV, () => synthesizeStage("prod"));
  lint = cfnLint(prod.json);
}, 900_000);
afterAll(() => prod?.cleanup());

const distribution = () => Object.values(resourcesOfType(prod.json.Web, "AWS::CloudFront::Distribution"))[0].Properties.DistributionConfig;
const behavior = (pattern: string) => distribution().CacheBehaviors.find((b: any) => b.PathPattern === pattern);
const cachePolicy = (b: any) => prod.json.Web.Resources[b.CachePolicyId.Ref].Properties.CachePolicyConfig;
const seconds = (header: string, directive: string) => Number(new RegExp(`${directive}=(\\d+)`).exec(header)?.[1]);

describe("CloudFront cache policies, one per kind of behaviour", () => {
  it("pages: TTL from the origin's s-maxage (stale-while-revalidate honoured by CloudFront), nothing by default", () => {
    const page = cachePolicy(distribution().DefaultCacheBehavior);
    expect(page).toMatchObject({ MinTTL: 0, DefaultTTL: 0 });
    expect(seconds(CACHE.page, "s-maxage")).toBeGreaterThan(0);
    expect(seconds(CACHE.page, "stale-while-revalidate")).toBeGreaterThan(0);
    expect(page.MaxTTL).toBeGreaterThanOrEqual(seconds(CACHE.page, "s-maxage"));
    expect(page.ParametersInCacheKeyAndForwardedToOrigin.CookiesConfig).toEqual({ CookieBehavior: "none" });
  });

  it("the API and the dashboard: never cached", () => {
    for (const pattern of ["/api/*", "/quan-tri*"]) expect(behavior(pattern).CachePolicyId, pattern).toBe(CACHING_DISABLED);
  });

  it("open data: cached for the origin's seconds", () => {
    for (const pattern of ["/api/public/*", "/api/openapi.json"]) {
      const policy = cachePolicy(behavior(pattern));
      expect(policy, pattern).toMatchObject({ MinTTL: 0, DefaultTTL: 0 });
      expect(policy.Name).toMatch(/OpenDataCache/);
    }
    expect(seconds(CACHE.openData, "s-maxage")).toBeLessThanOrEqual(60);
  });

  it("assets and media: immutable, a year at the edge, keyed on the path alone", () => {
    for (const pattern of ["/assets/*", "/media/*"]) {
      const policy = cachePolicy(behavior(pattern));
      expect(policy, pattern).toMatchObject({ MinTTL: ONE_YEAR, DefaultTTL: ONE_YEAR, MaxTTL: ONE_YEAR });
      expect(policy.ParametersInCacheKeyAndForwardedToOrigin).toMatchObject({
        QueryStringsConfig: { QueryStringBehavior: "none" },
        HeadersConfig: { HeaderBehavior: "none" },
        CookiesConfig: { CookieBehavior: "none" },
        EnableAcceptEncodingBrotli: true,
      });
    }
    expect(behavior("/assets/*").CachePolicyId).toEqual(behavior("/media/*").CachePolicyId);
  });
});

describe("response headers", () => {
  const config = () => resourceNamed(prod.json.Web, "AWS::CloudFront::ResponseHeadersPolicy", "SecurityHeaders").resource.Properties.ResponseHeadersPolicyConfig;

  it("are the values of functions/http/security-headers.ts, on every behaviour", () => {
    const { SecurityHeadersConfig: security, CustomHeadersConfig: custom } = config();
    expect(security.StrictTransportSecurity).toMatchObject({ AccessControlMaxAgeSec: ONE_YEAR, IncludeSubdomains: false, Override: true });
    expect(`max-age=${security.StrictTransportSecurity.AccessControlMaxAgeSec}`).toBe(SECURITY_HEADERS.strictTransportSecurity.value);
    expect(security.ContentTypeOptions).toEqual({ Override: true });
    expect(security.FrameOptions).toEqual({ FrameOption: SECURITY_HEADERS.frameOptions.value, Override: true });
    // The dashboard's stricter same-origin is kept.
    expect(security.ReferrerPolicy).toEqual({ ReferrerPolicy: SECURITY_HEADERS.referrerPolicy.value, Override: false });
    expect(custom.Items).toEqual([{ Header: "Permissions-Policy", Value: SECURITY_HEADERS.permissionsPolicy.value, Override: true }]);
    expect(SECURITY_HEADERS.permissionsPolicy.value).toMatch(/camera=\(\).*geolocation=\(\).*microphone=\(\)/);
    for (const b of [distribution().DefaultCacheBehavior, ...distribution().CacheBehaviors]) {
      expect(b.ResponseHeadersPolicyId, b.PathPattern ?? "default").toEqual({ Ref: expect.stringMatching(/^SecurityHeaders/) });
    }
  });

  it("put the pages' Content-Security-Policy at the edge, without overriding the dashboard's own", () => {
    expect(config().SecurityHeadersConfig.ContentSecurityPolicy).toEqual({ ContentSecurityPolicy: PAGE_CONTENT_SECURITY_POLICY, Override: false });
    // Strict: no inline script or style, no plugin, no framing of the portal, YouTube's no-cookie host the only frame.
    for (const directive of ["default-src 'self'", "script-src 'self'", "style-src 'self'", "object-src 'none'", "frame-ancestors 'none'", "frame-src https://www.youtube-nocookie.com"]) {
      expect(PAGE_CONTENT_SECURITY_POLICY!.split("; ")).toContain(directive);
    }
    expect(PAGE_CONTENT_SECURITY_POLICY).not.toContain("unsafe-");
  });

  it("are applied locally as at the edge: overriding ones replace, the referrer policy fills in", () => {
    const page = new Headers({ "X-Frame-Options": "SAMEORIGIN" });
    applySecurityHeaders(page);
    expect(page.get("x-frame-options")).toBe("DENY");
    expect(page.get("strict-transport-security")).toBe(`max-age=${ONE_YEAR}`);
    expect(page.get("x-content-type-options")).toBe("nosniff");
    expect(page.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(page.get("permissions-policy")).toBe(SECURITY_HEADERS.permissionsPolicy.value);
    const dashboard = new Headers({ "Referrer-Policy": "same-origin" });
    applySecurityHeaders(dashboard);
    expect(dashboard.get("referrer-policy")).toBe("same-origin");
  });
});

describe("domain, certificate and WAF from the stage config", () => {
  it("answers on the public URL's host with the us-east-1 certificate, behind the web ACL", () => {
    expect(distribution().Aliases).toEqual(["congthongtin.example.gov.vn"]);
    expect(distribution().ViewerCertificate).toEqual({ AcmCertificateArn: ENV.PORTAL_CERTIFICATE_ARN, MinimumProtocolVersion: "TLSv1.2_2021", SslSupportMethod: "sni-only" });
    expect(distribution().WebACLId).toBe(ENV.PORTAL_WEB_ACL_ARN);
  });

  it("then needs no cdk-nag suppression for WAF or the certificate", () => {
    const rows = prod.nagReports.Web.filter((row) => /CFR2|CFR4/.test(row.rule) && row.resource.includes("/Distribution/"));
    expect(rows.map((row) => `${row.rule} ${row.compliance}`).sort()).toEqual(["AwsSolutions-CFR2 Compliant", "AwsSolutions-CFR4 Compliant"]);
  });
});

/** The app's Lambda functions (not CDK's or SST's helpers), by handler. */
function appFunctions(): Record<string, { id: string; stack: "Api" | "Storage"; props: any }> {
  const found: Record<string, { id: string; stack: "Api" | "Storage"; props: any }> = {};
  for (const stack of ["Api", "Storage"] as const) {
    for (const [id, fn] of Object.entries(resourcesOfType(prod.json[stack], "AWS::Lambda::Function"))) {
      const handler = String(fn.Properties.Handler);
      if (handler.startsWith("functions/")) found[handler] = { id, stack, props: fn.Properties };
    }
  }
  return found;
}
const HANDLERS = ["functions/api.handler", "functions/staff.handler", "functions/scheduler.handler", "functions/media.handler"];

describe("functions", () => {
  it("each logs to a managed log group kept a year", () => {
    const fns = appFunctions();
    expect(Object.keys(fns).sort()).toEqual([...HANDLERS].sort());
    for (const [handler, fn] of Object.entries(fns)) {
      const group = prod.json[fn.stack].Resources[fn.props.LoggingConfig?.LogGroup?.Ref];
      expect(group?.Type, handler).toBe("AWS::Logs::LogGroup");
      expect(group.Properties.RetentionInDays, handler).toBe(365);
      expect(group.DeletionPolicy, handler).toBe("Retain");
    }
  });

  it("reserve the prod stage's concurrency", () => {
    const reserved = stageConfig("prod", ENV).reservedConcurrency!;
    const fns = appFunctions();
    expect(fns["functions/api.handler"]!.props.ReservedConcurrentExecutions).toBe(reserved.reader);
    expect(fns["functions/staff.handler"]!.props.ReservedConcurrentExecutions).toBe(reserved.staff);
    expect(fns["functions/media.handler"]!.props.ReservedConcurrentExecutions).toBe(reserved.media);
    expect(fns["functions/scheduler.handler"]!.props.ReservedConcurrentExecutions).toBe(1);
    expect(Object.values(reserved).reduce((a, b) => a + b)).toBeLessThanOrEqual(900); // the default pool is 1,000, 100 stay unreserved
  });

  it("send what failed every asynchronous retry of media and scheduler to an encrypted, SSL-only queue", () => {
    const fns = appFunctions();
    for (const handler of ["functions/media.handler", "functions/scheduler.handler"]) {
      const { stack, props } = fns[handler]!;
      const queueId = props.DeadLetterConfig?.TargetArn?.["Fn::GetAtt"]?.[0];
      const queue = prod.json[stack].Resources[queueId];
      expect(queue?.Type, handler).toBe("AWS::SQS::Queue");
      expect(queue.Properties).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 86_400 });
      const policy = Object.values(resourcesOfType(prod.json[stack], "AWS::SQS::QueuePolicy")).find((p) => p.Properties.Queues[0].Ref === queueId);
      expect(JSON.stringify(policy.Properties.PolicyDocument)).toContain('"aws:SecureTransport":"false"');
    }
    for (const handler of ["functions/api.handler", "functions/staff.handler"]) expect(fns[handler]!.props.DeadLetterConfig, handler).toBeUndefined();
  });
});

describe("alarms", () => {
  const alarms = () => ({ ...resourcesOfType(prod.json.Storage, "AWS::CloudWatch::Alarm"), ...resourcesOfType(prod.json.Api, "AWS::CloudWatch::Alarm") });
  const topic = () => resourceNamed(prod.json.Storage, "AWS::SNS::Topic", "Alarms").id;
  const describeAlarm = (a: any) => {
    const p = a.Properties;
    const metric = p.MetricName ?? p.Metrics?.[0]?.MetricStat?.Metric?.MetricName;
    const dimension = JSON.stringify(p.Dimensions?.[0]?.Value ?? "").match(/"(?:Ref|Fn::GetAtt)":\[?"(\w+?)[A-F0-9]{8}"/)?.[1] ?? "";
    return `${metric} ${dimension}`.trim();
  };

  it("notify the alarm topic, which e-mails the stage's address, on alarm and on recovery", () => {
    const id = topic();
    prod.templates.Storage.hasResourceProperties("AWS::SNS::Subscription", { Protocol: "email", Endpoint: ENV.PORTAL_ALARM_EMAIL, TopicArn: { Ref: id } });
    for (const [name, alarm] of Object.entries(alarms())) {
      for (const actions of [alarm.Properties.AlarmActions, alarm.Properties.OKActions]) {
        expect(actions, name).toHaveLength(1);
        expect(JSON.stringify(actions[0]), name).toMatch(new RegExp(`"Ref":"${id}"|ExportsOutputRef${id}`));
      }
    }
  });

  it("cover errors and throttles of every function, API 5xx and p99, DynamoDB throttles, media failures, scheduler lag and the DLQs", () => {
    const names = Object.values(alarms()).map(describeAlarm).sort();
    expect(names).toEqual(
      [
        "Errors ApiLambdadefault",
        "Throttles ApiLambdadefault",
        "Errors Staff",
        "Throttles Staff",
        "Errors SchedulerJobScheduler",
        "Throttles SchedulerJobScheduler",
        "Invocations SchedulerJobScheduler",
        "Errors MediaFunction",
        "Throttles MediaFunction",
        "5xx Api",
        "Latency Api",
        "ReadThrottleEvents Table",
        "WriteThrottleEvents Table",
        "MediaFailures",
        "ApproximateNumberOfMessagesVisible SchedulerDeadLetters",
        "ApproximateNumberOfMessagesVisible MediaDeadLetters",
      ].sort(),
    );
  });

  it("measure p99 latency against the stage's threshold and treat a silent scheduler as late", () => {
    const all = Object.values(alarms());
    const latency = all.find((a) => a.Properties.MetricName === "Latency")!.Properties;
    expect(latency).toMatchObject({ ExtendedStatistic: "p99", Threshold: stageConfig("prod", ENV).latencyAlarmMs });
    const lag = all.find((a) => a.Properties.MetricName === "Invocations")!.Properties;
    expect(lag).toMatchObject({ ComparisonOperator: "LessThanThreshold", TreatMissingData: "breaching", Period: 300 });
  });

  it("count failed uploads from the media function's log line, per stage", () => {
    const filter = resourceNamed(prod.json.Storage, "AWS::Logs::MetricFilter", "MediaFailuresFilter").resource.Properties;
    // Both terms, quotes included: `"media":` and `"failed"` on the same line.
    expect(filter.FilterPattern).toBe(String.raw`"\"media\":" "\"failed\""`);
    expect(filter.LogGroupName.Ref).toMatch(/^MediaFunctionLogs/);
    expect(filter.MetricTransformations).toEqual([{ MetricName: "MediaFailures", MetricNamespace: "Portal/prod", MetricValue: "1" }]);
  });

  it("sit beside a CloudWatch dashboard of the stage", () => {
    const { resource } = resourceNamed(prod.json.Web, "AWS::CloudWatch::Dashboard", "OperationsDashboard");
    expect(resource.Properties.DashboardName).toBe("portal-prod-operations");
    const body = JSON.stringify(resource.Properties.DashboardBody);
    for (const metric of ["5xx", "Latency", "Errors", "Throttles", "ReadThrottleEvents", "MediaFailures", "AWS/CloudFront"]) expect(body, metric).toContain(metric);
  });
});

describe("backups", () => {
  it("keep PITR on the table and back up table and media bucket daily (35 days) and monthly (a year) into a retained vault", () => {
    prod.templates.Storage.hasResourceProperties("AWS::DynamoDB::Table", { PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } });
    const plan = resourceNamed(prod.json.Storage, "AWS::Backup::BackupPlan", "BackupPlan").resource.Properties.BackupPlan;
    expect(plan.BackupPlanName).toBe("portal-prod");
    expect(plan.BackupPlanRule.map((r: any) => [r.RuleName, r.Lifecycle.DeleteAfterDays])).toEqual([
      ["daily", 35],
      ["monthly", 365],
    ]);
    expect(resourceNamed(prod.json.Storage, "AWS::Backup::BackupVault", "BackupVault").resource.DeletionPolicy).toBe("Retain");
    const selection = resourceNamed(prod.json.Storage, "AWS::Backup::BackupSelection", "BackupPlanTableAndMedia").resource.Properties.BackupSelection;
    const table = resourceNamed(prod.json.Storage, "AWS::DynamoDB::Table", "Table").id;
    const media = resourceNamed(prod.json.Storage, "AWS::S3::Bucket", "MediaBucket").id;
    expect(selection.Resources).toEqual([{ "Fn::GetAtt": [table, "Arn"] }, { "Fn::GetAtt": [media, "Arn"] }]);
    // AWS Backup for S3 needs its S3 policies on the role, besides the generic ones.
    const role = prod.json.Storage.Resources[selection.IamRoleArn["Fn::GetAtt"][0]];
    const policies = JSON.stringify(role.Properties.ManagedPolicyArns);
    for (const name of ["AWSBackupServiceRolePolicyForBackup", "AWSBackupServiceRolePolicyForRestores", "AWSBackupServiceRolePolicyForS3Backup", "AWSBackupServiceRolePolicyForS3Restore"]) {
      expect(policies, name).toContain(name);
    }
  });
});

describe("checks", () => {
  it("cdk-nag: no unsuppressed error or warning", () => {
    expect(prod.errors).toEqual([]);
    expect(prod.warnings).toEqual([]);
  });

  it("cfn-lint: no error and no unaccepted warning", () => {
    expect(unacceptable(lint)).toEqual([]);
    expect(lint.length).toBeGreaterThan(0); // the accepted W3005s: it did read them
  });
});
