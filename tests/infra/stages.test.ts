/**
 * Per-stage behaviour: `prod` keeps its data (see stacks.test.ts); every other stage is
 * disposable. Synthesizes the `dev` stage offline, with cdk-nag, once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stageConfig } from "../../infra/stages";
import { resourceNamed, resourcesOfType, synthesizeStage, type SynthesizedStage } from "./support";

describe("stageConfig", () => {
  it("retains data in prod only", () => {
    expect(stageConfig("prod").retainData).toBe(true);
    for (const stage of ["dev", "test", "alice", "pr-42"]) expect(stageConfig(stage).retainData).toBe(false);
  });
});

describe("a disposable stage (dev)", () => {
  let dev: SynthesizedStage;
  beforeAll(async () => {
    dev = await synthesizeStage("dev");
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
