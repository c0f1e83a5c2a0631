/**
 * Linked banners (ảnh liên kết) against DynamoDB Local and s3rver: what an admin may save (links,
 * images with alt text), order and the active flag as the sidebar reads them, optimistic
 * versions, the limit, the audit trail, and the media library's uses (an image a banner shows
 * cannot be deleted; it is released when the banner lets it go).
 */
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { MediaLibrary, type MediaRecord } from "../../functions/core/media/library";
import { Audit } from "../../functions/core/publishing/audit";
import type { AppError } from "../../functions/core/shared/errors";
import { BannerAdmin, normalizeHref } from "../../functions/core/site/banner-admin";
import { Banners, MAX_BANNERS, bannerUse } from "../../functions/core/site/banners";
import type { Store } from "../../functions/core/storage/store";
import { Samples } from "../support/media";
import { createTestStore } from "../support/store";

const admin = { id: "u-quan-tri", name: "Nguyễn Văn Quản" };
let store: Store;
let photo: MediaRecord;
let other: MediaRecord;
let noAlt: MediaRecord;

async function refused(promise: Promise<unknown>): Promise<AppError> {
  const error = (await promise.then(() => undefined, (e: unknown) => e)) as AppError | undefined;
  expect(error, "phải bị từ chối").toBeDefined();
  return error!;
}

async function image(filename: string, colour: string, alt?: string): Promise<MediaRecord> {
  const bytes = await sharp({ create: { width: 1200, height: 420, channels: 3, background: colour } }).jpeg({ quality: 80 }).toBuffer();
  const record = await MediaLibrary.importFile(store, { filename, bytes: new Uint8Array(bytes), uploadedBy: admin });
  return alt ? MediaLibrary.update(store, record.id, { alt }) : record;
}

const input = (overrides: Record<string, unknown> = {}) => ({
  title: "Cổng Dịch vụ công quốc gia",
  image: photo.id,
  href: "https://dichvucong.gov.vn",
  order: 10,
  active: true,
  ...overrides,
});

beforeAll(async () => {
  store = await createTestStore();
  photo = await image("Biểu ngữ dịch vụ công.jpg", "#0b3d91", "Biểu ngữ Cổng Dịch vụ công quốc gia");
  other = await image("Biểu ngữ Chính phủ.jpg", "#7f1d1d", "Biểu ngữ Cổng Thông tin điện tử Chính phủ");
  noAlt = await image("Chưa mô tả.jpg", "#1b5e20");
}, 60_000);

describe("what a banner may hold", () => {
  it("accepts http(s) URLs and site paths, refuses everything else naming href", async () => {
    expect(normalizeHref("https://chinhphu.vn")).toBe("https://chinhphu.vn/");
    expect(normalizeHref(" /gop-y?trang=2#binh-luan ")).toBe("/gop-y?trang=2#binh-luan");
    expect(normalizeHref("HTTP://Dichvucong.GOV.vn/p/home")).toBe("http://dichvucong.gov.vn/p/home");
    for (const bad of [
      "javascript:alert(1)",
      "JavaScript:alert(1)",
      "java\tscript:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "//evil.example.com/",
      "/\\evil.example.com",
      "\\\\evil.example.com",
      "ftp://files.example.com/",
      "https://chinhphu.vn@evil.example.com/",
      "https://user:pass@chinhphu.vn/",
      "gop-y",
      "https://",
      "/gop y",
      `https://chinhphu.vn/${"a".repeat(481)}`, // 501 characters
      "",
    ]) {
      expect(normalizeHref(bad), bad).toBeUndefined();
    }
    const error = await refused(BannerAdmin.create(store, input({ href: "javascript:alert(1)" }), admin));
    expect(error).toMatchObject({ code: "VALIDATION", fields: { href: expect.stringContaining("http") } });
    const long = await refused(BannerAdmin.create(store, input({ href: `/${"a".repeat(500)}` }), admin));
    expect(long.fields).toMatchObject({ href: expect.stringContaining("500") });
  });

  it("refuses a missing or too long title, a bad order and a bad active flag", async () => {
    expect((await refused(BannerAdmin.create(store, input({ title: "  " }), admin))).fields).toHaveProperty("title");
    expect((await refused(BannerAdmin.create(store, input({ title: "<b></b>" }), admin))).fields).toHaveProperty("title");
    expect((await refused(BannerAdmin.create(store, input({ title: "Đ".repeat(151) }), admin))).fields).toHaveProperty("title");
    expect((await refused(BannerAdmin.create(store, input({ order: 1.5 }), admin))).fields).toHaveProperty("order");
    expect((await refused(BannerAdmin.create(store, input({ order: -1 }), admin))).fields).toHaveProperty("order");
    expect((await refused(BannerAdmin.create(store, input({ active: "có" }), admin))).fields).toHaveProperty("active");
    expect(await Banners.all(store)).toEqual([]);
  });

  it("takes only a ready library image with alt text, naming the image field", async () => {
    const unknown = await refused(BannerAdmin.create(store, input({ image: "khong-co-anh-nay" }), admin));
    expect(unknown).toMatchObject({ code: "VALIDATION", fields: { image: expect.any(String) } });
    expect(unknown.message).toContain("Ảnh liên kết không có trong thư viện");

    const withoutAlt = await refused(BannerAdmin.create(store, input({ image: noAlt.id }), admin));
    expect(withoutAlt).toMatchObject({ code: "VALIDATION", fields: { image: "Ảnh chưa có mô tả (alt)." } });

    const pdf = await MediaLibrary.importFile(store, { filename: "Báo cáo.pdf", bytes: Samples.pdf(), uploadedBy: admin });
    const notImage = await refused(BannerAdmin.create(store, input({ image: pdf.id }), admin));
    expect(notImage).toMatchObject({ code: "VALIDATION", fields: { image: "Hãy chọn một ảnh." } });
    expect((await MediaLibrary.get(store, noAlt.id))!.uses).toBeUndefined();
    expect(await Banners.all(store)).toEqual([]);
  });

  it("keeps a snapshot of the image and a plain-text title", async () => {
    const banner = await BannerAdmin.create(store, input({ title: "  Cổng <i>Dịch vụ công</i> quốc gia " }), admin);
    expect(banner.title).toBe("Cổng Dịch vụ công quốc gia");
    expect(banner.href).toBe("https://dichvucong.gov.vn/");
    expect(banner.image).toMatchObject({ id: photo.id, alt: "Biểu ngữ Cổng Dịch vụ công quốc gia", width: 1200, height: 420 });
    expect(banner.image.variants.length).toBeGreaterThan(2);
    expect(banner).toMatchObject({ order: 10, active: true, version: 1, updatedBy: admin });
    await BannerAdmin.remove(store, banner.id, admin);
  });
});

describe("order, active flag and versions", () => {
  it("lists banners in order; the sidebar read has the active ones only", async () => {
    const third = await BannerAdmin.create(store, input({ title: "Góp ý dự thảo", href: "/gop-y", order: 30 }), admin);
    const first = await BannerAdmin.create(store, input({ title: "Cổng Dịch vụ công tỉnh Hòa Phong", order: 10 }), admin);
    const second = await BannerAdmin.create(store, input({ title: "Cổng Thông tin điện tử Chính phủ", image: other.id, href: "https://chinhphu.vn", order: 20 }), admin);
    const last = await BannerAdmin.create(store, input({ title: "Lịch công tác", href: "/lich-cong-tac", order: undefined }), admin);
    expect(last.order).toBe(31); // after the others

    expect((await Banners.all(store)).map((b) => b.title)).toEqual([first.title, second.title, third.title, last.title]);
    expect((await Banners.active(store)).map((b) => b.title)).toEqual([first.title, second.title, third.title, last.title]);

    const hidden = await BannerAdmin.update(store, second.id, { version: 1, active: false }, admin);
    expect(hidden).toMatchObject({ active: false, version: 2 });
    const moved = await BannerAdmin.update(store, third.id, { version: 1, order: 5 }, admin);
    expect(moved.order).toBe(5);

    const active = await Banners.active(store);
    expect(active.map((b) => b.title)).toEqual([third.title, first.title, last.title]);
    // Readers get what the sidebar shows, nothing of the bookkeeping.
    expect(Object.keys(active[0]!).sort()).toEqual(["href", "id", "image", "title"]);
    expect((await Banners.all(store)).map((b) => b.title)).toEqual([third.title, first.title, second.title, last.title]);

    await BannerAdmin.update(store, second.id, { version: 2, active: true }, admin);
    expect((await Banners.active(store)).map((b) => b.title)).toEqual([third.title, first.title, second.title, last.title]);
    for (const banner of await Banners.all(store)) await BannerAdmin.remove(store, banner.id, admin);
    expect(await Banners.active(store)).toEqual([]);
  });

  it("answers 409 with the current version on a stale edit or delete, 404 for an unknown banner", async () => {
    const banner = await BannerAdmin.create(store, input(), admin);
    await BannerAdmin.update(store, banner.id, { version: 1, title: "Cổng Dịch vụ công Quốc gia" }, admin);
    const stale = await refused(BannerAdmin.update(store, banner.id, { version: 1, title: "Bản cũ" }, admin));
    expect(stale).toMatchObject({ code: "CONFLICT", details: { currentVersion: 2 } });
    expect((await Banners.get(store, banner.id))!.title).toBe("Cổng Dịch vụ công Quốc gia");
    expect((await refused(BannerAdmin.update(store, banner.id, { title: "Không có phiên bản" }, admin))).fields).toHaveProperty("version");
    expect(await refused(BannerAdmin.remove(store, banner.id, admin, { version: 1 }))).toMatchObject({ code: "CONFLICT", details: { currentVersion: 2 } });

    // A patch that changes nothing writes nothing.
    const same = await BannerAdmin.update(store, banner.id, { version: 2, title: "Cổng Dịch vụ công Quốc gia", active: true }, admin);
    expect(same.version).toBe(2);
    expect((await BannerAdmin.update(store, banner.id, { version: 2, image: photo.id }, admin)).version).toBe(2);

    await BannerAdmin.remove(store, banner.id, admin, { version: 2 });
    expect(await Banners.get(store, banner.id)).toBeUndefined();
    expect(await refused(BannerAdmin.update(store, banner.id, { version: 2, title: "Đã xóa" }, admin))).toMatchObject({ code: "NOT_FOUND" });
    expect(await refused(BannerAdmin.remove(store, banner.id, admin))).toMatchObject({ code: "NOT_FOUND" });
    expect(await refused(BannerAdmin.remove(store, "khong-phai-ma", admin))).toMatchObject({ code: "NOT_FOUND" });
  });

  it("records create, edit and delete in the audit trail", async () => {
    const banner = await BannerAdmin.create(store, input({ title: "Cổng Dịch vụ công tỉnh Hòa Phong" }), admin);
    await BannerAdmin.update(store, banner.id, { version: 1, href: "https://dichvucong.hoaphong.example.vn" }, admin);
    await BannerAdmin.remove(store, banner.id, admin);
    const { items } = await Audit.byItem(store, `banner-${banner.id}`);
    expect(items.map((event) => event.action)).toEqual(["banner.delete", "banner.update", "banner.create"]);
    expect(items[1]).toMatchObject({
      itemType: "banner",
      actor: admin,
      before: { href: "https://dichvucong.gov.vn/" },
      after: { href: "https://dichvucong.hoaphong.example.vn/" },
    });
    expect(items[2]!.after).toMatchObject({ title: "Cổng Dịch vụ công tỉnh Hòa Phong", image: photo.id, order: 10, active: true });
  });
});

describe("the banner's image in the media library", () => {
  it("cannot be deleted while shown; is released when the banner changes image or is deleted", async () => {
    const banner = await BannerAdmin.create(store, input(), admin);
    expect((await MediaLibrary.get(store, photo.id))!.uses).toEqual([bannerUse(banner.id)]);
    const inUse = await refused(MediaLibrary.remove(store, photo.id));
    expect(inUse).toMatchObject({ code: "CONFLICT", details: { uses: [`banners#${banner.id}`] } });

    // Another image: the use moves.
    const changed = await BannerAdmin.update(store, banner.id, { version: 1, image: other.id }, admin);
    expect(changed.image).toMatchObject({ id: other.id, alt: "Biểu ngữ Cổng Thông tin điện tử Chính phủ" });
    expect((await MediaLibrary.get(store, photo.id))!.uses).toBeUndefined();
    expect((await MediaLibrary.get(store, other.id))!.uses).toEqual([bannerUse(banner.id)]);
    await expect(MediaLibrary.remove(store, other.id)).rejects.toMatchObject({ code: "CONFLICT" });

    // The same image chosen again takes its new alt text.
    await MediaLibrary.update(store, other.id, { alt: "Biểu ngữ màu đỏ của Cổng Chính phủ" });
    const refreshed = await BannerAdmin.update(store, banner.id, { version: 2, image: other.id }, admin);
    expect(refreshed).toMatchObject({ version: 3, image: { alt: "Biểu ngữ màu đỏ của Cổng Chính phủ" } });
    expect((await MediaLibrary.get(store, other.id))!.uses).toEqual([bannerUse(banner.id)]);

    await BannerAdmin.remove(store, banner.id, admin);
    expect((await MediaLibrary.get(store, other.id))!.uses).toBeUndefined();
    await MediaLibrary.remove(store, other.id);
    expect(await MediaLibrary.get(store, other.id)).toBeUndefined();
    // Two banners on one image: deleting one keeps the image protected by the other.
    const a = await BannerAdmin.create(store, input({ title: "Một" }), admin);
    const b = await BannerAdmin.create(store, input({ title: "Hai" }), admin);
    await BannerAdmin.remove(store, a.id, admin);
    expect((await MediaLibrary.get(store, photo.id))!.uses).toEqual([bannerUse(b.id)]);
    await BannerAdmin.remove(store, b.id, admin);
  });
});

describe("the limit", () => {
  it(`keeps at most ${MAX_BANNERS} banners`, async () => {
    const existing = (await Banners.all(store)).length;
    for (let i = existing; i < MAX_BANNERS - 2; i++) await BannerAdmin.create(store, input({ title: `Liên kết ${i + 1}`, order: i }), admin);
    // Four admins add one each at the same moment, with room for two: the count decides, not the list they read.
    const racing = await Promise.allSettled([1, 2, 3, 4].map((n) => BannerAdmin.create(store, input({ title: `Cùng lúc ${n}` }), admin)));
    expect(racing.filter((r) => r.status === "fulfilled")).toHaveLength(2);
    for (const lost of racing.filter((r) => r.status === "rejected")) expect((lost as PromiseRejectedResult).reason).toMatchObject({ code: "CONFLICT" });
    const over = await refused(BannerAdmin.create(store, input({ title: "Một liên kết nữa" }), admin));
    expect(over).toMatchObject({ code: "CONFLICT" });
    expect(over.message).toContain(String(MAX_BANNERS));
    expect(await Banners.all(store)).toHaveLength(MAX_BANNERS);
    // Deleting one makes room again.
    const [first] = await Banners.all(store);
    await BannerAdmin.remove(store, first!.id, admin);
    await BannerAdmin.create(store, input({ title: "Thay thế" }), admin);
    expect(await Banners.all(store)).toHaveLength(MAX_BANNERS);
  }, 60_000);
});
