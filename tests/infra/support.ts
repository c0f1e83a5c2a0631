/**
 * Synthesizes the app once per test file (SST's unique-id aspect throws on a second synth), with
 * cdk-nag's AwsSolutions pack attached, into temp dirs removed afterwards.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Aspects } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import { AwsSolutionsChecks } from "cdk-nag";

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
  cleanup(): void;
}

export interface NagReportRow {
  rule: string;
  /** Construct path, e.g. "prod-portal-Storage/Media/Bucket/Resource". */
  resource: string;
  compliance: "Compliant" | "Non-Compliant" | "Suppressed" | string;
}

const STACKS = ["Storage", "Api", "Web"] as const;

export async function synthesizeStage(stage: string): Promise<SynthesizedStage> {
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
    const templates = {} as SynthesizedStage["templates"];
    const json = {} as SynthesizedStage["json"];
    const errors: string[] = [];
    const warnings: string[] = [];
    for (const name of STACKS) {
      const artifact = stacks[`${stage}-portal-${name}`];
      if (!artifact) throw new Error(`stack ${stage}-portal-${name} not synthesized`);
      json[name] = artifact.template;
      templates[name] = Template.fromJSON(artifact.template);
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
    return { stage, templates, json, errors, warnings, nagReports, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
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
