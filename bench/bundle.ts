/**
 * The Lambda bundles, built the way SST builds them (esbuild, ESM, minified): size and cold import
 * time of the reader (budgeted) with the AWS SDK bundled, as deployed, and left to the runtime, and
 * of the staff function; and what each bundle is made of. The staff function must carry none of
 * the reader's modules (READER_ONLY): tests/http/bundles.test.ts checks it on every test run, the
 * bench on the real minified bundle.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { build, type Metafile } from "esbuild";

export interface BundleResult {
  label: string;
  bytes: number;
  coldImportMs: number;
  /** Modules of READER_ONLY found in the bundle (only checked for the staff function). */
  readerOnly?: string[];
}

/**
 * What only the reader function may load, by module path as esbuild reports it (a package left
 * external is reported by its import path). In the staff bundle they are dead weight on every
 * cold start, and the SSR build would tie the editors' API to the web build.
 */
export const READER_ONLY: { what: string; matches: (module: string) => boolean }[] = [
  { what: "the SSR build (#ssr)", matches: (module) => module.startsWith("dist/server/") },
  { what: "the Solid server runtime", matches: (module) => /^(node_modules\/)?(solid-js|seroval)\b/.test(module) },
  { what: "public pages, feeds and the reader API", matches: (module) => module.startsWith("functions/http/reader/") },
  { what: "search queries and the search index", matches: (module) => /^functions\/core\/reader\/search(-index)?\.ts$/.test(module) },
];

/** Every module of one output of a build: bundled inputs and the packages it left external. */
export function modulesOf(metafile: Metafile, output: string): string[] {
  const inputs = Object.keys(metafile.outputs[output]?.inputs ?? {});
  const external = inputs.flatMap((input) => (metafile.inputs[input]?.imports ?? []).filter((i) => i.external).map((i) => i.path));
  return [...new Set([...inputs, ...external])];
}

/** The modules of `modules` that only the reader may load. */
export function readerOnlyIn(modules: string[]): string[] {
  return modules.filter((module) => READER_ONLY.some((group) => group.matches(module)));
}

const BANNER = "import { createRequire as __cr } from 'module'; const require = __cr(import.meta.url);";

async function bundleOnce(label: string, entry: string, external: string[]): Promise<{ result: BundleResult; modules: string[] }> {
  // Inside the project, so the external SDK resolves from node_modules as it would from the runtime.
  const dir = join(".build", "bench", label.replace(/[^a-z0-9]+/gi, "-").toLowerCase());
  mkdirSync(dir, { recursive: true });
  const outfile = join(process.cwd(), dir, "api.mjs");
  const { metafile } = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    platform: "node",
    format: "esm",
    target: "node22",
    outfile,
    external,
    banner: { js: BANNER },
    metafile: true,
    logLevel: "error",
  });
  const bytes = statSync(outfile).size;
  const probe = join(process.cwd(), dir, "probe.mjs");
  writeFileSync(
    probe,
    `const t = performance.now(); await import(${JSON.stringify(outfile)}); console.log(performance.now() - t);`,
  );
  const times: number[] = [];
  for (let run = 0; run < 7; run++) {
    const out = spawnSync(process.execPath, [probe], {
      env: { ...process.env, NODE_OPTIONS: "", PORTAL_TABLE: "bench", PORTAL_BUCKET: "bench", AWS_REGION: "ap-southeast-1", AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
      encoding: "utf8",
    });
    if (out.status !== 0) throw new Error(`import of the bundle failed:\n${out.stderr}`);
    times.push(Number(out.stdout.trim()));
  }
  times.sort((a, b) => a - b);
  // One entry, no splitting: the build has a single output.
  const modules = modulesOf(metafile, Object.keys(metafile.outputs)[0]!);
  return { result: { label, bytes, coldImportMs: times[Math.floor(times.length / 2)]! }, modules };
}

export async function measureBundles(): Promise<BundleResult[]> {
  const staff = await bundleOnce("staff, AWS SDK bundled (deployed)", "functions/staff.ts", []);
  return [
    (await bundleOnce("reader, AWS SDK bundled (deployed)", "functions/api.ts", [])).result,
    (await bundleOnce("reader, AWS SDK from the runtime", "functions/api.ts", ["@aws-sdk/*"])).result,
    { ...staff.result, readerOnly: readerOnlyIn(staff.modules) },
  ];
}
