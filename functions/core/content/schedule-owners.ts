import { z } from "zod";
import { auditPut, type Actor } from "../publishing/audit";
import { ScheduleOwners, type ScheduleOwner } from "../reader/schedules";
import { Sections } from "../sections/sections";
import { AppError, invalid, notFound } from "../shared/errors";
import { plainText } from "../shared/html";
import { isSlug, slugify } from "../shared/text";
import { parse, text } from "../shared/validation";
import { ScheduleKeys } from "../storage/keys";
import { transact, type Store } from "../storage/store";

/**
 * The bodies that publish weekly work schedules (Thường trực Tỉnh ủy, Ban Thường vụ Tỉnh ủy, each
 * district committee…), managed by admins. An owner's slug is its id and never changes: every
 * schedule's fixed slug and public address (`?don-vi=`) is made from it. Its section is the one
 * whose board approves its schedules. Reads are reader/schedules.ts `ScheduleOwners` (no zod).
 */

/** Leaves room for "-yyyy-wNN" within the slug length readers' routes accept (shared/text.ts). */
const MAX_SLUG = 80;
const ENTITY = "ScheduleOwner";

const slugField = z
  .string({ error: "Đường dẫn phải là chuỗi ký tự." })
  .max(MAX_SLUG, { error: `Đường dẫn không được dài quá ${MAX_SLUG} ký tự.` })
  .refine(isSlug, { error: "Chỉ gồm chữ thường không dấu, số và dấu gạch ngang." });
const order = z.number({ error: "Thứ tự phải là số." }).int({ error: "Thứ tự phải là số nguyên." }).min(0, { error: "Thứ tự từ 0 đến 9999." }).max(9999, { error: "Thứ tự từ 0 đến 9999." });
const name = text("Tên đơn vị", 150);
const section = text("Chuyên mục duyệt lịch", 130);

const createSchema = z.object({ name, slug: slugField.optional(), order: order.optional(), section });
const updateSchema = z.object({ name: name.optional(), order: order.optional(), section: section.optional() });

/** A slug from a name, cut on a word boundary to fit. */
function slugOfName(value: string): string {
  let slug = slugify(value);
  if (slug.length > MAX_SLUG) {
    slug = slug.slice(0, MAX_SLUG);
    const cut = slug.lastIndexOf("-");
    slug = cut > MAX_SLUG / 2 ? slug.slice(0, cut) : slug.replace(/-+$/, "");
  }
  return slug;
}

async function requireSection(store: Store, ref: string): Promise<string> {
  const found = (await Sections.list(store)).find((s) => s.id === ref || s.slug === ref);
  if (!found) throw invalid("Chuyên mục duyệt lịch không tồn tại.", { section: "Chuyên mục không tồn tại." });
  return found.id;
}

const ownerItem = (owner: ScheduleOwner) => ({ ...ScheduleKeys.ownerItem(owner.id, owner.order), entity: ENTITY, schemaVersion: 1, ...owner });

export const ScheduleOwnerAdmin = {
  /** A new owner, after the others unless `order` is given; 409 when its slug is taken. */
  async create(store: Store, input: unknown, actor: Actor): Promise<ScheduleOwner> {
    const data = parse(createSchema, input);
    const ownerName = plainText(data.name).trim();
    const slug = data.slug ?? slugOfName(ownerName);
    if (!isSlug(slug)) throw invalid("Không tạo được đường dẫn từ tên đơn vị.", { slug: "Hãy nhập đường dẫn." });
    const [sectionId, all] = await Promise.all([requireSection(store, data.section), ScheduleOwners.list(store)]);
    const owner: ScheduleOwner = {
      id: slug,
      slug,
      name: ownerName,
      order: data.order ?? Math.min(9999, all.reduce((max, o) => Math.max(max, o.order), 0) + 1),
      sectionId,
    };
    const taken = () => new AppError("CONFLICT", `Đường dẫn "${slug}" đã được một đơn vị khác dùng.`, { slug: "Đã tồn tại." });
    await transact(
      store,
      [
        { Put: { TableName: store.table, Item: ownerItem(owner), ConditionExpression: "attribute_not_exists(pk)" } },
        auditPut(store, { actor, action: "schedule-owner.create", itemType: "schedule-owner", itemId: `schedule-owner-${owner.id}`, after: { ...owner } }),
      ],
      { onConditionFailed: taken },
    );
    return owner;
  },

  /** Renames, reorders or changes the approving section; the slug never changes. */
  async update(store: Store, id: string, input: unknown, actor: Actor): Promise<ScheduleOwner> {
    const raw = input && typeof input === "object" ? (input as Record<string, unknown>) : {};
    if ("slug" in raw) throw invalid("Đường dẫn của đơn vị không đổi được: mọi lịch đã đăng dùng nó.", { slug: "Không đổi được." });
    const data = parse(updateSchema, input);
    const current = await ScheduleOwners.get(store, id);
    if (!current) throw notFound("Không tìm thấy đơn vị.");
    const next: ScheduleOwner = {
      ...current,
      ...(data.name !== undefined ? { name: plainText(data.name).trim() } : {}),
      ...(data.order !== undefined ? { order: data.order } : {}),
      ...(data.section !== undefined ? { sectionId: await requireSection(store, data.section) } : {}),
    };
    const changed = (["name", "order", "sectionId"] as const).filter((key) => next[key] !== current[key]);
    if (changed.length === 0) return current;
    await transact(
      store,
      [
        { Put: { TableName: store.table, Item: ownerItem(next), ConditionExpression: "attribute_exists(pk)" } },
        auditPut(store, {
          actor,
          action: "schedule-owner.update",
          itemType: "schedule-owner",
          itemId: `schedule-owner-${id}`,
          before: Object.fromEntries(changed.map((key) => [key, current[key]])),
          after: Object.fromEntries(changed.map((key) => [key, next[key]])),
        }),
      ],
      { onConditionFailed: () => new AppError("CONFLICT", "Đơn vị vừa bị thay đổi hoặc xóa. Hãy tải lại.") },
    );
    return next;
  },
};
