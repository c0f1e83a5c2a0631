/**
 * Size and cold import time of the Lambda bundles, built the way SST builds them (esbuild, ESM,
 * minified): the reader (budgeted) with the AWS SDK bundled, as deployed, and left to the
 * runtime, and the staff function for comparison.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";

export interface BundleResult {
  label: string;
  bytes: number;
  coldImportMs: number;
}

const BANNER = "import { createRequire as __cr } from 'module'; const require = __cr(import.meta.url);";

async function bundleOnce(label: string, entry: string, external: string[]): Promise<BundleResult> {
  // Inside the project, so the external SDK resolves from node_modules as it would from the runtime.
  const dir = join(".build", "bench", label.replace(/[^a-z0-9]+/gi, "-").toLowerCase());
  mkdirSync(dir, { recursive: true });
  const outfile = join(process.cwd(), dir, "api.mjs");
  await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    platform: "node",
    format: "esm",
    target: "node22",
    outfile,
    external,
    banner: { js: BANNER },
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
  return { label, bytes, coldImportMs: times[Math.floor(times.length / 2)]! };
}

export async function measureBundles(): Promise<BundleResult[]> {
  return [
    await bundleOnce("reader, AWS SDK bundled (deployed)", "functions/api.ts", []),
    await bundleOnce("reader, AWS SDK from the runtime", "functions/api.ts", ["@aws-sdk/*"]),
    await bundleOnce("staff, AWS SDK bundled (deployed)", "functions/staff.ts", []),
  ];
}
