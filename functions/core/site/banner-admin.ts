/**
 * Admins' changes to the linked banners (editor-side: zod, the sanitizer). Reads and the types are
 * in banners.ts (reader-safe). Every change is one transaction: the banner, the use it records on
 * its image in the media library (`banners#<id>`, so the library refuses to delete an image a
 * banner shows), the banner count that enforces MAX_BANNERS, and the audit event. The caller
 * (functions/http/staff/banners.ts) checks the role and invalidates the CDN after the commit.
 */
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { imageSnapshot } from "../media/snapshots";
import { MediaLibrary } from "../media/library";
import { MEDIA_ID } from "../media/types";
import { auditPut, type Actor } from "../publishing/audit";
import type { ImageSnapshot } from "../reader/images";
import { AppError, invalid, notFound } from "../shared/errors";
import { plainText } from "../shared/html";
import { parse, text } from "../shared/validation";
import { BannerKeys } from "../storage/keys";
import { transact, type Store, type TransactItem } from "../storage/store";
import { Banners, MAX_BANNERS, bannerUse, type Banner } from "./banners";

const MAX_HREF = 500;
const IMAGE_FIELD = "image";
const IMAGE_LABEL = "Ảnh liên kết";
/** Whitespace and control characters have no place in a link (a tab inside "java\tscript:" is how filters get fooled). */
const UNSAFE_CHARS = /[\s\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/;
const HREF_HINT = "Địa chỉ liên kết phải là địa chỉ http:// hoặc https:// đầy đủ, hoặc đường dẫn trong cổng bắt đầu bằng “/” (ví dụ /gop-y).";

/**
 * The link checked and normalized, or undefined when refused. A site path starts with one "/"
 * ("//host" and "/\host" are other sites to a browser); an absolute URL is http(s) with a host
 * and no user name or password (a classic way to dress up a link to somewhere else).
 */
export function normalizeHref(value: string): string | undefined {
  const href = value.trim();
  if (!href || href.length > MAX_HREF || UNSAFE_CHARS.test(href) || href.includes("\\")) return undefined;
  if (href.startsWith("/")) {
    if (href.startsWith("//")) return undefined;
    // Resolved against a placeholder origin, a true site path stays on it.
    const base = "https://portal.invalid";
    try {
      return new URL(href, base).origin === base ? href : undefined;
    } catch {
      return undefined;
    }
  }
  if (!/^https?:\/\//i.test(href)) return undefined;
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return undefined;
  }
  if ((url.protocol !== "http:" && url.protocol !== "https:") || !url.hostname || url.username || url.password) return undefined;
  return url.href.length <= MAX_HREF ? url.href : undefined;
}

const title = text("Tiêu đề", 150)
  .transform((value) => plainText(value))
  .refine((value) => value.length > 0, { error: "Tiêu đề không được để trống." });
const href = z
  .string({ error: "Địa chỉ liên kết phải là chuỗi ký tự." })
  .max(MAX_HREF, { error: `Địa chỉ liên kết không được dài quá ${MAX_HREF} ký tự.` })
  .transform((value, ctx) => {
    const normalized = normalizeHref(value);
    if (normalized === undefined) {
      ctx.addIssue({ code: "custom", message: HREF_HINT });
      return z.NEVER;
    }
    return normalized;
  });
const image = z.string({ error: "Hãy chọn ảnh trong thư viện." }).regex(MEDIA_ID, { error: "Mã ảnh không hợp lệ." });
const order = z
  .number({ error: "Thứ tự phải là số." })
  .int({ error: "Thứ tự phải là số nguyên." })
  .min(0, { error: "Thứ tự từ 0 đến 9999." })
  .max(9999, { error: "Thứ tự từ 0 đến 9999." });
const active = z.boolean({ error: "Trạng thái hiển thị (active) phải là true hoặc false." });
const version = z
  .number({ error: "Thiếu phiên bản (version) của ảnh liên kết." })
  .int({ error: "Phiên bản không hợp lệ." })
  .min(1, { error: "Phiên bản không hợp lệ." });

const createSchema = z.object({ title, image, href, order: order.optional(), active: active.optional() });
const updateSchema = z.object({ version, title: title.optional(), image: image.optional(), href: href.optional(), order: order.optional(), active: active.optional() });

const EDITABLE = ["title", "href", "order", "active"] as const;

const bannerPut = (store: Store, banner: Banner, condition: { new: true } | { version: number }): TransactItem => ({
  Put: {
    TableName: store.table,
    Item: { ...BannerKeys.itemKeys(banner), entity: "Banner", schemaVersion: 1, ...banner },
    ...("new" in condition
      ? { ConditionExpression: "attribute_not_exists(pk)" }
      : { ConditionExpression: "#version = :expected", ExpressionAttributeNames: { "#version": "version" }, ExpressionAttributeValues: { ":expected": condition.version } }),
  },
});

/** +1 on create (refused at the limit), -1 on delete. */
function countUpdate(store: Store, delta: 1 | -1): TransactItem {
  return {
    Update: {
      TableName: store.table,
      Key: BannerKeys.count(),
      UpdateExpression: "SET #entity = :entity, #schema = :schema ADD #n :delta",
      ...(delta > 0 ? { ConditionExpression: "attribute_not_exists(#n) OR #n < :max" } : {}),
      ExpressionAttributeNames: { "#entity": "entity", "#schema": "schemaVersion", "#n": "n" },
      ExpressionAttributeValues: { ":entity": "BannerCount", ":schema": 1, ":delta": delta, ...(delta > 0 ? { ":max": MAX_BANNERS } : {}) },
    },
  };
}

const tooMany = () =>
  new AppError("CONFLICT", `Đã có ${MAX_BANNERS} ảnh liên kết, số tối đa cho phép. Hãy xóa bớt ảnh liên kết không dùng trước khi thêm mới.`);
const imageGone = () => invalid("Ảnh liên kết vừa bị xóa khỏi thư viện. Hãy chọn ảnh khác.", { [IMAGE_FIELD]: "Không tìm thấy ảnh." });
const missing = () => notFound("Không tìm thấy ảnh liên kết.");
const stale = (currentVersion: number) =>
  new AppError("CONFLICT", "Ảnh liên kết vừa được người khác thay đổi. Hãy tải lại rồi thử lại.", undefined, { currentVersion });

/** After a failed condition: the banner was deleted (404) or changed (409 with its version). */
async function lostRace(store: Store, id: string): Promise<AppError> {
  const fresh = await Banners.get(store, id);
  return fresh ? stale(fresh.version) : missing();
}

/** Whether two snapshots show the same thing (stored maps come back in any key order, so no JSON comparison). */
function sameImage(a: ImageSnapshot, b: ImageSnapshot): boolean {
  const variants = (image: ImageSnapshot) => image.variants.map((v) => `${v.width} ${v.format} ${v.url}`).sort().join("|");
  return a.id === b.id && a.alt === b.alt && a.width === b.width && a.height === b.height && a.placeholder === b.placeholder && variants(a) === variants(b);
}

const auditFields = (banner: Partial<Banner>) => ({
  ...Object.fromEntries(EDITABLE.filter((key) => banner[key] !== undefined).map((key) => [key, banner[key]])),
  ...(banner.image ? { image: banner.image.id } : {}),
});

export const BannerAdmin = {
  /**
   * A new banner (after the others unless `order` is given; active unless told otherwise).
   * `options.id` is for the demo seed (a fixed id makes a second run a 409, not a duplicate).
   */
  async create(store: Store, input: unknown, actor: Actor, options: { id?: string } = {}): Promise<Banner> {
    const data = parse(createSchema, input);
    const [snapshot, all] = await Promise.all([imageSnapshot(store, data.image, IMAGE_FIELD, IMAGE_LABEL), Banners.all(store)]);
    if (all.length >= MAX_BANNERS) throw tooMany();
    const now = new Date().toISOString();
    const banner: Banner = {
      id: options.id ?? randomUUID(),
      title: data.title,
      href: data.href,
      image: snapshot,
      order: data.order ?? Math.min(9999, all.reduce((max, b) => Math.max(max, b.order + 1), 0)),
      active: data.active ?? true,
      version: 1,
      createdAt: now,
      updatedAt: now,
      updatedBy: actor,
    };
    await transact(
      store,
      [
        bannerPut(store, banner, { new: true }),
        countUpdate(store, 1),
        MediaLibrary.useUpdate(store, snapshot.id, bannerUse(banner.id), "add"),
        auditPut(store, { actor, action: "banner.create", itemType: "banner", itemId: `banner-${banner.id}`, after: auditFields(banner) }),
      ],
      { onConditionFailed: (index) => (index === 1 ? tooMany() : index === 2 ? imageGone() : new AppError("CONFLICT", "Không tạo được ảnh liên kết, hãy thử lại.")) },
    );
    return banner;
  },

  /**
   * Changes title, link, image, order or active flag, conditional on `version` (409 with the
   * current one when stale). Choosing an image again takes a fresh snapshot (its alt text may
   * have changed); choosing another moves the use from the old image to the new one.
   */
  async update(store: Store, id: string, input: unknown, actor: Actor): Promise<Banner> {
    const data = parse(updateSchema, input);
    const current = await Banners.get(store, id);
    if (!current) throw missing();
    if (data.version !== current.version) throw stale(current.version);
    const snapshot = data.image === undefined ? current.image : await imageSnapshot(store, data.image, IMAGE_FIELD, IMAGE_LABEL);
    const next: Banner = {
      ...current,
      ...Object.fromEntries(EDITABLE.filter((key) => data[key] !== undefined).map((key) => [key, data[key]])),
      image: snapshot,
    };
    const changed = EDITABLE.filter((key) => next[key] !== current[key]);
    const imageChanged = !sameImage(snapshot, current.image);
    if (changed.length === 0 && !imageChanged) return current;
    const saved: Banner = { ...next, version: current.version + 1, updatedAt: new Date().toISOString(), updatedBy: actor };
    const otherImage = snapshot.id !== current.image.id;
    await transact(
      store,
      [
        bannerPut(store, saved, { version: current.version }),
        ...(otherImage
          ? [MediaLibrary.useUpdate(store, snapshot.id, bannerUse(id), "add"), MediaLibrary.useUpdate(store, current.image.id, bannerUse(id), "remove")]
          : []),
        auditPut(store, {
          actor,
          action: "banner.update",
          itemType: "banner",
          itemId: `banner-${id}`,
          before: auditFields({ ...Object.fromEntries(changed.map((key) => [key, current[key]])), ...(imageChanged ? { image: current.image } : {}) }),
          after: auditFields({ ...Object.fromEntries(changed.map((key) => [key, saved[key]])), ...(imageChanged ? { image: snapshot } : {}) }),
        }),
      ],
      { onConditionFailed: async (index) => (index === 1 && otherImage ? imageGone() : lostRace(store, id)) },
    );
    return saved;
  },

  /** Deletes a banner and releases its image; `version` (optional) must be the current one. */
  async remove(store: Store, id: string, actor: Actor, options: { version?: number } = {}): Promise<void> {
    const current = await Banners.get(store, id);
    if (!current) throw missing();
    if (options.version !== undefined && options.version !== current.version) throw stale(current.version);
    await transact(
      store,
      [
        {
          Delete: {
            TableName: store.table,
            Key: BannerKeys.item(id),
            ConditionExpression: "#version = :expected",
            ExpressionAttributeNames: { "#version": "version" },
            ExpressionAttributeValues: { ":expected": current.version },
          },
        },
        MediaLibrary.useUpdate(store, current.image.id, bannerUse(id), "remove"),
        countUpdate(store, -1),
        auditPut(store, { actor, action: "banner.delete", itemType: "banner", itemId: `banner-${id}`, before: auditFields(current) }),
      ],
      { onConditionFailed: () => lostRace(store, id) },
    );
  },
};

