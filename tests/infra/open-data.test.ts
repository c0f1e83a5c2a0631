/**
 * Open data at the CDN (prod stage, synthesized offline): `/api/public/*` and `/api/openapi.json`
 * have their own behaviour, placed before `/api/*`, that caches by the origin's s-maxage, keys on
 * the path and the open-data query strings only, never forwards cookies, still sends the viewer's
 * host and address (canonical URLs, per-client limit), allows and caches GET/HEAD/OPTIONS; the rest
 * of /api stays uncached; cdk-nag stays clean.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OPEN_DATA_QUERY_PARAMS } from "../../functions/core/shared/urls";
import { synthesizeStage, type SynthesizedStage } from "./support";

const CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";
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

const distribution = () => Object.values<any>(prod.json.Web.Resources).find((r) => r.Type === "AWS::CloudFront::Distribution").Properties.DistributionConfig;
const behaviours = (): any[] => distribution().CacheBehaviors;
const behaviour = (pattern: string) => {
  const found = behaviours().find((b) => b.PathPattern === pattern);
  expect(found, pattern).toBeDefined();
  return found;
};
const resource = (ref: { Ref: string }) => prod.json.Web.Resources[ref.Ref];

describe("open data at the CDN", () => {
  it.each(["/api/public/*", "/api/openapi.json"])("%s comes before /api/* (CloudFront takes the first match)", (pattern) => {
    const order = behaviours().map((b) => b.PathPattern);
    expect(order.indexOf(pattern)).toBeGreaterThanOrEqual(0);
    expect(order.indexOf(pattern)).toBeLessThan(order.indexOf("/api/*"));
  });

  it.each(["/api/public/*", "/api/openapi.json"])("%s is cached by the origin's s-maxage, keyed on the path and the open-data query strings", (pattern) => {
    const b = behaviour(pattern);
    expect(b.CachePolicyId).not.toBe(CACHING_DISABLED);
    const policy = resource(b.CachePolicyId).Properties.CachePolicyConfig;
    expect(policy).toMatchObject({ MinTTL: 0, DefaultTTL: 0 });
    expect(policy.MaxTTL).toBeGreaterThanOrEqual(60);
    const key = policy.ParametersInCacheKeyAndForwardedToOrigin;
    expect(key.CookiesConfig).toEqual({ CookieBehavior: "none" });
    expect(key.HeadersConfig).toEqual({ HeaderBehavior: "none" });
    expect(key.QueryStringsConfig.QueryStringBehavior).toBe("whitelist");
    expect([...key.QueryStringsConfig.QueryStrings].sort()).toEqual([...OPEN_DATA_QUERY_PARAMS].sort());
    expect(key.EnableAcceptEncodingGzip).toBe(true);
  });

  it.each(["/api/public/*", "/api/openapi.json"])("%s sends the origin no cookies, the viewer's host and address, GET/HEAD/OPTIONS only", (pattern) => {
    const b = behaviour(pattern);
    const forwarded = resource(b.OriginRequestPolicyId).Properties.OriginRequestPolicyConfig;
    expect(forwarded.CookiesConfig).toEqual({ CookieBehavior: "none" });
    expect(forwarded.HeadersConfig).toEqual({ HeaderBehavior: "whitelist", Headers: ["x-forwarded-host", "x-portal-viewer-ip"] });
    expect([...forwarded.QueryStringsConfig.QueryStrings].sort()).toEqual([...OPEN_DATA_QUERY_PARAMS].sort());
    expect([...b.AllowedMethods].sort()).toEqual(["GET", "HEAD", "OPTIONS"]);
    expect([...b.CachedMethods].sort()).toEqual(["GET", "HEAD", "OPTIONS"]);
    expect(b.FunctionAssociations).toEqual([
      { EventType: "viewer-request", FunctionARN: { "Fn::GetAtt": [expect.stringMatching(/^ForwardHost/), "FunctionARN"] } },
    ]);
    // The same origin as the rest of the API (the HTTP API, with the origin secret).
    expect(b.TargetOriginId).toBe(behaviour("/api/*").TargetOriginId);
    expect(b.ViewerProtocolPolicy).toBe("redirect-to-https");
    expect(b.ResponseHeadersPolicyId).toEqual({ Ref: expect.stringMatching(/^SecurityHeaders/) });
  });

  it("leaves the rest of /api uncached", () => {
    expect(behaviour("/api/*").CachePolicyId).toBe(CACHING_DISABLED);
  });

  it("keeps cdk-nag clean: no unsuppressed error, no unacknowledged warning", () => {
    expect(prod.nagReports.Web.some((row) => row.rule === "AwsSolutions-CFR3" && row.compliance === "Compliant")).toBe(true);
    expect(prod.errors).toEqual([]);
    expect(prod.warnings).toEqual([]);
  });
});
