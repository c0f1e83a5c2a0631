/**
 * cfn-lint on a disposable stage's templates (tests/infra/operations.test.ts lints prod with every
 * option set), on the WAF template deployed apart, and proof that the check can fail. Also what a
 * disposable stage leaves out: reservations, backups, a domain of its own.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customDomain, stageConfig } from "../../infra/stages";
import { BARE_DEV_ENV, cfnLint, cfnLintVersion, unacceptable, withEnv, type LintFinding } from "./lint";
import { resourcesOfType, synthesizeStage, type SynthesizedStage } from "./support";

const WAF_TEMPLATE = "infra/waf-cloudfront.json";

let dev: SynthesizedStage;
/** One cfn-lint run for the whole file (each run costs seconds): dev's templates, the WAF one, a broken copy. */
let findings: LintFinding[];
let version: string;
const inFile = (file: string) => findings.filter((f) => f.file === file);
beforeAll(async () => {
  version = cfnLintVersion(); // fails the file at once, with what to install, when cfn-lint is missing
  // As `sst deploy --stage dev` with nothing configured (a developer's shell may have values).
  dev = await withEnv(BARE_DEV_ENV, () => synthesizeStage("dev"));
  // SST's offline stand-in for the account, which CloudFormation would refuse (lint.ts).
  const broken = structuredClone(dev.json.Storage);
  const permission = Object.values(resourcesOfType(broken, "AWS::Lambda::Permission")).find((p) => p.Properties.SourceAccount);
  if (!permission) throw new Error("no Lambda permission with a SourceAccount in the Storage stack");
  permission.Properties.SourceAccount = "my-account";
  findings = cfnLint({ ...dev.json, Broken: broken, waf: WAF_TEMPLATE });
}, 900_000);
afterAll(() => dev?.cleanup());

describe("cfn-lint", () => {
  it("is cfn-lint 1.x", () => {
    expect(version).toMatch(/^cfn-lint 1\.\d+/);
  });

  it("finds no error and no unaccepted warning in the dev stage's templates", () => {
    const stacks = ["Storage.template.json", "Api.template.json", "Web.template.json"];
    expect(unacceptable(findings.filter((f) => stacks.includes(f.file)))).toEqual([]);
    // It did read the templates: CDK's redundant DependsOn shows up in each stack.
    for (const file of stacks) expect(inFile(file).map((f) => f.rule), file).toContain("W3005");
  });

  it("finds no error in the WAF web ACL template", () => {
    expect(unacceptable(inFile("waf-cloudfront.json"))).toEqual([]);
  });

  it("fails a template CloudFormation would reject (SST's offline 'my-account' placeholder)", () => {
    const errors = inFile("Broken.template.json").filter((f) => f.level === "Error");
    expect(errors.map((f) => f.rule)).toContain("E3031");
    expect(unacceptable(inFile("Broken.template.json")).length).toBeGreaterThan(0);
  });
});

describe("the WAF template", () => {
  const template = JSON.parse(readFileSync(WAF_TEMPLATE, "utf8"));
  it("is a CloudFront-scope web ACL with a rate-based rule per address, and one for sign-in", () => {
    const acl = template.Resources.WebAcl.Properties;
    expect(acl.Scope).toBe("CLOUDFRONT");
    expect(acl.DefaultAction).toEqual({ Allow: {} });
    const rates = acl.Rules.map((r: any) => r.Statement.RateBasedStatement);
    expect(rates.every((r: any) => r?.AggregateKeyType === "IP")).toBe(true);
    expect(acl.Rules.every((r: any) => r.Action.Block)).toBe(true);
    expect(JSON.stringify(rates)).toContain('"SearchString":"/api/auth/"');
    expect(template.Outputs.WebAclArn.Value).toEqual({ "Fn::GetAtt": ["WebAcl", "Arn"] });
  });
});

describe("a disposable stage", () => {
  const functions = () => Object.values({ ...resourcesOfType(dev.json.Api, "AWS::Lambda::Function"), ...resourcesOfType(dev.json.Storage, "AWS::Lambda::Function") });

  it("reserves no concurrency (a new account's pool may be 10) and has no backup plan, domain or web ACL", () => {
    expect(functions().filter((fn) => fn.Properties.ReservedConcurrentExecutions !== undefined)).toEqual([]);
    expect(Object.keys(resourcesOfType(dev.json.Storage, "AWS::Backup::BackupPlan"))).toEqual([]);
    const distribution = Object.values(resourcesOfType(dev.json.Web, "AWS::CloudFront::Distribution"))[0].Properties.DistributionConfig;
    expect(distribution.Aliases).toBeUndefined();
    expect(distribution.WebACLId).toBeUndefined();
  });

  it("still has its alarms, dead-letter queues and an unsubscribed alarm topic", () => {
    expect(Object.keys(resourcesOfType(dev.json.Storage, "AWS::SNS::Topic"))).toHaveLength(1);
    expect(Object.keys(resourcesOfType(dev.json.Storage, "AWS::SNS::Subscription"))).toEqual([]);
    expect(Object.keys(resourcesOfType(dev.json.Api, "AWS::CloudWatch::Alarm")).length).toBeGreaterThan(5);
    expect(Object.keys(resourcesOfType(dev.json.Storage, "AWS::SQS::Queue"))).toHaveLength(1);
    expect(Object.keys(resourcesOfType(dev.json.Api, "AWS::SQS::Queue"))).toHaveLength(1);
  });

  it("is cdk-nag clean (the missing WAF and certificate are suppressed, with a reason, on such stages only)", () => {
    expect(dev.errors).toEqual([]);
    expect(dev.warnings).toEqual([]);
    const suppressed = dev.nagReports.Web.filter((row) => row.compliance === "Suppressed").map((row) => row.rule);
    expect(suppressed).toEqual(expect.arrayContaining(["AwsSolutions-CFR2", "AwsSolutions-CFR4"]));
  });
});

describe("stageConfig: operations settings", () => {
  const SITE = { PORTAL_PUBLIC_URL: "https://congthongtin.example.gov.vn" };
  const CERT = "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b";

  it("takes the alarm e-mail, certificate and web ACL from the environment, and checks them", () => {
    const config = stageConfig("dev", { ...SITE, PORTAL_ALARM_EMAIL: "vanhanh@example.gov.vn", PORTAL_CERTIFICATE_ARN: CERT });
    expect(config.alarmEmail).toBe("vanhanh@example.gov.vn");
    expect(customDomain(config)).toEqual({ host: "congthongtin.example.gov.vn", certificateArn: CERT });
    expect(() => stageConfig("dev", { PORTAL_ALARM_EMAIL: "vanhanh" })).toThrow(/not an e-mail address/);
    expect(() => stageConfig("dev", { ...SITE, PORTAL_CERTIFICATE_ARN: CERT.replace("us-east-1", "ap-southeast-1") })).toThrow(/in us-east-1/);
    expect(() => stageConfig("dev", { PORTAL_CERTIFICATE_ARN: CERT })).toThrow(/needs the public URL/);
    expect(() => stageConfig("dev", { PORTAL_WEB_ACL_ARN: "arn:aws:wafv2:ap-southeast-1:123456789012:regional/webacl/x/1" })).toThrow(/scope CLOUDFRONT/);
  });

  it("reserves concurrency and backs up in prod only", () => {
    expect(stageConfig("prod", SITE).reservedConcurrency?.scheduler).toBe(1);
    expect(stageConfig("prod", SITE).backup).toBeDefined();
    expect(stageConfig("alice", {}).reservedConcurrency).toBeUndefined();
    expect(stageConfig("alice", {}).backup).toBeUndefined();
  });
});
