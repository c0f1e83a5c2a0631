/**
 * Demo videos of the fictional Hòa Phong: three short uploaded MP4 files, real and playable
 * (videos-mp4.ts draws them frame by frame and codes them as H.264, with no ffmpeg), each with a
 * poster that is its first frame, stored through the media library like an upload; the newest
 * marked video is the home page's. No YouTube embed is seeded: an invented YouTube id would play
 * nothing. Videos go through the engine's `importPublished` (the path of an approval); fixed ids
 * make a second run write nothing.
 */
import { GetCommand } from "../../functions/core/storage/db";
import { videoImport, videos } from "../../functions/core/content/videos";
import { MediaLibrary } from "../../functions/core/media/library";
import type { Actor } from "../../functions/core/publishing/audit";
import { createEngine } from "../../functions/core/publishing/engine";
import { Sections } from "../../functions/core/sections/sections";
import { AppError } from "../../functions/core/shared/errors";
import { contentKeys } from "../../functions/core/storage/keys";
import type { Store } from "../../functions/core/storage/store";
import type { Scene } from "./images";
import { landscapePoster, landscapeVideo } from "./videos-mp4";

interface DemoVideo {
  key: string;
  section: string;
  scene: Scene;
  title: string;
  summary: string;
  description: string;
  filename: string;
  alt: string;
  homepage: boolean;
  publishedAt: string;
}

export const DEMO_VIDEOS: DemoVideo[] = [
  {
    key: "01",
    section: "van-hoa",
    scene: "river",
    title: "Sông Vân mùa nước nổi: nhịp sống đôi bờ",
    summary: "Những thước phim về dòng sông Vân hiền hòa chảy qua huyện Ngọc Khê, nơi người dân gắn bó với nghề chài lưới và trồng màu bãi bồi.",
    description:
      "Sông Vân là dòng sông lớn nhất tỉnh Hòa Phong, bồi đắp phù sa cho hàng nghìn héc-ta đất bãi của huyện Ngọc Khê và thành phố Vân Giang.\n\n" +
      "Video do Trung tâm Văn hóa - Truyền thông tỉnh thực hiện, giới thiệu cảnh quan đôi bờ sông và đời sống của người dân vùng bãi bồi.",
    filename: "song-van-mua-nuoc-noi.mp4",
    alt: "Hình minh họa: dòng sông xanh uốn quanh những ngọn đồi, bầu trời trong xanh",
    homepage: true,
    publishedAt: "2026-09-02T08:00:00+07:00",
  },
  {
    key: "02",
    section: "kinh-te",
    scene: "fields",
    title: "Cánh đồng mẫu lớn xã Ngọc Sơn vào vụ thu hoạch",
    summary: "Vụ mùa năm 2026, cánh đồng mẫu lớn 120 héc-ta của xã Ngọc Sơn đạt năng suất bình quân 6,8 tấn/héc-ta, cao nhất từ trước đến nay.",
    description:
      "Nhờ liên kết sản xuất với doanh nghiệp và đưa cơ giới hóa vào tất cả các khâu, chi phí sản xuất của bà con giảm khoảng 15%.\n\n" +
      "Huyện Ngọc Khê đặt mục tiêu nhân rộng mô hình cánh đồng mẫu lớn ra 5 xã trong giai đoạn 2026 – 2030.",
    filename: "canh-dong-mau-lon-ngoc-son.mp4",
    alt: "Hình minh họa: cánh đồng lúa xanh trải dài dưới nắng, đồi thấp phía xa",
    homepage: false,
    publishedAt: "2026-10-15T09:30:00+07:00",
  },
  {
    key: "03",
    section: "tin-tuc-su-kien",
    scene: "town",
    title: "Thành phố Vân Giang đổi thay sau nửa nhiệm kỳ",
    summary: "Diện mạo đô thị thành phố Vân Giang sau hai năm rưỡi thực hiện Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XX.",
    description:
      "Nhiều tuyến phố được chỉnh trang, hệ thống chiếu sáng và cây xanh được đầu tư đồng bộ; các khu dân cư mới hình thành dọc hai bờ sông Vân.\n\n" +
      "Video ghi lại cảm nhận của người dân về những đổi thay của thành phố.",
    filename: "van-giang-doi-thay.mp4",
    alt: "Hình minh họa: dãy nhà phố nhiều màu bên những ngọn đồi xanh",
    homepage: true,
    publishedAt: "2026-11-10T07:45:00+07:00",
  },
];

const exists = async (store: Store, id: string) =>
  (await store.db.send(new GetCommand({ TableName: store.table, Key: contentKeys(videos.space).item(id), ProjectionExpression: "pk" }))).Item !== undefined;

/** Stores bytes once under a fixed id (a concurrent or earlier run's copy is kept). */
async function importOnce(store: Store, id: string, filename: string, bytes: () => Promise<Uint8Array>, uploadedBy: Actor): Promise<void> {
  if (await MediaLibrary.get(store, id)) return;
  await MediaLibrary.importFile(store, { id, filename, bytes: await bytes(), uploadedBy }).catch((error) => {
    if (!(error instanceof AppError && error.code === "CONFLICT")) throw error;
  });
}

/** Imports the demo videos that are not there yet; returns how many were written. */
export async function seedVideos(store: Store, approver: Actor, options: { seconds?: number } = {}): Promise<number> {
  const sections = await Sections.list(store);
  if (sections.length === 0) return 0;
  const sectionOf = (slug: string) => (sections.find((s) => s.slug === slug) ?? sections[0]!).id;
  const engine = createEngine(videos, { store });
  let written = 0;
  for (const demo of DEMO_VIDEOS) {
    const id = `demo-video-${demo.key}`;
    if (await exists(store, id)) continue;
    const poster = `seed-img-video-${demo.key}`;
    const file = `seed-video-${demo.key}`;
    await importOnce(store, poster, demo.filename.replace(/\.mp4$/, ".jpg"), () => landscapePoster(demo.scene, poster), approver);
    const record = await MediaLibrary.get(store, poster);
    if (record && !record.alt) await MediaLibrary.update(store, poster, { alt: demo.alt });
    await importOnce(store, file, demo.filename, () => landscapeVideo(demo.scene, poster, { seconds: options.seconds }), approver);
    await engine.importPublished(
      videoImport({
        id, sectionId: sectionOf(demo.section), title: demo.title, summary: demo.summary, description: demo.description,
        media: file, poster, homepage: demo.homepage, publishedAt: demo.publishedAt,
      }),
      approver,
    );
    written++;
  }
  return written;
}
