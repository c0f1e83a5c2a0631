import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "../../functions/core/accounts/users";
import { consultations } from "../../functions/core/content/consultations";
import { documents } from "../../functions/core/content/documents";
import { MediaLibrary, type MediaRecord } from "../../functions/core/media/library";
import type { ContentKind } from "../../functions/core/publishing/kind";
import { createEngine } from "../../functions/core/publishing/engine";
import { Published } from "../../functions/core/reader/published";
import { SectionAdmin } from "../../functions/core/sections/section-admin";
import type { Store } from "../../functions/core/storage/store";
import { tinyPdf } from "../../scripts/seed/pdf";
import { createSections } from "../support/auth";
import { createTestStore } from "../support/store";

/**
 * Every kind takes `featuredImage` the way articles do (core/media/snapshots.ts): an image without
 * alt text is refused naming the field, the chosen one is kept as a snapshot on the published view,
 * it is a use in the library while chosen, and `null` removes it from the working copy (the use
 * stays while the item exists: a published view may still show it).
 */
const writer: SessionUser = { id: "u-writer", email: "viet@hoaphong.example.vn", name: "Lê Văn Viết", role: "writer", sections: ["van-ban", "kinh-te"] };
const board: SessionUser = { id: "u-board", email: "duyet@hoaphong.example.vn", name: "Trần Thị Duyệt", role: "section-editor", sections: ["van-ban", "kinh-te"] };
const by = { id: board.id, name: board.name };
let store: Store;
let pdf: string;
let photo: MediaRecord;
let bare: MediaRecord;

beforeAll(async () => {
  store = await createTestStore();
  await createSections(store);
  await SectionAdmin.create(store, { slug: "van-ban", name: "Văn bản", description: "", order: 3 });
  pdf = (await MediaLibrary.importFile(store, { filename: "Chỉ thị.pdf", bytes: tinyPdf(["CHI THI"]), uploadedBy: by })).id;
  const jpeg = async (colour: string) => new Uint8Array(await sharp({ create: { width: 1400, height: 900, channels: 3, background: colour } }).jpeg().toBuffer());
  photo = await MediaLibrary.importFile(store, { filename: "Trụ sở Tỉnh ủy.jpg", bytes: await jpeg("#8a2b2b"), uploadedBy: by });
  photo = await MediaLibrary.update(store, photo.id, { alt: "Trụ sở Tỉnh ủy Hòa Phong nhìn từ quảng trường" });
  bare = await MediaLibrary.importFile(store, { filename: "Chưa mô tả.jpg", bytes: await jpeg("#2b5f8a"), uploadedBy: by });
}, 60_000);

const cases: { name: string; kind: ContentKind<any, any>; input: () => Record<string, unknown> }[] = [
  {
    name: "documents",
    kind: documents,
    input: () => ({ docType: "chi-thi", number: "21-CT/TU", issuer: "Tỉnh ủy Hòa Phong", issuedAt: "2026-10-02", subject: "Về tăng cường công tác dân vận", files: [pdf] }),
  },
  {
    name: "consultations",
    kind: consultations,
    input: () => ({
      title: "Dự thảo Quy chế văn hóa công sở",
      summary: "Lấy ý kiến về quy chế văn hóa công sở.",
      body: "<p>Điều 1. Phạm vi.</p>",
      section: "kinh-te",
      files: [pdf],
      opensAt: new Date(Date.now() - 86_400_000).toISOString(),
      closesAt: new Date(Date.now() + 40 * 86_400_000).toISOString(),
      receiver: { unit: "Văn phòng Tỉnh ủy", address: "Số 1 đường Trần Hưng Đạo", email: "gopy@hoaphong.example.vn" },
    }),
  },
];

describe.each(cases)("featured image on $name", ({ kind, input }) => {
  it("refuses an image without alt text, keeps a chosen one on the published view, removes it with null", async () => {
    const engine = createEngine(kind, { store });
    const error = await engine.create(writer, { ...input(), featuredImage: bare.id }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "VALIDATION", fields: { featuredImage: "Ảnh chưa có mô tả (alt)." } });

    let { item } = await engine.create(writer, { ...input(), featuredImage: photo.id });
    ({ item } = await engine.submit(writer, item.id, { version: item.version }));
    ({ item } = await engine.approve(board, item.id, { version: item.version }));
    const view = (await Published.get(store, kind.space, item.slug, "Không tìm thấy.")) as { featuredImage?: { id: string; alt: string; variants: { url: string }[] } } | undefined;
    expect(view?.featuredImage).toMatchObject({ id: photo.id, alt: "Trụ sở Tỉnh ủy Hòa Phong nhìn từ quảng trường", width: 1400, height: 900 });
    expect(view!.featuredImage!.variants.some((v) => v.url === `/media/${photo.id}/1200.jpg`)).toBe(true);
    expect((await MediaLibrary.get(store, photo.id))?.uses).toContain(`${kind.name}#${item.id}`);
    await expect(MediaLibrary.remove(store, photo.id)).rejects.toMatchObject({ code: "CONFLICT" });

    ({ item } = await engine.update(board, item.id, { version: item.version, featuredImage: null }));
    expect((item as { featuredImage?: unknown }).featuredImage).toBeUndefined();
    // Readers still see it until the edit is approved: the library must keep refusing its deletion.
    expect((await MediaLibrary.get(store, photo.id))?.uses).toContain(`${kind.name}#${item.id}`);
  });
});
