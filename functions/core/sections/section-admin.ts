import { z } from "zod";
import { auditPut, type Actor } from "../publishing/audit";
import { AppError, invalid, notFound } from "../shared/errors";
import { Keys } from "../storage/keys";
import { ENTITY, SCHEMA_VERSION, Sections, type Section } from "./sections";
import { transact, type Store } from "../storage/store";
import { isSlug } from "../shared/text";
import { SYSTEM_ACTOR } from "../accounts/users";
import { optionalText, parse, text } from "../shared/validation";

/**
 * Creating and changing sections (admins). Kept apart from sections.ts, which the reader path
 * imports, so the reader's bundle carries no validation library.
 */
const slugField = z.string({ error: "Đường dẫn phải là chuỗi ký tự." }).refine(isSlug, { error: "Chỉ gồm chữ thường không dấu, số và dấu gạch ngang." });
const sectionShape = {
  slug: slugField,
  name: text("Tên chuyên mục", 100),
  description: optionalText("Mô tả", 500),
  order: z.number({ error: "Thứ tự phải là số." }).int({ error: "Thứ tự phải là số nguyên." }).min(0).max(9999),
  parentId: z.union([z.string().max(130), z.null()]),
  // Four eyes relaxed for a small board: its members may approve their own items (audited as usual).
  selfApproval: z.boolean({ error: "selfApproval phải là true hoặc false." }),
};
const createSchema = z.object({ ...sectionShape, description: sectionShape.description.default(""), order: sectionShape.order.default(0), parentId: sectionShape.parentId.optional(), selfApproval: sectionShape.selfApproval.optional() });
const updateSchema = z.object(sectionShape).partial();

function sectionItem(section: Section) {
  return {
    ...Keys.sectionItem(section.id, section.order),
    entity: ENTITY,
    schemaVersion: SCHEMA_VERSION,
    ...section,
  };
}

/** One level of nesting: a parent must be top-level, and a section with children cannot move under another. */
function checkNesting(all: Section[], section: Section) {
  if (!section.parentId) return;
  const parent = all.find((s) => s.id === section.parentId);
  if (!parent) throw invalid("Chuyên mục cha không tồn tại.", { parentId: "Không tồn tại." });
  if (parent.id === section.id) throw invalid("Chuyên mục không thể là cha của chính nó.", { parentId: "Không hợp lệ." });
  if (parent.parentId) throw invalid("Chuyên mục chỉ được lồng một cấp.", { parentId: "Chuyên mục cha phải là chuyên mục cấp một." });
  if (all.some((s) => s.parentId === section.id)) throw invalid("Chuyên mục đang có chuyên mục con nên không thể đặt vào chuyên mục khác.", { parentId: "Không hợp lệ." });
}

export const SectionAdmin = {
  /**
   * Creates a section; its id is its first slug, so ids stay readable in keys and logs, and
   * renaming or re-slugging later never moves its articles.
   */
  async create(store: Store, input: unknown, actor: Actor = SYSTEM_ACTOR): Promise<Section> {
    const data = parse(createSchema, input);
    const all = await Sections.list(store);
    if (all.some((s) => s.slug === data.slug || s.id === data.slug)) throw new AppError("CONFLICT", `Đường dẫn chuyên mục "${data.slug}" đã được dùng.`, { slug: "Đã tồn tại." });
    const section: Section = {
      id: data.slug,
      slug: data.slug,
      name: data.name.trim(),
      description: data.description.trim(),
      order: data.order,
      ...(data.parentId ? { parentId: data.parentId } : {}),
      ...(data.selfApproval ? { selfApproval: true } : {}),
    };
    checkNesting(all, section);
    await transact(
      store,
      [
        { Put: { TableName: store.table, Item: sectionItem(section), ConditionExpression: "attribute_not_exists(pk)" } },
        auditPut(store, { actor, action: "section.create", itemType: "section", itemId: section.id, after: { ...section } }),
      ],
      { onConditionFailed: () => new AppError("CONFLICT", `Chuyên mục "${data.slug}" đã tồn tại.`) },
    );
    return section;
  },

  /** Renames, re-slugs, reorders or nests a section (admins). */
  async update(store: Store, id: string, input: unknown, actor: Actor): Promise<Section> {
    const data = parse(updateSchema, input);
    const all = await Sections.list(store);
    const current = all.find((s) => s.id === id);
    if (!current) throw notFound("Không tìm thấy chuyên mục.");
    if (data.slug && data.slug !== current.slug && all.some((s) => s.id !== id && (s.slug === data.slug || s.id === data.slug)))
      throw new AppError("CONFLICT", `Đường dẫn chuyên mục "${data.slug}" đã được dùng.`, { slug: "Đã tồn tại." });
    const next: Section = {
      ...current,
      ...(data.slug !== undefined ? { slug: data.slug } : {}),
      ...(data.name !== undefined ? { name: data.name.trim() } : {}),
      ...(data.description !== undefined ? { description: data.description.trim() } : {}),
      ...(data.order !== undefined ? { order: data.order } : {}),
    };
    if (data.selfApproval === false) delete next.selfApproval;
    else if (data.selfApproval) next.selfApproval = true;
    if (data.parentId === null) delete next.parentId;
    else if (data.parentId !== undefined) next.parentId = data.parentId;
    checkNesting(all, next);
    const changed = (Object.keys(next) as (keyof Section)[]).filter((key) => next[key] !== current[key]);
    if (data.parentId === null && current.parentId) changed.push("parentId");
    if (data.selfApproval === false && current.selfApproval) changed.push("selfApproval");
    if (changed.length === 0) return current;
    await transact(
      store,
      [
        { Put: { TableName: store.table, Item: sectionItem(next), ConditionExpression: "attribute_exists(pk)" } },
        auditPut(store, {
          actor,
          action: "section.update",
          itemType: "section",
          itemId: id,
          before: Object.fromEntries(changed.map((key) => [key, current[key] ?? null])),
          after: Object.fromEntries(changed.map((key) => [key, next[key] ?? null])),
        }),
      ],
      { onConditionFailed: () => new AppError("CONFLICT", "Chuyên mục đã bị thay đổi hoặc xóa. Hãy tải lại.") },
    );
    return next;
  },
};
