/**
 * Demo photo reportages (phóng sự ảnh) of the fictional Hòa Phong: three reportages of 6–8 photos,
 * each photo drawn by images.ts (no downloaded photo) and stored through the media pipeline with
 * its alt text, caption and credit; the reportages take the library's captions and credits (the
 * kind's default). Alt texts describe the drawing a reader would see ("Hình minh họa: …"); the
 * captions tell the story. Through the engine's `importPublished` (the path of an approval); fixed ids
 * make a second run write nothing.
 */
import { GetCommand } from "../../functions/core/storage/db";
import { galleries, galleryImport } from "../../functions/core/content/galleries";
import type { Actor } from "../../functions/core/publishing/audit";
import { createEngine } from "../../functions/core/publishing/engine";
import { Sections } from "../../functions/core/sections/sections";
import { contentKeys } from "../../functions/core/storage/keys";
import type { Store } from "../../functions/core/storage/store";
import { seedImage, type Scene } from "./images";

interface DemoPhoto {
  scene: Scene;
  alt: string;
  caption: string;
}

interface DemoGallery {
  key: string;
  section: string;
  title: string;
  summary: string;
  credit: string;
  publishedAt: string;
  photos: DemoPhoto[];
}

export const DEMO_GALLERIES: DemoGallery[] = [
  {
    key: "01",
    section: "van-hoa",
    title: "Lễ hội đua thuyền truyền thống trên sông Vân năm 2026",
    summary: "Hơn 20 đội thuyền của các xã ven sông Vân tranh tài trong ngày hội văn hóa lớn nhất năm của huyện Ngọc Khê.",
    credit: "Trung tâm Văn hóa - Truyền thông tỉnh",
    publishedAt: "2026-09-20T10:00:00+07:00",
    photos: [
      { scene: "festival", alt: "Hình minh họa: hàng cờ đuôi nheo đỏ vàng giăng trên nền trời hồng, phía dưới là dãy nhà và đồi xanh", caption: "Cờ hội giăng kín bến sông Vân từ sáng sớm ngày khai hội." },
      { scene: "river", alt: "Hình minh họa: dòng sông xanh uốn lượn giữa những triền đồi", caption: "Đoạn sông Vân chảy qua xã Ngọc Sơn được chọn làm đường đua dài 1.200 mét." },
      { scene: "festival", alt: "Hình minh họa: dãy nhà trắng có ô cửa đỏ dưới hàng cờ đuôi nheo", caption: "Người dân các thôn ven sông treo cờ đón khách về dự hội." },
      { scene: "river", alt: "Hình minh họa: mặt sông rộng phản chiếu bầu trời xanh", caption: "Các đội thuyền khởi động trên khúc sông rộng trước giờ đua." },
      { scene: "hills", alt: "Hình minh họa: đồi cây xanh dưới ánh nắng chiều vàng", caption: "Khán giả đứng kín triền đồi phía bờ bắc để theo dõi cuộc đua." },
      { scene: "meeting", alt: "Hình minh họa: dãy nhà trắng trước những lớp đồi nâu dưới trời tím nhạt", caption: "Lễ trao giải diễn ra tại Nhà văn hóa xã Ngọc Sơn." },
      { scene: "festival", alt: "Hình minh họa: hàng cờ hội nhiều màu trước dãy nhà trắng", caption: "Đội thuyền thôn Bến Đò giành giải nhất năm thứ hai liên tiếp." },
    ],
  },
  {
    key: "02",
    section: "kinh-te",
    title: "Mùa vàng trên cánh đồng mẫu lớn huyện Ngọc Khê",
    summary: "Những hình ảnh ghi lại vụ thu hoạch lúa mùa năm 2026 trên cánh đồng mẫu lớn 120 héc-ta của xã Ngọc Sơn.",
    credit: "Báo Hòa Phong",
    publishedAt: "2026-10-18T08:30:00+07:00",
    photos: [
      { scene: "fields", alt: "Hình minh họa: cánh đồng lúa trải dài tới chân đồi dưới trời xanh", caption: "Cánh đồng mẫu lớn xã Ngọc Sơn vào những ngày cuối tháng Mười." },
      { scene: "fields", alt: "Hình minh họa: ruộng lúa nhiều tầng màu xanh và vàng", caption: "Lúa chín đều nhờ gieo cấy cùng một giống, cùng một lịch thời vụ." },
      { scene: "hills", alt: "Hình minh họa: đồi thấp bao quanh cánh đồng trong nắng sớm", caption: "Nắng sớm trên cánh đồng dưới chân núi Hòn Mây." },
      { scene: "fields", alt: "Hình minh họa: những lớp ruộng xanh nối nhau tới chân trời", caption: "Bờ vùng, bờ thửa được quy hoạch lại để máy gặt vào tận ruộng." },
      { scene: "town", alt: "Hình minh họa: những ngôi nhà trắng có ô cửa đỏ giữa cánh đồng xanh", caption: "Lúa được đưa thẳng về kho của hợp tác xã ngay trong ngày." },
      { scene: "fields", alt: "Hình minh họa: cánh đồng rộng dưới mặt trời nhạt trên nền trời xanh", caption: "Năng suất bình quân đạt 6,8 tấn/héc-ta, cao nhất từ trước đến nay." },
    ],
  },
  {
    key: "03",
    section: "tin-tuc-su-kien",
    title: "Thành phố Vân Giang chỉnh trang đô thị đón Xuân",
    summary: "Diện mạo mới của các tuyến phố, công viên và bờ kè sông Vân sau đợt chỉnh trang đô thị tháng 11 năm 2026.",
    credit: "Cổng thông tin điện tử Tỉnh ủy",
    publishedAt: "2026-11-21T15:00:00+07:00",
    photos: [
      { scene: "town", alt: "Hình minh họa: dãy nhà phố nhiều màu bên những ngọn đồi xanh", caption: "Tuyến phố Trần Hưng Đạo sau khi được lát lại vỉa hè và trồng thêm cây xanh." },
      { scene: "river", alt: "Hình minh họa: dòng nước xanh chảy qua thung lũng giữa hai bờ cỏ", caption: "Bờ kè sông Vân đoạn qua phường Bắc Sơn đã hoàn thành." },
      { scene: "town", alt: "Hình minh họa: những tòa nhà trắng có cửa sổ đỏ xếp thành hàng", caption: "Các khu dân cư mới dọc hai bờ sông Vân." },
      { scene: "hills", alt: "Hình minh họa: những lớp đồi xanh thẫm dưới trời nắng vàng", caption: "Công viên đồi Thông được mở cửa miễn phí cho người dân." },
      { scene: "meeting", alt: "Hình minh họa: dãy nhà trắng có ô cửa đỏ trước đồi đất nâu", caption: "Trung tâm Phục vụ hành chính công thành phố sau khi cải tạo." },
      { scene: "festival", alt: "Hình minh họa: dãy phố dưới hàng cờ đuôi nheo đỏ vàng", caption: "Phố đi bộ ven sông được trang trí đón Tết Nguyên đán." },
      { scene: "town", alt: "Hình minh họa: dãy nhà cao thấp nối nhau dưới trời xanh nhạt", caption: "Quảng trường trung tâm thành phố Vân Giang về đêm." },
      { scene: "river", alt: "Hình minh họa: khúc sông xanh chảy ra từ chân những lớp đồi", caption: "Cầu đi bộ nối hai bờ sông Vân dự kiến thông xe trong quý I năm 2027." },
    ],
  },
];

const exists = async (store: Store, id: string) =>
  (await store.db.send(new GetCommand({ TableName: store.table, Key: contentKeys(galleries.space).item(id), ProjectionExpression: "pk" }))).Item !== undefined;

/** Imports the demo reportages that are not there yet; returns how many were written. */
export async function seedGalleries(store: Store, approver: Actor): Promise<number> {
  const sections = await Sections.list(store);
  if (sections.length === 0) return 0;
  const sectionOf = (slug: string) => (sections.find((s) => s.slug === slug) ?? sections[0]!).id;
  const engine = createEngine(galleries, { store });
  let written = 0;
  for (const demo of DEMO_GALLERIES) {
    const id = `demo-gallery-${demo.key}`;
    if (await exists(store, id)) continue;
    const photos: { media: string }[] = [];
    for (const [index, photo] of demo.photos.entries()) {
      const number = String(index + 1).padStart(2, "0");
      // About 0.3 s each at this size: the seed stays quick, and the pipeline still makes 320–1024 px copies.
      const record = await seedImage(
        store,
        { id: `seed-img-gallery-${demo.key}-${number}`, filename: `phong-su-${demo.key}-anh-${number}.jpg`, alt: photo.alt, caption: photo.caption, credit: demo.credit, scene: photo.scene, width: 1280, height: 853 },
        approver,
      );
      photos.push({ media: record.id });
    }
    await engine.importPublished(
      galleryImport({ id, sectionId: sectionOf(demo.section), title: demo.title, summary: demo.summary, photos, publishedAt: demo.publishedAt }),
      approver,
    );
    written++;
  }
  return written;
}
