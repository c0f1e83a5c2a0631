/**
 * Per-stage behaviour: `prod` keeps its data (see stacks.test.ts); every other stage is
 * disposable. Synthesizes the `dev` stage offline, with cdk-nag, once.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stageConfig } from "../../infra/stages";
import { BARE_DEV_ENV, withEnv } from "./lint";
import { resourceNamed, resourcesOfType, synthesizeStage, type SynthesizedStage } from "./support";

const SITE = { PORTAL_PUBLIC_URL: "https://congthongtin.example.gov.vn" };

// Removed when the test process exits: SST opens its debug.log in the first synthesis' directory,
// lazily, once per process, and keeps writing there; when this file's dev synthesis comes from
// the run's cache (support.ts), the file can end before that open has happened.
const removeAtEnd: string[] = [];
process.once("exit", () => {
  for (const dir of removeAtEnd) rmSync(dir, { recursive: true, force: true });
});

describe("stageConfig", () => {
  it("retains data in prod only", () => {
    expect(stageConfig("prod", SITE).retainData).toBe(true);
    for (const stage of ["dev", "test", "alice", "pr-42"]) expect(stageConfig(stage, {}).retainData).toBe(false);
  });

  it("requires the public URL in prod, from PORTAL_PUBLIC_URL at deploy time", () => {
    expect(() => stageConfig("prod", {})).toThrow(/Stage "prod" needs the portal's public URL: deploy with PORTAL_PUBLIC_URL=https:/);
    expect(stageConfig("prod", SITE).publicUrl).toBe(SITE.PORTAL_PUBLIC_URL);
    expect(stageConfig("dev", {}).publicUrl).toBeUndefined();
    expect(stageConfig("dev", SITE).publicUrl).toBe(SITE.PORTAL_PUBLIC_URL);
  });

  it("refuses a public URL that is not an https origin", () => {
    for (const bad of ["http://congthongtin.example.gov.vn", "https://congthongtin.example.gov.vn/", "https://example.gov.vn/portal", "congthongtin.example.gov.vn"]) {
      expect(() => stageConfig("prod", { PORTAL_PUBLIC_URL: bad }), bad).toThrow(/must be an https origin/);
      expect(() => stageConfig("dev", { PORTAL_PUBLIC_URL: bad }), bad).toThrow(/must be an https origin/);
    }
  });

  it("stops the synthesis of prod, with that message, when PORTAL_PUBLIC_URL is not set", async () => {
    const previous = process.env.PORTAL_PUBLIC_URL;
    delete process.env.PORTAL_PUBLIC_URL;
    const dir = mkdtempSync(join(tmpdir(), "portal-infra-test-prod-"));
    removeAtEnd.push(dir);
    try {
      const { synthOffline } = await import("../../infra/offline");
      await expect(synthOffline({ stage: "prod", outdir: join(dir, "cdk.out"), workDir: join(dir, "sst") })).rejects.toThrow(
        /Stage "prod" needs the portal's public URL/,
      );
    } finally {
      if (previous !== undefined) process.env.PORTAL_PUBLIC_URL = previous;
    }
  });
});

describe("a disposable stage (dev)", () => {
  let dev: SynthesizedStage;
  beforeAll(async () => {
    // As `sst deploy --stage dev` without a public URL (a developer's shell may have one): the
    // environment of lint.test.ts's dev synthesis, so the run synthesizes dev once (support.ts).
    delete process.env.PORTAL_PUBLIC_URL;
    dev = await withEnv(BARE_DEV_ENV, () => synthesizeStage("dev"));
  });
  afterAll(() => dev?.cleanup());

  it("retains nothing and has no deletion protection", () => {
    for (const [stackName, template] of Object.entries(dev.json)) {
      for (const [id, resource] of Object.entries(template.Resources as Record<string, any>)) {
        if (resource.DeletionPolicy !== undefined) expect(resource.DeletionPolicy, `${stackName}/${id}`).toBe("Delete");
      }
    }
    const { resource } = resourceNamed(dev.json.Storage, "AWS::DynamoDB::Table", "Table");
    expect(resource.Properties.DeletionProtectionEnabled).toBe(false);
  });

  it("empties every bucket before deleting it", () => {
    for (const [stackName, template] of Object.entries(dev.json)) {
      const buckets = Object.keys(resourcesOfType(template, "AWS::S3::Bucket"));
      const emptied = Object.values(resourcesOfType(template, "Custom::S3AutoDeleteObjects")).map(
        (r) => r.Properties.BucketName.Ref,
      );
      expect([...emptied].sort(), stackName).toEqual([...buckets].sort());
    }
  });

  it("allows CORS from CloudFront names while no public URL is configured", () => {
    const { resource } = resourceNamed(dev.json.Storage, "AWS::S3::Bucket", "MediaBucket");
    expect(resource.Properties.CorsConfiguration.CorsRules[0].AllowedOrigins).toEqual(["https://*.cloudfront.net"]);
    const fn = Object.values(resourcesOfType(dev.json.Api, "AWS::Lambda::Function")).find(
      (f) => f.Properties.Environment?.Variables?.PORTAL_TABLE,
    );
    expect(fn.Properties.Environment.Variables.PORTAL_PUBLIC_URL).toBeUndefined();
  });

  it("protects the API with the origin secret as prod does, the site named by the Host CloudFront received", () => {
    const { id } = resourceNamed(dev.json.Api, "AWS::SecretsManager::Secret", "OriginSecret");
    const http = Object.values(resourcesOfType(dev.json.Api, "AWS::Lambda::Function")).filter((f) =>
      ["functions/api.handler", "functions/staff.handler"].includes(f.Properties.Handler),
    );
    expect(http).toHaveLength(2);
    for (const fn of http) expect(JSON.stringify(fn.Properties.Environment.Variables.PORTAL_ORIGIN_SECRET)).toContain(`{"Ref":"${id}"}`);
    const distribution = Object.values(resourcesOfType(dev.json.Web, "AWS::CloudFront::Distribution"))[0];
    expect(JSON.stringify(distribution.Properties.DistributionConfig.Origins)).toContain("x-portal-origin-secret");
  });

  it("keeps logs for two weeks", () => {
    for (const group of Object.values(resourcesOfType(dev.json.Api, "AWS::Logs::LogGroup"))) {
      expect(group.Properties.RetentionInDays).toBe(14);
    }
    const logs = resourceNamed(dev.json.Storage, "AWS::S3::Bucket", "Logs").resource;
    expect(logs.Properties.LifecycleConfiguration.Rules).toContainEqual(
      expect.objectContaining({ ExpirationInDays: 14, Status: "Enabled" }),
    );
  });

  it("passes cdk-nag AwsSolutions (the auto-delete handlers included)", () => {
    expect(dev.nagReports.Storage.length).toBeGreaterThan(0);
    expect(dev.errors).toEqual([]);
  });
});
