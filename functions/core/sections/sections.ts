import { GetCommand, QueryCommand } from "../storage/db";
import { Keys } from "../storage/keys";
import type { Store } from "../storage/store";

/** A section (chuyên mục) of the portal, shown in the main navigation. */
export interface Section {
  id: string;
  slug: string;
  name: string;
  description: string;
  order: number;
  /** Parent section id; sections nest one level deep. */
  parentId?: string;
  /** A small board may approve its own members' items without a stated reason (four-eyes relaxed). */
  selfApproval?: boolean;
}

export const ENTITY = "Section";
export const SCHEMA_VERSION = 1;

function fromItem(item: Record<string, unknown>): Section {
  const { id, slug, name, description, order, parentId, selfApproval } = item as unknown as Section;
  return { id, slug, name, description: description ?? "", order, ...(parentId ? { parentId } : {}), ...(selfApproval ? { selfApproval } : {}) };
}

export const Sections = {
  /** All sections in navigation order (a few dozen at most: one Query page). */
  async list(store: Store): Promise<Section[]> {
    const out = await store.db.send(
      new QueryCommand({
        TableName: store.table,
        IndexName: "gsi1",
        KeyConditionExpression: "gsi1pk = :pk",
        ExpressionAttributeValues: { ":pk": Keys.sectionsPartition() },
      }),
    );
    return (out.Items ?? []).map(fromItem);
  },

  /** One section by id, or undefined. */
  async get(store: Store, id: string): Promise<Section | undefined> {
    const out = await store.db.send(new GetCommand({ TableName: store.table, Key: Keys.section(id) }));
    return out.Item ? fromItem(out.Item) : undefined;
  },
};
