/**
 * The reader function signs its own calls (core/storage/fetch-store.ts) so that its bundle carries
 * no AWS SDK: the SDK was most of its 1 MB and 100 ms of cold import (docs/architecture.md,
 * Budgets). A core module that imports `@aws-sdk/*` at runtime, or a reader module that imports
 * sdk-store.ts, would bring it back unnoticed: this fails then. Packages are left external (the
 * pass stays well under a second); an external package is listed by its import path.
 */
import { build, type Metafile } from "esbuild";
import { beforeAll, describe, expect, it } from "vitest";
import { loadedAtStart, modulesOf, sdkIn } from "../../bench/bundle";

describe("the reader function's bundle", () => {
  let modules: { reader: string[]; staff: string[] };

  beforeAll(async () => {
    const { metafile } = await build({
      entryPoints: { reader: "functions/api.ts", staff: "functions/staff.ts" },
      bundle: true,
      write: false,
      platform: "node",
      format: "esm",
      packages: "external",
      outdir: ".build/reader-bundle-test",
      metafile: true,
      logLevel: "silent",
    });
    const of = (entry: string) => modulesOf(metafile as Metafile, Object.keys(metafile.outputs).find((out) => metafile.outputs[out]!.entryPoint === entry)!);
    modules = { reader: of("functions/api.ts"), staff: of("functions/staff.ts") };
  });

  it("holds no AWS SDK module, and not the SDK store", () => {
    expect(sdkIn(modules.reader)).toEqual([]);
    expect(modules.reader.filter((module) => module.endsWith("storage/sdk-store.ts"))).toEqual([]);
    expect(modules.reader).toContain("functions/core/storage/fetch-store.ts");
  });

  // Guards the check: the staff function does load the SDK, and the pattern finds it.
  it("finds the SDK in the staff function", () => {
    expect(sdkIn(modules.staff)).toEqual(expect.arrayContaining(["@aws-sdk/lib-dynamodb", "@aws-sdk/client-s3"]));
  });
});

// The reader as deployed (split, minified: infra/Api.ts, bench/bundle.ts): what a cold start loads
// stays within the budget, and the code imported on first use stays out of it. Sizes only; the
// import time is the bench's.
describe("the reader's cold start", () => {
  let atStart: { bytes: number; files: number; modules: string[] };

  beforeAll(async () => {
    const { metafile } = await build({
      entryPoints: { api: "functions/api.ts" },
      bundle: true,
      minify: true,
      keepNames: false,
      splitting: true,
      platform: "node",
      format: "esm",
      target: "esnext",
      mainFields: ["module", "main"],
      write: false,
      outdir: ".build/reader-start-test",
      outExtension: { ".js": ".mjs" },
      metafile: true,
      logLevel: "silent",
    });
    const entry = Object.keys(metafile.outputs).find((out) => metafile.outputs[out]!.entryPoint === "functions/api.ts")!;
    const outputs = loadedAtStart(metafile as Metafile, entry);
    atStart = {
      bytes: outputs.reduce((sum, out) => sum + metafile.outputs[out]!.bytes, 0),
      files: outputs.length,
      modules: outputs.flatMap((out) => Object.keys(metafile.outputs[out]!.inputs)),
    };
  });

  it("loads at most 250 KB in a few files", () => {
    expect(atStart.bytes).toBeLessThanOrEqual(250 * 1024);
    // Each separate import() of a feature split the start into more files (on-demand.ts says why).
    expect(atStart.files).toBeLessThanOrEqual(8);
  });

  it("leaves what only some requests need for their first use", () => {
    const onDemand = ["http/reader/on-demand.ts", "core/reader/search.ts", "http/reader/openapi.ts", "http/reader/feed-bodies.ts", "http/reader/beacons.ts", "core/accounts/sessions.ts", "core/metrics/presence.ts"];
    expect(atStart.modules.filter((module) => onDemand.some((path) => module.endsWith(path)))).toEqual([]);
    // Guards the check: the common pages are there.
    expect(atStart.modules).toContain("functions/http/reader/pages.ts");
    expect(atStart.modules.some((module) => module.startsWith("dist/server/entry-server"))).toBe(true);
  });
});
