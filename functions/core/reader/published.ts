import { GetCommand, QueryCommand } from "../storage/db";
import { notFound } from "../shared/errors";
import { isSlug } from "../shared/text";
import { contentKeys } from "../storage/keys";
import { decodeCursor, encodeCursor, type Page } from "../storage/page";
import type { Store } from "../storage/store";
import { Summaries } from "./summaries";

/**
 * Reader-side reads of any content kind's published views, by key space ("DOCUMENT", "SCHEDULE",
 * …; publishing/kind.ts `space`): one by slug (one GetItem), the newest of the kind, the newest of a
 * section, the newest with a facet value (documents by type, year, …). Lists read small items only
 * (summaries, facet entries), and return the given attributes. Reader-safe: no zod, no sanitizer.
 */
const MAX_PAGE = 100;

/** A view's attributes that are keys or bookkeeping, never shown. */
const STORAGE = ["pk", "sk", "gsi1pk", "gsi1sk", "gsi2pk", "gsi2sk", "entity", "schemaVersion"];

function clean<T>(item: Record<string, unknown>): T {
  const out = { ...item };
  for (const name of STORAGE) delete out[name];
  return out as T;
}

function projection(attributes: readonly string[]) {
  const names: Record<string, string> = {};
  attributes.forEach((name, i) => (names[`#a${i}`] = name));
  return { ProjectionExpression: Object.keys(names).join(", "), ExpressionAttributeNames: names };
}

export interface ListOptions {
  limit?: number;
  cursor?: string;
  /** Only the attributes listed (always a subset of the view; never the body for a list page). */
  attributes: readonly string[];
  /**
   * Read the whole published views (sitemaps listing every photo): their index entries carry the
   * body. Lists read the kind's summaries otherwise (reader/summaries.ts), which carry the base
   * attributes and the kind's `summaryAttributes` only.
   */
  views?: boolean;
}

async function list<T>(
  store: Store,
  index: "gsi1" | "gsi2" | undefined,
  partition: string,
  options: ListOptions,
): Promise<Page<T>> {
  const pkName = index ? `${index}pk` : "pk";
  const keys = index ? ["pk", "sk", pkName, `${index}sk`] : ["pk", "sk"];
  const { ProjectionExpression, ExpressionAttributeNames } = projection(options.attributes);
  const out = await store.db.send(
    new QueryCommand({
      TableName: store.table,
      ...(index ? { IndexName: index } : {}),
      KeyConditionExpression: "#pk = :pk",
      ExpressionAttributeNames: { ...ExpressionAttributeNames, "#pk": pkName },
      ExpressionAttributeValues: { ":pk": partition },
      ProjectionExpression,
      ScanIndexForward: false,
      Limit: Math.min(Math.max(1, options.limit ?? 10), MAX_PAGE),
      ExclusiveStartKey: decodeCursor(options.cursor, { keys, partition: { [pkName]: partition } }),
    }),
  );
  return { items: (out.Items ?? []).map((item) => clean<T>(item)), next: encodeCursor(out.LastEvaluatedKey) };
}

export const Published = {
  /** The published view of `slug` in the key space, or a NOT_FOUND error with `message`. One GetItem. */
  async get<T>(store: Store, space: string, slug: string, message: string): Promise<T> {
    if (!isSlug(slug)) throw notFound(message);
    const out = await store.db.send(new GetCommand({ TableName: store.table, Key: contentKeys(space).publishedView(slug) }));
    if (!out.Item) throw notFound(message);
    return clean<T>(out.Item);
  },

  /** The published view of `slug`, or undefined. One GetItem. */
  async find<T>(store: Store, space: string, slug: string): Promise<T | undefined> {
    if (!isSlug(slug)) return undefined;
    const out = await store.db.send(new GetCommand({ TableName: store.table, Key: contentKeys(space).publishedView(slug) }));
    return out.Item ? clean<T>(out.Item) : undefined;
  },

  /** Newest published items of the kind, across sections (by publication instant). */
  latest: <T>(store: Store, space: string, options: ListOptions) =>
    options.views ? list<T>(store, "gsi2", contentKeys(space).publishedLatest(), options) : Summaries.list<T>(store, space, undefined, options),

  /** Newest published items of the kind in one section. */
  inSection: <T>(store: Store, space: string, sectionId: string, options: ListOptions) =>
    options.views ? list<T>(store, "gsi1", contentKeys(space).publishedInSection(sectionId), options) : Summaries.list<T>(store, space, sectionId, options),

  /**
   * Live items with one facet value (kind `facets`, e.g. "type:chi-thi", "year:2026"), newest by
   * the kind's facet sort first. Entries carry the kind's summary attributes only.
   */
  withFacet: <T>(store: Store, space: string, facet: string, options: ListOptions) =>
    list<T>(store, undefined, contentKeys(space).facetPartition(facet), options),
};
