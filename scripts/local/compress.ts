/**
 * What CloudFront's automatic compression does, for the local server (`npm start`, the browser tests
 * and the bench), so that what is measured here is what readers download: text responses of
 * 1,000 bytes or more (CloudFront's lower bound) are sent brotli-compressed when the browser
 * accepts `br`, else gzip, with `Vary: Accept-Encoding`. Images, video, PDFs, range answers, HEAD,
 * responses already encoded and `Cache-Control: no-transform` are passed through untouched.
 *
 * Brotli at quality 5, not the library's default 11: 11 costs tens of milliseconds per page on this
 * machine for a few percent; CloudFront compresses on the fly at a similar middle setting.
 */
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import type { MiddlewareHandler } from "hono";

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

const COMPRESSIBLE = /^(text\/|application\/(json|javascript|xml|rss\+xml|atom\+xml|ld\+json|manifest\+json|geo\+json)|image\/svg\+xml)/i;
export const MIN_COMPRESS_BYTES = 1_000;

/** The coding to use for an Accept-Encoding header: br, gzip or none (q=0 refuses a coding). */
export function chooseEncoding(accept: string | undefined): "br" | "gzip" | undefined {
  if (!accept) return undefined;
  const accepted = new Map<string, number>();
  for (const part of accept.split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    accepted.set(name, q ? Number(q.slice(2)) || 0 : 1);
  }
  const allows = (name: string) => (accepted.get(name) ?? accepted.get("*") ?? 0) > 0;
  if (allows("br")) return "br";
  if (allows("gzip")) return "gzip";
  return undefined;
}

export function compress(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const res = c.res;
    if (c.req.method === "HEAD" || res.status === 206 || !res.body) return;
    if (res.headers.has("content-encoding") || /no-transform/i.test(res.headers.get("cache-control") ?? "")) return;
    if (!COMPRESSIBLE.test(res.headers.get("content-type") ?? "")) return;
    const encoding = chooseEncoding(c.req.header("accept-encoding"));
    const headers = new Headers(res.headers);
    headers.append("Vary", "Accept-Encoding");
    // The length is the body's, set by the node adapter from the buffer below; the original one
    // (serveStatic sets the file's size) would be wrong once encoded.
    headers.delete("Content-Length");
    // Hono's `c.res` setter copies the previous response's headers onto the new one (Content-Length
    // among them) unless the previous one is cleared first.
    const replace = (response: Response) => {
      c.res = undefined as unknown as Response;
      c.res = response;
    };
    const body = Buffer.from(await res.arrayBuffer());
    if (!encoding || body.length < MIN_COMPRESS_BYTES) {
      replace(new Response(body, { status: res.status, statusText: res.statusText, headers }));
      return;
    }
    const encoded =
      encoding === "br"
        ? await brotli(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } })
        : await gzipAsync(body, { level: 6 });
    headers.set("Content-Encoding", encoding);
    replace(new Response(encoded, { status: res.status, statusText: res.statusText, headers }));
  };
}
