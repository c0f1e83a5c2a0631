import { Hono, type Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { renderDocument } from "#ssr";
import { Articles } from "../core/articles";
import { AppError, notFound } from "../core/errors";
import { Sections } from "../core/sections";
import { DEFAULT_SETTINGS, Settings } from "../core/settings";
import type { AppProps, PageData } from "../../web/types";
import type { AppDeps } from "./app";
import { CACHE } from "./cache";

const HOME_LIMIT = 12;
const SECTION_LIMIT = 20;
const RELATED_LIMIT = 6;

type Shell = Omit<AppProps, "page">;

/**
 * Header, navigation and footer data every page needs, kept for a few seconds per instance: it
 * changes rarely, and pages are cached longer than that by the CDN anyway.
 */
const SHELL_TTL_MS = 10_000;
const shells = new WeakMap<AppDeps, { at: number; shell: Promise<Shell> }>();

function loadShell(deps: AppDeps): Promise<Shell> {
  const cached = shells.get(deps);
  if (cached && Date.now() - cached.at < SHELL_TTL_MS) return cached.shell;
  const shell = Promise.all([Settings.get(deps.store), Sections.list(deps.store)]).then(([site, sections]) => ({ site, sections }));
  shells.set(deps, { at: Date.now(), shell });
  shell.catch(() => shells.delete(deps));
  return shell;
}

export function origin(deps: AppDeps, c: Context): string {
  return deps.publicUrl ?? new URL(c.req.url).origin;
}

export function sendPage(deps: AppDeps, c: Context, shell: Shell, page: PageData, status: ContentfulStatusCode = 200) {
  const html = renderDocument({ ...shell, page }, { origin: origin(deps, c), path: c.req.path });
  const cache = status === 200 ? CACHE.page : status === 404 ? CACHE.notFound : CACHE.none;
  return c.html(html, status, { "Cache-Control": cache });
}

/**
 * A page for an error: the usual layout when the table answers, a bare one when it does not
 * (the error may be the table itself).
 */
export async function sendErrorPage(deps: AppDeps, c: Context, status: ContentfulStatusCode, message: string) {
  const shell = await loadShell(deps).catch((): Shell => ({ site: DEFAULT_SETTINGS, sections: [] }));
  const page: PageData = status === 404 ? { kind: "not-found", message } : { kind: "error", message };
  return sendPage(deps, c, shell, page, status);
}

/** Public, server-rendered pages. */
export function createPages(deps: AppDeps) {
  const pages = new Hono();

  pages.get("/", async (c) => {
    const [shell, latest] = await Promise.all([loadShell(deps), Articles.listLatest(deps.store, { limit: HOME_LIMIT })]);
    return sendPage(deps, c, shell, { kind: "home", latest: latest.items });
  });

  pages.get("/chuyen-muc/:slug", async (c) => {
    const shell = await loadShell(deps);
    const section = shell.sections.find((s) => s.slug === c.req.param("slug"));
    if (!section) throw notFound("Chuyên mục này không tồn tại hoặc đã được đổi tên.");
    const articles = await Articles.listBySection(deps.store, section.id, { limit: SECTION_LIMIT });
    return sendPage(deps, c, shell, { kind: "section", section, articles: articles.items });
  });

  pages.get("/bai-viet/:slug", async (c) => {
    const [shell, article] = await Promise.all([
      loadShell(deps),
      Articles.getPublished(deps.store, c.req.param("slug")).catch((error) => {
        if (error instanceof AppError && error.code === "NOT_FOUND")
          throw notFound("Bài viết không tồn tại hoặc đã được gỡ xuống.");
        throw error;
      }),
    ]);
    const sameSection = await Articles.listBySection(deps.store, article.sectionId, { limit: RELATED_LIMIT + 1 });
    const related = sameSection.items.filter((item) => item.id !== article.id).slice(0, RELATED_LIMIT);
    return sendPage(deps, c, shell, { kind: "article", article, related });
  });

  pages.get("/robots.txt", (c) =>
    c.text("User-agent: *\nAllow: /\nDisallow: /api/\nDisallow: /quan-tri\n", 200, { "Cache-Control": CACHE.text }),
  );

  return pages;
}
