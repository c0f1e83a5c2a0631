/**
 * What happens after a change of what readers see has committed (publish, re-approval,
 * unpublish, the featured list): the engine calls its `PublishEffects` port, the same for the
 * HTTP routes, the scheduler and `npm start`. Today the one effect is telling the CDN which
 * cached pages changed, after putting readers' approved comments back on a republished view.
 *
 * Pages are cached by CloudFront (s-maxage, stale-while-revalidate; functions/http/cache.ts).
 * `invalidationEffects` turns a change into paths (the kind's own pages, via its descriptor, and
 * the site-wide ones) and hands them to the `Invalidator` of the composition root:
 * `cloudFrontInvalidator` on AWS, `RecordingInvalidator` in tests, none under `npm start`. It
 * runs after the commit and never fails it: a failed call only means readers see the old page
 * until s-maxage runs out, so it is logged, not reported to the editor.
 */

import type { ContentKind } from "./kind";
import { readerDataChanged } from "../reader/instance-cache";
import { Sections } from "../sections/sections";
import { Urls } from "../shared/urls";
import type { Store } from "../storage/store";

export interface Invalidator {
  /** Paths as CloudFront takes them: start with "/", may end with "*". */
  invalidate(paths: string[]): Promise<void>;
}

/** Where an item is live: its slug and the section it is listed in. */
export interface LiveLocation {
  slug: string;
  sectionId: string;
}

/** A committed change of what readers see. */
export interface PublicChange {
  kind: ContentKind;
  /** The item that changed (absent for changes that are not one item's). */
  itemId?: string;
  /** Where the item is live now and where it was before (either may be undefined). */
  locations: (LiveLocation | undefined)[];
}

/** The engine's port for side effects of publication. Implementations never throw. */
export interface PublishEffects {
  published(change: PublicChange): Promise<void>;
  /** The home page's featured list changed. */
  featuredChanged(): Promise<void>;
}

/**
 * Above this many paths one change invalidates everything: CloudFront bills per path (a
 * wildcard counts as one), and a few dozen pages re-rendered cost less than a long path list.
 */
const MAX_PATHS = 15;

/** Pages every publication can change: home, feeds, sitemaps, search results. */
const SITE_WIDE = [Urls.home(), Urls.feed(), Urls.sitemap(), "/sitemaps/*", Urls.withQueries(Urls.search())];

export const Invalidation = {
  /**
   * Every cached path a change of an item of `kind` can affect: its own page (before and after,
   * when its slug or section changed), its listings (the kind's descriptor says which) and the
   * site-wide pages.
   * @example
   * Invalidation.paths(articles, { slug: "a", sectionSlug: "kinh-te" }) // ["/", …, "/bai-viet/a", "/chuyen-muc/kinh-te*"]
   */
  paths(kind: ContentKind, ...locations: ({ slug: string; sectionSlug: string } | undefined)[]): string[] {
    const paths = new Set(SITE_WIDE);
    for (const location of locations) if (location) for (const path of kind.paths(location)) paths.add(path);
    return [...paths];
  },
};

/** The effects of publication for a composition root: CDN invalidation through `invalidator`. */
export function invalidationEffects(store: Store, invalidator: Invalidator | undefined): PublishEffects {
  const send = async (paths: () => Promise<string[]>) => {
    if (!invalidator) return;
    try {
      await invalidator.invalidate(await paths());
    } catch (error) {
      console.error("Không làm mới được bộ nhớ đệm CDN:", error);
    }
  };
  return {
    published: async ({ kind, itemId, locations }) => {
      // Lists this instance keeps for a few seconds start over now the change is committed.
      readerDataChanged();
      // A publication writes the published view whole, without the copy of readers' approved
      // comments that moderation keeps on it (core/participation/comments.ts): put it back before
      // the CDN is told to fetch the page again. Imported when needed: participation imports the
      // content kinds, which import the engine.
      const live = locations[0];
      if (itemId && live) {
        const { COMMENT_KINDS, ReaderComments } = await import("../participation/comments");
        if ((COMMENT_KINDS as readonly string[]).includes(kind.name)) await ReaderComments.syncView(store, kind, itemId, live.slug);
      }
      await send(async () => {
        // The section's slug is looked up now: it may have been renamed since publication.
        const sections = await Sections.list(store);
        const slugOf = (id: string) => sections.find((section) => section.id === id)?.slug ?? id;
        return Invalidation.paths(kind, ...locations.map((location) => location && { slug: location.slug, sectionSlug: slugOf(location.sectionId) }));
      });
    },
    featuredChanged: () => (readerDataChanged(), send(async () => [Urls.home()])),
  };
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
 *   distributionId, // read from SSM (functions/cloud.ts)
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
