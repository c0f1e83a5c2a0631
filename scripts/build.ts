/**
 * Builds the web app (client + SSR) and the dashboard when dist/ is missing or older than its sources. "Older" is
 * decided by a hash of the inputs, not by mtimes, so a fresh clone or a branch switch is handled.
 * Run directly (`npm run build`) it always rebuilds.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const STAMP = join(ROOT, "dist", ".build-hash");
// urls.ts: the one runtime module web/ imports from functions/ (every public path). The dashboard
// (vite.dashboard.config.ts) also imports the workflow and permission rules, to show only the
// buttons the server would accept.
const INPUTS = [
  "web",
  "functions/core/shared/urls.ts",
  "vite.config.ts",
  "package-lock.json",
  "dashboard",
  "vite.dashboard.config.ts",
  "functions/core/publishing/workflow.ts",
  "functions/core/accounts/permissions.ts",
  "functions/core/shared/errors.ts",
];

function files(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).sort().flatMap((name) => files(join(path, name)));
}

function inputHash(): string {
  const hash = createHash("sha256").update("production\0");
  for (const file of INPUTS.flatMap((input) => files(join(ROOT, input)))) {
    hash.update(relative(ROOT, file)).update("\0").update(readFileSync(file)).update("\0");
  }
  return hash.digest("hex");
}

const LOCK = join(ROOT, "dist", ".build-lock");

/**
 * One build at a time in a checkout: two builds at once (two test runs, or a test run and
 * `npm run build`) would empty dist/client under each other. mkdir is atomic; a lock older than
 * ten minutes is left over from a killed build and is taken over.
 */
async function withBuildLock<T>(work: () => Promise<T>): Promise<T> {
  mkdirSync(join(ROOT, "dist"), { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      const age = existsSync(LOCK) ? Date.now() - statSync(LOCK).mtimeMs : 0;
      if (age > 10 * 60_000) rmSync(LOCK, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  try {
    return await work();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/**
 * Always a production build, whoever calls: vitest sets NODE_ENV=test, and Vite (and Solid
 * through it) would otherwise ship development code that then gets deployed.
 */
export async function buildWeb(): Promise<void> {
  await withBuildLock(buildUnlocked);
}

async function buildUnlocked(): Promise<void> {
  const configFile = join(ROOT, "vite.config.ts");
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    await build({ root: ROOT, configFile, mode: "production", logLevel: "warn" });
    await build({ root: ROOT, configFile, mode: "production", logLevel: "warn", build: { ssr: true } });
    // After the client build, which empties dist/client: the dashboard's assets go beside it.
    await build({ root: ROOT, configFile: join(ROOT, "vite.dashboard.config.ts"), mode: "production", logLevel: "warn" });
  } finally {
    if (previous === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = previous;
  }
  writeFileSync(STAMP, inputHash());
}

/** Builds only when needed; returns whether it built. */
export async function ensureWebBuild(): Promise<boolean> {
  const fresh = () => {
    const current = existsSync(STAMP) ? readFileSync(STAMP, "utf8") : "";
    const complete = ["dist/server/entry-server.js", "dist/client/.vite/manifest.json", "dist/dashboard/shell.js"].every((file) => existsSync(join(ROOT, file)));
    return complete && current === inputHash();
  };
  if (fresh()) return false;
  // Checked again under the lock: a build that finished while this one waited may have done the work.
  return withBuildLock(async () => {
    if (fresh()) return false;
    await buildUnlocked();
    return true;
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildWeb();
  console.log("Đã build giao diện vào dist/client, dist/server và dist/dashboard.");
}
