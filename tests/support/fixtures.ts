import { articleEngine, importArticle } from "./engine";
import { type PublishedArticle } from "../../functions/core/reader/articles";
import { SectionAdmin } from "../../functions/core/sections/section-admin";
import { Settings } from "../../functions/core/site/settings";
import type { Store } from "../../functions/core/storage/store";

/** A small published portal: two sections, three articles, the agency's settings. */
export async function seedSmallPortal(store: Store): Promise<{ articles: PublishedArticle[] }> {
  await Settings.put(store, {
    name: "Cổng thông tin điện tử Tỉnh ủy Thử Nghiệm",
    shortName: "Tỉnh ủy Thử Nghiệm",
    address: "Số 1 đường Trung Tâm",
    phone: "0200 000 000",
    email: "banbientap@thunghiem.example.vn",
  });
  await SectionAdmin.create(store, { slug: "kinh-te", name: "Kinh tế", description: "Tin kinh tế.", order: 1 });
  await SectionAdmin.create(store, { slug: "van-hoa", name: "Văn hóa", description: "Tin văn hóa.", order: 2 });
  const approver = { id: "u-board", name: "Trần Thị Duyệt" };
  const articles = [
    await importArticle(
      store,
      {
        kind: "news",
        sectionId: "kinh-te",
        title: "Xuất khẩu nông sản tăng 12,5%",
        summary: "Kim ngạch xuất khẩu nông sản mười tháng tăng mạnh.",
        body: "<p>Mười tháng đầu năm, kim ngạch đạt 1.250 tỷ đồng.</p>",
        byline: "Minh Khoa",
        publishedAt: "2026-10-30T08:15:00+07:00",
      },
      approver,
    ),
    await importArticle(
      store,
      {
        kind: "collected",
        sectionId: "van-hoa",
        title: "Lễ hội đình làng được công nhận di sản",
        summary: "Lễ hội truyền thống được đưa vào danh mục di sản cấp tỉnh.",
        body: "<p>Lễ hội diễn ra vào rằm tháng Giêng.</p>",
        byline: "Thu Hà",
        sourceName: "Báo Thử Nghiệm",
        sourceUrl: "https://bao.thunghiem.example.vn/le-hoi",
        publishedAt: "2026-11-02T15:40:00+07:00",
      },
      approver,
    ),
    await importArticle(
      store,
      {
        kind: "news",
        sectionId: "kinh-te",
        title: "Khởi công khu công nghiệp phía Nam",
        summary: "Dự án có tổng vốn đầu tư lớn nhất năm.",
        body: "<p>Khu công nghiệp rộng 300 ha.</p>",
        byline: "Quốc Bảo",
        publishedAt: "2026-09-12T10:00:00+07:00",
      },
      approver,
    ),
  ];
  return { articles };
}
