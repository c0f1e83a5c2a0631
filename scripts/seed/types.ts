/** Shape of the demo content that `PORTAL_SEED=demo` loads on first start. */
export interface DemoSection {
  slug: string;
  name: string;
  /** Display order in the main navigation, ascending. */
  order: number;
  description: string;
}

export interface DemoArticle {
  kind: "news" | "collected";
  /** Slug of a DemoSection. */
  section: string;
  title: string;
  summary: string;
  /** Sanitizable HTML: <p>, <h2>, <h3>, <strong>, <em>, <ul>/<ol>/<li>, <blockquote> only. */
  body: string;
  /** Display name printed under the title ("Minh Khoa", "Thu Hà - Ban Tuyên giáo Tỉnh ủy"). */
  byline: string;
  /** ISO 8601 with +07:00 offset, e.g. "2025-03-14T08:30:00+07:00". */
  publishedAt: string;
  tags: string[];
  /** Required when kind is "collected". */
  sourceName?: string;
  sourceUrl?: string;
}
