/**
 * `npm run synth [-- <stage>]` (NODE_ENV=test tsx scripts/synth.ts [stage], stage defaults to dev):
 * synthesizes the SST app offline, without AWS credentials, into `.build/synth/<stage>/` (a full
 * cloud assembly: templates, bundled functions, assets, manifest) and prints the folder and the
 * CloudFormation templates in it.
 */
import { rmSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ensureWebBuild } from "./build";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

async function main(): Promise<void> {
  const stage = process.argv[2] ?? "dev";
  if (!/^[A-Za-z][A-Za-z0-9-]*$/.test(stage)) throw new Error(`invalid stage name "${stage}"`);
  const started = Date.now();

  // The Lambda bundles import the SSR build and the Web stack uploads dist/client/assets. Vite
  // builds development code when NODE_ENV is anything but "production", so build under it.
  process.env.NODE_ENV = "production";
  await ensureWebBuild();
  // SST's test mode: skips the STS call and bootstrap lookups that need AWS.
  process.env.NODE_ENV = "test";

  const outdir = join(ROOT, ".build", "synth", stage);
  const workDir = join(ROOT, ".build", "sst", stage);
  rmSync(outdir, { recursive: true, force: true });
  rmSync(workDir, { recursive: true, force: true });

  // Imported only now, after the environment is set: SST loads aws-sdk v2, which prints an
  // end-of-support notice on import unless told not to.
  process.env.AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE = "1";
  const { synthOffline } = await import("../infra/offline");
  const { stacks } = await synthOffline({ stage, outdir, workDir });

  console.log(`Synthesized stage "${stage}" in ${((Date.now() - started) / 1000).toFixed(1)} s into ${relative(ROOT, outdir) || "."}/`);
  for (const artifact of Object.values(stacks)) {
    const resources = Object.keys((artifact.template as { Resources?: object }).Resources ?? {}).length;
    console.log(`  ${relative(ROOT, resolve(outdir, artifact.templateFile))}  (${artifact.stackName}, ${resources} resources)`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
