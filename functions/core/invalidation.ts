/**
 * The one interface through which publishing tells the CDN that cached pages changed.
 *
 * Pages are cached by CloudFront (s-maxage, stale-while-revalidate; functions/http/cache.ts). After
 * a publish, re-approval or unpublish commits, the editorial code asks for the affected paths
 * (`Invalidation.articlePaths`) and hands them to the `Invalidator` of the composition root:
 * `cloudFrontInvalidator` on AWS, `RecordingInvalidator` locally and in tests (a no-op that
 * remembers what it was asked). Invalidation runs after the commit and must never fail it: a
 * failed call only means readers see the old page until s-maxage runs out.
 */

import { Sections } from "./sections";
import type { Store } from "./store";

export interface Invalidator {
  /** Paths as CloudFront takes them: start with "/", may end with "*". */
  invalidate(paths: string[]): Promise<void>;
}

/** Where a published article shows: its own page and its section's. */
export interface ArticleLocation {
  slug: string;
  sectionSlug: string;
}

/**
 * Above this many paths one change invalidates everything: CloudFront bills per path (a
 * wildcard counts as one), and a few dozen pages re-rendered cost less than a long path list.
 */
const MAX_PATHS = 15;

export const Invalidation = {
  /**
   * Every cached URL an article change can affect: the article (before and after, when its slug
   * or section changed), its section pages and feed, the home page, the site feed, the sitemap and
   * search results. Wildcards cover query strings (`?trang=`, `?q=`).
   * @example
   * await invalidator.invalidate(Invalidation.articlePaths({ slug, sectionSlug }, previous));
   */
  articlePaths(...locations: (ArticleLocation | undefined)[]): string[] {
    const paths = new Set(["/", "/rss.xml", "/sitemap.xml", "/sitemaps/*", "/tim-kiem*"]);
    for (const location of locations) {
      if (!location) continue;
      paths.add(`/bai-viet/${location.slug}`);
      paths.add(`/chuyen-muc/${location.sectionSlug}*`);
    }
    return [...paths];
  },
};

/**
 * After a publish, re-approval or unpublish has committed: invalidates the pages of each
 * location (article slug and section id; the section's slug is looked up, it may have been
 * renamed). Never throws: the change is already stored, a failed invalidation only leaves the old
 * page cached until s-maxage runs out, so it is logged, not reported to the editor.
 */
export async function invalidateArticles(
  store: Store,
  invalidator: Invalidator | undefined,
  locations: ({ slug: string; sectionId: string } | undefined)[],
): Promise<void> {
  if (!invalidator) return;
  try {
    const sections = await Sections.list(store);
    const slugOf = (id: string) => sections.find((section) => section.id === id)?.slug ?? id;
    const paths = Invalidation.articlePaths(
      ...locations.map((location) => location && { slug: location.slug, sectionSlug: slugOf(location.sectionId) }),
    );
    await invalidator.invalidate(paths);
  } catch (error) {
    console.error("Không làm mới được bộ nhớ đệm CDN:", error);
  }
}

/** What CloudFront's CreateInvalidation takes (the shape of @aws-sdk/client-cloudfront's input). */
export interface CreateInvalidationInput {
  DistributionId: string;
  InvalidationBatch: { CallerReference: string; Paths: { Quantity: number; Items: string[] } };
}

/**
 * CloudFront invalidation through an injected `send`, so this module needs no SDK client:
 * @example
 * import { CloudFrontClient, CreateInvalidationCommand } from "@aws-sdk/client-cloudfront";
 * const client = new CloudFrontClient({});
 * const invalidator = cloudFrontInvalidator({
 *   distributionId: env.PORTAL_DISTRIBUTION_ID,
 *   send: (input) => client.send(new CreateInvalidationCommand(input)),
 * });
 */
export function cloudFrontInvalidator(options: {
  distributionId: string;
  send: (input: CreateInvalidationInput) => Promise<unknown>;
  /** Unique per call; injectable for tests. */
  reference?: () => string;
}): Invalidator {
  const reference = options.reference ?? (() => `portal-${Date.now()}-${Math.random().toString(36).slice(2, 10)}`);
  return {
    async invalidate(paths) {
      const unique = [...new Set(paths)];
      if (unique.length === 0) return;
      const items = unique.length > MAX_PATHS ? ["/*"] : unique;
      await options.send({
        DistributionId: options.distributionId,
        InvalidationBatch: { CallerReference: reference(), Paths: { Quantity: items.length, Items: items } },
      });
    },
  };
}

/** The local and test implementation: does nothing but remember every call. */
export class RecordingInvalidator implements Invalidator {
  readonly calls: string[][] = [];

  async invalidate(paths: string[]): Promise<void> {
    this.calls.push([...paths]);
  }

  /** Every path asked for so far. */
  get paths(): string[] {
    return this.calls.flat();
  }
}
