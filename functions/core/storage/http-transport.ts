/**
 * One HTTP exchange with an AWS endpoint over Node's own http/https modules and a keep-alive
 * agent per protocol, as the SDK's node-http-handler does. The reader's clients (signed-fetch.ts)
 * send through this rather than the global fetch: fetch's WHATWG streams and Request/Response
 * objects cost about 0.6 ms of CPU per DynamoDB call on this machine, most of a warm article
 * page (`npm run bench`), and a Lambda bills that CPU on every page it renders.
 *
 * Network errors are Node's own (`code` ECONNREFUSED, ECONNRESET…), which http/errors.ts answers
 * with a 503; a stalled exchange is a TimeoutError: `responseMs` without headers, again without
 * the whole body.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";

/** Sockets kept open per host: a Lambda instance serves one request at a time, the local server many. */
const MAX_SOCKETS = 50;
const agents = {
  http: new HttpAgent({ keepAlive: true, maxSockets: MAX_SOCKETS }),
  https: new HttpsAgent({ keepAlive: true, maxSockets: MAX_SOCKETS }),
};

export interface Exchange {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

/** What the clients read of an answer: its status, a header by (lower-case) name, the whole body. */
export interface Received {
  status: number;
  headers: { get(name: string): string | null };
  body: Uint8Array;
}

const timeoutError = (ms: number) => Object.assign(new Error(`No answer within ${ms} ms`), { name: "TimeoutError" });

function headerReader(res: IncomingMessage): Received["headers"] {
  return {
    get(name) {
      const value = res.headers[name.toLowerCase()];
      return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
    },
  };
}

/** Sends one request and reads the whole answer; `signal` (the caller giving up) aborts it. */
export function exchange(request: Exchange, responseMs: number, signal?: AbortSignal): Promise<Received> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const secure = request.url.protocol === "https:";
    const req = (secure ? httpsRequest : httpRequest)(request.url, {
      method: request.method,
      headers: request.headers,
      agent: secure ? agents.https : agents.http,
    });
    let timer = setTimeout(() => req.destroy(timeoutError(responseMs)), responseMs);
    const onAbort = () => req.destroy(signal!.reason instanceof Error ? signal!.reason : Object.assign(new Error("Aborted"), { name: "AbortError" }));
    signal?.addEventListener("abort", onAbort, { once: true });
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    };
    req.once("error", (error) => {
      done();
      reject(error);
    });
    req.once("response", (res) => {
      clearTimeout(timer);
      timer = setTimeout(() => req.destroy(timeoutError(responseMs)), responseMs);
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.once("error", (error) => {
        done();
        reject(error);
      });
      res.once("end", () => {
        done();
        const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, headers: headerReader(res), body: new Uint8Array(body.buffer, body.byteOffset, body.byteLength) });
      });
    });
    req.end(request.body);
  });
}
