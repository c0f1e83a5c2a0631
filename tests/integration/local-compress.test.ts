import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chooseEncoding } from "../../scripts/local/compress";
import { serveLocal, type LocalServer } from "../../scripts/local/server";
import { seedSmallPortal } from "../support/fixtures";
import { createTestStore } from "../support/store";

/**
 * The local server compresses as CloudFront does (scripts/local/compress.ts): the browser tests and
 * the bench then measure what readers download. Through a real listening server, the bytes read
 * with node:http, which never decodes (fetch would).
 */
let server: LocalServer;
let base: string;
let slug: string;

beforeAll(async () => {
  const store = await createTestStore();
  const { articles } = await seedSmallPortal(store);
  slug = articles[0]!.slug;
  server = await serveLocal({ store }, { port: 0, hostname: "127.0.0.1" });
  const address = server.server.address();
  base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
}, 60_000);

afterAll(async () => {
  await server?.close();
});

/** A GET whose body is left as sent (node:http never decodes). */
async function raw(path: string, headers: Record<string, string> = {}) {
  const { request } = await import("node:http");
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
    const req = request(`${base}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("local compression", () => {
  it("sends pages brotli or gzip by Accept-Encoding, byte-for-byte the same document, smaller", async () => {
    const plain = await raw(`/bai-viet/${slug}`);
    expect(plain.status).toBe(200);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(String(plain.headers.vary)).toMatch(/accept-encoding/i);

    const br = await raw(`/bai-viet/${slug}`, { "accept-encoding": "gzip, deflate, br" });
    expect(br.headers["content-encoding"]).toBe("br");
    expect(Number(br.headers["content-length"])).toBe(br.body.length);
    const fromBr = brotliDecompressSync(br.body).toString("utf8");

    const gz = await raw(`/bai-viet/${slug}`, { "accept-encoding": "gzip" });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    const fromGz = gunzipSync(gz.body).toString("utf8");

    expect(fromBr).toBe(plain.body.toString("utf8"));
    expect(fromGz).toBe(plain.body.toString("utf8"));
    expect(br.body.length).toBeLessThan(plain.body.length / 3);
    expect(gz.body.length).toBeLessThan(plain.body.length / 2);
  });

  it("compresses JSON and the built JS and CSS, with their cache headers kept", async () => {
    const assets = readdirSync(join("dist", "client", "assets"));
    const script = assets.find((name) => name.endsWith(".js"))!;
    const js = await raw(`/assets/${script}`, { "accept-encoding": "br" });
    expect(js.headers["content-encoding"]).toBe("br");
    expect(js.headers["cache-control"]).toContain("immutable");
    expect(brotliDecompressSync(js.body).equals(readFileSync(join("dist", "client", "assets", script)))).toBe(true);

    const json = await raw("/api/sections", { "accept-encoding": "gzip" });
    expect(json.status).toBe(200);
    const sections = JSON.parse((json.headers["content-encoding"] === "gzip" ? gunzipSync(json.body) : json.body).toString("utf8"));
    expect(Array.isArray(sections.items ?? sections)).toBe(true);
  });

  it("leaves small answers, images and refusals of every coding alone", async () => {
    const health = await raw("/api/health", { "accept-encoding": "br" });
    expect(health.body.length).toBeLessThan(1_000);
    expect(health.headers["content-encoding"]).toBeUndefined();
    expect(JSON.parse(health.body.toString("utf8"))).toMatchObject({ ok: true });

    const refused = await raw(`/bai-viet/${slug}`, { "accept-encoding": "br;q=0, gzip;q=0" });
    expect(refused.headers["content-encoding"]).toBeUndefined();
    expect(refused.body.toString("utf8")).toContain("</html>");
  });

  it("chooses br, then gzip, honouring q=0 and *", () => {
    expect(chooseEncoding("gzip, deflate, br")).toBe("br");
    expect(chooseEncoding("gzip")).toBe("gzip");
    expect(chooseEncoding("br;q=0, gzip")).toBe("gzip");
    expect(chooseEncoding("*")).toBe("br");
    expect(chooseEncoding("*;q=0")).toBeUndefined();
    expect(chooseEncoding("identity")).toBeUndefined();
    expect(chooseEncoding(undefined)).toBeUndefined();
  });
});
