/**
 * The Lambda bundles, built the way SST builds them (esbuild, ESM, minified, every package bundled
 * as deployed): size and cold import time of the reader (budgeted: 250 KB, 50 ms) and of the staff
 * function; and what each bundle is made of. The reader is split (infra/Api.ts `splitting`): its
 * size is what a cold start loads (the entry and the chunks it imports statically), the page kinds,
 * search, open data and sessions being chunks imported on first use; the total is printed beside it. The staff function must carry none of the reader's
 * modules (READER_ONLY), and the reader no AWS SDK module (it signs its own calls: core/storage/
 * fetch-store.ts): tests/http/bundles.test.ts and tests/http/reader-bundle.test.ts check it on
 * every test run, the bench on the real minified bundle.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { build, type Metafile } from "esbuild";

export interface BundleResult {
  label: string;
  /** What a cold start loads: the entry and every chunk it imports statically. */
  bytes: number;
  /** Every output file (split builds also hold chunks imported on first use). */
  totalBytes: number;
  coldImportMs: number;
  /** Modules of READER_ONLY found in the bundle (only checked for the staff function). */
  readerOnly?: string[];
  /** AWS SDK modules found in the bundle (only checked for the reader function: none allowed). */
  sdk?: string[];
  /** The largest parts of the bundle, by package or folder, in bytes of output. */
  parts?: [string, number][];
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

/** The AWS SDK's modules (and its Smithy runtime) among `modules`: none may be in the reader. */
export function sdkIn(modules: string[]): string[] {
  return modules.filter((module) => /^(node_modules\/)?@(aws-sdk|smithy)\//.test(module));
}

/**
 * The outputs a cold start loads: the entry and the chunks it imports statically, transitively
 * (a split build's `import()` targets are left for their first use).
 */
export function loadedAtStart(metafile: Metafile, entry: string): string[] {
  const loaded = new Set<string>();
  const visit = (output: string) => {
    if (loaded.has(output) || !metafile.outputs[output]) return;
    loaded.add(output);
    for (const imported of metafile.outputs[output]!.imports) if (imported.kind === "import-statement") visit(imported.path);
  };
  visit(entry);
  return [...loaded];
}

/** Bytes of output per package (node_modules/<name>) or per folder two levels deep, largest first. */
function partsOf(metafile: Metafile, outputs: string[]): [string, number][] {
  const parts = new Map<string, number>();
  for (const [input, { bytesInOutput }] of outputs.flatMap((output) => Object.entries(metafile.outputs[output]?.inputs ?? {}))) {
    const path = input.split("/");
    const part = path[0] === "node_modules" ? path.slice(0, path[1]!.startsWith("@") ? 3 : 2).join("/") : path.slice(0, 2).join("/");
    parts.set(part, (parts.get(part) ?? 0) + bytesInOutput);
  }
  return [...parts].sort((a, b) => b[1] - a[1]);
}

/** The modules of `modules` that only the reader may load. */
export function readerOnlyIn(modules: string[]): string[] {
  return modules.filter((module) => READER_ONLY.some((group) => group.matches(module)));
}

const BANNER = "import { createRequire as __cr } from 'module'; const require = __cr(import.meta.url);";

async function bundleOnce(
  label: string,
  entry: string,
  external: string[],
  { keepNames = true, splitting = false }: { keepNames?: boolean; splitting?: boolean } = {},
): Promise<{ result: BundleResult; modules: string[]; parts: [string, number][] }> {
  // Inside the project, so the external SDK resolves from node_modules as it would from the runtime.
  const dir = join(".build", "bench", label.replace(/[^a-z0-9]+/gi, "-").toLowerCase());
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const outfile = join(process.cwd(), dir, "api.mjs");
  const { metafile } = await build({
    entryPoints: { api: entry },
    bundle: true,
    minify: true,
    // As SST v2 builds an ESM function (its runtime/handlers/node.js): names kept unless the
    // function turns it off (the reader does, infra/Api.ts), esnext.
    keepNames,
    platform: "node",
    format: "esm",
    target: "esnext",
    mainFields: ["module", "main"],
    // Split as SST builds a function with `nodejs.splitting` (infra/Api.ts, the reader): an
    // outdir of .mjs files, the entry named after the handler's file.
    ...(splitting ? { splitting: true, outdir: join(process.cwd(), dir), outExtension: { ".js": ".mjs" } } : { outfile }),
    external,
    banner: { js: BANNER },
    metafile: true,
    logLevel: "error",
  });
  const files = Object.keys(metafile.outputs);
  const entryOutput = files.find((output) => metafile.outputs[output]!.entryPoint === entry)!;
  const atStart = loadedAtStart(metafile, entryOutput);
  const size = (outputs: string[]) => outputs.reduce((sum, output) => sum + statSync(output).size, 0);
  const probe = join(process.cwd(), dir, "probe.mjs");
  writeFileSync(
    probe,
    `const t = performance.now(); await import(${JSON.stringify(outfile)}); console.log(performance.now() - t);`,
  );
  const times: number[] = [];
  for (let run = 0; run < 11; run++) {
    const out = spawnSync(process.execPath, [probe], {
      // What the Lambda runtime sets (the reader's fetch store reads the credentials at import).
      env: {
        ...process.env, NODE_OPTIONS: "", PORTAL_TABLE: "bench", PORTAL_BUCKET: "bench", AWS_REGION: "ap-southeast-1",
        AWS_ACCESS_KEY_ID: "bench", AWS_SECRET_ACCESS_KEY: "bench", AWS_SESSION_TOKEN: "bench", AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      },
      encoding: "utf8",
    });
    if (out.status !== 0) throw new Error(`import of the bundle failed:\n${out.stderr}`);
    times.push(Number(out.stdout.trim()));
  }
  times.sort((a, b) => a - b);
  return {
    result: { label, bytes: size(atStart), totalBytes: size(files), coldImportMs: times[Math.floor(times.length / 2)]! },
    // Every module of every output: a module loaded on first use is still deployed, and run.
    modules: [...new Set(files.flatMap((output) => modulesOf(metafile, output)))],
    parts: partsOf(metafile, atStart),
  };
}

export async function measureBundles(): Promise<BundleResult[]> {
  const staff = await bundleOnce("staff, AWS SDK bundled (deployed)", "functions/staff.ts", []);
  const reader = await bundleOnce("reader, signed fetch, no AWS SDK", "functions/api.ts", [], { keepNames: false, splitting: true });
  // sharp is installed beside the media function, not bundled (infra/Media.ts).
  const media = await bundleOnce("media, AWS SDK bundled, sharp installed", "functions/media.ts", ["sharp"]);
  return [
    { ...reader.result, sdk: sdkIn(reader.modules), parts: reader.parts.slice(0, 8) },
    { ...staff.result, readerOnly: readerOnlyIn(staff.modules) },
    media.result,
  ];
}
