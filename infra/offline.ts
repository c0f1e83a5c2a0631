/**
 * Synthesize the SST app without AWS (tests and `npm run synth`).
 *
 * SST v2's CLI calls STS before it synthesizes anything, so this builds the SST `App` directly, in
 * SST's test mode (NODE_ENV=test skips its AWS bootstrap lookups): project setup → App →
 * config.stacks(app) → app.finish() (bundles the functions) → app.synth().
 *
 * Traps handled here:
 * - synthesize each App once: SST adds a unique-id aspect, a second synth throws "… already exists";
 * - SST writes build artifacts, generated types and debug.log under `.sst/`; they go to `workDir`
 *   (default: a fresh temp dir) so a synth leaves nothing in the tree but the assembly you ask for;
 * - one App per process at a time: SST keeps its project and function registry in module state.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import type { CloudAssembly, CloudFormationStackArtifact } from "aws-cdk-lib/cx-api";
import { App } from "sst/constructs";
import { setProject } from "sst/project.js";
import config from "../sst.config";
import { DEFAULT_REGION } from "./app";

export interface OfflineSynthOptions {
  stage: string;
  /** Cloud assembly directory (templates, assets, manifest). Default: a fresh temp dir. */
  outdir?: string;
  /** Where SST bundles functions. Default: a fresh temp dir. */
  workDir?: string;
  /** Runs after the stacks are defined and before synthesis, e.g. to add cdk-nag aspects. */
  beforeSynth?: (app: App) => void;
}

export interface OfflineSynthResult {
  app: App;
  assembly: CloudAssembly;
  /** Stack artifacts by stack name ("<stage>-portal-Storage", "-Api", "-Web"). */
  stacks: Record<string, CloudFormationStackArtifact>;
}

export async function synthOffline(options: OfflineSynthOptions): Promise<OfflineSynthResult> {
  if (process.env.NODE_ENV !== "test") {
    throw new Error("synthOffline needs NODE_ENV=test (otherwise SST looks up its bootstrap stack in AWS)");
  }
  const { stage } = options;
  // SST resolves handler paths ("functions/api.handler") and Web.ts the client build against the
  // working directory, as `sst deploy` does from the project root.
  const root = fileURLToPath(new URL("..", import.meta.url)).replace(/\/$/, "");
  if (path.resolve(process.cwd()) !== root) throw new Error(`run from the project root (${root}), not ${process.cwd()}`);
  const workDir = options.workDir ?? fs.mkdtempSync(path.join(os.tmpdir(), `portal-sst-${stage}-`));
  const outdir = options.outdir ?? fs.mkdtempSync(path.join(os.tmpdir(), `portal-cdk-${stage}-`));
  fs.mkdirSync(workDir, { recursive: true });
  fs.mkdirSync(outdir, { recursive: true });

  // What `initProject({ stage })` sets up, minus its side effects on the tree: it creates `.sst/`
  // (and SST's debug.log in it) in the project root, bundles sst.config.ts into a temp
  // `.sst.config.<ms>.mjs` in the cwd (two synths starting in the same ms clash) and loads `.env*`
  // files into process.env (local-dev values must not leak into a synth).
  const globals = { stage, region: DEFAULT_REGION };
  const sstConfig = await config.config(globals);
  const sstPackage = JSON.parse(fs.readFileSync(path.join(root, "node_modules/sst/package.json"), "utf8")) as {
    version: string;
    dependencies: Record<string, string>;
  };
  process.env.JSII_DEPRECATED = "quiet";
  process.env.SST_STAGE = stage;
  setProject({
    version: sstPackage.version,
    cdkVersion: sstPackage.dependencies["aws-cdk-lib"] ?? "unknown",
    constructsVersion: sstPackage.dependencies["constructs"] ?? "unknown",
    config: {
      ...sstConfig,
      stage,
      region: sstConfig.region ?? DEFAULT_REGION,
      ssmPrefix: `/sst/${sstConfig.name}/${stage}/`,
    },
    stacks: config.stacks,
    metafile: { inputs: {}, outputs: {} },
    paths: {
      root,
      config: path.join(root, "sst.config.ts"),
      out: workDir,
      artifacts: path.join(workDir, "artifacts"),
    },
  });

  const app = new App({ mode: "deploy", stage, name: sstConfig.name, region: sstConfig.region ?? DEFAULT_REGION }, { outdir });
  await config.stacks(app);
  await app.finish();
  options.beforeSynth?.(app);
  const assembly = app.synth();

  const stacks: Record<string, CloudFormationStackArtifact> = {};
  for (const artifact of assembly.stacks) stacks[artifact.hierarchicalId] = artifact;
  return { app, assembly, stacks };
}
