/**
 * The local HTTP server: the portal app plus what CloudFront does on AWS for /assets/* (the web
 * build, immutable), /media/* (the media bucket's media/ prefix, local/media.ts) and compression
 * (local/compress.ts). Used by
 * `npm start`, the browser tests and the benchmarks.
 */
import { serve, type ServerType } from "@hono/node-server";
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono } from "hono";
import type { AppDeps } from "../../functions/http/deps";
import { applySecurityHeaders } from "../../functions/http/security-headers";
import { compress } from "./compress";
import { serveMedia } from "./media";

export interface LocalServer {
  server: ServerType;
  close(): Promise<void>;
}

/** Resolves once listening. `extend` may add routes ahead of the portal's own. */
export async function serveLocal(
  deps: AppDeps,
  options: { port: number; hostname: string; extend?: (site: Hono) => void },
): Promise<LocalServer> {
  // Imported here, not at the top: the app imports the SSR bundle, which must be built first.
  const { createApp } = await import("../../functions/http/app");
  const site = new Hono();
  // First, so it wraps everything below: pages, API answers, assets (CloudFront compresses all three).
  site.use("*", compress());
  // CloudFront's response-headers policy (infra/Web.ts), from the same values.
  site.use("*", async (c, next) => {
    await next();
    try {
      applySecurityHeaders(c.res.headers);
    } catch {
      // Immutable headers (a Response.redirect): copy the response, then set them.
      c.res = new Response(c.res.body, c.res);
      applySecurityHeaders(c.res.headers);
    }
  });
  site.use(
    "/assets/*",
    serveStatic({ root: "dist/client", onFound: (_path, c) => c.header("Cache-Control", "public, max-age=31536000, immutable") }),
  );
  // CloudFront serves /media/* from the media bucket's media/ prefix; here the bucket is s3rver.
  site.use("/media/*", serveMedia(deps.store));
  options.extend?.(site);
  // Handed the whole request (not mounted with route()), so the app's own Vietnamese 404 page
  // answers unmatched paths, as it does on Lambda.
  const app = createApp(deps);
  site.all("*", (c) => app.fetch(c.req.raw, c.env));
  const server = serve({ fetch: site.fetch, port: options.port, hostname: options.hostname });
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
  });
  return {
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}
