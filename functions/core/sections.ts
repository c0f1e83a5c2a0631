import { GetCommand, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { AppError, invalid } from "./errors";
import { Keys } from "./keys";
import type { Store } from "./store";
import { isSlug } from "./text";

/** A section (chuyên mục) of the portal, shown in the main navigation. */
export interface Section {
  id: string;
  slug: string;
  name: string;
  description: string;
  order: number;
  /** Parent section id; sections nest one level deep. */
  parentId?: string;
}

const ENTITY = "Section";
const SCHEMA_VERSION = 1;

function fromItem(item: Record<string, unknown>): Section {
  const { id, slug, name, description, order, parentId } = item as unknown as Section;
  return { id, slug, name, description: description ?? "", order, ...(parentId ? { parentId } : {}) };
}

export const Sections = {
  /** All sections in navigation order (a few dozen at most: one Query page). */
  async list(store: Store): Promise<Section[]> {
    const out = await store.db.send(
      new QueryCommand({
        TableName: store.table,
        IndexName: "gsi1",
        KeyConditionExpression: "gsi1pk = :pk",
        ExpressionAttributeValues: { ":pk": Keys.sectionList().gsi1pk },
      }),
    );
    return (out.Items ?? []).map(fromItem);
  },

  async get(store: Store, id: string): Promise<Section | undefined> {
    const out = await store.db.send(new GetCommand({ TableName: store.table, Key: Keys.section(id) }));
    return out.Item ? fromItem(out.Item) : undefined;
  },

  /** Creates a section; its id is its first slug, so ids stay readable in keys and logs. */
  async create(store: Store, input: Omit<Section, "id">): Promise<Section> {
    if (!isSlug(input.slug)) throw invalid("Đường dẫn chuyên mục không hợp lệ.", { slug: "Chỉ gồm chữ thường không dấu, số và dấu gạch ngang." });
    if (!input.name.trim()) throw invalid("Tên chuyên mục không được để trống.", { name: "Bắt buộc." });
    const section: Section = { ...input, id: input.slug };
    try {
      await store.db.send(
        new PutCommand({
          TableName: store.table,
          Item: {
            ...Keys.section(section.id),
            gsi1pk: Keys.sectionList().gsi1pk,
            gsi1sk: Keys.sectionListSort(section.order, section.id),
            entity: ENTITY,
            schemaVersion: SCHEMA_VERSION,
            ...section,
          },
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      );
    } catch (error) {
      if ((error as Error).name === "ConditionalCheckFailedException")
        throw new AppError("CONFLICT", `Chuyên mục "${input.slug}" đã tồn tại.`);
      throw error;
    }
    return section;
  },
};
