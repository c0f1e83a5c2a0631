/**
 * Synthesizes the app once per test file (SST's unique-id aspect throws on a second synth), with
 * cdk-nag's AwsSolutions pack attached, into temp dirs removed afterwards. A run synthesizes each
 * (stage, environment) once: the first file to ask writes the result to the run's cache
 * (tests/setup/global.ts), the others read it, so stacks, media and open-data share one prod
 * synthesis and lint and stages one dev synthesis (each took 10 to 20 s of a core).
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Aspects } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import { AwsSolutionsChecks } from "cdk-nag";
import { inject } from "vitest";

export interface SynthesizedStage {
  stage: string;
  /** Templates by short stack name: Storage, Api, Web. */
  templates: Record<"Storage" | "Api" | "Web", Template>;
  /** Raw templates (for cross-stack checks). */
  json: Record<"Storage" | "Api" | "Web", Record<string, any>>;
  /** Unsuppressed cdk-nag/CDK messages, "stack path: text". */
  errors: string[];
  warnings: string[];
  /** cdk-nag's compliance report rows by short stack name (proves the checks ran). */
  nagReports: Record<"Storage" | "Api" | "Web", NagReportRow[]>;
  /** The JavaScript files under functions/ of each function's code asset as SST built it ("api.mjs", "chunk-….mjs"). */
  functionAssets: string[][];
  cleanup(): void;
}

export interface NagReportRow {
  rule: string;
  /** Construct path, e.g. "prod-portal-Storage/Media/Bucket/Resource". */
  resource: string;
  compliance: "Compliant" | "Non-Compliant" | "Suppressed" | string;
}

const STACKS = ["Storage", "Api", "Web"] as const;

type Synthesis = Pick<SynthesizedStage, "json" | "errors" | "warnings" | "nagReports" | "functionAssets">;

const fromSynthesis = (stage: string, synthesis: Synthesis, cleanup: () => void): SynthesizedStage => ({
  stage,
  ...synthesis,
  templates: Object.fromEntries(STACKS.map((name) => [name, Template.fromJSON(synthesis.json[name])])) as SynthesizedStage["templates"],
  cleanup,
});

/**
 * What a synthesis depends on besides the code: the stage and the environment it reads
 * (infra/stages.ts reads PORTAL_*, SST's App the CDK_* and AWS_* defaults).
 */
function cacheKey(stage: string): string {
  const env = Object.entries(process.env)
    .filter(([name]) => /^(PORTAL_|CDK_|AWS_(DEFAULT_)?REGION$)/.test(name))
    .sort(([a], [b]) => a.localeCompare(b));
  return `${stage}-${createHash("sha256").update(JSON.stringify(env)).digest("hex").slice(0, 16)}`;
}

const WAIT_MS = 10 * 60 * 1000;

/**
 * The synthesis of `stage` in the current environment: from the run's cache when another file
 * already made it (or waits while it does), else made here and written there.
 */
export async function synthesizeStage(stage: string): Promise<SynthesizedStage> {
  const cache = inject("synthCacheDir");
  if (!cache) return synthesizeHere(stage);
  const key = cacheKey(stage);
  const done = join(cache, `${key}.json`);
  const failed = join(cache, `${key}.error`);
  let mine = false;
  try {
    mkdirSync(join(cache, `${key}.lock`));
    mine = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  if (mine) {
    try {
      const result = await synthesizeHere(stage);
      const { json, errors, warnings, nagReports, functionAssets } = result;
      writeFileSync(`${done}.tmp`, JSON.stringify({ json, errors, warnings, nagReports, functionAssets }));
      renameSync(`${done}.tmp`, done);
      return result;
    } catch (error) {
      writeFileSync(failed, String((error as Error)?.stack ?? error));
      throw error;
    }
  }
  const deadline = Date.now() + WAIT_MS;
  while (!existsSync(done)) {
    if (existsSync(failed)) throw new Error(`the synthesis of ${stage} by another test file failed:\n${readFileSync(failed, "utf8")}`);
    if (Date.now() > deadline) throw new Error(`the synthesis of ${stage} by another test file did not finish in ${WAIT_MS / 60_000} minutes`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return fromSynthesis(stage, JSON.parse(readFileSync(done, "utf8")) as Synthesis, () => {});
}

async function synthesizeHere(stage: string): Promise<SynthesizedStage> {
  // SST loads aws-sdk v2, which prints an end-of-support notice on import unless told not to.
  process.env.AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE = "1";
  const { synthOffline } = await import("../../infra/offline");
  const dir = mkdtempSync(join(tmpdir(), `portal-infra-test-${stage}-`));
  const outdir = join(dir, "cdk.out");
  try {
    const { stacks } = await synthOffline({
      stage,
      outdir,
      workDir: join(dir, "sst"),
      beforeSynth: (app) => Aspects.of(app).add(new AwsSolutionsChecks()),
    });
    const json = {} as SynthesizedStage["json"];
    const errors: string[] = [];
    const warnings: string[] = [];
    for (const name of STACKS) {
      const artifact = stacks[`${stage}-portal-${name}`];
      if (!artifact) throw new Error(`stack ${stage}-portal-${name} not synthesized`);
      json[name] = artifact.template;
      for (const message of artifact.messages) {
        const line = `${message.id}: ${String(message.entry.data).trim()}`;
        if (message.level === "error") errors.push(line);
        if (message.level === "warning") warnings.push(line);
      }
    }
    const nagReports = {} as SynthesizedStage["nagReports"];
    const reportFiles = readdirSync(outdir);
    for (const name of STACKS) {
      const file = reportFiles.find((f) => f === `AwsSolutions-${stage}-portal-${name}-NagReport.csv`);
      nagReports[name] = file
        ? readFileSync(join(outdir, file), "utf8")
            .trim()
            .split("\n")
            .slice(1)
            .map((line) => {
              const [rule = "", resource = "", compliance = ""] = line.slice(1).split('","');
              return { rule, resource, compliance };
            })
        : [];
    }
    return fromSynthesis(stage, { json, errors, warnings, nagReports, functionAssets: functionAssetsIn(outdir) }, () => rmSync(dir, { recursive: true, force: true }));
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** Each function asset of the cloud assembly (asset.<hash>/functions/…): its .mjs and .js files. */
function functionAssetsIn(outdir: string): string[][] {
  return readdirSync(outdir)
    .filter((name) => name.startsWith("asset.") && existsSync(join(outdir, name, "functions")))
    .map((name) => readdirSync(join(outdir, name, "functions")).filter((file) => /\.m?js$/.test(file)).sort());
}

/** The single resource of a type whose logical id starts with `prefix`. */
export function resourceNamed(template: Record<string, any>, type: string, prefix: string): { id: string; resource: any } {
  const found = Object.entries(template.Resources as Record<string, any>).filter(
    ([id, resource]) => resource.Type === type && id.startsWith(prefix),
  );
  if (found.length !== 1) throw new Error(`expected one ${type} named ${prefix}*, found ${found.length}`);
  const [id, resource] = found[0]!;
  return { id, resource };
}

/** All resources of a type, by logical id. */
export function resourcesOfType(template: Record<string, any>, type: string): Record<string, any> {
  return Object.fromEntries(Object.entries(template.Resources as Record<string, any>).filter(([, r]) => r.Type === type));
}
