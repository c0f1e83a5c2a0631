/**
 * `npm start` as a user runs it: a real child process with its own DynamoDB Local and s3rver,
 * data in a temporary PORTAL_DATA_DIR. Checks the first start (admin, demo seed, pages), that
 * SIGTERM leaves no Java process behind, and that a second start reuses the data without seeding.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../../scripts/local/emulators";

const ROOT = join(import.meta.dirname, "../..");
const dataDir = mkdtempSync(join(tmpdir(), "portal-start-"));
const children: ChildProcess[] = [];

interface Started {
  child: ChildProcess;
  url: string;
  output: () => string;
}

function start(env: Record<string, string>): Promise<Started> {
  const child = spawn(process.execPath, ["--openssl-legacy-provider", "--import", "tsx", "scripts/start.ts"], {
    cwd: ROOT,
    env: { ...process.env, NODE_OPTIONS: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ready line within 90 s:\n${output}`)), 90_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /http:\/\/localhost:(\d+)/.exec(output);
      if (ready) {
        clearTimeout(timer);
        resolve({ child, url: `http://127.0.0.1:${ready[1]}`, output: () => output });
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before ready:\n${output}`));
    });
  });
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.once("exit", (code) => resolve(code));
    child.kill("SIGTERM");
  });
}

const alive = (pid: number) => existsSync(`/proc/${pid}`) && !readFileSync(`/proc/${pid}/stat`, "utf8").includes(") Z ");

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  rmSync(dataDir, { recursive: true, force: true });
});

describe("npm start", () => {
  let firstTitles: string[] = [];

  it("starts, seeds once, serves the portal and stops its Java process on SIGTERM", async () => {
    const port = await freePort();
    const app = await start({ PORT: String(port), PORTAL_DATA_DIR: dataDir, PORTAL_SEED: "demo" });
    expect(app.output()).toContain(`http://localhost:${port}`);
    expect(app.output()).toMatch(/Mật khẩu.*: \S{20}/);
    expect(app.output()).toMatch(/Đã nạp \d+ bài viết mẫu/);

    expect(await (await fetch(`${app.url}/api/health`)).json()).toEqual({ ok: true });
    const home = await (await fetch(`${app.url}/`)).text();
    firstTitles = [...home.matchAll(/<h3 class="article-list__title"><a href="\/bai-viet\/([a-z0-9-]+)"/g)].map((m) => m[1]!);
    expect(firstTitles.length).toBeGreaterThanOrEqual(10);
    const article = await fetch(`${app.url}/bai-viet/${firstTitles[0]}`);
    expect(article.status).toBe(200);
    const asset = /<script type="module" src="(\/assets\/[^"]+)"/.exec(await article.text())![1]!;
    const js = await fetch(`${app.url}${asset}`);
    expect(js.status).toBe(200);
    expect(js.headers.get("cache-control")).toContain("immutable");

    // The demo pictures went through the real pipeline on s3rver and are served under /media/.
    const picture = /<img class="picture__img" src="(\/media\/seed-img-[\w-]+\/\d+\.jpg)"[^>]*alt="(Tranh minh họa: [^"]+)"/.exec(home);
    expect(picture, "a demo article's picture on the home page").not.toBeNull();
    const image = await fetch(`${app.url}${picture![1]}`);
    expect(image.status).toBe(200);
    expect(image.headers.get("content-type")).toBe("image/jpeg");

    const missing = await fetch(`${app.url}/trang-khong-co`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain("Không tìm thấy trang");

    const javaPid = Number(readFileSync(join(dataDir, "dynamodb", "dynamodb-local.pid"), "utf8"));
    expect(alive(javaPid)).toBe(true);
    expect(await stop(app.child)).toBe(0);
    expect(alive(javaPid)).toBe(false);
  }, 120_000);

  it("reuses the data on a second start without seeding twice or printing a password", async () => {
    const port = await freePort();
    const app = await start({ PORT: String(port), PORTAL_DATA_DIR: dataDir, PORTAL_SEED: "demo" });
    try {
      expect(app.output()).not.toMatch(/Mật khẩu|Đã nạp/);
      const home = await (await fetch(`${app.url}/`)).text();
      const titles = [...home.matchAll(/<h3 class="article-list__title"><a href="\/bai-viet\/([a-z0-9-]+)"/g)].map((m) => m[1]!);
      expect(titles).toEqual(firstTitles);
      expect(titles.some((slug) => /-2$/.test(slug))).toBe(false);
    } finally {
      await stop(app.child);
    }
  }, 120_000);

  it("stops with install instructions when Java is missing", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
      cwd: ROOT,
      env: { ...process.env, NODE_OPTIONS: "", PATH: "/nonexistent", PORTAL_DATA_DIR: dataDir },
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.push(child);
    let output = "";
    child.stdout!.on("data", (c: Buffer) => (output += c));
    child.stderr!.on("data", (c: Buffer) => (output += c));
    const code = await new Promise((resolve) => child.on("exit", resolve));
    expect(code).toBe(1);
    expect(output).toContain("Java 17");
    expect(output).toContain("apt-get install");
  }, 60_000);
});
