import { z } from "zod";
import { canChooseFeatured, forbidden } from "../accounts/permissions";
import type { SessionUser } from "../accounts/users";
import { Featured, MAX_FEATURED, type FeaturedList, type FeaturedRef } from "../reader/featured";
import { AppError, invalid } from "../shared/errors";
import { parse } from "../shared/validation";
import { Keys } from "../storage/keys";
import { transact, type Store } from "../storage/store";
import { auditPut } from "./audit";
import type { PublishEffects } from "./invalidation";
import { loadItem } from "./items";
import type { ContentKind } from "./kind";

const schema = z.object({
  items: z
    .array(z.object({ kind: z.string().max(40), id: z.string().max(64) }), { error: "Danh sách tin nổi bật phải là một mảng." })
    .max(MAX_FEATURED, { error: `Chọn tối đa ${MAX_FEATURED} tin nổi bật.` }),
  version: z.number().int().min(0).optional(),
});

/**
 * Choosing the home page's featured items ("Tin nổi bật": pin, order, unpin), by the
 * editor-in-chief or an admin: `PUT /api/featured { items: [{ kind, id }] }`. Only live items may
 * be featured; one that is unpublished later drops out of the home page by itself.
 */
export const FeaturedChoice = {
  async set(store: Store, user: SessionUser, input: unknown, kinds: readonly ContentKind[], effects?: PublishEffects): Promise<FeaturedList> {
    if (!canChooseFeatured(user)) throw forbidden("Chỉ Tổng biên tập và quản trị viên được chọn tin nổi bật.");
    const data = parse(schema, input);
    const ids = data.items.map((item) => `${item.kind}/${item.id}`);
    if (new Set(ids).size !== ids.length) throw invalid("Một mục được chọn hai lần.", { items: "Mỗi mục chỉ chọn một lần." });
    const refs: FeaturedRef[] = [];
    for (const [index, choice] of data.items.entries()) {
      const kind = kinds.find((candidate) => candidate.name === choice.kind);
      const item = kind && (await loadItem(store, kind, choice.id));
      if (!kind || !item) throw invalid("Không tìm thấy mục được chọn.", { [`items.${index}`]: "Không tồn tại." });
      if (!item.live) throw invalid(`"${item.title}" chưa được đăng nên không thể làm tin nổi bật.`, { [`items.${index}`]: "Chưa được đăng." });
      refs.push({ kind: kind.name, space: kind.space, id: item.id, slug: item.slug });
    }
    const current = await Featured.list(store);
    if (data.version !== undefined && data.version !== current.version)
      throw new AppError("CONFLICT", "Danh sách tin nổi bật vừa được người khác thay đổi. Hãy tải lại.", undefined, { currentVersion: current.version });
    const now = new Date().toISOString();
    const next: FeaturedList = { items: refs, version: current.version + 1, updatedAt: now, updatedBy: { id: user.id, name: user.name } };
    await transact(
      store,
      [
        {
          Put: {
            TableName: store.table,
            Item: { ...Keys.featured(), entity: "FeaturedList", schemaVersion: 1, ...next },
            ...(current.version === 0
              ? { ConditionExpression: "attribute_not_exists(pk)" }
              : { ConditionExpression: "version = :version", ExpressionAttributeValues: { ":version": current.version } }),
          },
        },
        auditPut(store, {
          actor: { id: user.id, name: user.name },
          action: "featured.update",
          itemType: "featured",
          itemId: "featured",
          at: now,
          before: { items: current.items.map((ref) => ref.id) },
          after: { items: refs.map((ref) => ref.id) },
        }),
      ],
      { onConditionFailed: () => new AppError("CONFLICT", "Danh sách tin nổi bật vừa được người khác thay đổi. Hãy tải lại.") },
    );
    await effects?.featuredChanged();
    return next;
  },
};
