import { z } from "zod";
import { auditPut, type Actor } from "../publishing/audit";
import { DOCUMENT_SPACE, DocumentFacet, DocumentTypes, type DocumentType, type DocumentTypeList } from "../reader/documents";
import { Published } from "../reader/published";
import { AppError, invalid } from "../shared/errors";
import { plainText } from "../shared/html";
import { foldVietnamese, isSlug, slugify } from "../shared/text";
import { parse, text } from "../shared/validation";
import { DocumentKeys } from "../storage/keys";
import { transact, type Store } from "../storage/store";

/**
 * The admins' list of document types (loại văn bản), one item (`DocumentKeys.types`), replaced
 * whole by `PUT /api/document-types` on its version. A type's slug is what documents store and
 * readers filter by (`?loai=`): renaming keeps it, and a type a live document uses cannot be
 * removed. Reads are reader/documents.ts `DocumentTypes` (no zod).
 */

const MAX_TYPES = 100;
const MAX_SLUG = 60;

const typeSchema = z.object({
  slug: z
    .string({ error: "Đường dẫn phải là chuỗi ký tự." })
    .max(MAX_SLUG, { error: `Đường dẫn không được dài quá ${MAX_SLUG} ký tự.` })
    .refine(isSlug, { error: "Chỉ gồm chữ thường không dấu, số và dấu gạch ngang." })
    .optional(),
  name: text("Tên loại văn bản", 100),
});
const putSchema = z.object({
  version: z.number({ error: "Thiếu phiên bản (version) của danh sách." }).int().min(0, { error: "Phiên bản không hợp lệ." }),
  types: z
    .array(typeSchema, { error: "Danh sách loại văn bản (types) phải là một mảng." })
    .min(1, { error: "Danh sách phải có ít nhất một loại văn bản." })
    .max(MAX_TYPES, { error: `Tối đa ${MAX_TYPES} loại văn bản.` }),
});

export const DocumentTypeAdmin = {
  /**
   * Replaces the list (order as given). 409 when `version` is stale, or when a removed type is
   * used by a live document (one Query of its facet partition, Limit 1: drafts do not hold a type).
   */
  async put(store: Store, input: unknown, actor: Actor): Promise<DocumentTypeList> {
    const data = parse(putSchema, input);
    const types: DocumentType[] = data.types.map((type, index) => {
      const name = plainText(type.name).trim();
      const slug = type.slug ?? slugify(name).slice(0, MAX_SLUG).replace(/-+$/, "");
      if (!name || !isSlug(slug)) throw invalid(`Loại văn bản thứ ${index + 1} cần tên có chữ.`, { [`types.${index}.name`]: "Hãy nhập tên." });
      return { slug, name };
    });
    for (const [index, type] of types.entries()) {
      const twin = types.findIndex((other) => other.slug === type.slug || foldVietnamese(other.name) === foldVietnamese(type.name));
      if (twin !== index) throw invalid(`Loại văn bản “${type.name}” bị trùng với loại thứ ${twin + 1}.`, { [`types.${index}`]: "Trùng tên hoặc đường dẫn." });
    }

    const current = await DocumentTypes.get(store);
    if (current.version !== data.version) throw stale(current.version);
    for (const removed of current.types.filter((type) => !types.some((kept) => kept.slug === type.slug))) {
      const used = await Published.withFacet(store, DOCUMENT_SPACE, DocumentFacet.type(removed.slug), { limit: 1, attributes: ["id"] });
      if (used.items.length > 0)
        throw new AppError("CONFLICT", `Loại văn bản “${removed.name}” đang được dùng cho văn bản đã đăng, không thể xóa.`, { types: `“${removed.name}” đang được dùng.` });
    }

    const next: DocumentTypeList = { version: current.version + 1, types };
    await transact(
      store,
      [
        {
          Put: {
            TableName: store.table,
            Item: { ...DocumentKeys.types(), entity: "DocumentTypes", schemaVersion: 1, ...next },
            ...(current.version === 0
              ? { ConditionExpression: "attribute_not_exists(pk)" }
              : { ConditionExpression: "version = :v", ExpressionAttributeValues: { ":v": current.version } }),
          },
        },
        auditPut(store, {
          actor,
          action: "document-types.update",
          itemType: "document-types",
          itemId: "document-types",
          before: { types: current.types.map((t) => `${t.slug}: ${t.name}`) },
          after: { types: types.map((t) => `${t.slug}: ${t.name}`) },
        }),
      ],
      { onConditionFailed: async () => stale((await DocumentTypes.get(store)).version) },
    );
    return next;
  },
};

const stale = (currentVersion: number) =>
  new AppError("CONFLICT", "Danh sách loại văn bản vừa được người khác thay đổi. Hãy tải lại rồi thử lại.", undefined, { currentVersion });
