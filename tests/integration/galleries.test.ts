/**
 * Photo reportages through the engine, against DynamoDB Local and s3rver: ordered photos resolved
 * from the library (captions and credits defaulting to the library's), 400s naming "Ảnh thứ N",
 * duplicates refused, the report's exact `galleries` count, search, sitemap media, media uses (a
 * used photo cannot be deleted), numbered pages and the idempotent seed.
 */
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "../../functions/core/accounts/users";
import { galleries, galleryImport, PHOTOS_PER_SAVE } from "../../functions/core/content/galleries";
import { MediaLibrary } from "../../functions/core/media/library";
import { createUpload } from "../../functions/core/media/uploads";
import { resolveCounters } from "../../functions/core/metrics/counters";
import { parseReportQuery, Reports } from "../../functions/core/metrics/reports";
import { createEngine } from "../../functions/core/publishing/engine";
import { invalidationEffects, RecordingInvalidator } from "../../functions/core/publishing/invalidation";
import { Galleries, gallerySitemap } from "../../functions/core/reader/galleries";
import { Search } from "../../functions/core/reader/search";
import { SectionAdmin } from "../../functions/core/sections/section-admin";
import type { AppError } from "../../functions/core/shared/errors";
import { vietnamDay } from "../../functions/core/shared/time";
import type { Store } from "../../functions/core/storage/store";
import { minimalPdf } from "../../scripts/seed/documents";
import { DEMO_GALLERIES, seedGalleries } from "../../scripts/seed/galleries";
import { createSections } from "../support/auth";
import { createTestStore } from "../support/store";

const writer: SessionUser = { id: "u-writer", email: "viet@hoaphong.example.vn", name: "Lê Văn Viết", role: "writer", sections: ["tin-tuc-su-kien", "kinh-te"] };
const board: SessionUser = { id: "u-board", email: "duyet@hoaphong.example.vn", name: "Trần Thị Duyệt", role: "section-editor", sections: ["tin-tuc-su-kien", "kinh-te"] };
const system = { id: "u-admin", name: "Quản trị" };
const counters = resolveCounters({ shards: 1, cacheMs: 0 });
const invalidator = new RecordingInvalidator();
let store: Store;
/** Ready images with alt text (the first two with a library caption and credit). */
const photos: string[] = [];
let noAlt: string;

const eng = () => createEngine(galleries, { store, effects: invalidationEffects(store, invalidator) });
const report = async (day: string) => (await Reports.activity(store, counters, parseReportQuery({ from: day, to: day }), Date.now())).published;
const list = (...ids: string[]) => ids.map((media) => ({ media }));

async function refused(promise: Promise<unknown>): Promise<AppError> {
  const error = (await promise.then(() => undefined, (e: unknown) => e)) as AppError | undefined;
  expect(error, "phải bị từ chối").toBeDefined();
  return error!;
}

async function publish(input: Record<string, unknown>) {
  const e = eng();
  let { item } = await e.create(writer, { summary: "Phóng sự ảnh của Trung tâm Văn hóa - Truyền thông tỉnh.", ...input });
  ({ item } = await e.submit(writer, item.id, { version: item.version }));
  ({ item } = await e.approve(board, item.id, { version: item.version }));
  expect(item.status).toBe("published");
  return item;
}

async function image(filename: string, colour: string, fields: { alt?: string; caption?: string; credit?: string } = {}) {
  const bytes = await sharp({ create: { width: 1280, height: 853, channels: 3, background: colour } }).jpeg({ quality: 80 }).toBuffer();
  const record = await MediaLibrary.importFile(store, { filename, bytes: new Uint8Array(bytes), uploadedBy: system });
  expect(record.status).toBe("ready");
  if (Object.keys(fields).length) await MediaLibrary.update(store, record.id, fields);
  return record.id;
}

beforeAll(async () => {
  store = await createTestStore();
  await createSections(store);
  await SectionAdmin.create(store, { slug: "tin-tuc-su-kien", name: "Tin tức - Sự kiện", description: "", order: 0 });
  photos.push(await image("Bến sông Vân.jpg", "#1d6f8c", { alt: "Bến sông Vân buổi sáng", caption: "Bến sông Vân ngày khai hội.", credit: "Nguyễn Văn Ảnh" }));
  photos.push(await image("Đội thuyền.jpg", "#8c1d1d", { alt: "Đội thuyền rồng xuất phát", caption: "Các đội thuyền xuất phát.", credit: "Trần Thị Máy" }));
  for (const [i, colour] of ["#2a6f3c", "#6f5a2a", "#3c2a6f", "#6f2a5a"].entries()) photos.push(await image(`Ảnh ${i + 3}.jpg`, colour, { alt: `Khán giả cổ vũ, góc chụp ${i + 3}` }));
  noAlt = await image("Ảnh chưa có mô tả.jpg", "#555555");
}, 90_000);

describe("galleries", () => {
  it("publishes photos in the given order, captions and credits defaulting to the library's; cover, search, sitemap, invalidation", async () => {
    const order = [photos[2]!, photos[0]!, photos[1]!];
    const item = await publish({
      title: "Lễ hội đua thuyền trên sông Vân",
      photos: [{ media: order[0] }, { media: order[1] }, { media: order[2], caption: "Về đích <b>trong</b>   tiếng reo hò.", credit: "" }],
    });
    expect(item.sectionId).toBe("tin-tuc-su-kien");
    expect(item.photos.map((p: { image: { id: string } }) => p.image.id)).toEqual(order);
    expect(item.photos[0]).toMatchObject({ caption: "", credit: "", image: { alt: "Khán giả cổ vũ, góc chụp 3", width: 1280, height: 853, variants: expect.any(Array) } });
    expect(item.photos[1]).toMatchObject({ caption: "Bến sông Vân ngày khai hội.", credit: "Nguyễn Văn Ảnh" });
    // Given text wins, "" included: the editor may remove the library's credit.
    expect(item.photos[2]).toMatchObject({ caption: "Về đích trong tiếng reo hò.", credit: "" });

    const view = await Galleries.get(store, item.slug);
    expect(view).toMatchObject({ id: item.id, photoCount: 3, cover: { id: order[0] }, approvedBy: { id: board.id } });
    expect(view.photos.map((p) => p.image.id)).toEqual(order);
    expect(invalidator.paths).toEqual(expect.arrayContaining([`/thu-vien-anh/${item.slug}`, "/thu-vien-anh*"]));

    const hits = (await Search.query(store, "ve dich tieng reo ho")).hits;
    expect(hits.map((hit) => [hit.id, hit.kind, hit.url])).toEqual([[item.id, "galleries", `/thu-vien-anh/${item.slug}`]]);

    const sitemap = gallerySitemap(view as unknown as Record<string, unknown>);
    expect(sitemap.images).toHaveLength(3);
    expect(sitemap.images![0]).toMatch(new RegExp(`^/media/${order[0]}/\\d+\\.jpg$`));

    // A featured image becomes the cover.
    let { item: edited } = await eng().update(writer, item.id, { version: item.version, featuredImage: photos[3] });
    ({ item: edited } = await eng().approve(board, edited.id, { version: edited.version }));
    expect((await Galleries.get(store, item.slug)).cover.id).toBe(photos[3]);
  });

  it("refuses a photo without alt, not ready, not an image or unknown with a 400 naming it", async () => {
    const create = (list: unknown) => eng().create(writer, { title: "Ảnh có vấn đề", photos: list });
    const noAltError = await refused(create([{ media: photos[0] }, { media: noAlt }]));
    expect(noAltError).toMatchObject({ code: "VALIDATION", fields: { "photos.1.media": "Ảnh chưa có mô tả (alt)." } });
    expect(noAltError.message).toContain("Ảnh thứ 2 (Ảnh chưa có mô tả.jpg) chưa có mô tả (alt)");

    const ticket = await createUpload(store, { filename: "Ảnh chưa xong.jpg", contentType: "image/jpeg", size: 50_000 }, system);
    const processing = await refused(create(list(photos[0]!, photos[1]!, ticket.id)));
    expect(processing).toMatchObject({ code: "VALIDATION", fields: { "photos.2.media": "Ảnh chưa sẵn sàng." } });
    expect(processing.message).toMatch(/^Ảnh thứ 3 .*đang được xử lý/);

    const pdf = await MediaLibrary.importFile(store, { filename: "Báo cáo.pdf", bytes: minimalPdf(["BAO CAO"]), uploadedBy: system });
    const notImage = await refused(create(list(pdf.id)));
    expect(notImage).toMatchObject({ code: "VALIDATION", fields: { "photos.0.media": "Hãy chọn một ảnh." } });
    expect(notImage.message).toContain("không phải là ảnh");

    const unknown = await refused(create(list(photos[0]!, "khong-co-anh-nay")));
    expect(unknown).toMatchObject({ code: "VALIDATION", fields: { "photos.1.media": "Không tìm thấy ảnh." } });
    expect(unknown.message).toContain("Ảnh thứ 2 không có trong thư viện");

    const malformed = await refused(create([{ media: photos[0] }, { media: "../x" }, "chuỗi"]));
    expect(malformed.fields).toMatchObject({ "photos.1.media": expect.stringContaining("Ảnh thứ 2"), "photos.2.media": expect.stringContaining("Ảnh thứ 3") });
    expect((await refused(create([]))).fields).toMatchObject({ photos: "Phóng sự ảnh cần ít nhất một ảnh." });
    expect((await refused(create("không phải mảng"))).fields).toMatchObject({ photos: expect.any(String) });
    expect((await refused(create(list(...Array.from({ length: 201 }, () => photos[0]!))))).fields).toMatchObject({ photos: "Phóng sự ảnh có tối đa 200 ảnh." });
    const tooMany = Array.from({ length: PHOTOS_PER_SAVE + 1 }, (_, i) => `anh-so-${i}`);
    expect(await refused(create(list(...tooMany)))).toMatchObject({ code: "VALIDATION", fields: { photos: `Tối đa ${PHOTOS_PER_SAVE} ảnh.` } });
    // A caption that is not text names the photo too.
    expect((await refused(create([{ media: photos[0], caption: 5 }]))).fields).toMatchObject({ "photos.0.caption": "Ảnh thứ 1: chú thích phải là chuỗi ký tự." });
  });

  it("refuses the same photo twice, on create and on edit", async () => {
    const dup = await refused(eng().create(writer, { title: "Ảnh trùng", photos: list(photos[0]!, photos[1]!, photos[0]!) }));
    expect(dup).toMatchObject({ code: "VALIDATION", fields: { "photos.2.media": "Ảnh thứ 3: trùng với ảnh thứ 1; mỗi ảnh chỉ đưa vào phóng sự một lần." } });
    const { item } = await eng().create(writer, { title: "Ảnh không trùng", photos: list(photos[0]!) });
    expect((await refused(eng().update(writer, item.id, { version: item.version, photos: list(photos[1]!, photos[1]!) }))).fields).toMatchObject({ "photos.1.media": expect.any(String) });
  });

  it("counts published reportages exactly under `galleries` in the report, and undoes the count on unpublish", async () => {
    const day = vietnamDay(new Date().toISOString());
    const before = (await report(day)).byKind.galleries ?? 0;
    const a = await publish({ title: "Phóng sự thứ nhất trong ngày", photos: list(photos[4]!) });
    const b = await publish({ title: "Phóng sự thứ hai trong ngày", photos: list(photos[5]!, photos[4]!) });
    expect((await report(day)).byKind.galleries).toBe(before + 2);
    // An edit and re-approval is the same publication.
    let { item } = await eng().update(writer, a.id, { version: a.version, summary: "Tóm tắt đã sửa." });
    ({ item } = await eng().approve(board, item.id, { version: item.version }));
    expect((await report(day)).byKind.galleries).toBe(before + 2);
    await eng().unpublish(board, b.id, { version: b.version });
    expect((await report(day)).byKind.galleries).toBe(before + 1);
    await eng().importPublished(galleryImport({ sectionId: "kinh-te", title: "Tư liệu ảnh năm 2023", summary: "Lưu trữ.", photos: list(photos[3]!), publishedAt: "2023-06-05T09:00:00+07:00" }), system);
    expect((await report("2023-06-05")).byKind).toMatchObject({ galleries: 1 });
  });

  it("keeps used photos in the library; deleting the draft releases them (an edit keeps its uses: the engine's rule)", async () => {
    const a = await image("Ảnh dùng A.jpg", "#123456", { alt: "Ảnh A" });
    const b = await image("Ảnh dùng B.jpg", "#654321", { alt: "Ảnh B" });
    let { item } = await eng().create(writer, { title: "Bản nháp dùng hai ảnh", photos: list(a, b) });
    for (const id of [a, b]) {
      expect((await MediaLibrary.get(store, id))!.uses).toContain(`galleries#${item.id}`);
      expect(await refused(MediaLibrary.remove(store, id))).toMatchObject({ code: "CONFLICT" });
    }
    // The edit drops B from the reportage, but a revision (and, once published, the live view) still shows it.
    ({ item } = await eng().update(writer, item.id, { version: item.version, photos: list(a) }));
    expect(item.photos.map((p: { image: { id: string } }) => p.image.id)).toEqual([a]);
    expect((await MediaLibrary.get(store, b))!.uses).toContain(`galleries#${item.id}`);
    await eng().remove(writer, item.id, { version: item.version });
    for (const id of [a, b]) expect((await MediaLibrary.get(store, id))!.uses ?? []).not.toContain(`galleries#${item.id}`);
    await MediaLibrary.remove(store, b);
    expect(await MediaLibrary.get(store, b)).toBeUndefined();
  });

  it("pages every live reportage newest first from the kind's counts", async () => {
    const all: string[] = [];
    let page = 1;
    let pages = 1;
    do {
      const listing = await Galleries.page(store, page, 2);
      pages = listing.pages;
      expect(listing.items.length).toBeLessThanOrEqual(2);
      for (const item of listing.items) expect(item).not.toHaveProperty("photos");
      all.push(...listing.items.map((item) => item.publishedAt));
      page++;
    } while (page <= pages);
    expect(all.length).toBe((await Galleries.page(store, 1, 100)).total);
    expect([...all].sort().reverse()).toEqual(all);
    expect((await Galleries.page(store, pages + 1, 2)).items).toEqual([]);
  });

  it("seeds three reportages of 6–8 drawn photos with captions and credits, once", async () => {
    const fresh = await createTestStore();
    await createSections(fresh);
    await SectionAdmin.create(fresh, { slug: "tin-tuc-su-kien", name: "Tin tức - Sự kiện", description: "", order: 0 });
    expect(await seedGalleries(fresh, system)).toBe(3);
    expect(await seedGalleries(fresh, system)).toBe(0);
    const listing = await Galleries.page(fresh, 1);
    expect(listing.total).toBe(3);
    for (const demo of DEMO_GALLERIES) {
      expect(demo.photos.length).toBeGreaterThanOrEqual(6);
      expect(demo.photos.length).toBeLessThanOrEqual(8);
      const summary = listing.items.find((item) => item.title === demo.title)!;
      const view = await Galleries.get(fresh, summary.slug);
      expect(view.photos.map((p) => p.caption)).toEqual(demo.photos.map((p) => p.caption));
      expect(view.photos.every((p) => p.credit === demo.credit && p.image.alt.length > 0)).toBe(true);
      // The pipeline made a 1200 px JPEG to share.
      expect(view.cover.variants.some((v) => v.width === 1200 && v.format === "jpeg")).toBe(true);
    }
  }, 120_000);
});
