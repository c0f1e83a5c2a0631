/**
 * The preview of an article's working copy as readers would see it once approved (the editors'
 * "Xem trước"). Reader-side: the item is read with one GetItem and shaped like the published view
 * (editor-side, `publishedView` in content/articles.ts also sanitizes the body again; the stored
 * working copy was sanitized on every save, so it is shown as stored and this module stays free
 * of sanitize-html). Who may preview is who may open the item in the dashboard: its author, the
 * board of its section, or the board of the section where it is live (publishing/engine.ts `get`).
 */
import { GetCommand } from "../storage/db";
import { forbidden, isBoardFor } from "../accounts/permissions";
import type { SessionUser } from "../accounts/users";
import type { Item } from "../publishing/kind";
import { notFound } from "../shared/errors";
import { contentKeys } from "../storage/keys";
import type { Store } from "../storage/store";
import type { ArticleContent, PublishedArticle } from "./articles";

/** The articles' key space (content/articles.ts `space`). */
const ARTICLE_SPACE = "ARTICLE";
const ID = /^[\w-]{1,64}$/;

export const Preview = {
  /** The working copy of article `id` as a published view; 404 unknown, 403 not the user's to see. */
  async article(store: Store, user: SessionUser, id: string): Promise<PublishedArticle> {
    if (!ID.test(id)) throw notFound("Không tìm thấy bài viết.");
    const out = await store.db.send(new GetCommand({ TableName: store.table, Key: contentKeys(ARTICLE_SPACE).item(id), ConsistentRead: true }));
    const item = out.Item as Item<ArticleContent> | undefined;
    if (!item) throw notFound("Không tìm thấy bài viết.");
    const liveIn = item.live ? item.counted?.sectionId : undefined;
    if (item.author.id !== user.id && !isBoardFor(user, item.sectionId) && !(liveIn && isBoardFor(user, liveIn)))
      throw forbidden("Bạn không có quyền xem trước bài viết này.");
    const now = new Date().toISOString();
    return {
      id: item.id,
      slug: item.slug,
      kind: item.kind,
      title: item.title,
      summary: item.summary,
      body: item.body,
      sectionId: item.sectionId,
      byline: item.byline,
      tags: item.tags ?? [],
      ...(item.kind === "collected" ? { sourceName: item.sourceName, sourceUrl: item.sourceUrl } : {}),
      ...(item.image ? { image: item.image } : {}),
      ...(item.featuredImage ? { featuredImage: item.featuredImage } : {}),
      // Not yet published: the dates it would carry if approved now.
      publishedAt: item.publishedAt ?? now,
      updatedAt: item.updatedAt ?? now,
      approvedBy: item.approvedBy ?? { id: "", name: "" },
    };
  },
};
