import { Hono } from "hono";
import { consultationState, Consultations, daysLeft } from "../../core/reader/consultations";
import { AppError, notFound } from "../../core/shared/errors";
import { isSlug } from "../../core/shared/text";
import type { AppDeps } from "../deps";
import { sendPage } from "./pages";
import { loadShell } from "./shell";

/**
 * Public pages of drafts for public comment (docs/architecture.md, "Contract"):
 *
 *   /gop-y         open drafts first ("Còn N ngày"), then upcoming, then closed ("Đã kết thúc")
 *   /gop-y/:slug   the draft: text, files, period, receiving unit, the number of comments
 *                  received, the comments the board published, the summary report once closed,
 *                  and the comment form while open (web/components/ConsultationForm.tsx)
 *
 * Pages are CDN-cached (http/cache.ts `CACHE.page`), so what depends on the clock or on comments
 * may lag by the cache time: the count of comments received, the days left, and whether the form
 * is shown. A new comment does not invalidate the page (anyone could then purge the CDN at will);
 * publishing a comment does (staff/consultations.ts), and the comment API decides the period
 * itself (409 before opening and after closing), whatever a cached page still shows. The state is
 * computed here, once, and sent in the page data, so the browser hydrates the same text.
 */
export function createConsultationsPages(deps: AppDeps) {
  const pages = new Hono();
  const store = deps.store;

  pages.get("/gop-y", async (c) => {
    const now = Date.now();
    const [shell, overview] = await Promise.all([loadShell(deps), Consultations.overview(store, now)]);
    return sendPage(deps, c, shell, { kind: "consultations", ...overview });
  });

  pages.get("/gop-y/:slug", async (c, next) => {
    const slug = c.req.param("slug");
    // Not a draft's address (the kind's feed, /gop-y/rss.xml, is served further on).
    if (!isSlug(slug)) return next();
    const [shell, consultation] = await Promise.all([
      loadShell(deps),
      Consultations.get(store, slug).catch((error) => {
        if (error instanceof AppError && error.code === "NOT_FOUND") throw notFound("Dự thảo này không tồn tại hoặc đã được gỡ xuống.");
        throw error;
      }),
    ]);
    const now = Date.now();
    const [commentCount, comments] = await Promise.all([
      Consultations.commentCount(store, consultation.id),
      Consultations.publishedComments(store, consultation.id),
    ]);
    return sendPage(deps, c, shell, {
      kind: "consultation",
      consultation,
      state: consultationState(consultation, now),
      daysLeft: daysLeft(consultation, now),
      commentCount,
      comments,
    });
  });

  return pages;
}
