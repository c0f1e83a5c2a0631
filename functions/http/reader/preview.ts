import { Hono } from "hono";
import { Articles } from "../../core/reader/articles";
import { notFound } from "../../core/shared/errors";
import { Urls } from "../../core/shared/urls";
import type { AppDeps } from "../deps";
import type { AppEnv } from "../env";
import { CACHE } from "../cache";
import { sendPage } from "./pages";
import { loadShell } from "./shell";

const RELATED_LIMIT = 6;

/**
 * `GET /api/preview/articles/:id`: the editors' preview ("Xem trước") of an article's working copy,
 * rendered by the reader's own page component (so exactly as readers will see it), for the staff
 * who may open the item (core/reader/preview.ts). It lives in the reader surface because only the
 * reader loads the SSR build (the staff function must not: tests/http/bundles.test.ts), and under
 * /api because CloudFront passes cookies and never caches there (pages are cached without them).
 *
 * The answer is never stored (`no-store`, which the frame sets on every /api answer, already
 * implies private), never indexed (`X-Robots-Tag`, and a robots meta tag), carries a visible
 * banner, and has no script: no hydration means no heartbeat and no view counted for a draft.
 */
export function createPreview(deps: AppDeps) {
  const api = new Hono<AppEnv>();

  api.get("/preview/:kinds/:id", async (c) => {
    // The preview's rules are imported on the first preview, not on the reader's cold start.
    const { requireUser, Preview } = await import("./on-demand");
    const user = requireUser(c.get("user"));
    if (c.req.param("kinds") !== "articles") throw notFound("Chưa có bản xem trước cho loại nội dung này.");
    const article = await Preview.article(deps.store, user, c.req.param("id"));
    const [shell, sameSection] = await Promise.all([loadShell(deps), Articles.listBySection(deps.store, article.sectionId, { limit: RELATED_LIMIT + 1 })]);
    const related = sameSection.items.filter((item) => item.id !== article.id).slice(0, RELATED_LIMIT);
    const page = await sendPage(deps, c, shell, { kind: "article", article, related }, { canonical: Urls.article(article.slug || article.id), cache: CACHE.none });
    const html = markAsPreview(await page.text());
    return c.html(html, 200, { "Cache-Control": CACHE.none, "X-Robots-Tag": "noindex, nofollow" });
  });

  return api;
}

export const PREVIEW_BANNER = "Bản xem trước — chưa đăng";

/** The reader's page, with a banner before it, a robots meta tag, and without its scripts. */
export function markAsPreview(html: string): string {
  const banner =
    `<p role="note" data-preview-banner>` +
    `${PREVIEW_BANNER}. Bài chưa được duyệt, người đọc chưa thấy nội dung này.</p>`;
  return html
    .replace("<head>", '<head><meta name="robots" content="noindex, nofollow">')
    .replace(/<script type="module"[^>]*><\/script>/g, "")
    .replace("<body>", `<body>${banner}`);
}
