/**
 * The reader function signs its own calls (core/storage/fetch-store.ts) so that its bundle carries
 * no AWS SDK: the SDK was most of its 1 MB and 100 ms of cold import (docs/architecture.md,
 * Budgets). A core module that imports `@aws-sdk/*` at runtime, or a reader module that imports
 * sdk-store.ts, would bring it back unnoticed: this fails then. Packages are left external (the
 * pass stays well under a second); an external package is listed by its import path.
 */
import { build, type Metafile } from "esbuild";
import { beforeAll, describe, expect, it } from "vitest";
import { modulesOf, sdkIn } from "../../bench/bundle";

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
