import { Hono, type Context } from "hono";
import { CACHE } from "../cache";
import type { AppEnv } from "../env";

/**
 * The editors' dashboard (`/quan-tri`, `/quan-tri/*`): the same app shell for every path, the
 * client-side app (dashboard/) then picks the screen. Open to guests: the shell holds no data, and
 * the app shows the sign-in form when `/api/auth/me` answers 401.
 *
 * The shell, with the build's hashed asset names, comes from the generated `#dashboard-shell`
 * module (vite.dashboard.config.ts), which esbuild bundles into the staff Lambda: nothing is read
 * from dist/ at run time. It is imported on first request, not at start, so a checkout whose
 * dashboard was never built still serves the API (and answers here with a 503 saying why).
 */
const SECURITY_HEADERS = {
  "Cache-Control": CACHE.none,
  "Content-Type": "text/html; charset=utf-8",
  // The shell has no inline script: only our own files run. Styles and connections stay open
  // (Tiptap sets inline styles; uploads go straight to the bucket's presigned URLs).
  "Content-Security-Policy": "script-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
  "X-Robots-Tag": "noindex, nofollow",
  "Referrer-Policy": "same-origin",
};

let shell: Promise<string> | undefined;

function loadShell(): Promise<string> {
  shell ??= import("#dashboard-shell").then(
    (module) => module.html,
    (error: unknown) => {
      shell = undefined; // a build made meanwhile is picked up by the next request
      throw error;
    },
  );
  return shell;
}

export function createDashboardPages() {
  const pages = new Hono<AppEnv>();
  const answer = async (c: Context<AppEnv>) => {
    try {
      return c.html(await loadShell(), 200, SECURITY_HEADERS);
    } catch (error) {
      console.error("dashboard shell missing:", error);
      return c.text("Giao diện quản trị chưa được build (npm run build). Xin thử lại sau.", 503, { "Cache-Control": CACHE.none, "Retry-After": "30" });
    }
  };
  pages.get("/quan-tri", (c) => answer(c));
  pages.get("/quan-tri/*", (c) => answer(c));
  return pages;
}
