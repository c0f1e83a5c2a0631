/**
 * Videos through the engine, against DynamoDB Local and s3rver: an uploaded file or a YouTube id
 * (never both, never another host), poster and file snapshots with the library's rules, media
 * uses, the report's exact `videos` count, search, the home page's marked video, numbered pages
 * from the kind's counts, and the idempotent seed with its real MP4 files.
 */
import { GetObjectCommand } from "@aws-sdk/client-s3";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "../../functions/core/accounts/users";
import { videoImport, videos, youtubeId } from "../../functions/core/content/videos";
import { MediaLibrary } from "../../functions/core/media/library";
import { createUpload } from "../../functions/core/media/uploads";
import { resolveCounters } from "../../functions/core/metrics/counters";
import { parseReportQuery, Reports } from "../../functions/core/metrics/reports";
import { createEngine } from "../../functions/core/publishing/engine";
import { invalidationEffects, RecordingInvalidator } from "../../functions/core/publishing/invalidation";
import { Search } from "../../functions/core/reader/search";
import { videoSitemap, Videos } from "../../functions/core/reader/videos";
import { SectionAdmin } from "../../functions/core/sections/section-admin";
import type { AppError } from "../../functions/core/shared/errors";
import { vietnamDay } from "../../functions/core/shared/time";
import type { Store } from "../../functions/core/storage/store";
import { minimalPdf } from "../../scripts/seed/documents";
import { DEMO_VIDEOS, seedVideos } from "../../scripts/seed/videos";
import { createSections } from "../support/auth";
import { Samples } from "../support/media";
import { createTestStore } from "../support/store";

const writer: SessionUser = { id: "u-writer", email: "viet@hoaphong.example.vn", name: "Lê Văn Viết", role: "writer", sections: ["tin-tuc-su-kien", "kinh-te"] };
const board: SessionUser = { id: "u-board", email: "duyet@hoaphong.example.vn", name: "Trần Thị Duyệt", role: "section-editor", sections: ["tin-tuc-su-kien", "kinh-te"] };
const system = { id: "u-admin", name: "Quản trị" };
const counters = resolveCounters({ shards: 1, cacheMs: 0 });
const invalidator = new RecordingInvalidator();
let store: Store;
let clip: string;
let poster: string;
let noAlt: string;

const eng = () => createEngine(videos, { store, effects: invalidationEffects(store, invalidator) });
const report = async (day: string) => (await Reports.activity(store, counters, parseReportQuery({ from: day, to: day }), Date.now())).published;
const youtube = (id: string) => `https://www.youtube.com/watch?v=${id}`;

async function refused(promise: Promise<unknown>): Promise<AppError> {
  const error = (await promise.then(() => undefined, (e: unknown) => e)) as AppError | undefined;
  expect(error, "phải bị từ chối").toBeDefined();
  return error!;
}

/** Creates, submits and approves; returns the published item. */
async function publish(input: Record<string, unknown>) {
  const e = eng();
  let { item } = await e.create(writer, { summary: "Tóm tắt video.", ...input });
  ({ item } = await e.submit(writer, item.id, { version: item.version }));
  ({ item } = await e.approve(board, item.id, { version: item.version }));
  expect(item.status).toBe("published");
  return item;
}

async function image(filename: string, alt?: string) {
  const bytes = await sharp({ create: { width: 1280, height: 720, channels: 3, background: "#1d6f8c" } }).jpeg({ quality: 80 }).toBuffer();
  const record = await MediaLibrary.importFile(store, { filename, bytes: new Uint8Array(bytes), uploadedBy: system });
  if (alt) await MediaLibrary.update(store, record.id, { alt });
  return record.id;
}

beforeAll(async () => {
  store = await createTestStore();
  await createSections(store);
  await SectionAdmin.create(store, { slug: "tin-tuc-su-kien", name: "Tin tức - Sự kiện", description: "", order: 0 });
  clip = (await MediaLibrary.importFile(store, { filename: "Lễ hội sông Vân.mp4", bytes: Samples.mp4(8192), uploadedBy: system })).id;
  poster = await image("Ảnh bìa lễ hội.jpg", "Thuyền rồng trên sông Vân trong lễ hội");
  noAlt = await image("Ảnh chưa có mô tả.jpg");
}, 60_000);

describe("videos", () => {
  it("publishes an uploaded video: file and poster kept as snapshots, the default section, search, media uses, invalidation", async () => {
    const item = await publish({ title: "Lễ hội đua thuyền trên sông Vân", media: clip, poster, description: "Đoạn một.\n\n\nĐoạn <b>hai</b>  có   khoảng trắng." });
    expect(item).toMatchObject({
      sectionId: "tin-tuc-su-kien",
      homepage: false,
      media: { id: clip, filename: "Lễ hội sông Vân.mp4", size: 8192, contentType: "video/mp4", url: expect.stringMatching(new RegExp(`^/media/${clip}/le-hoi-song-van\\.mp4$`)) },
      poster: { id: poster, alt: "Thuyền rồng trên sông Vân trong lễ hội", width: 1280, height: 720, variants: expect.any(Array) },
      description: "Đoạn một.\n\nĐoạn hai có khoảng trắng.",
    });
    expect(item.embed).toBeUndefined();

    const view = await Videos.get(store, item.slug);
    expect(view).toMatchObject({ id: item.id, title: "Lễ hội đua thuyền trên sông Vân", media: item.media, poster: item.poster, approvedBy: { id: board.id } });
    expect(invalidator.paths).toEqual(expect.arrayContaining([`/video/${item.slug}`, "/video*", "/"]));

    const hits = (await Search.query(store, "dua thuyen song van")).hits;
    expect(hits.map((hit) => [hit.id, hit.kind, hit.url])).toEqual([[item.id, "videos", `/video/${item.slug}`]]);

    // The file and the poster are uses: neither can leave the library while the video exists.
    for (const id of [clip, poster]) {
      expect((await MediaLibrary.get(store, id))!.uses).toContain(`videos#${item.id}`);
      expect(await refused(MediaLibrary.remove(store, id))).toMatchObject({ code: "CONFLICT" });
    }
    expect(videoSitemap(view as unknown as Record<string, unknown>)).toMatchObject({ video: { title: view.title, contentUrl: view.media!.url, thumbnail: expect.stringMatching(/^\/media\//) } });
  });

  it("takes exactly one of media and embedUrl, on create and on edit; an edit may switch between them", async () => {
    const both = await refused(eng().create(writer, { title: "Hai nguồn", media: clip, embedUrl: youtube("HoaPhong-01") }));
    expect(both).toMatchObject({ code: "VALIDATION", fields: { media: expect.any(String), embedUrl: expect.any(String) } });
    expect(both.message).toContain("không chọn cả hai");
    const neither = await refused(eng().create(writer, { title: "Không có nguồn" }));
    expect(neither).toMatchObject({ code: "VALIDATION", fields: { media: expect.any(String), embedUrl: expect.any(String) } });

    let { item } = await eng().create(writer, { title: "Hội nghị trực tuyến", embedUrl: "https://youtu.be/HoaPhong-01?t=42" });
    expect(item.embed).toEqual({ provider: "youtube", id: "HoaPhong-01" });
    expect(item.media).toBeUndefined();
    expect(await refused(eng().update(writer, item.id, { version: item.version, media: clip, embedUrl: youtube("HoaPhong-02") }))).toMatchObject({ code: "VALIDATION" });
    ({ item } = await eng().update(writer, item.id, { version: item.version, media: clip }));
    expect(item.embed).toBeUndefined();
    expect(item.media).toMatchObject({ id: clip, contentType: "video/mp4" });
    ({ item } = await eng().update(writer, item.id, { version: item.version, embedUrl: "https://www.youtube-nocookie.com/embed/HoaPhong-02" }));
    expect(item.media).toBeUndefined();
    expect(item.embed).toEqual({ provider: "youtube", id: "HoaPhong-02" });
    // An edit naming neither keeps the source.
    ({ item } = await eng().update(writer, item.id, { version: item.version, title: "Hội nghị trực tuyến toàn tỉnh" }));
    expect(item.embed).toEqual({ provider: "youtube", id: "HoaPhong-02" });
  });

  it("accepts YouTube's own addresses only, normalised to the 11-character id; anything else is a 400 naming the allowed hosts", async () => {
    const id = "Ab_9-xYz012";
    for (const url of [
      `https://www.youtube.com/watch?v=${id}`, `https://youtube.com/watch?v=${id}&t=30s`, `https://m.youtube.com/watch?feature=share&v=${id}`, `http://www.youtube.com/watch?v=${id}`,
      `https://youtu.be/${id}`, `https://www.youtube.com/embed/${id}?start=5`, `https://youtube-nocookie.com/embed/${id}`, `https://www.youtube-nocookie.com/embed/${id}`,
      `  HTTPS://WWW.YOUTUBE.COM/watch?v=${id}  `,
    ])
      expect(youtubeId(url), url).toBe(id);
    const tricky = [
      `https://youtube.com.evil.example/watch?v=${id}`, `https://www.youtube.com.evil.example/embed/${id}`, `https://evil.example/www.youtube.com/watch?v=${id}`,
      `https://evil.example/?u=https://www.youtube.com/watch?v=${id}`, `https://www.youtube.com@evil.example/watch?v=${id}`, `https://user:pass@www.youtube.com/watch?v=${id}`,
      `https://www.youtube.com:8443/watch?v=${id}`, `javascript:alert(1)//https://www.youtube.com/watch?v=${id}`, `JavaScript:alert(document.cookie)`,
      `data:text/html,<iframe src="https://www.youtube.com/embed/${id}">`, `//www.youtube.com/embed/${id}`, `www.youtube.com/watch?v=${id}`, id,
      `https://vimeo.com/123456789`, `https://www.youtube.com/watch?v=short`, `https://www.youtube.com/watch?v=${id}x`, `https://www.youtube.com/watch?v=%3Cscript%3E`,
      `https://www.youtube.com/embed/${id}/extra`, `https://www.youtube-nocookie.com/watch?v=${id}`, `https://youtu.be/embed/${id}`, `https://youtube.com./watch?v=${id}`,
      `https://www.youtube.com/shorts/${id}`, `https://music.youtube.com/watch?v=${id}`, `ftp://www.youtube.com/watch?v=${id}`,
    ];
    for (const url of tricky) {
      expect(youtubeId(url), url).toBeUndefined();
      const error = await refused(eng().create(writer, { title: "Video lạ", embedUrl: url }));
      expect(error, url).toMatchObject({ code: "VALIDATION", fields: { embedUrl: expect.any(String) } });
      expect(error.message).toContain("youtube.com");
      expect(error.message).toContain("youtu.be");
      expect(error.message).toContain("youtube-nocookie.com");
    }
  });

  it("refuses a poster without alt text, a file that is not a video and a video still processing, naming the field", async () => {
    const posterError = await refused(eng().create(writer, { title: "Ảnh bìa thiếu mô tả", embedUrl: youtube("HoaPhong-03"), poster: noAlt }));
    expect(posterError).toMatchObject({ code: "VALIDATION", fields: { poster: expect.any(String) } });
    expect(posterError.message).toContain("Ảnh bìa video");
    expect(posterError.message).toContain("chưa có mô tả (alt)");
    expect(await refused(eng().create(writer, { title: "Ảnh bìa là video", embedUrl: youtube("HoaPhong-03"), poster: clip }))).toMatchObject({ fields: { poster: expect.any(String) } });

    const pdf = await MediaLibrary.importFile(store, { filename: "Báo cáo.pdf", bytes: minimalPdf(["BAO CAO"]), uploadedBy: system });
    const notVideo = await refused(eng().create(writer, { title: "Tài liệu", media: pdf.id }));
    expect(notVideo).toMatchObject({ code: "VALIDATION", fields: { media: expect.any(String) } });
    expect(notVideo.message).toContain("không phải video");
    expect(await refused(eng().create(writer, { title: "Ảnh", media: poster }))).toMatchObject({ fields: { media: expect.any(String) } });
    expect(await refused(eng().create(writer, { title: "Không có", media: "khong-co-tep-nay" }))).toMatchObject({ fields: { media: expect.any(String) } });

    const uploading = await createUpload(store, { filename: "Phóng sự.mp4", contentType: "video/mp4", size: 4096 }, system);
    const processing = await refused(eng().create(writer, { title: "Đang tải", media: uploading.id }));
    expect(processing.message).toContain("đang được xử lý");

    // Review needs a summary, and a still for an uploaded file.
    const { item } = await eng().create(writer, { title: "Chưa đủ để duyệt", media: clip });
    const missing = await refused(eng().submit(writer, item.id, { version: item.version }));
    expect(missing).toMatchObject({ code: "VALIDATION", fields: { summary: expect.any(String), poster: expect.any(String) } });
  });

  it("counts published videos exactly under `videos` in the report, and undoes the count on unpublish", async () => {
    const day = vietnamDay(new Date().toISOString());
    const before = (await report(day)).byKind.videos ?? 0;
    const a = await publish({ title: "Video thứ nhất trong ngày", embedUrl: youtube("HoaPhong-04") });
    const b = await publish({ title: "Video thứ hai trong ngày", embedUrl: youtube("HoaPhong-05") });
    expect((await report(day)).byKind.videos).toBe(before + 2);
    // An edit and re-approval is the same publication.
    let { item } = await eng().update(writer, a.id, { version: a.version, summary: "Tóm tắt đã sửa." });
    ({ item } = await eng().approve(board, item.id, { version: item.version }));
    expect((await report(day)).byKind.videos).toBe(before + 2);
    await eng().unpublish(board, b.id, { version: b.version });
    expect((await report(day)).byKind.videos).toBe(before + 1);
    await eng().importPublished(videoImport({ sectionId: "kinh-te", title: "Tư liệu năm 2023", summary: "Lưu trữ.", embedUrl: youtube("HoaPhong-06"), publishedAt: "2023-06-05T09:00:00+07:00" }), system);
    expect((await report("2023-06-05")).byKind).toMatchObject({ videos: 1 });
  });

  it("shows on the home page the most recently published live video marked for it; unmarking or unpublishing takes it off", async () => {
    const marked = (title: string, id: string) => publish({ title, embedUrl: youtube(id), homepage: true });
    const first = await marked("Video trang chủ thứ nhất", "HoaPhong-07");
    expect((await Videos.home(store))?.id).toBe(first.id);
    const second = await marked("Video trang chủ thứ hai", "HoaPhong-08");
    expect(await Videos.home(store)).toMatchObject({ id: second.id, title: "Video trang chủ thứ hai", embed: { provider: "youtube", id: "HoaPhong-08" }, homepage: true });

    // An unmarked newer video, a marked draft and a marked archive video do not take its place.
    await publish({ title: "Video không đánh dấu", embedUrl: youtube("HoaPhong-09") });
    await eng().create(writer, { title: "Bản nháp đánh dấu", embedUrl: youtube("HoaPhong-10"), homepage: true });
    await eng().importPublished(videoImport({ sectionId: "kinh-te", title: "Tư liệu cũ", summary: "Cũ.", embedUrl: youtube("HoaPhong-11"), homepage: true, publishedAt: "2024-01-01T08:00:00+07:00" }), system);
    expect((await Videos.home(store))?.id).toBe(second.id);

    // Unmarked in an edit: still shown until the edit is approved, then the previous one returns.
    let { item } = await eng().update(writer, second.id, { version: second.version, homepage: false });
    expect((await Videos.home(store))?.id).toBe(second.id);
    ({ item } = await eng().approve(board, item.id, { version: item.version }));
    expect((await Videos.home(store))?.id).toBe(first.id);
    // Marked again by an edit and approval: back on top (it was published after the first).
    ({ item } = await eng().update(writer, item.id, { version: item.version, homepage: true }));
    ({ item } = await eng().approve(board, item.id, { version: item.version }));
    expect((await Videos.home(store))?.id).toBe(second.id);
    await eng().unpublish(board, second.id, { version: item.version });
    expect((await Videos.home(store))?.id).toBe(first.id);
  });
});

describe("video pages' listing", () => {
  it("pages every live video newest first from the kind's counts, whatever the page", async () => {
    const local = await createTestStore();
    await SectionAdmin.create(local, { slug: "tin-tuc-su-kien", name: "Tin tức - Sự kiện", description: "", order: 0 });
    const engine = createEngine(videos, { store: local });
    const dates = ["2026-01-05T08:00:00Z", "2026-01-05T09:00:00Z", "2026-01-20T08:00:00Z", "2026-02-01T08:00:00Z", "2026-03-10T08:00:00Z", "2026-03-31T23:30:00Z", "2025-12-31T10:00:00Z"];
    const ids: string[] = [];
    for (const [i, publishedAt] of dates.entries()) {
      const view = await engine.importPublished(videoImport({ sectionId: "tin-tuc-su-kien", title: `Video số ${i + 1}`, summary: "Tóm tắt.", embedUrl: youtube(`HoaPhong-${String(20 + i)}`), publishedAt }), system);
      ids.push(view.id);
    }
    const newestFirst = dates.map((at, i) => [at, ids[i]!] as const).sort((a, b) => b[0].localeCompare(a[0])).map(([, id]) => id);
    const pages = await Promise.all([1, 2, 3, 4].map((n) => Videos.page(local, n, 3)));
    expect(pages.map((p) => p.items.map((v) => v.id))).toEqual([newestFirst.slice(0, 3), newestFirst.slice(3, 6), newestFirst.slice(6), []]);
    expect(pages.map((p) => [p.total, p.pages])).toEqual([[7, 3], [7, 3], [7, 3], [7, 3]]);
    expect(pages[0]!.items[0]).not.toHaveProperty("description");

    // Unpublishing moves every later page by one.
    const gone = (await engine.load(newestFirst[1]!))!;
    await engine.unpublish(board, gone.id, { version: gone.version });
    const rest = newestFirst.filter((id) => id !== gone.id);
    expect((await Videos.page(local, 2, 3)).items.map((v) => v.id)).toEqual(rest.slice(3, 6));
    expect(await Videos.page(local, 1, 3)).toMatchObject({ total: 6, pages: 2 });
  });
});

describe("demo videos", () => {
  it("seeds real MP4 files with posters once, the newest marked one on the home page", async () => {
    const local = await createTestStore();
    await createSections(local);
    await SectionAdmin.create(local, { slug: "tin-tuc-su-kien", name: "Tin tức - Sự kiện", description: "", order: 0 });
    expect(await seedVideos(local, system, { seconds: 1 })).toBe(DEMO_VIDEOS.length);
    expect(await seedVideos(local, system, { seconds: 1 })).toBe(0);
    const listed = await Videos.page(local, 1);
    expect(listed.total).toBe(DEMO_VIDEOS.length);
    for (const video of listed.items) {
      expect(video.media).toMatchObject({ contentType: "video/mp4" });
      expect(video.poster?.alt).toMatch(/^Hình minh họa: /);
      const record = (await MediaLibrary.get(local, video.media!.id))!;
      expect(record).toMatchObject({ kind: "video", status: "ready" });
      const object = await local.s3.send(new GetObjectCommand({ Bucket: local.bucket, Key: video.media!.url.slice(1) }));
      const bytes = Buffer.from(await object.Body!.transformToByteArray());
      expect(object.ContentType).toBe("video/mp4");
      // ISO BMFF: ftyp, then the index (moov) before the media data, so playback starts at once.
      expect([bytes.subarray(4, 8).toString("latin1"), bytes.subarray(8, 12).toString("latin1")]).toEqual(["ftyp", "isom"]);
      expect(bytes.subarray(bytes.readUInt32BE(0) + 4, bytes.readUInt32BE(0) + 8).toString("latin1")).toBe("moov");
    }
    const newestMarked = [...DEMO_VIDEOS].filter((v) => v.homepage).sort((a, b) => b.publishedAt.localeCompare(a.publishedAt))[0]!;
    expect((await Videos.home(local))?.title).toBe(newestMarked.title);
  }, 60_000);
});
