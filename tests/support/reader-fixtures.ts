import { articleEngine, importArticle } from "./engine";
import { type PublishedArticle } from "../../functions/core/reader/articles";
import { SectionAdmin } from "../../functions/core/sections/section-admin";
import { Settings } from "../../functions/core/site/settings";
import type { Store } from "../../functions/core/storage/store";

/** Articles in "kinh-te": more than one page of 20, so page 2 exists and holds 6. */
export const ECONOMY_COUNT = 26;

export const SITE = {
  name: "Cổng thông tin điện tử Tỉnh ủy Thử Nghiệm",
  shortName: "Tỉnh ủy Thử Nghiệm",
  address: "Số 1 đường Trung Tâm, phường Thử Nghiệm",
  phone: "0200 000 000",
  email: "banbientap@thunghiem.example.vn",
};

const APPROVER = { id: "u-board", name: "Trần Thị Duyệt" };

/** A distinctive article for search: found by typing "tom cang xanh" without diacritics. */
export const SHRIMP = {
  kind: "news" as const,
  sectionId: "van-hoa",
  title: "Hợp tác xã nuôi tôm càng xanh ở Phước Đông đạt doanh thu kỷ lục",
  summary: "Mô hình nuôi tôm càng xanh xen canh lúa giúp xã viên tăng thu nhập.",
  body: "<p>Năm nay, hợp tác xã thu hoạch 120 tấn <strong>tôm càng xanh</strong>; giá bán ổn định.</p><p>Đồng chí Bí thư Đảng ủy xã đánh giá cao mô hình.</p>",
  byline: "Lan Anh",
  publishedAt: "2026-08-20T09:30:00+07:00",
};

/**
 * A portal with enough content to page through: three sections ("Kinh tế" with two pages, a
 * child section of it, "Văn hóa"), a collected article with its source, and site settings.
 * Dates are fixed, so the order is known: economy article i (1 = newest) is published
 * `2026-10-${31 - i}` at 08:00 Vietnam time.
 */
export async function seedReaderPortal(store: Store): Promise<{ economy: PublishedArticle[]; culture: PublishedArticle[]; shrimp: PublishedArticle }> {
  await Settings.put(store, SITE);
  await SectionAdmin.create(store, { slug: "kinh-te", name: "Kinh tế", description: "Tin kinh tế của tỉnh.", order: 1 });
  await SectionAdmin.create(store, { slug: "van-hoa", name: "Văn hóa", description: "Tin văn hóa, di sản, lễ hội.", order: 2 });
  await SectionAdmin.create(store, { slug: "nong-nghiep", name: "Nông nghiệp", description: "Tin nông nghiệp.", order: 3, parentId: "kinh-te" });

  const economy: PublishedArticle[] = [];
  for (let i = 1; i <= ECONOMY_COUNT; i++) {
    const day = String(31 - i).padStart(2, "0");
    economy.push(
      await importArticle(
        store,
        {
          kind: "news",
          sectionId: "kinh-te",
          title: `Bản tin kinh tế số ${i}: sản xuất công nghiệp ngày ${day}/10`,
          summary: `Chỉ số sản xuất công nghiệp ngày ${day}/10 tiếp tục tăng.`,
          body: `<p>Bản tin số ${i} về tình hình sản xuất, kinh doanh trên địa bàn tỉnh.</p>`,
          byline: "Minh Khoa",
          publishedAt: `2026-10-${day}T08:00:00+07:00`,
        },
        APPROVER,
      ),
    );
  }
  const culture = [
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
      APPROVER,
    ),
  ];
  const shrimp = await importArticle(store, SHRIMP, APPROVER);
  return { economy, culture, shrimp };
}
