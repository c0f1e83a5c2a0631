/**
 * Web stack: the CloudFront distribution in front of everything, and the bucket holding the
 * client build's hashed assets. Raw aws-cdk-lib: SST v2's site constructs use an origin access
 * identity (OAI, deprecated) and cannot route several origins by path.
 *
 *   /assets/*  → web bucket (OAC), ImmutableCache: a year at the edge, key = path
 *   /media/*   → media bucket (OAC), public variants under media/, ImmutableCache
 *   /api/public/*, /api/openapi.json → HTTP API, open data: cached by the origin's s-maxage, no cookies
 *   /api/*     → HTTP API, never cached, all viewer headers/cookies/query strings but Host
 *   (every request to the HTTP API carries the stage's origin secret header, see Api.ts)
 *   default    → HTTP API (SSR pages), cached as long as the page's Cache-Control s-maxage says,
 *                keyed on the path and the query strings of PAGE_QUERY_PARAMS (core/shared/urls.ts) only;
 *                CloudFront honours the origin's stale-while-revalidate by itself
 * Every behaviour: the SecurityHeaders response-headers policy (functions/http/security-headers.ts).
 * Stage options (stages.ts): the portal's own host + us-east-1 certificate, a WAF web ACL.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { Annotations, Aws, Duration, RemovalPolicy } from "aws-cdk-lib";
import * as acm from "aws-cdk-lib/aws-certificatemanager";
import * as cloudfront from "aws-cdk-lib/aws-cloudfront";
import * as cloudwatch from "aws-cdk-lib/aws-cloudwatch";
import * as origins from "aws-cdk-lib/aws-cloudfront-origins";
import * as s3 from "aws-cdk-lib/aws-s3";
import * as s3deploy from "aws-cdk-lib/aws-s3-deployment";
import * as ssm from "aws-cdk-lib/aws-ssm";
import { NagSuppressions } from "cdk-nag";
import { use, type StackContext } from "sst/constructs";
import { OPEN_API_PATH, OPEN_DATA_API, OPEN_DATA_QUERY_PARAMS, PAGE_QUERY_PARAMS } from "../functions/core/shared/urls";
import { ORIGIN_SECRET_HEADER } from "../functions/http/origin";
import { PAGE_CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from "../functions/http/security-headers";
import { Api } from "./Api";
import { distributionParameterName } from "./app";
import { Storage } from "./Storage";
import { operationsDashboard } from "./Operations";
import { customDomain, stageConfig } from "./stages";

/** The Vite client build, relative to the project root (SST resolves handler paths the same way). */
export const WEB_CLIENT_DIR = "dist/client";
/** Query strings that change a public page; every other one is dropped at the edge. */
export const PAGE_QUERY_STRINGS = PAGE_QUERY_PARAMS;

const ONE_YEAR = Duration.days(365);

export function Web({ stack, app }: StackContext) {
  const config = stageConfig(app.stage);
  const { media, logs, mediaFunction, mediaFailures, tableThrottles, table } = use(Storage);
  const { api, originSecretValue, staff, scheduler, reader, apiMetrics } = use(Api);
  const removalPolicy = config.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

  const assetsDir = path.resolve(WEB_CLIENT_DIR, "assets");
  if (!fs.existsSync(assetsDir)) {
    throw new Error(`${assetsDir} does not exist: build the web client before synthesizing (npm run build).`);
  }

  const webBucket = new s3.Bucket(stack, "WebAssets", {
    encryption: s3.BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    serverAccessLogsBucket: logs,
    serverAccessLogsPrefix: "s3/web/",
    removalPolicy,
  });

  new s3deploy.BucketDeployment(stack, "WebAssetsDeployment", {
    sources: [s3deploy.Source.asset(assetsDir)],
    destinationBucket: webBucket,
    destinationKeyPrefix: "assets/",
    cacheControl: [s3deploy.CacheControl.fromString("public, max-age=31536000, immutable")],
    // Keep the previous builds' files: pages cached at the edge (s-maxage, stale-while-revalidate)
    // still reference them after a deploy. Names are content hashes, so nothing is overwritten.
    prune: false,
  });

  // Values and override flags: functions/http/security-headers.ts (the local server sends the same).
  const { strictTransportSecurity, contentTypeOptions, frameOptions, referrerPolicy, permissionsPolicy } = SECURITY_HEADERS;
  const securityHeaders = new cloudfront.ResponseHeadersPolicy(stack, "SecurityHeaders", {
    comment: `portal ${app.stage}: security headers on every response`,
    securityHeadersBehavior: {
      strictTransportSecurity: { accessControlMaxAge: ONE_YEAR, includeSubdomains: false, override: strictTransportSecurity.override },
      contentTypeOptions: { override: contentTypeOptions.override },
      frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: frameOptions.override },
      // Not overriding: the dashboard's shell sends its stricter same-origin.
      referrerPolicy: { referrerPolicy: referrerPolicy.value as cloudfront.HeadersReferrerPolicy, override: referrerPolicy.override },
      // The pages' CSP (security-headers.ts); the dashboard's own is set by its route and kept
      // (override: false).
      ...(PAGE_CONTENT_SECURITY_POLICY
        ? { contentSecurityPolicy: { contentSecurityPolicy: PAGE_CONTENT_SECURITY_POLICY, override: false } }
        : {}),
    },
    customHeadersBehavior: {
      customHeaders: [{ header: permissionsPolicy.name, value: permissionsPolicy.value, override: permissionsPolicy.override }],
    },
  });

  // Hashed build files and media variants (keys change when content does): cached a year at the
  // edge whatever the origin says, no query string, header or cookie in the key.
  const immutableCache = new cloudfront.CachePolicy(stack, "ImmutableCache", {
    comment: `portal ${app.stage}: immutable files (assets, media), one year, key = path`,
    minTtl: ONE_YEAR,
    defaultTtl: ONE_YEAR,
    maxTtl: ONE_YEAR,
    queryStringBehavior: cloudfront.CacheQueryStringBehavior.none(),
    headerBehavior: cloudfront.CacheHeaderBehavior.none(),
    cookieBehavior: cloudfront.CacheCookieBehavior.none(),
    enableAcceptEncodingGzip: true,
    enableAcceptEncodingBrotli: true,
  });

  // Pages: TTL comes from the origin (Cache-Control s-maxage / max-age); no header means no
  // caching (defaultTtl 0). No cookies and no headers in the key: cached pages are the same for
  // everyone, and the app never sees cookies on these paths.
  const pageOriginRequest = new cloudfront.OriginRequestPolicy(stack, "PageOriginRequest", {
    comment: "Public pages: the forwarded host and the page query strings, no cookies",
    headerBehavior: cloudfront.OriginRequestHeaderBehavior.allowList("x-forwarded-host", "x-portal-viewer-ip"),
    queryStringBehavior: cloudfront.OriginRequestQueryStringBehavior.allowList(...PAGE_QUERY_STRINGS),
    cookieBehavior: cloudfront.OriginRequestCookieBehavior.none(),
  });
  const pageCache = new cloudfront.CachePolicy(stack, "PageCache", {
    comment: `portal ${app.stage}: pages, TTL from origin Cache-Control, key = path + ${PAGE_QUERY_STRINGS.join(", ")}`,
    minTtl: Duration.seconds(0),
    defaultTtl: Duration.seconds(0),
    maxTtl: ONE_YEAR,
    queryStringBehavior: cloudfront.CacheQueryStringBehavior.allowList(...PAGE_QUERY_STRINGS),
    headerBehavior: cloudfront.CacheHeaderBehavior.none(),
    cookieBehavior: cloudfront.CacheCookieBehavior.none(),
    enableAcceptEncodingGzip: true,
    enableAcceptEncodingBrotli: true,
  });

  const apiOrigin = new origins.HttpOrigin(`${api.cdk.httpApi.apiId}.execute-api.${Aws.REGION}.${Aws.URL_SUFFIX}`, {
    protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
    originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
    // The proof that a request came through this distribution (Api.ts, functions/http/origin.ts).
    customHeaders: { [ORIGIN_SECRET_HEADER]: originSecretValue },
  });
  const webOrigin = origins.S3BucketOrigin.withOriginAccessControl(webBucket, {
    originAccessLevels: [cloudfront.AccessLevel.READ],
  });
  // The media bucket lives in the Storage stack. Passing it directly would make CDK add this
  // distribution's ARN to its bucket policy: a Storage → Web reference, i.e. a cross-stack cycle.
  // Storage grants CloudFront read on media/* itself (see Storage.ts), so the origin gets a
  // reference without a policy to edit.
  const mediaRef = s3.Bucket.fromBucketAttributes(stack, "MediaBucketRef", {
    bucketName: media.bucketName,
    bucketArn: media.bucketArn,
    bucketRegionalDomainName: media.cdk.bucket.bucketRegionalDomainName,
  });
  const mediaOrigin = origins.S3BucketOrigin.withOriginAccessControl(mediaRef, {
    originAccessLevels: [cloudfront.AccessLevel.READ],
  });

  const common = {
    viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
    responseHeadersPolicy: securityHeaders,
    compress: true,
  } satisfies Partial<cloudfront.BehaviorOptions>;
  const staticFiles = {
    ...common,
    allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
    cachePolicy: immutableCache,
  } satisfies Partial<cloudfront.BehaviorOptions>;

  // API Gateway sees its own execute-api host and CloudFront's address; the app needs the
  // viewer's host (canonical URLs, the CSRF origin check, cookies) and address (per-client
  // limits). This copies both into headers of our own, overwriting any a viewer sent: the managed
  // AllViewerExceptHostHeader policy does not forward CloudFront-Viewer-Address, and a header the
  // function sets is a viewer header to every origin request policy.
  const forwardHost = new cloudfront.Function(stack, "ForwardHost", {
    runtime: cloudfront.FunctionRuntime.JS_2_0,
    comment: "Copies the viewer Host and address into x-forwarded-host and x-portal-viewer-ip",
    code: cloudfront.FunctionCode.fromInline(
      "function handler(event) { var r = event.request; r.headers['x-forwarded-host'] = { value: r.headers.host.value }; r.headers['x-portal-viewer-ip'] = { value: event.viewer.ip }; return r; }",
    ),
  });
  const forwardHostOnRequest = [{ function: forwardHost, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }];
  // Signed-in pages and the API: never cached, cookies and all viewer headers passed on.
  const dynamic = {
    ...common,
    origin: apiOrigin,
    allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
    cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
    originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
    functionAssociations: forwardHostOnRequest,
  } satisfies cloudfront.BehaviorOptions;
  // Open data (/api/public/*, /api/openapi.json; functions/http/reader/open-data.ts): the only
  // cacheable API paths. TTL from the origin's s-maxage, key = path + the open-data query strings,
  // no cookies; the origin still gets the viewer's address for its per-client limit (uncached
  // requests only). OPTIONS is cached too: the preflight answer is the same for every origin.
  const openData = {
    ...common,
    origin: apiOrigin,
    allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
    cachedMethods: cloudfront.CachedMethods.CACHE_GET_HEAD_OPTIONS,
    cachePolicy: new cloudfront.CachePolicy(stack, "OpenDataCache", {
      comment: `portal ${app.stage}: open data, TTL from origin Cache-Control, key = path + ${OPEN_DATA_QUERY_PARAMS.join(", ")}`,
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.seconds(0),
      maxTtl: Duration.days(1),
      queryStringBehavior: cloudfront.CacheQueryStringBehavior.allowList(...OPEN_DATA_QUERY_PARAMS),
      headerBehavior: cloudfront.CacheHeaderBehavior.none(),
      cookieBehavior: cloudfront.CacheCookieBehavior.none(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    }),
    originRequestPolicy: new cloudfront.OriginRequestPolicy(stack, "OpenDataOriginRequest", {
      comment: "Open data: the forwarded host and viewer address, the open-data query strings, no cookies",
      headerBehavior: cloudfront.OriginRequestHeaderBehavior.allowList("x-forwarded-host", "x-portal-viewer-ip"),
      queryStringBehavior: cloudfront.OriginRequestQueryStringBehavior.allowList(...OPEN_DATA_QUERY_PARAMS),
      cookieBehavior: cloudfront.OriginRequestCookieBehavior.none(),
    }),
    functionAssociations: forwardHostOnRequest,
  } satisfies cloudfront.BehaviorOptions;

  // The portal's own host, with its certificate (us-east-1), when the stage names one (stages.ts).
  const domain = customDomain(config);
  const distribution = new cloudfront.Distribution(stack, "Distribution", {
    comment: `portal ${app.stage}`,
    ...(domain
      ? { domainNames: [domain.host], certificate: acm.Certificate.fromCertificateArn(stack, "Certificate", domain.certificateArn) }
      : {}),
    // A WAF web ACL (rate-based rule) created in us-east-1 apart from the app (docs/operations.md).
    ...(config.webAclArn ? { webAclId: config.webAclArn } : {}),
    defaultBehavior: {
      ...common,
      origin: apiOrigin,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
      cachePolicy: pageCache,
      // The page cache key has no headers, so the forwarded host is the request's own: canonical
      // URLs and feeds name the site, not the execute-api host.
      originRequestPolicy: pageOriginRequest,
      functionAssociations: forwardHostOnRequest,
    },
    additionalBehaviors: {
      // Before /api/*: CloudFront takes the first pattern that matches.
      [`${OPEN_DATA_API}/*`]: openData,
      [OPEN_API_PATH]: openData,
      "/api/*": dynamic,
      "/quan-tri*": dynamic,
      "/assets/*": { ...staticFiles, origin: webOrigin },
      "/media/*": { ...staticFiles, origin: mediaOrigin },
    },
    httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
    priceClass: cloudfront.PriceClass.PRICE_CLASS_200,
    enableIpv6: true,
    minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
    enableLogging: true,
    logBucket: logs,
    logFilePrefix: "cloudfront/",
    logIncludesCookies: false, // session cookies must never land in logs
  });

  new ssm.StringParameter(stack, "DistributionIdParameter", {
    parameterName: distributionParameterName(app),
    stringValue: distribution.distributionId,
    description: "CloudFront distribution of the portal, for cache invalidation on publish",
  });

  Annotations.of(stack).acknowledgeWarning(
    "@aws-cdk/aws-cloudfront-origins:updateImportedBucketPolicyOac",
    "Storage.ts grants CloudFront read access to media/* in the media bucket's own policy.",
  );

  NagSuppressions.addResourceSuppressions(distribution, [
    {
      id: "AwsSolutions-CFR1",
      reason: "No geo restriction: the portal publishes public government information for readers anywhere.",
    },
    // Suppressed only on stages without a web ACL / own certificate (stages.ts).
    ...(config.webAclArn
      ? []
      : [
          {
            id: "AwsSolutions-CFR2",
            reason:
              "This stage names no WAF web ACL (webAclArn / PORTAL_WEB_ACL_ARN in infra/stages.ts; a CloudFront web ACL lives in us-east-1, created from infra/waf-cloudfront.json, docs/operations.md). Login throttling is done in the app.",
          },
        ]),
    ...(domain
      ? []
      : [
          {
            id: "AwsSolutions-CFR4",
            reason:
              "This stage has no certificate of its own (certificateArn / PORTAL_CERTIFICATE_ARN in infra/stages.ts), so it answers on *.cloudfront.net with CloudFront's default certificate; CloudFront applies minimumProtocolVersion TLSv1.2_2021 (set here) only with a custom certificate.",
          },
        ]),
  ]);

  // The stage's operations dashboard (alarms live beside their resources: infra/Operations.ts).
  // CloudFront's metrics exist in us-east-1 only, with Region=Global.
  const edgeMetric = (metricName: string, statistic: string) =>
    new cloudwatch.Metric({
      namespace: "AWS/CloudFront",
      metricName,
      dimensionsMap: { DistributionId: distribution.distributionId, Region: "Global" },
      region: "us-east-1",
      statistic,
      period: Duration.minutes(5),
    });
  operationsDashboard(stack, app.stage, {
    functions: { reader, staff, scheduler: scheduler.jobFunction, media: mediaFunction },
    api: apiMetrics,
    table: {
      throttles: tableThrottles,
      consumed: [
        table.cdk.table.metricConsumedReadCapacityUnits({ period: Duration.minutes(5), statistic: "Sum" }),
        table.cdk.table.metricConsumedWriteCapacityUnits({ period: Duration.minutes(5), statistic: "Sum" }),
      ],
    },
    media: { failures: mediaFailures },
    edge: [edgeMetric("Requests", "Sum"), edgeMetric("5xxErrorRate", "Average"), edgeMetric("4xxErrorRate", "Average")],
  });

  // BucketDeployment runs a singleton handler created at stack level.
  const deploymentHandler = stack.node.children.find((c) => c.node.id.startsWith("Custom::CDKBucketDeployment"));
  if (!deploymentHandler) throw new Error("BucketDeployment handler not found (CDK changed its id?)");
  NagSuppressions.addResourceSuppressions(
    deploymentHandler,
    [
      {
        id: "AwsSolutions-IAM4",
        appliesTo: ["Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"],
        reason: "CDK's BucketDeployment handler (not configurable): the managed policy only lets it write its CloudWatch logs.",
      },
      {
        id: "AwsSolutions-IAM5",
        appliesTo: [
          "Action::s3:GetObject*",
          "Action::s3:GetBucket*",
          "Action::s3:List*",
          "Action::s3:DeleteObject*",
          "Action::s3:Abort*",
          { regex: "/^Resource::arn:<AWS::Partition>:s3:::cdk-[a-z0-9]+-assets-.+\\/\\*$/" },
          `Resource::<${stack.getLogicalId(webBucket.node.defaultChild as s3.CfnBucket)}.Arn>/*`,
        ],
        reason:
          "CDK's BucketDeployment grants: read the build zip from the CDK asset bucket and write it into the web bucket. Wildcards are CDK's grant helpers, limited to those two buckets.",
      },
      {
        id: "AwsSolutions-L1",
        reason: "CDK's BucketDeployment pins its handler runtime (Python + AWS CLI layer) per CDK release; it moves with aws-cdk-lib.",
      },
    ],
    true,
  );
  stack.addOutputs({ SiteUrl: `https://${distribution.distributionDomainName}` });

  return { distribution, webBucket };
}
