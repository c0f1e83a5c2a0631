/**
 * Featured images of the demo articles: original pictures drawn by scripts/seed/images.ts (never
 * a downloaded photo). The alt text says what the drawing shows, and says it is an illustration:
 * a reader who cannot see it must not be told it is a photograph of the event.
 */
import type { Scene } from "./images";

export interface ArticleImage {
  /** The start of the demo article's title (scripts/seed/demo-content.ts). */
  title: string;
  scene: Scene;
  alt: string;
}

export const ARTICLE_IMAGES: ArticleImage[] = [
  { title: "Khai hội đền Phong Sơn", scene: "festival", alt: "Tranh minh họa: cờ đuôi nheo đỏ vàng giăng trên những mái nhà, phía sau là đồi xanh" },
  { title: "Tân Lập: Cánh đồng lớn", scene: "fields", alt: "Tranh minh họa: những lớp ruộng xanh nối nhau tới chân trời dưới nắng sớm" },
  { title: "Khu công nghiệp Phú An đón thêm", scene: "town", alt: "Tranh minh họa: dãy nhà xưởng mái đỏ bên những quả đồi thấp" },
  { title: "Lãnh đạo tỉnh chúc Tết, tặng quà đồng bào vùng cao", scene: "hills", alt: "Tranh minh họa: núi đồi vùng cao Ngọc Sơn nhiều lớp dưới bầu trời cam buổi chiều" },
  { title: "Lễ hội đình làng Thạch Phong", scene: "festival", alt: "Tranh minh họa: sân đình ngày hội với cờ phướn sặc sỡ và dãy nhà truyền thống" },
  { title: "Sản phẩm OCOP", scene: "hills", alt: "Tranh minh họa: rừng đồi Ngọc Sơn xanh thẫm, mặt trời vàng nhạt trên đỉnh núi" },
  { title: "Ngày hội Văn hóa, Thể thao và Du lịch", scene: "festival", alt: "Tranh minh họa: cờ hội rực rỡ trên khu dân cư vùng cao" },
  { title: "Một năm chính quyền địa phương hai cấp", scene: "town", alt: "Tranh minh họa: trụ sở xã mái đỏ giữa khu dân cư và đồi xanh" },
  { title: "Khánh thành Trường Phổ thông nội trú", scene: "town", alt: "Tranh minh họa: dãy phòng học mới xây giữa những quả đồi vùng cao" },
  { title: "Nông dân Hòa Phong đưa nông sản", scene: "river", alt: "Tranh minh họa: dòng sông xanh uốn quanh cánh đồng và vườn cây" },
  { title: "Bảo tàng tỉnh ra mắt không gian trưng bày số", scene: "meeting", alt: "Tranh minh họa: dãy nhà trưng bày mái đỏ dưới bầu trời tím nhạt" },
  { title: "Hội nghị Ban Chấp hành Đảng bộ tỉnh cho ý kiến", scene: "meeting", alt: "Tranh minh họa: hội trường và các tòa nhà cơ quan tỉnh dưới bầu trời tím nhạt" },
  { title: "Bí thư Tỉnh ủy dự Ngày hội Đại đoàn kết", scene: "festival", alt: "Tranh minh họa: khu dân cư Bến Đò treo cờ ngày hội" },
  { title: "Tuyên dương 80 nhà giáo", scene: "meeting", alt: "Tranh minh họa: khu trường học với những lớp học mái đỏ" },
];
