/**
 * Per-stage settings: the one place where `prod` differs from every other stage.
 *
 * `prod` keeps its data when the app is removed (table and buckets are retained, the table has
 * deletion protection). Every other stage (`dev`, personal stages, `test`, preview branches) is
 * disposable: `sst remove` deletes everything, buckets are emptied first.
 */

/** Log-group retention values accepted by SST (`logs.RetentionDays` in lower case). */
export type Retention = "one_week" | "two_weeks" | "one_month" | "three_months" | "one_year";

export interface StageConfig {
  /** Keep table and buckets on `sst remove` and protect the table from deletion. */
  retainData: boolean;
  /**
   * Origin of the public site, e.g. `https://congthongtin.example.gov.vn` (no trailing slash).
   * Used for the media bucket's CORS rule (presigned browser PUTs) and as `PORTAL_PUBLIC_URL` of
   * every function (canonical URLs, feeds, sitemaps, robots.txt, cookies, the CSRF origin).
   * The `PORTAL_PUBLIC_URL` environment variable at deploy time (or in `.env.<stage>`, which
   * `sst deploy` loads) overrides it. Unset: the site is named by the Host CloudFront received,
   * and CORS falls back to `https://*.cloudfront.net` (see Storage.ts).
   */
  publicUrl?: string;
  /** Refuse to synthesize without `publicUrl` (prod: its URLs must not depend on a request). */
  requirePublicUrl: boolean;
  /** Retention of Lambda and API access log groups. */
  logRetention: Retention;
  /** Days after which S3 server access logs and CloudFront logs are deleted. */
  accessLogDays: number;
  /** Days a replaced or deleted media object version is kept (undo window for editors). */
  noncurrentMediaDays: number;
  /**
   * Where CloudWatch alarms are e-mailed (SNS subscription; the recipient confirms it once).
   * `PORTAL_ALARM_EMAIL` overrides. Unset: the alarm topic exists without a subscriber.
   */
  alarmEmail?: string;
  /**
   * ACM certificate for the host of `publicUrl`, in us-east-1 (CloudFront's region), e.g.
   * `arn:aws:acm:us-east-1:123456789012:certificate/…`. `PORTAL_CERTIFICATE_ARN` overrides. With
   * it the distribution answers on that host (alias); without it, on *.cloudfront.net only.
   */
  certificateArn?: string;
  /**
   * A WAF web ACL (scope CLOUDFRONT, created in us-east-1) attached to the distribution; its ARN.
   * SST v2 puts every stack in the app's region, so the ACL is created apart from the app:
   * infra/waf-cloudfront.json (docs/operations.md). `PORTAL_WEB_ACL_ARN` overrides.
   */
  webAclArn?: string;
  /**
   * Reserved concurrency per function: a cap each function cannot exceed (one flood cannot starve
   * the others of the account's pool) and a floor the others cannot take. Unset: unreserved (a
   * new account's pool may be only 10, which refuses any reservation).
   */
  reservedConcurrency?: { reader: number; staff: number; media: number; scheduler: number };
  /** AWS Backup plan for the table and the media bucket; unset: PITR only (the table always has it). */
  backup?: { dailyRetentionDays: number; monthlyRetentionDays: number };
  /** p99 latency (ms) of the HTTP API above which the latency alarm fires. */
  latencyAlarmMs: number;
}

const PROD: StageConfig = {
  retainData: true,
  // The portal's own domain: set it here, or PORTAL_PUBLIC_URL when deploying.
  publicUrl: undefined,
  requirePublicUrl: true,
  logRetention: "one_year",
  accessLogDays: 365,
  noncurrentMediaDays: 90,
  // Scheduler 1: one run at a time (a slow minute never overlaps the next). Reader 300 of the
  // default 1,000 per account and region: CloudFront answers most readers; 300 instances at
  // ~100 ms each are ~3,000 uncached requests/s.
  reservedConcurrency: { reader: 300, staff: 20, media: 10, scheduler: 1 },
  // Daily copies kept 35 days, a monthly copy kept a year (TT 22/2023: a documented, tested
  // backup of the portal's data; restore steps in docs/operations.md).
  backup: { dailyRetentionDays: 35, monthlyRetentionDays: 365 },
  latencyAlarmMs: 2000,
};

const EPHEMERAL: StageConfig = {
  retainData: false,
  publicUrl: undefined,
  requirePublicUrl: false,
  logRetention: "two_weeks",
  accessLogDays: 14,
  noncurrentMediaDays: 7,
  latencyAlarmMs: 3000,
};

/** Stages listed here get their own settings; any other stage name is ephemeral. */
const STAGES: Record<string, StageConfig> = { prod: PROD };

/**
 * The settings of a stage, with `publicUrl` taken from `PORTAL_PUBLIC_URL` in `env` when set.
 * Throws (so synthesis and `sst deploy` stop) when the public URL is malformed, or missing for a
 * stage that requires it.
 */
export function stageConfig(stage: string, env: NodeJS.ProcessEnv = process.env): StageConfig {
  const base = STAGES[stage] ?? EPHEMERAL;
  const publicUrl = env.PORTAL_PUBLIC_URL || base.publicUrl;
  if (publicUrl !== undefined && !/^https:\/\/[a-z0-9.-]+(:\d+)?$/.test(publicUrl)) {
    throw new Error(
      `Stage "${stage}": the public URL "${publicUrl}" (PORTAL_PUBLIC_URL or publicUrl in infra/stages.ts) must be an https origin without a path or trailing slash, e.g. https://congthongtin.example.gov.vn`,
    );
  }
  if (base.requirePublicUrl && !publicUrl) {
    throw new Error(
      `Stage "${stage}" needs the portal's public URL: deploy with PORTAL_PUBLIC_URL=https://<the portal's domain> (in the environment or in .env.${stage}), or set publicUrl for "${stage}" in infra/stages.ts. Without it, canonical URLs, feeds and robots.txt would name whatever host a request came in on.`,
    );
  }
  const alarmEmail = env.PORTAL_ALARM_EMAIL || base.alarmEmail;
  if (alarmEmail !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(alarmEmail)) {
    throw new Error(`Stage "${stage}": the alarm e-mail "${alarmEmail}" (PORTAL_ALARM_EMAIL or alarmEmail in infra/stages.ts) is not an e-mail address.`);
  }
  const certificateArn = env.PORTAL_CERTIFICATE_ARN || base.certificateArn;
  if (certificateArn !== undefined) {
    if (!/^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[0-9a-f-]+$/.test(certificateArn)) {
      throw new Error(`Stage "${stage}": the certificate "${certificateArn}" (PORTAL_CERTIFICATE_ARN or certificateArn in infra/stages.ts) must be an ACM certificate ARN in us-east-1, the region CloudFront reads certificates from.`);
    }
    if (!publicUrl) throw new Error(`Stage "${stage}": a certificate needs the public URL whose host it serves (PORTAL_PUBLIC_URL).`);
  }
  const webAclArn = env.PORTAL_WEB_ACL_ARN || base.webAclArn;
  if (webAclArn !== undefined && !/^arn:aws[a-z-]*:wafv2:us-east-1:\d{12}:global\/webacl\/[\w-]+\/[0-9a-f-]+$/.test(webAclArn)) {
    throw new Error(`Stage "${stage}": the web ACL "${webAclArn}" (PORTAL_WEB_ACL_ARN or webAclArn in infra/stages.ts) must be a WAFv2 web ACL ARN of scope CLOUDFRONT (arn:aws:wafv2:us-east-1:…:global/webacl/…).`);
  }
  return { ...base, publicUrl, alarmEmail, certificateArn, webAclArn };
}

/** The host the distribution answers on besides *.cloudfront.net: the public URL's, when a certificate is given. */
export function customDomain(config: StageConfig): { host: string; certificateArn: string } | undefined {
  if (!config.certificateArn || !config.publicUrl) return undefined;
  return { host: new URL(config.publicUrl).hostname, certificateArn: config.certificateArn };
}
