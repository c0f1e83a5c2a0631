/**
 * Media ids chosen by editors → the snapshots content keeps of them (editor-side: zod).
 *
 * Every kind takes `featuredImage?: mediaId`: the schema field is `featuredImageField`, the
 * descriptor keeps `chosenImage(...)` (an unresolved `{ id }`) from fromCreate/applyUpdate, and its
 * `prepare` hook calls `resolveFeatured` (the snapshot, 400 naming the field when the image is
 * missing, not an image, not ready or without alt text); `mediaRefs` lists `featuredRefs(content)`.
 * Galleries resolve their photos with `imageSnapshots` (one BatchGet for the lot).
 */
import { z } from "zod";
import { invalid } from "../shared/errors";
import type { Store } from "../storage/store";
import type { ImageSnapshot } from "../reader/images";
import { MediaLibrary, type MediaRecord } from "./library";
import { MEDIA_ID } from "./types";

export const FEATURED_IMAGE = "featuredImage";

/** A media library id; "" or null removes the image. */
export const featuredImageField = z.union([
  z.literal(""),
  z.null(),
  z.string({ error: "Ảnh đại diện phải là mã ảnh trong thư viện." }).regex(MEDIA_ID, { error: "Mã ảnh đại diện không hợp lệ." }),
]);

/** An image chosen but not resolved yet: its media id only (`prepare` makes it a snapshot). */
export const pendingImage = (id: string) => ({ id }) as ImageSnapshot;
export const isResolved = (image: ImageSnapshot) => Array.isArray(image.variants);

/**
 * The image of a create or edit: undefined keeps `current`, null/"" removes it, an id is resolved
 * again by `prepare` (the library's alt may have changed since it was first chosen).
 */
export function chosenImage(value: unknown, current: ImageSnapshot | undefined): ImageSnapshot | undefined {
  if (value === undefined) return current;
  return typeof value === "string" && value ? pendingImage(value) : undefined;
}

/** The snapshot of one record, or the Vietnamese 400 saying why it cannot be shown (`which` names it). */
export function snapshotOf(record: MediaRecord | undefined, id: string, field: string, which: string): ImageSnapshot {
  if (!record) throw invalid(`${which} không có trong thư viện (mã ${id}).`, { [field]: "Không tìm thấy ảnh." });
  if (record.kind !== "image") throw invalid(`Tệp “${record.filename}” không phải là ảnh, không dùng làm ${which.toLowerCase()} được.`, { [field]: "Hãy chọn một ảnh." });
  if (record.status !== "ready" || !record.variants?.length || !record.width || !record.height)
    throw invalid(
      record.status === "failed"
        ? `${which} (${record.filename}) bị lỗi: ${record.error ?? "không xử lý được"}`
        : `${which} (${record.filename}) đang được xử lý, hãy chờ giây lát rồi lưu lại.`,
      { [field]: "Ảnh chưa sẵn sàng." },
    );
  const alt = (record.alt ?? "").trim();
  // Readers who cannot see the image get the description; nothing is published without one.
  if (!alt) throw invalid(`${which} (${record.filename}) chưa có mô tả (alt). Hãy nhập mô tả ảnh trong thư viện rồi chọn lại.`, { [field]: "Ảnh chưa có mô tả (alt)." });
  return {
    id,
    alt,
    width: record.width,
    height: record.height,
    ...(record.placeholder ? { placeholder: record.placeholder } : {}),
    variants: record.variants.map(({ width, format, url }) => ({ width, format, url })),
  };
}

/** One image by id (featured image, poster, banner). */
export async function imageSnapshot(store: Store, id: string, field = FEATURED_IMAGE, which = "Ảnh đại diện"): Promise<ImageSnapshot> {
  return snapshotOf(await MediaLibrary.get(store, id), id, field, which);
}

/** Several images in one BatchGet, in the given order; `which(i)` names the i-th in messages ("Ảnh thứ 3"). */
export async function imageSnapshots(store: Store, ids: string[], field: string, which: (index: number) => string): Promise<ImageSnapshot[]> {
  const records = await MediaLibrary.getMany(store, ids);
  return ids.map((id, index) => snapshotOf(records.get(id), id, field, which(index)));
}

/** The `prepare` step of any kind with `featuredImage`: a newly chosen image becomes its snapshot; a resolved one (edit, restore) stays. */
export async function resolveFeatured<C extends { featuredImage?: ImageSnapshot }>(content: C, store: Store): Promise<C> {
  if (!content.featuredImage || isResolved(content.featuredImage)) return content;
  return { ...content, featuredImage: await imageSnapshot(store, content.featuredImage.id) };
}

/** The `mediaRefs` share of the featured image. */
export const featuredRefs = (content: { featuredImage?: ImageSnapshot }): string[] => (content.featuredImage ? [content.featuredImage.id] : []);
