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
   * Used for the media bucket's CORS rule (presigned browser PUTs) and as `PORTAL_PUBLIC_URL`.
   * Unset: the site is only reachable on its `*.cloudfront.net` name, which is unknown before the
   * first deploy, so CORS falls back to `https://*.cloudfront.net` (see Storage.ts).
   */
  publicUrl?: string;
  /** Retention of Lambda and API access log groups. */
  logRetention: Retention;
  /** Days after which S3 server access logs and CloudFront logs are deleted. */
  accessLogDays: number;
  /** Days a replaced or deleted media object version is kept (undo window for editors). */
  noncurrentMediaDays: number;
}

const PROD: StageConfig = {
  retainData: true,
  // Set this to the portal's own domain once it has one (then redeploy).
  publicUrl: undefined,
  logRetention: "one_year",
  accessLogDays: 365,
  noncurrentMediaDays: 90,
};

const EPHEMERAL: StageConfig = {
  retainData: false,
  publicUrl: undefined,
  logRetention: "two_weeks",
  accessLogDays: 14,
  noncurrentMediaDays: 7,
};

/** Stages listed here get their own settings; any other stage name is ephemeral. */
const STAGES: Record<string, StageConfig> = { prod: PROD };

export function stageConfig(stage: string): StageConfig {
  const config = STAGES[stage] ?? EPHEMERAL;
  if (config.publicUrl !== undefined && !/^https:\/\/[a-z0-9.-]+(:\d+)?$/.test(config.publicUrl)) {
    throw new Error(`infra/stages.ts: publicUrl for stage "${stage}" must be an https origin without a path`);
  }
  return config;
}
