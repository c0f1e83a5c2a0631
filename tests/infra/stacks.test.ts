/**
 * The prod stage, synthesized offline: the properties that matter for data safety, security and
 * caching, checked on the CloudFormation templates, plus cdk-nag's AwsSolutions pack.
 */
import { STAFF_ROUTES } from "../../infra/Api";
import { Match } from "aws-cdk-lib/assertions";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTableInput, TABLE } from "../../functions/core/storage/table";
import { ORIGIN_SECRET_HEADER } from "../../functions/http/origin";
import { PAGE_QUERY_STRINGS } from "../../infra/Web";
import { resourceNamed, resourcesOfType, synthesizeStage, type SynthesizedStage } from "./support";

const CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";
const ALL_VIEWER_EXCEPT_HOST_HEADER = "b689b0a8-53d0-40ab-baf2-68738e2966ac";

/** prod refuses to synthesize without its public URL (stages.test.ts); given here as at deploy time. */
const PUBLIC_URL = "https://congthongtin.example.gov.vn";

let prod: SynthesizedStage;

beforeAll(async () => {
  const previous = process.env.PORTAL_PUBLIC_URL;
  process.env.PORTAL_PUBLIC_URL = PUBLIC_URL;
  try {
    prod = await synthesizeStage("prod");
  } finally {
    if (previous === undefined) delete process.env.PORTAL_PUBLIC_URL;
    else process.env.PORTAL_PUBLIC_URL = previous;
  }
});
afterAll(() => prod?.cleanup());

describe("Storage: table", () => {
  const expected = createTableInput("ignored");

  it("has the keys, attributes and GSIs of functions/core/storage/table.ts, on-demand", () => {
    const { resource } = resourceNamed(prod.json.Storage, "AWS::DynamoDB::Table", "Table");
    const props = resource.Properties;
    expect(props.KeySchema).toEqual(expected.KeySchema);
    expect(props.AttributeDefinitions).toEqual(expect.arrayContaining(expected.AttributeDefinitions!));
    expect(props.AttributeDefinitions).toHaveLength(expected.AttributeDefinitions!.length);
    expect(props.BillingMode).toBe("PAY_PER_REQUEST");
    const byName = (indexes: { IndexName?: string }[]) =>
      [...indexes].sort((a, b) => String(a.IndexName).localeCompare(String(b.IndexName)));
    expect(byName(props.GlobalSecondaryIndexes)).toEqual(byName(expected.GlobalSecondaryIndexes!));
  });

  it("has TTL on expiresAt, point-in-time recovery, deletion protection, and is retained", () => {
    prod.templates.Storage.hasResource("AWS::DynamoDB::Table", {
      DeletionPolicy: "Retain",
      UpdateReplacePolicy: "Retain",
      Properties: Match.objectLike({
        TimeToLiveSpecification: { AttributeName: TABLE.ttlAttribute, Enabled: true },
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
      }),
    });
  });
});

describe("Storage: buckets", () => {
  it("every bucket of every stack is encrypted, private, SSL-only and retained in prod", () => {
    for (const [stackName, template] of Object.entries(prod.json)) {
      const buckets = resourcesOfType(template, "AWS::S3::Bucket");
      const policies = Object.values(resourcesOfType(template, "AWS::S3::BucketPolicy"));
      for (const [id, bucket] of Object.entries(buckets)) {
        const where = `${stackName}/${id}`;
        expect(bucket.DeletionPolicy, where).toBe("Retain");
        expect(bucket.Properties.BucketEncryption, where).toEqual({
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }],
        });
        expect(bucket.Properties.PublicAccessBlockConfiguration, where).toEqual({
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        });
        const policy = policies.find((p) => p.Properties.Bucket?.Ref === id);
        expect(policy, `${where} has a bucket policy`).toBeDefined();
        expect(policy.Properties.PolicyDocument.Statement, where).toContainEqual(
          expect.objectContaining({
            Effect: "Deny",
            Action: "s3:*",
            Principal: { AWS: "*" },
            Condition: { Bool: { "aws:SecureTransport": "false" } },
          }),
        );
      }
    }
  });

  it("the media bucket is versioned, ACL-free, logged, with a noncurrent-version lifecycle", () => {
    const { resource } = resourceNamed(prod.json.Storage, "AWS::S3::Bucket", "MediaBucket");
    const logs = resourceNamed(prod.json.Storage, "AWS::S3::Bucket", "Logs");
    const props = resource.Properties;
    expect(props.VersioningConfiguration).toEqual({ Status: "Enabled" });
    expect(props.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: "BucketOwnerEnforced" }] });
    expect(props.AccessControl).toBeUndefined();
    expect(props.LoggingConfiguration).toEqual({ DestinationBucketName: { Ref: logs.id }, LogFilePrefix: "s3/media/" });
    expect(props.LifecycleConfiguration.Rules).toContainEqual(
      expect.objectContaining({ Status: "Enabled", NoncurrentVersionExpiration: { NoncurrentDays: 90 } }),
    );
  });

  it("media CORS allows only PUT and GET from the site origin", () => {
    const { resource } = resourceNamed(prod.json.Storage, "AWS::S3::Bucket", "MediaBucket");
    const rules = resource.Properties.CorsConfiguration.CorsRules;
    expect(rules).toHaveLength(1);
    expect([...rules[0].AllowedMethods].sort()).toEqual(["GET", "PUT"]);
    expect(rules[0].AllowedOrigins).not.toContain("*");
    expect(rules[0].AllowedHeaders).not.toContain("*");
  });

  it("access logs reach the logs bucket through its bucket policy, not an ACL", () => {
    const logs = resourceNamed(prod.json.Storage, "AWS::S3::Bucket", "Logs");
    expect(logs.resource.Properties.AccessControl).toBeUndefined();
    const policy = resourceNamed(prod.json.Storage, "AWS::S3::BucketPolicy", "LogsPolicy").resource;
    const delivery = policy.Properties.PolicyDocument.Statement.filter(
      (s: any) => s.Principal?.Service === "logging.s3.amazonaws.com",
    );
    expect(delivery.map((s: any) => JSON.stringify(s.Resource).match(/\/s3\/\w+\/\*/)?.[0]).sort()).toEqual([
      "/s3/media/*",
      "/s3/web/*",
    ]);
  });

  it("CloudFront may read media/* only, and only from a distribution of this account", () => {
    const { resource } = resourceNamed(prod.json.Storage, "AWS::S3::BucketPolicy", "MediaBucketPolicy");
    const cloudfront = resource.Properties.PolicyDocument.Statement.filter(
      (s: any) => s.Principal?.Service === "cloudfront.amazonaws.com",
    );
    expect(cloudfront).toHaveLength(1);
    expect(cloudfront[0]).toMatchObject({ Effect: "Allow", Action: "s3:GetObject" });
    expect(JSON.stringify(cloudfront[0].Resource)).toMatch(/\/media\/\*"\]\]\}$/);
    expect(JSON.stringify(cloudfront[0].Condition)).toContain(":distribution/*");
  });
});

describe("Api", () => {
  function appFunction(handler: string) {
    const functions = Object.values(resourcesOfType(prod.json.Api, "AWS::Lambda::Function")).filter(
      (fn) => fn.Properties.Environment?.Variables?.PORTAL_TABLE && fn.Properties.Handler === handler,
    );
    expect(functions).toHaveLength(1);
    return functions[0].Properties;
  }
  const apiFunction = () => appFunction("functions/api.handler");

  it("runs functions/api.handler on nodejs22.x, arm64, 1024 MB, 10 s", () => {
    const fn = apiFunction();
    expect(fn).toMatchObject({ Runtime: "nodejs22.x", Architectures: ["arm64"], MemorySize: 1024, Timeout: 10 });
    expect(fn.Handler).toBe("functions/api.handler");
  });

  // The reader's budget (docs/architecture.md, "Budgets") assumes a split build: its cold start
  // loads the entry and its static chunks, page kinds, search, open data and sessions on first use.
  it("ships the reader split into chunks, the staff function in one file", () => {
    const reader = prod.functionAssets.find((files) => files.includes("api.mjs"));
    expect(reader, prod.functionAssets.map((files) => files.join(" ")).join("\n")).toBeDefined();
    expect(reader!.filter((file) => file !== "api.mjs").length).toBeGreaterThan(5);
    expect(reader!.some((file) => file.startsWith("sessions-"))).toBe(true);
    const staff = prod.functionAssets.find((files) => files.some((file) => /^staff\.m?js$/.test(file)));
    expect(staff).toHaveLength(1);
  });

  it("gets PORTAL_TABLE and PORTAL_BUCKET from the Storage stack", () => {
    const table = resourceNamed(prod.json.Storage, "AWS::DynamoDB::Table", "Table").id;
    const media = resourceNamed(prod.json.Storage, "AWS::S3::Bucket", "MediaBucket").id;
    const env = apiFunction().Environment.Variables;
    expect(env.PORTAL_TABLE["Fn::ImportValue"]).toContain(`ExportsOutputRef${table}`);
    expect(env.PORTAL_BUCKET["Fn::ImportValue"]).toContain(`ExportsOutputRef${media}`);
  });

  it("runs the staff function with the reader's runtime and environment, plus where to find the distribution", () => {
    const fn = appFunction("functions/staff.handler");
    expect(fn).toMatchObject({ Runtime: "nodejs22.x", Architectures: ["arm64"], MemorySize: 1024 });
    const { PORTAL_DISTRIBUTION_PARAMETER, ...rest } = fn.Environment.Variables;
    expect(rest).toEqual(apiFunction().Environment.Variables);
    expect(PORTAL_DISTRIBUTION_PARAMETER).toBe("/portal/prod/distribution-id");
  });

  it("lets only the publishing functions read the distribution id and invalidate, and the Web stack writes the id", () => {
    const statements = (fnLogicalPrefix: string) =>
      Object.entries(resourcesOfType(prod.json.Api, "AWS::IAM::Policy"))
        .filter(([id]) => id.startsWith(fnLogicalPrefix))
        .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement);
    const actions = (prefix: string) => statements(prefix).flatMap((s: any) => [s.Action].flat());
    expect(actions("Staff")).toEqual(expect.arrayContaining(["ssm:GetParameter", "cloudfront:CreateInvalidation"]));
    expect(actions("SchedulerJob")).toEqual(expect.arrayContaining(["ssm:GetParameter", "cloudfront:CreateInvalidation"]));
    expect(actions("ApiLambdaANY").concat(actions("Api"))).not.toContain("cloudfront:CreateInvalidation");
    prod.templates.Web.hasResourceProperties("AWS::SSM::Parameter", { Name: "/portal/prod/distribution-id", Value: { Ref: Match.stringLikeRegexp("^Distribution") } });
  });

  it("runs the scheduler every minute with the same environment", () => {
    const fn = appFunction("functions/scheduler.handler");
    expect(fn).toMatchObject({ Runtime: "nodejs22.x", Architectures: ["arm64"], Timeout: 60 });
    expect(fn.Environment.Variables.PORTAL_TABLE).toEqual(apiFunction().Environment.Variables.PORTAL_TABLE);
    prod.templates.Api.hasResourceProperties("AWS::Events::Rule", { ScheduleExpression: "rate(1 minute)", State: "ENABLED" });
  });

  it("grants item-level table and object-level bucket actions only (no Scan, no service wildcards)", () => {
    const actions = Object.values(resourcesOfType(prod.json.Api, "AWS::IAM::Policy")).flatMap((policy) =>
      policy.Properties.PolicyDocument.Statement.flatMap((s: any) => [s.Action].flat()),
    );
    expect(actions).toContain("dynamodb:Query");
    expect(actions).toContain("s3:PutObject");
    expect(actions).not.toContain("dynamodb:Scan");
    expect(actions.filter((a: string) => /^(dynamodb|s3|\w+):\*$/.test(a) || a === "*")).toEqual([]);
  });

  it("gives every function the public URL of the stage", () => {
    for (const handler of ["functions/api.handler", "functions/staff.handler", "functions/scheduler.handler"]) {
      expect(appFunction(handler).Environment.Variables.PORTAL_PUBLIC_URL, handler).toBe(PUBLIC_URL);
    }
    const { resource } = resourceNamed(prod.json.Storage, "AWS::S3::Bucket", "MediaBucket");
    expect(resource.Properties.CorsConfiguration.CorsRules[0].AllowedOrigins).toEqual([PUBLIC_URL]);
  });

  it("gives the HTTP functions, not the scheduler, a generated origin secret by dynamic reference", () => {
    const { id, resource } = resourceNamed(prod.json.Api, "AWS::SecretsManager::Secret", "OriginSecret");
    expect(resource.Properties.SecretString).toBeUndefined();
    expect(resource.Properties.GenerateSecretString).toMatchObject({ ExcludePunctuation: true, IncludeSpace: false });
    expect(resource.Properties.GenerateSecretString.PasswordLength).toBeGreaterThanOrEqual(32);
    const reference = { "Fn::Join": ["", ["{{resolve:secretsmanager:", { Ref: id }, ":SecretString:::}}"]] };
    expect(apiFunction().Environment.Variables.PORTAL_ORIGIN_SECRET).toEqual(reference);
    expect(appFunction("functions/staff.handler").Environment.Variables.PORTAL_ORIGIN_SECRET).toEqual(reference);
    expect(appFunction("functions/scheduler.handler").Environment.Variables.PORTAL_ORIGIN_SECRET).toBeUndefined();
    // Forwarded headers are trusted because of the secret check, not because of a flag.
    expect(apiFunction().Environment.Variables.PORTAL_TRUST_FORWARDED_HOST).toBeUndefined();
    // CloudFormation resolves the value at deploy time, in these resources only (no custom
    // resource passes it on); the value itself is in no template.
    const holders = (template: Record<string, any>) =>
      Object.values(template.Resources as Record<string, any>)
        .filter((r) => JSON.stringify(r).includes("{{resolve:secretsmanager:"))
        .map((r) => r.Type);
    expect(holders(prod.json.Api)).toEqual(["AWS::Lambda::Function", "AWS::Lambda::Function"]);
    expect(holders(prod.json.Web)).toEqual(["AWS::CloudFront::Distribution"]);
    expect(holders(prod.json.Storage)).toEqual([]);
  });

  /** The statements of the policies attached to the role of the function running `handler`. */
  function roleStatements(handler: string): any[] {
    const role = appFunction(handler).Role["Fn::GetAtt"][0];
    const roleResource = prod.json.Api.Resources[role];
    // Besides its own policy, the role has only the managed policy for writing its logs.
    expect(roleResource.Properties.ManagedPolicyArns, handler).toHaveLength(1);
    expect(JSON.stringify(roleResource.Properties.ManagedPolicyArns)).toContain("service-role/AWSLambdaBasicExecutionRole");
    expect(roleResource.Properties.Policies, handler).toBeUndefined();
    return Object.values(resourcesOfType(prod.json.Api, "AWS::IAM::Policy"))
      .filter((policy) => policy.Properties.Roles.some((r: any) => r.Ref === role))
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement);
  }
  /** A statement as "actions on resources", the table and media bucket named, e.g. "s3:GetObject on media/search/*". */
  function grants(statements: any[]): string[] {
    const table = resourceNamed(prod.json.Storage, "AWS::DynamoDB::Table", "Table").id;
    const media = resourceNamed(prod.json.Storage, "AWS::S3::Bucket", "MediaBucket").id;
    const name = (resource: any): string => {
      const text = JSON.stringify(resource);
      const base = text.includes(`ExportsOutputFnGetAtt${table}Arn`) ? "table" : text.includes(`ExportsOutputFnGetAtt${media}Arn`) ? "media" : text;
      return base + (resource["Fn::Join"]?.[1]?.slice(1).join("") ?? "");
    };
    return statements
      .map((s) => {
        expect(s.Effect).toBe("Allow");
        expect(s.Condition).toBeUndefined();
        return `${[s.Action].flat().sort().join(",")} on ${[s.Resource].flat().map(name).sort().join(",")}`;
      })
      .sort();
  }

  it("lets the reader read, do its single-item counter writes and write the search snapshot, nothing more", () => {
    expect(grants(roleStatements("functions/api.handler"))).toEqual([
      "dynamodb:BatchGetItem,dynamodb:GetItem,dynamodb:PutItem,dynamodb:Query,dynamodb:UpdateItem on table",
      "dynamodb:Query on table/index/gsi1,table/index/gsi2",
      "s3:GetObject,s3:PutObject on media/search/*",
      "s3:ListBucket on media",
    ]);
  });

  it("lets the staff function and the scheduler write transactions, batch-delete and delete objects", () => {
    for (const handler of ["functions/staff.handler", "functions/scheduler.handler"]) {
      // Their SSM and CloudFront grants are checked above, the scheduler's dead-letter queue in operations.test.ts.
      const data = roleStatements(handler).filter((s) => !/^(ssm|cloudfront|sqs):/.test([s.Action].flat()[0]));
      expect(grants(data), handler).toEqual([
        "dynamodb:BatchGetItem,dynamodb:BatchWriteItem,dynamodb:ConditionCheckItem,dynamodb:DeleteItem,dynamodb:GetItem,dynamodb:PutItem,dynamodb:Query,dynamodb:UpdateItem on table",
        "dynamodb:Query on table/index/gsi1,table/index/gsi2",
        "s3:AbortMultipartUpload,s3:DeleteObject,s3:GetObject,s3:PutObject on media/*",
        "s3:ListBucket on media",
      ]);
    }
  });

  it("leaves CORS off on the HTTP API (same origin through CloudFront)", () => {
    prod.templates.Api.hasResourceProperties("AWS::ApiGatewayV2::Api", { CorsConfiguration: Match.absent() });
  });

  it("routes the staff paths to the staff function and everything else to the reader, with access logging", () => {
    const routes = Object.values(resourcesOfType(prod.json.Api, "AWS::ApiGatewayV2::Route"));
    const integrations = prod.json.Api.Resources;
    const handlerOf = (route: any) => {
      const integrationId = route.Properties.Target["Fn::Join"][1][1].Ref;
      const fnRef = integrations[integrationId].Properties.IntegrationUri["Fn::GetAtt"][0];
      return integrations[fnRef].Properties.Handler;
    };
    const byKey = Object.fromEntries(routes.map((route) => [route.Properties.RouteKey, handlerOf(route)]));
    expect(Object.keys(byKey).sort()).toEqual(["$default", ...STAFF_ROUTES].sort());
    expect(byKey.$default).toBe("functions/api.handler");
    for (const key of STAFF_ROUTES) expect(byKey[key], key).toBe("functions/staff.handler");
    // One staff function serves all its routes.
    const staffFunctions = routes
      .filter((r) => r.Properties.RouteKey !== "$default")
      .map((r) => integrations[r.Properties.Target["Fn::Join"][1][1].Ref].Properties.IntegrationUri["Fn::GetAtt"][0]);
    expect(new Set(staffFunctions).size).toBe(1);
    prod.templates.Api.hasResourceProperties("AWS::ApiGatewayV2::Stage", {
      StageName: "$default",
      AccessLogSettings: Match.objectLike({ DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp("requestId") }),
    });
  });
});

describe("Web", () => {
  function distribution() {
    return Object.values(resourcesOfType(prod.json.Web, "AWS::CloudFront::Distribution"))[0].Properties.DistributionConfig;
  }
  function behavior(pattern: string) {
    const found = distribution().CacheBehaviors.find((b: any) => b.PathPattern === pattern);
    expect(found, pattern).toBeDefined();
    return found;
  }
  function origin(id: string) {
    return distribution().Origins.find((o: any) => o.Id === id);
  }
  const isApiOrigin = (o: any) => JSON.stringify(o.DomainName).includes(".execute-api.");

  it("sends /api/* to the HTTP API uncached, with all viewer headers but Host", () => {
    const api = behavior("/api/*");
    expect(api.CachePolicyId).toBe(CACHING_DISABLED);
    expect(api.OriginRequestPolicyId).toBe(ALL_VIEWER_EXCEPT_HOST_HEADER);
    expect(api.AllowedMethods).toEqual(expect.arrayContaining(["GET", "POST", "PUT", "PATCH", "DELETE"]));
    expect(isApiOrigin(origin(api.TargetOriginId))).toBe(true);
    expect(origin(api.TargetOriginId).CustomOriginConfig).toMatchObject({ OriginProtocolPolicy: "https-only" });
  });

  it("sends the origin secret to the HTTP API only, by dynamic reference to the Api stack's secret", () => {
    const secret = resourceNamed(prod.json.Api, "AWS::SecretsManager::Secret", "OriginSecret").id;
    const origins = distribution().Origins;
    expect(origins.filter(isApiOrigin)).toHaveLength(1);
    for (const o of origins) {
      if (!isApiOrigin(o)) {
        expect(o.OriginCustomHeaders, o.Id).toBeUndefined();
        continue;
      }
      expect(o.OriginCustomHeaders).toEqual([
        {
          HeaderName: ORIGIN_SECRET_HEADER,
          HeaderValue: {
            "Fn::Join": [
              "",
              ["{{resolve:secretsmanager:", { "Fn::ImportValue": expect.stringContaining(`ExportsOutputRef${secret}`) }, ":SecretString:::}}"],
            ],
          },
        },
      ]);
    }
  });

  it("copies the viewer's Host into x-forwarded-host on pages, the API and the dashboard", () => {
    const config = distribution();
    for (const b of [config.DefaultCacheBehavior, behavior("/api/*"), behavior("/quan-tri*")]) {
      expect(b.FunctionAssociations, b.PathPattern ?? "default").toEqual([
        { EventType: "viewer-request", FunctionARN: { "Fn::GetAtt": [expect.stringMatching(/^ForwardHost/), "FunctionARN"] } },
      ]);
    }
    const fn = resourceNamed(prod.json.Web, "AWS::CloudFront::Function", "ForwardHost").resource;
    expect(fn.Properties.FunctionCode).toContain("r.headers['x-forwarded-host'] = { value: r.headers.host.value }");
    // The viewer's address for per-client limits: CloudFront-Viewer-Address is not forwarded by
    // the API's managed origin request policy, so the function sets a header of our own.
    expect(fn.Properties.FunctionCode).toContain("r.headers['x-portal-viewer-ip'] = { value: event.viewer.ip }");
    const dashboard = behavior("/quan-tri*");
    expect(dashboard.CachePolicyId).toBe(CACHING_DISABLED);
    expect(dashboard.OriginRequestPolicyId).toBe(ALL_VIEWER_EXCEPT_HOST_HEADER);
  });

  it("serves /assets/* from the web bucket and /media/* from the media bucket, both with OAC", () => {
    const web = resourceNamed(prod.json.Web, "AWS::S3::Bucket", "WebAssets").id;
    const media = resourceNamed(prod.json.Storage, "AWS::S3::Bucket", "MediaBucket").id;
    const assets = origin(behavior("/assets/*").TargetOriginId);
    const mediaOrigin = origin(behavior("/media/*").TargetOriginId);
    expect(assets.DomainName).toEqual({ "Fn::GetAtt": [web, "RegionalDomainName"] });
    expect(mediaOrigin.DomainName["Fn::ImportValue"]).toContain(`${media}RegionalDomainName`);
    for (const s3Origin of [assets, mediaOrigin]) {
      expect(s3Origin.OriginAccessControlId).toBeDefined();
      expect(s3Origin.S3OriginConfig).toEqual({ OriginAccessIdentity: "" });
    }
    prod.templates.Web.resourceCountIs("AWS::CloudFront::OriginAccessControl", 2);
    prod.templates.Web.resourceCountIs("AWS::CloudFront::CloudFrontOriginAccessIdentity", 0);
  });

  it("caches pages by the origin's Cache-Control, keyed on the path and trang/q/tuan only", () => {
    const page = distribution().DefaultCacheBehavior;
    expect(isApiOrigin(origin(page.TargetOriginId))).toBe(true);
    // The origin gets the forwarded host and the page query strings, never cookies.
    const forwarded = prod.json.Web.Resources[page.OriginRequestPolicyId.Ref].Properties.OriginRequestPolicyConfig;
    expect(forwarded.CookiesConfig).toEqual({ CookieBehavior: "none" });
    expect(forwarded.HeadersConfig).toEqual({ HeaderBehavior: "whitelist", Headers: ["x-forwarded-host", "x-portal-viewer-ip"] });
    const policy = prod.json.Web.Resources[page.CachePolicyId.Ref].Properties.CachePolicyConfig;
    expect(policy).toMatchObject({ MinTTL: 0, DefaultTTL: 0 });
    expect(policy.MaxTTL).toBeGreaterThanOrEqual(86_400);
    const key = policy.ParametersInCacheKeyAndForwardedToOrigin;
    expect(key.CookiesConfig).toEqual({ CookieBehavior: "none" });
    expect(key.HeadersConfig).toEqual({ HeaderBehavior: "none" });
    expect(key.QueryStringsConfig.QueryStringBehavior).toBe("whitelist");
    expect([...key.QueryStringsConfig.QueryStrings].sort()).toEqual([...PAGE_QUERY_STRINGS].sort());
  });

  it("puts security headers and an HTTPS redirect on every behaviour", () => {
    const config = distribution();
    for (const b of [config.DefaultCacheBehavior, ...config.CacheBehaviors]) {
      expect(b.ViewerProtocolPolicy, b.PathPattern ?? "default").toBe("redirect-to-https");
      expect(b.ResponseHeadersPolicyId, b.PathPattern ?? "default").toEqual({ Ref: expect.stringMatching(/^SecurityHeaders/) });
    }
    prod.templates.Web.hasResourceProperties("AWS::CloudFront::ResponseHeadersPolicy", {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({
          StrictTransportSecurity: Match.objectLike({ AccessControlMaxAgeSec: 31_536_000, Override: true }),
          ContentTypeOptions: { Override: true },
          FrameOptions: { FrameOption: "DENY", Override: true },
          // Not overriding: the dashboard's shell keeps its stricter same-origin (tests/infra/operations.test.ts).
          ReferrerPolicy: { ReferrerPolicy: "strict-origin-when-cross-origin", Override: false },
        }),
      }),
    });
  });

  it("uses HTTP/2+3, price class 200, logs without cookies, and outputs the site URL", () => {
    expect(distribution()).toMatchObject({
      HttpVersion: "http2and3",
      PriceClass: "PriceClass_200",
      Logging: { IncludeCookies: false, Prefix: "cloudfront/" },
    });
    prod.templates.Web.hasOutput("SiteUrl", {});
  });

  it("uploads dist/client/assets with an immutable one-year Cache-Control, never pruning old builds", () => {
    prod.templates.Web.hasResourceProperties("Custom::CDKBucketDeployment", {
      DestinationBucketKeyPrefix: "assets/",
      Prune: false,
      SystemMetadata: { "cache-control": "public, max-age=31536000, immutable" },
    });
  });
});

describe("cdk-nag AwsSolutions", () => {
  it("ran on every stack", () => {
    const checked = (stack: keyof SynthesizedStage["nagReports"], rule: string, path: string) =>
      prod.nagReports[stack].some((row) => row.rule === rule && row.resource.includes(path) && row.compliance === "Compliant");
    expect(checked("Storage", "AwsSolutions-DDB3", "/Table/")).toBe(true);
    expect(checked("Storage", "AwsSolutions-S10", "/Media/Bucket/")).toBe(true);
    expect(checked("Api", "AwsSolutions-APIG1", "/Api/")).toBe(true);
    expect(checked("Web", "AwsSolutions-CFR3", "/Distribution/")).toBe(true);
  });

  it("reports no unsuppressed error", () => {
    expect(prod.errors).toEqual([]);
  });

  it("leaves no unacknowledged warning (cdk-nag or CDK)", () => {
    expect(prod.warnings).toEqual([]);
  });
});
