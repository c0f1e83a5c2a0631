/**
 * The editors' dashboard shell at /quan-tri: served by the staff surface to anyone (the app signs
 * in), never cached, no inline script, naming assets that exist in the client build; carried
 * inside the staff Lambda's bundle (the Lambda has no dist/ to read); and kept apart from the
 * public site (no public page names a dashboard asset, the dashboard imports no public page).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../../functions/core/storage/store";
import { createApp } from "../../functions/http/app";
import { createFrame } from "../../functions/http/frame";
import { staffSurface } from "../../functions/http/staff/staff";
import { seedSmallPortal } from "../support/fixtures";
import { createTestStore } from "../support/store";

const ASSETS = "dist/client/assets";

/** Every /assets/… path a page names in src= or href=. */
const assetsIn = (html: string) => [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!);

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe("dashboard shell", () => {
  let store: Store;
  let articleSlug: string;

  beforeAll(async () => {
    store = await createTestStore();
    articleSlug = (await seedSmallPortal(store)).articles[0]!.slug;
  });

  it.each(["/quan-tri", "/quan-tri/thu-vien", "/quan-tri/bai-viet/abc-123"])("serves the app shell at %s to guests, never cached, no inline script", async (path) => {
    const res = await createFrame({ store }, staffSurface).request(path);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("content-security-policy")).toContain("script-src 'self'");
    const html = await res.text();
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain("<title>Quản trị nội dung</title>");
    expect(html).toContain('<link rel="icon" type="image/svg+xml" href="/favicon.svg">');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\bsrc="\/assets\/dashboard-[\w-]+\.js"/);
      expect(body!.trim()).toBe("");
    }
    const assets = assetsIn(html);
    expect(assets.some((asset) => asset.endsWith(".css"))).toBe(true);
    for (const asset of assets) expect(existsSync(join("dist/client", asset)), asset).toBe(true);
  });

  it("is bundled into the staff Lambda, which answers it without reading dist/", async () => {
    const outdir = join(".build", "dashboard-test");
    mkdirSync(outdir, { recursive: true });
    const outfile = join(outdir, "staff.mjs");
    // As SST bundles the handler (esbuild, ESM, node), packages left to node_modules to keep it quick.
    const { metafile } = await build({
      entryPoints: ["functions/staff.ts"],
      bundle: true,
      platform: "node",
      format: "esm",
      packages: "external",
      outfile,
      metafile: true,
      logLevel: "silent",
    });
    expect(Object.keys(metafile.inputs)).toContain("dist/dashboard/shell.js");
    const event = {
      version: "2.0",
      routeKey: "GET /quan-tri/{proxy+}",
      rawPath: "/quan-tri/thu-vien",
      rawQueryString: "",
      headers: { host: "abc123.execute-api.ap-southeast-1.amazonaws.com", accept: "text/html" },
      isBase64Encoded: false,
      requestContext: { http: { method: "GET", path: "/quan-tri/thu-vien", protocol: "HTTP/1.1", sourceIp: "203.0.113.7", userAgent: "vitest" }, stage: "$default" },
    };
    const probe = `const { handler } = await import(${JSON.stringify(join(process.cwd(), outfile))});
      const result = await handler(${JSON.stringify(event)}, {});
      console.log(JSON.stringify(result));`;
    const child = spawnSync(process.execPath, ["--input-type=module", "-e", probe], {
      // Another directory: nothing relative to the project is there to be read.
      cwd: "/tmp",
      env: { ...process.env, NODE_OPTIONS: "", PORTAL_TABLE: "probe", PORTAL_BUCKET: "probe", AWS_REGION: "ap-southeast-1", AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
      encoding: "utf8",
    });
    expect(child.stderr).not.toMatch(/Error/);
    const result = JSON.parse(child.stdout.trim().split("\n").at(-1)!) as { statusCode: number; headers: Record<string, string>; body: string };
    expect(result.statusCode).toBe(200);
    expect(result.headers["cache-control"]).toBe("no-store");
    const assets = assetsIn(result.body);
    expect(assets.length).toBeGreaterThan(1);
    for (const asset of assets) expect(existsSync(join("dist/client", asset)), asset).toBe(true);
  }, 60_000);

  it("is not referenced by public pages, and imports none of them", async () => {
    const app = createApp({ store });
    for (const path of ["/", `/bai-viet/${articleSlug}`, "/tim-kiem?q=kinh+t%E1%BA%BF"]) {
      const html = await (await app.request(path)).text();
      expect(html, path).toContain("/assets/entry-client-");
      expect(assetsIn(html).filter((asset) => asset.includes("dashboard")), path).toEqual([]);
    }
    // The reader's client build holds no dashboard module and the dashboard none of its pages.
    const readerManifest = readFileSync("dist/client/.vite/manifest.json", "utf8");
    expect(readerManifest).not.toMatch(/dashboard/);
    const imports = filesUnder("dashboard")
      .filter((file) => /\.tsx?$/.test(file))
      .flatMap((file) => [...readFileSync(file, "utf8").matchAll(/(?:from|import\()\s*"([^"]+)"/g)].map((m) => ({ file, path: m[1]! })));
    const web = imports.filter(({ path }) => /(^|\/)web\//.test(path)).map(({ file, path }) => `${relative("dashboard", file)}: ${path}`);
    // web/format.ts (vi-VN dates and numbers) is the one module of web/ it shares.
    expect(web.filter((line) => !line.endsWith("/web/format"))).toEqual([]);
  });

  it("prints the dashboard's budgets: initial JS (goal ≤ 120 KB gzip) and the editor chunk", () => {
    const manifest = JSON.parse(readFileSync("dist/client/.vite/dashboard-manifest.json", "utf8")) as Record<string, { file: string; imports?: string[]; isEntry?: boolean }>;
    const gzip = (file: string) => gzipSync(readFileSync(join("dist/client", file))).length;
    const initial = new Set<string>();
    const visit = (key: string) => {
      const chunk = manifest[key]!;
      if (initial.has(chunk.file)) return;
      initial.add(chunk.file);
      for (const imported of chunk.imports ?? []) visit(imported);
    };
    visit(Object.keys(manifest).find((key) => manifest[key]!.isEntry)!);
    const initialBytes = [...initial].reduce((sum, file) => sum + gzip(file), 0);
    const editor = manifest["dashboard/editor/RichText.tsx"]!.file;
    console.info(`dashboard initial JS: ${(initialBytes / 1024).toFixed(1)} KB gzip (${initial.size} files); editor chunk: ${(gzip(editor) / 1024).toFixed(1)} KB gzip`);
    expect(initialBytes).toBeGreaterThan(0);
    expect(readdirSync(ASSETS).some((name) => name.startsWith("dashboard-RichText-"))).toBe(true);
    // The editor (Tiptap) is loaded only when an article is opened: not among the first load's files.
    expect(initial.has(editor)).toBe(false);
  });
});
