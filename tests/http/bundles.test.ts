/**
 * The staff function is deployed on its own, and what it bundles it loads on every cold start. It
 * must carry none of the reader's SSR build, pages, feeds or search (bench/bundle.ts READER_ONLY):
 * both functions are bundled here in one esbuild pass, packages left external (they are not ours to
 * sort, and it keeps the pass well under a second), and their module lists compared.
 */
import { build, type Metafile } from "esbuild";
import { beforeAll, describe, expect, it } from "vitest";
import { modulesOf, READER_ONLY, readerOnlyIn } from "../../bench/bundle";

describe("Lambda bundles", () => {
  let modules: { staff: string[]; reader: string[] };
  let packages: { staff: string[]; reader: string[] };

  beforeAll(async () => {
    const { metafile } = await build({
      entryPoints: { staff: "functions/staff.ts", reader: "functions/api.ts" },
      bundle: true,
      write: false,
      platform: "node",
      format: "esm",
      packages: "external",
      outdir: ".build/bundles-test",
      metafile: true,
      logLevel: "silent",
    });
    const of = (entry: string) => modulesOf(metafile as Metafile, Object.keys(metafile.outputs).find((out) => metafile.outputs[out]!.entryPoint === entry)!);
    modules = { staff: of("functions/staff.ts"), reader: of("functions/api.ts") };
    const imported = (entry: string) =>
      Object.values(metafile.outputs)
        .find((out) => out.entryPoint === entry)!
        .imports.filter((i) => i.external)
        .map((i) => i.path);
    packages = { staff: imported("functions/staff.ts"), reader: imported("functions/api.ts") };
  });

  it("keeps the SSR build, pages, feeds and search out of the staff function", () => {
    expect(readerOnlyIn(modules.staff)).toEqual([]);
  });

  it("keeps the editor's heavy libraries (validation, sanitizing, diffing) out of the reader function", () => {
    const heavy = (paths: string[]) => paths.filter((path) => /^(zod|sanitize-html|diff)(\/|$)/.test(path));
    expect(heavy(packages.reader)).toEqual([]);
    // Guards the check: the staff function does import them.
    expect(new Set(heavy(packages.staff))).toEqual(new Set(["zod", "sanitize-html", "diff"]));
  });

  // Guards the check above: a pattern that matches nothing (a file renamed) would pass forever.
  it.each(READER_ONLY.map((group) => [group.what, group] as const))("finds %s in the reader function", (_what, group) => {
    expect(modules.reader.filter(group.matches)).not.toEqual([]);
  });
});
