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
}

const PROD: StageConfig = {
  retainData: true,
  // The portal's own domain: set it here, or PORTAL_PUBLIC_URL when deploying.
  publicUrl: undefined,
  requirePublicUrl: true,
  logRetention: "one_year",
  accessLogDays: 365,
  noncurrentMediaDays: 90,
};

const EPHEMERAL: StageConfig = {
  retainData: false,
  publicUrl: undefined,
  requirePublicUrl: false,
  logRetention: "two_weeks",
  accessLogDays: 14,
  noncurrentMediaDays: 7,
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
  return { ...base, publicUrl };
}
