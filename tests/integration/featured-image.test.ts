import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import type { User } from "../../functions/core/accounts/users";
import { MediaLibrary, type MediaRecord } from "../../functions/core/media/library";
import { createUpload } from "../../functions/core/media/uploads";
import { Articles } from "../../functions/core/reader/articles";
import type { AppError } from "../../functions/core/shared/errors";
import type { Store } from "../../functions/core/storage/store";
import { createSections, createUser } from "../support/auth";
import { articleEngine } from "../support/engine";
import { Samples } from "../support/media";
import { createTestStore } from "../support/store";

/**
 * An article's featured image is a media library image: checked when chosen (exists, image, ready,
 * with alt text), kept as a snapshot on the article, its view and its listing entry, and recorded
 * as a use so the library refuses to delete it.
 */
const uploader = { id: "u-phong-vien", name: "Lê Thu Hà" };
let store: Store;
let writer: User;
let board: User;
let photo: MediaRecord;

async function refused(promise: Promise<unknown>): Promise<AppError> {
  const error = (await promise.then(() => undefined, (e: unknown) => e)) as AppError | undefined;
  expect(error, "phải bị từ chối").toBeDefined();
  return error!;
}

const draft = (featuredImage?: unknown) =>
  articleEngine(store).create(writer, {
    kind: "news",
    title: "Khánh thành cầu Hòa Phong qua sông Lam",
    summary: "Cây cầu nối hai huyện phía bắc tỉnh Hòa Phong chính thức thông xe.",
    body: "<p>Sáng nay, tỉnh Hòa Phong khánh thành cầu mới.</p>",
    section: "kinh-te",
    ...(featuredImage === undefined ? {} : { featuredImage }),
  });

beforeAll(async () => {
  store = await createTestStore();
  await createSections(store);
  writer = await createUser(store, "writer", ["kinh-te"], "Lê Văn Viết");
  board = await createUser(store, "section-editor", ["kinh-te"], "Trần Thị Duyệt");
  // A real 1800 × 1200 photo: the pipeline makes 320–1600 WebP/JPEG copies and a placeholder.
  const bytes = await sharp({ create: { width: 1800, height: 1200, channels: 3, background: "#2a6f3c" } }).jpeg({ quality: 80 }).toBuffer();
  photo = await MediaLibrary.importFile(store, { filename: "Cầu Hòa Phong.jpg", bytes: new Uint8Array(bytes), uploadedBy: uploader });
  expect(photo).toMatchObject({ kind: "image", status: "ready", width: 1800, height: 1200 });
  expect(photo.alt).toBeUndefined();
}, 60_000);

describe("featured images of articles", () => {
  it("refuses an unknown id, a file that is not an image and an image still processing, naming featuredImage", async () => {
    const unknown = await refused(draft("khong-co-anh-nay"));
    expect(unknown).toMatchObject({ code: "VALIDATION", fields: { featuredImage: expect.any(String) } });
    expect(unknown.message).toContain("không có trong thư viện");

    const pdf = await MediaLibrary.importFile(store, { filename: "Báo cáo.pdf", bytes: Samples.pdf(), uploadedBy: uploader });
    const notImage = await refused(draft(pdf.id));
    expect(notImage).toMatchObject({ code: "VALIDATION", fields: { featuredImage: "Hãy chọn một ảnh." } });
    expect(notImage.message).toContain("không phải là ảnh");

    const ticket = await createUpload(store, { filename: "Ảnh chưa xong.jpg", contentType: "image/jpeg", size: 50_000 }, uploader);
    const processing = await refused(draft(ticket.id));
    expect(processing).toMatchObject({ code: "VALIDATION", fields: { featuredImage: "Ảnh chưa sẵn sàng." } });
    expect(processing.message).toContain("đang được xử lý");

    const malformed = await refused(draft("../ảnh"));
    expect(malformed).toMatchObject({ code: "VALIDATION", fields: { featuredImage: expect.any(String) } });
  });

  it("refuses an image without alt text, then takes it once the library has one", async () => {
    const error = await refused(draft(photo.id));
    expect(error).toMatchObject({ code: "VALIDATION", fields: { featuredImage: "Ảnh chưa có mô tả (alt)." } });
    expect(error.message).toBe("Ảnh đại diện (Cầu Hòa Phong.jpg) chưa có mô tả (alt). Hãy nhập mô tả ảnh trong thư viện rồi chọn lại.");

    photo = await MediaLibrary.update(store, photo.id, { alt: "Cầu Hòa Phong nhìn từ bờ nam sông Lam" });
    const { item } = await draft(photo.id);
    expect(item.featuredImage).toEqual({
      id: photo.id,
      alt: "Cầu Hòa Phong nhìn từ bờ nam sông Lam",
      width: 1800,
      height: 1200,
      placeholder: photo.placeholder,
      variants: photo.variants,
    });
    expect(item.featuredImage!.variants.map((v) => `${v.width}.${v.format}`)).toContain("1024.webp");
    expect(item.featuredImage!.placeholder).toMatch(/^data:image\/webp;base64,/);
  });

  it("carries the snapshot into the published view and the listing summary; the library refuses to delete the image", async () => {
    const engine = articleEngine(store);
    const { item } = await draft(photo.id);
    const approved = (await engine.approve(board, item.id, { version: item.version })).item;
    const view = await Articles.getPublished(store, approved.slug);
    expect(view.featuredImage).toEqual(item.featuredImage);
    const latest = await Articles.listLatest(store, { limit: 5 });
    const entry = latest.items.find((a) => a.id === item.id)!;
    expect(entry).not.toHaveProperty("body");
    expect(entry.featuredImage).toEqual(item.featuredImage);

    const busy = await refused(MediaLibrary.remove(store, photo.id));
    expect(busy).toMatchObject({ code: "CONFLICT" });
    expect((await MediaLibrary.get(store, photo.id))!.uses).toContain(`articles#${item.id}`);
  });

  it("keeps the snapshot through edits that leave it alone, re-reads it when chosen again, removes it with null or \"\"", async () => {
    const engine = articleEngine(store);
    let { item } = await draft(photo.id);
    item = (await engine.update(writer, item.id, { version: item.version, title: "Cầu Hòa Phong thông xe" })).item;
    expect(item.featuredImage!.alt).toBe("Cầu Hòa Phong nhìn từ bờ nam sông Lam");

    photo = await MediaLibrary.update(store, photo.id, { alt: "Cầu Hòa Phong trong ngày thông xe" });
    item = (await engine.update(writer, item.id, { version: item.version, featuredImage: photo.id })).item;
    expect(item.featuredImage!.alt).toBe("Cầu Hòa Phong trong ngày thông xe");

    item = (await engine.update(writer, item.id, { version: item.version, featuredImage: null })).item;
    expect(item.featuredImage).toBeUndefined();
    item = (await engine.update(writer, item.id, { version: item.version, featuredImage: photo.id })).item;
    item = (await engine.update(writer, item.id, { version: item.version, featuredImage: "" })).item;
    expect(item).not.toHaveProperty("featuredImage");
  });

  it("still reads an old article whose image is a typed address", async () => {
    const { item } = await draft();
    const edited = (await articleEngine(store).update(writer, item.id, { version: item.version, image: "/media/anh-cu/anh.jpg" })).item;
    expect(edited).toMatchObject({ image: "/media/anh-cu/anh.jpg" });
    expect(edited).not.toHaveProperty("featuredImage");
  });
});
