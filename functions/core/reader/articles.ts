import { GetCommand } from "../storage/db";
import { notFound } from "../shared/errors";
import { Keys } from "../storage/keys";
import type { Page } from "../storage/page";
import { SectionRecent, Summaries } from "./summaries";
import type { Store } from "../storage/store";
import { isSlug } from "../shared/text";
import type { ImageSnapshot } from "./images";

export type ArticleKind = "news" | "collected";

/** The fields an editor writes (every save of them is a revision) and readers read once approved. */
export interface ArticleContent {
  kind: ArticleKind;
  title: string;
  summary: string;
  /** Sanitized HTML. */
  body: string;
  sectionId: string;
  byline: string;
  tags: string[];
  /** Collected articles only: where the text comes from. */
  sourceName?: string;
  sourceUrl?: string;
  /** Old data: an image address typed by hand. Pages prefer `featuredImage`. */
  image?: string;
  /** The featured image chosen from the media library, as it was when chosen (no other read to show it). */
  featuredImage?: FeaturedImage;
}

/** Kept for the pages that name it so: an article's featured image is an ImageSnapshot. */
export type FeaturedImage = ImageSnapshot;

/** What readers see: the published view, one item per published article, keyed by slug. */
export interface PublishedArticle extends ArticleContent {
  id: string;
  slug: string;
  /** ISO-8601 UTC. */
  publishedAt: string;
  updatedAt: string;
  /** The editorial board member accountable for the publication. */
  approvedBy: { id: string; name: string };
}

/** An entry in a list of articles: the published view without its body. */
export type ArticleSummary = Omit<PublishedArticle, "body" | "approvedBy"> & {
  /** Set when the entry is another kind's item (a featured document or video): its own page. */
  url?: string;
};

export const SUMMARY_ATTRIBUTES = [
  "id", "slug", "kind", "title", "summary", "sectionId", "byline", "tags",
  "sourceName", "sourceUrl", "image", "featuredImage", "publishedAt", "updatedAt",
] as const;

const MAX_PAGE = 50;
const ARTICLE_SPACE = "ARTICLE";

/** A page of article summaries (reader/summaries.ts): small items, never the bodies. */
function summaries(store: Store, sectionId: string | undefined, options: { limit?: number; cursor?: string }): Promise<Page<ArticleSummary>> {
  return Summaries.list<ArticleSummary>(store, ARTICLE_SPACE, sectionId, {
    limit: Math.min(Math.max(1, options.limit ?? 10), MAX_PAGE),
    cursor: options.cursor,
    attributes: SUMMARY_ATTRIBUTES,
  });
}

export const Articles = {
  /** The published view of an article, or a NOT_FOUND error. One GetItem. */
  async getPublished(store: Store, slug: string): Promise<PublishedArticle> {
    if (!isSlug(slug)) throw notFound("Không tìm thấy bài viết.");
    const out = await store.db.send(new GetCommand({ TableName: store.table, Key: Keys.publishedView(slug) }));
    if (!out.Item) throw notFound("Không tìm thấy bài viết.");
    return out.Item as PublishedArticle;
  },

  /** Newest published articles across all sections. */
  listLatest(store: Store, options: { limit?: number; cursor?: string } = {}): Promise<Page<ArticleSummary>> {
    return summaries(store, undefined, options);
  },

  /** Newest published articles of one section. */
  listBySection(store: Store, sectionId: string, options: { limit?: number; cursor?: string } = {}): Promise<Page<ArticleSummary>> {
    return summaries(store, sectionId, options);
  },

  /** The section's newest articles as an article page shows them beside it: one GetItem (summaries.ts `SectionRecent`). */
  recentInSection(store: Store, sectionId: string): Promise<ArticleSummary[]> {
    return SectionRecent.list<ArticleSummary>(store, ARTICLE_SPACE, sectionId);
  },
};
