import { GetCommand } from "../storage/db";
import { contentKeys, Keys } from "../storage/keys";
import { queryPages } from "../storage/page";
import type { Store, TransactItem } from "../storage/store";
import { countChanges } from "./report-counts";
import type { Actor } from "./audit";
import { LIST_FIELDS, type BaseContent, type ContentKind, type Counted, type Item, type ListItem, type PublishedBase, type Revision } from "./kind";

/**
 * How the engine's items are stored: the working copy, its revisions, the published view and the
 * report aggregate, as transaction items. Private to publishing/: the engine (engine.ts) is the
 * only writer.
 */

const ITEM_SCHEMA_VERSION = 1;
/** Attributes of stored items that are keys or bookkeeping, not the item itself. */
const STORAGE_ATTRIBUTES = ["pk", "sk", "gsi1pk", "gsi1sk", "gsi2pk", "gsi2sk", "entity", "schemaVersion"];

export function strip<T>(stored: Record<string, unknown>, extra: string[] = []): T {
  const out = { ...stored };
  for (const name of [...STORAGE_ATTRIBUTES, ...extra]) delete out[name];
  return out as T;
}

/** The content fields of an item, as a revision holds them. */
export function contentOf<C extends BaseContent>(kind: ContentKind<C>, item: Partial<C>): C {
  const out: Record<string, unknown> = {};
  for (const field of kind.contentFields) if (field in item && (item as Record<string, unknown>)[field] !== undefined) out[field] = (item as Record<string, unknown>)[field];
  return out as unknown as C;
}

export function sameContent<C extends BaseContent>(kind: ContentKind<C>, a: C, b: C): boolean {
  return JSON.stringify(contentOf(kind, a)) === JSON.stringify(contentOf(kind, b));
}

export function changedFields<C extends BaseContent>(kind: ContentKind<C>, a: Partial<C>, b: Partial<C>): string[] {
  const x = a as Record<string, unknown>, y = b as Record<string, unknown>;
  return kind.contentFields.filter((field) => JSON.stringify(x[field]) !== JSON.stringify(y[field]));
}

export async function loadItem<C extends BaseContent>(store: Store, kind: ContentKind<C>, id: string): Promise<Item<C> | undefined> {
  if (!/^[\w-]{1,64}$/.test(id)) return undefined;
  const out = await store.db.send(new GetCommand({ TableName: store.table, Key: contentKeys(kind.space).item(id), ConsistentRead: true }));
  if (!out.Item) return undefined;
  // Articles stored before kinds existed carry no contentKind.
  const item = strip<Item<C>>(out.Item);
  return { ...item, contentKind: item.contentKind ?? kind.name };
}

/** Put of the working copy, conditional on the version read (or on not existing yet). */
export function putItem<C extends BaseContent>(store: Store, kind: ContentKind<C>, item: Item<C>, expectedVersion: number | null): TransactItem {
  const keys = contentKeys(kind.space);
  return {
    Put: {
      TableName: store.table,
      Item: { ...keys.item(item.id), ...keys.workIndex(item), entity: "ContentItem", schemaVersion: ITEM_SCHEMA_VERSION, ...item },
      ...(expectedVersion === null
        ? { ConditionExpression: "attribute_not_exists(pk)" }
        : { ConditionExpression: "version = :version", ExpressionAttributeValues: { ":version": expectedVersion } }),
    },
  };
}

export function deleteItem(store: Store, kind: ContentKind, item: { id: string; version: number }): TransactItem {
  return {
    Delete: {
      TableName: store.table,
      Key: contentKeys(kind.space).item(item.id),
      ConditionExpression: "version = :version",
      ExpressionAttributeValues: { ":version": item.version },
    },
  };
}

export function putRevision<C extends BaseContent>(store: Store, kind: ContentKind<C>, item: Item<C>, by: Actor, at: string, note: string): TransactItem {
  const revision: Revision = { ...(contentOf(kind, item) as unknown as Record<string, unknown>), number: item.revision, at, by, note };
  return {
    Put: {
      TableName: store.table,
      Item: { ...contentKeys(kind.space).revision(item.id, item.revision), entity: "Revision", schemaVersion: ITEM_SCHEMA_VERSION, itemId: item.id, ...revision },
      ConditionExpression: "attribute_not_exists(pk)",
    },
  };
}

export function reserveSlug(store: Store, kind: ContentKind, slug: string): TransactItem {
  return {
    Put: {
      TableName: store.table,
      Item: { ...contentKeys(kind.space).slug(slug), entity: "SlugReservation", schemaVersion: ITEM_SCHEMA_VERSION },
      ConditionExpression: "attribute_not_exists(pk)",
    },
  };
}

export function releaseSlug(store: Store, kind: ContentKind, slug: string): TransactItem {
  return { Delete: { TableName: store.table, Key: contentKeys(kind.space).slug(slug) } };
}

export function putPublishedView(store: Store, kind: ContentKind, view: PublishedBase): TransactItem {
  const keys = contentKeys(kind.space);
  return {
    Put: {
      TableName: store.table,
      Item: { ...keys.publishedView(view.slug), ...keys.publishedIndex(view), entity: "PublishedView", contentKind: kind.name, schemaVersion: ITEM_SCHEMA_VERSION, ...view },
    },
  };
}

export function deletePublishedView(store: Store, kind: ContentKind, slug: string): TransactItem {
  return { Delete: { TableName: store.table, Key: contentKeys(kind.space).publishedView(slug) } };
}

/**
 * The report aggregate of a publication (its report kind only), ±1 in the same transaction as the
 * change; report-counts.ts `countChanges` handles units and moves.
 */
export function reportCount(store: Store, counted: Counted, delta: 1 | -1): TransactItem {
  return delta === 1 ? countChanges(store, undefined, { ...counted, units: undefined })[0]! : countChanges(store, { ...counted, units: undefined }, undefined)[0]!;
}

/** Reserves a unique value of the kind for `itemId` (fails when another item holds it). */
export function reserveUnique(store: Store, kind: ContentKind, token: string, itemId: string): TransactItem {
  return {
    Put: {
      TableName: store.table,
      Item: { ...contentKeys(kind.space).unique(token), entity: "UniqueValue", schemaVersion: ITEM_SCHEMA_VERSION, itemId },
      ConditionExpression: "attribute_not_exists(pk) OR itemId = :id",
      ExpressionAttributeValues: { ":id": itemId },
    },
  };
}

export function releaseUnique(store: Store, kind: ContentKind, token: string): TransactItem {
  return { Delete: { TableName: store.table, Key: contentKeys(kind.space).unique(token) } };
}

export type Faceted = { values: string[]; sort: string };

/**
 * The facet entries that take a live view's facets from `before` to `after` (undefined: none):
 * puts of every entry of `after` (summary attributes of the view), deletes of entries of `before`
 * that `after` does not keep.
 */
export function facetChanges(store: Store, kind: ContentKind, id: string, before: Faceted | undefined, after: { faceted: Faceted; view: PublishedBase } | undefined): TransactItem[] {
  const keys = contentKeys(kind.space);
  const items: TransactItem[] = [];
  const kept = new Set<string>();
  if (after) {
    const summary: Record<string, unknown> = {};
    for (const name of kind.summaryAttributes) {
      const value = (after.view as unknown as Record<string, unknown>)[name];
      if (value !== undefined) summary[name] = value;
    }
    for (const value of new Set(after.faceted.values)) {
      const key = keys.facetEntry(value, after.faceted.sort, id);
      kept.add(`${key.pk}|${key.sk}`);
      items.push({ Put: { TableName: store.table, Item: { ...key, entity: "FacetEntry", schemaVersion: ITEM_SCHEMA_VERSION, contentKind: kind.name, facet: value, ...summary } } });
    }
  }
  for (const value of new Set(before?.values ?? [])) {
    const key = keys.facetEntry(value, before!.sort, id);
    if (!kept.has(`${key.pk}|${key.sk}`)) items.push({ Delete: { TableName: store.table, Key: key } });
  }
  return items;
}

/** Every revision number of an item, for deleting a never-published draft with its history. */
export async function revisionKeys(store: Store, kind: ContentKind, id: string) {
  const keys = contentKeys(kind.space);
  const found: { pk: string; sk: string }[] = [];
  for await (const items of queryPages(store, {
    TableName: store.table,
    KeyConditionExpression: "pk = :pk AND begins_with(sk, :rev)",
    ExpressionAttributeValues: { ":pk": keys.item(id).pk, ":rev": keys.revisionPrefix() },
    ProjectionExpression: "pk, sk",
  })) {
    found.push(...(items as { pk: string; sk: string }[]));
  }
  return found;
}

export function listItem(kind: ContentKind, stored: Record<string, unknown>): ListItem {
  const out: Record<string, unknown> = { contentKind: kind.name };
  for (const field of LIST_FIELDS) if (stored[field] !== undefined) out[field] = stored[field];
  return out as unknown as ListItem;
}

export const LIST_PROJECTION = {
  ProjectionExpression: LIST_FIELDS.map((name) => `#${name}`).join(", "),
  ExpressionAttributeNames: Object.fromEntries(LIST_FIELDS.map((name) => [`#${name}`, name])),
};
