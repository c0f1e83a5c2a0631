/**
 * The media function of the prod stage, synthesized offline: runtime, trigger on uploads/ only,
 * least-privilege grants, and cdk-nag still clean.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { MEDIA_TABLE_ACTIONS, sharpLayerDir } from "../../infra/Media";
import { resourceNamed, resourcesOfType, synthesizeStage, type SynthesizedStage } from "./support";

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

function mediaFunction() {
  const found = Object.entries(resourcesOfType(prod.json.Storage, "AWS::Lambda::Function")).filter(([, fn]) => fn.Properties.Handler === "functions/media.handler");
  expect(found).toHaveLength(1);
  const [id, resource] = found[0]!;
  return { id, props: resource.Properties };
}

/** The statements of the inline policies of the media function's role. */
function statements() {
  const role = mediaFunction().props.Role["Fn::GetAtt"][0];
  return Object.values(resourcesOfType(prod.json.Storage, "AWS::IAM::Policy"))
    .filter((policy) => policy.Properties.Roles.some((r: { Ref: string }) => r.Ref === role))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement);
}

describe("media function", () => {
  it("runs functions/media.handler on nodejs22.x, arm64, 1024 MB, 60 s, with the table and bucket", () => {
    const { props } = mediaFunction();
    expect(props).toMatchObject({ Runtime: "nodejs22.x", Architectures: ["arm64"], MemorySize: 1024, Timeout: 60 });
    const table = resourceNamed(prod.json.Storage, "AWS::DynamoDB::Table", "Table").id;
    const media = resourceNamed(prod.json.Storage, "AWS::S3::Bucket", "MediaBucket").id;
    expect(props.Environment.Variables).toMatchObject({ PORTAL_TABLE: { Ref: table }, PORTAL_BUCKET: { Ref: media }, PORTAL_PUBLIC_URL: PUBLIC_URL });
  });

  it("gets sharp for linux-arm64 from a layer, the project's sharp version, not from its bundle", () => {
    const { props } = mediaFunction();
    const { id, resource } = resourceNamed(prod.json.Storage, "AWS::Lambda::LayerVersion", "SharpLayer");
    expect(props.Layers).toEqual([{ Ref: id }]);
    expect(resource.Properties).toMatchObject({ CompatibleArchitectures: ["arm64"], CompatibleRuntimes: ["nodejs22.x"] });
    const dir = sharpLayerDir();
    const version = JSON.parse(readFileSync("node_modules/sharp/package.json", "utf8")).version;
    expect(JSON.parse(readFileSync(join(dir, "nodejs/node_modules/sharp/package.json"), "utf8")).version).toBe(version);
    expect(readdirSync(join(dir, "nodejs/node_modules/@img/sharp-linux-arm64/lib")).some((f) => /^sharp-linux-arm64.*\.node$/.test(f))).toBe(true);
    expect(existsSync(join(dir, "nodejs/node_modules/@img/sharp-linux-x64"))).toBe(false);
  });

  it("is triggered by ObjectCreated on uploads/ only, and S3 of this bucket may invoke it", () => {
    const { id } = mediaFunction();
    const media = resourceNamed(prod.json.Storage, "AWS::S3::Bucket", "MediaBucket").id;
    const notifications = Object.values(resourcesOfType(prod.json.Storage, "Custom::S3BucketNotifications"));
    expect(notifications).toHaveLength(1);
    const config = notifications[0].Properties.NotificationConfiguration;
    expect(notifications[0].Properties.BucketName).toEqual({ Ref: media });
    expect(config.LambdaFunctionConfigurations).toEqual([
      {
        Events: ["s3:ObjectCreated:*"],
        Filter: { Key: { FilterRules: [{ Name: "prefix", Value: "uploads/" }] } },
        LambdaFunctionArn: { "Fn::GetAtt": [id, "Arn"] },
      },
    ]);
    const permissions = Object.values(resourcesOfType(prod.json.Storage, "AWS::Lambda::Permission")).filter(
      (p) => JSON.stringify(p.Properties.FunctionName).includes(id) && p.Properties.Principal === "s3.amazonaws.com",
    );
    expect(permissions).toHaveLength(1);
    expect(JSON.stringify(permissions[0].Properties.SourceArn)).toContain(media);
  });

  it("may read and delete uploads/, write and delete media/, get and settle items: nothing more", () => {
    const all = statements();
    const byResource = (pattern: RegExp) =>
      all.filter((s: any) => pattern.test(JSON.stringify(s.Resource))).flatMap((s: any) => [s.Action].flat()).sort();
    expect(byResource(/\/uploads\/\*/)).toEqual(["s3:DeleteObject", "s3:GetObject"]);
    expect(byResource(/\/media\/\*/)).toEqual(["s3:DeleteObject", "s3:PutObject"]);
    const actions = all.flatMap((s: any) => [s.Action].flat());
    expect(actions.filter((a: string) => a.startsWith("dynamodb:")).sort()).toEqual([...MEDIA_TABLE_ACTIONS].sort());
    expect(actions.filter((a: string) => a.startsWith("s3:")).sort()).toEqual(["s3:DeleteObject", "s3:DeleteObject", "s3:GetObject", "s3:ListBucket", "s3:PutObject"]);
    expect(actions.filter((a: string) => a.endsWith(":*") || a === "*")).toEqual([]);
    // The whole-bucket wildcard of the staff function is not the media function's.
    expect(all.some((s: any) => /Arn"?\]?\}?,?"\/\*"/.test(JSON.stringify(s.Resource)))).toBe(false);
  });

  it("lets the portal's origin PUT to presigned URLs (bucket CORS)", () => {
    const { resource } = resourceNamed(prod.json.Storage, "AWS::S3::Bucket", "MediaBucket");
    const rules = resource.Properties.CorsConfiguration.CorsRules;
    expect(rules.some((rule: any) => rule.AllowedMethods.includes("PUT") && rule.AllowedOrigins.includes(PUBLIC_URL) && rule.AllowedHeaders.includes("content-type"))).toBe(true);
  });

  it("supports multipart uploads: ETag readable by the browser, unfinished uploads under uploads/ aborted after a day", () => {
    const { resource } = resourceNamed(prod.json.Storage, "AWS::S3::Bucket", "MediaBucket");
    const rules = resource.Properties.CorsConfiguration.CorsRules;
    expect(rules.some((rule: any) => rule.AllowedMethods.includes("PUT") && rule.ExposedHeaders?.map((h: string) => h.toLowerCase()).includes("etag"))).toBe(true);
    // A rule without a prefix filter (or with uploads/) covers the multipart uploads of uploads/.
    const aborting = resource.Properties.LifecycleConfiguration.Rules.filter(
      (rule: any) => rule.Status === "Enabled" && rule.AbortIncompleteMultipartUpload && [undefined, "uploads/"].includes(rule.Prefix ?? rule.Filter?.Prefix),
    );
    expect(aborting.map((rule: any) => rule.AbortIncompleteMultipartUpload)).toEqual([{ DaysAfterInitiation: 1 }]);
  });

  it("keeps cdk-nag clean, with the function checked", () => {
    expect(prod.errors).toEqual([]);
    expect(prod.warnings).toEqual([]);
    expect(prod.nagReports.Storage.some((row) => row.resource.includes("/MediaFunction/") && row.compliance === "Compliant")).toBe(true);
  });
});
