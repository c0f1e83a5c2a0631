/**
 * cfn-lint over synthesized templates: what CloudFormation would reject (wrong property types,
 * malformed ARNs, bad enum values, missing required properties) fails here before a deploy does.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Accepted warnings, with why. Anything else cfn-lint reports fails the test.
 * - W3005 "DependsOn already enforced by a GetAtt": CDK writes both on Lambda functions and
 *   their roles (and custom resources); redundant but harmless, and not ours to change.
 */
export const ACCEPTED_RULES: Record<string, string> = {
  W3005: "CDK writes a DependsOn beside the GetAtt of a function's role: redundant, harmless, generated.",
};

/**
 * A 12-digit account for offline synthesis. SST's App falls back to the string "my-account"
 * without one (a real deploy takes it from STS), which cfn-lint rightly refuses in the S3
 * notification permission's SourceAccount (E3031).
 */
export const PLACEHOLDER_ACCOUNT = "123456789012";

/**
 * `sst deploy --stage dev` with nothing configured (a developer's shell may have values): the
 * environment of the dev synthesis that lint.test.ts and stages.test.ts share (support.ts).
 */
export const BARE_DEV_ENV: Record<string, string | undefined> = {
  CDK_DEFAULT_ACCOUNT: PLACEHOLDER_ACCOUNT,
  PORTAL_PUBLIC_URL: undefined,
  PORTAL_ALARM_EMAIL: undefined,
  PORTAL_CERTIFICATE_ARN: undefined,
  PORTAL_WEB_ACL_ARN: undefined,
};

export interface LintFinding {
  rule: string;
  level: string;
  file: string;
  path: string;
  message: string;
}

/** The version on the machine, or a failure naming what to install (never a silent skip). */
export function cfnLintVersion(): string {
  const run = spawnSync("cfn-lint", ["--version"], { encoding: "utf8" });
  if (run.error || run.status !== 0) throw missing(run.error?.message ?? run.stderr);
  return run.stdout.trim();
}

function missing(cause: string): Error {
  return new Error(
    "cfn-lint is not installed (or not on PATH): the infrastructure tests lint every synthesized template with it. " +
      "It is a Python package: `pip install cfn-lint==1.51.0` (the machine image has it under pyenv's Python 3.11). " +
      `Cause: ${cause}`,
  );
}

/** Lints named templates (objects or file paths); returns every finding. */
export function cfnLint(templates: Record<string, object | string>): LintFinding[] {
  const dir = mkdtempSync(join(tmpdir(), "portal-cfn-lint-"));
  try {
    const files = Object.entries(templates).map(([name, template]) => {
      if (typeof template === "string") return template;
      const file = join(dir, `${name}.template.json`);
      writeFileSync(file, JSON.stringify(template, null, 1));
      return file;
    });
    const run = spawnSync("cfn-lint", ["--format", "json", "--", ...files], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    if ((run.error as NodeJS.ErrnoException | undefined)?.code === "ENOENT") throw missing(run.error!.message);
    if (run.error) throw run.error;
    // Exit status is a bit mask of what was found (2 errors, 4 warnings, 8 informational); 1 is a crash.
    if (run.status === 1 || !run.stdout.trim().startsWith("[")) throw new Error(`cfn-lint failed to run (status ${run.status}): ${run.stderr}`);
    return (JSON.parse(run.stdout) as any[]).map((f) => ({
      rule: f.Rule.Id,
      level: f.Level,
      file: String(f.Filename).split("/").pop()!,
      path: (f.Location?.Path ?? []).join("/"),
      message: f.Message,
    }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Findings that fail: every error, and every warning or informational finding not accepted above. */
export function unacceptable(findings: LintFinding[]): string[] {
  return findings.filter((f) => !(f.rule in ACCEPTED_RULES)).map((f) => `${f.file} ${f.path}: ${f.rule} ${f.message}`);
}

/** Runs `fn` with environment variables set, restoring them afterwards. */
export async function withEnv<T>(vars: Record<string, string | undefined>, fn: () => Promise<T>): Promise<T> {
  const previous = Object.fromEntries(Object.keys(vars).map((name) => [name, process.env[name]]));
  const set = (values: Record<string, string | undefined>) => {
    for (const [name, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
  set(vars);
  try {
    return await fn();
  } finally {
    set(previous);
  }
}
