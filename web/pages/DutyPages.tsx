/** Pages of the portal decree's public duties: announcements, HTML site map, accessibility statement, statistics. */
import { For, Show } from "solid-js";
import { Urls } from "../../functions/core/shared/urls";
import type { PublicNotice } from "../../functions/core/site/notices";
import { noticeWindow } from "../components/NoticeBanner";
import { formatDateTime, formatNumber } from "../format";
import type { Section, SiteSettings } from "../types";

/** The pages every reader may look for, listed in the site map and the footer. */
export const DUTY_PAGES = [
  { href: Urls.notices(), title: "Thông báo tạm ngừng hoạt động" },
  { href: Urls.accessibility(), title: "Hỗ trợ tiếp cận (người khuyết tật)" },
  { href: Urls.statistics(), title: "Thống kê truy cập" },
  { href: Urls.openData(), title: "Dữ liệu mở" },
  { href: Urls.search(), title: "Tìm kiếm" },
  { href: Urls.feed(), title: "Tin RSS" },
  { href: Urls.sitemap(), title: "Sơ đồ cổng dạng XML (cho máy tìm kiếm)" },
];

export function NoticesPage(props: { notices: PublicNotice[] }) {
  return (
    <section class="duty-page" aria-labelledby="tieu-de-trang">
      <h1 id="tieu-de-trang" class="page-title">Thông báo tạm ngừng hoạt động</h1>
      <p class="lead">Lịch bảo trì, nâng cấp có kế hoạch của Cổng, thông báo trước ít nhất 07 ngày làm việc.</p>
      <Show when={props.notices.length > 0} fallback={<p class="empty">Hiện không có kế hoạch tạm ngừng hoạt động nào.</p>}>
        <ul class="notices-list">
          <For each={props.notices}>
            {(notice) => (
              <li>
                <p><strong>{notice.urgent ? "Khẩn: " : ""}Tạm ngừng {noticeWindow(notice)}</strong></p>
                <p>{notice.message}</p>
                <p class="meta">Thông báo lúc {formatDateTime(notice.createdAt)}</p>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}

export function SiteMapPage(props: { sections: Section[]; kinds: { title: string; href: string }[] }) {
  const children = (parentId?: string) => props.sections.filter((section) => (section.parentId ?? undefined) === parentId);
  const Branch = (branch: { parentId?: string }) => (
    <Show when={children(branch.parentId).length > 0}>
      <ul>
        <For each={children(branch.parentId)}>
          {(section) => (
            <li>
              <a href={Urls.section(section.slug)}>{section.name}</a>
              <Branch parentId={section.id} />
            </li>
          )}
        </For>
      </ul>
    </Show>
  );
  return (
    <section class="duty-page site-map" aria-labelledby="tieu-de-trang">
      <h1 id="tieu-de-trang" class="page-title">Sơ đồ cổng</h1>
      <ul>
        <li><a href={Urls.home()}>Trang chủ</a></li>
      </ul>
      <h2>Chuyên mục tin bài</h2>
      <Branch />
      <h2>Văn bản, lịch công tác, góp ý, ảnh và video</h2>
      <ul>
        <For each={props.kinds}>{(kind) => <li><a href={kind.href}>{kind.title}</a></li>}</For>
      </ul>
      <h2>Thông tin về Cổng</h2>
      <ul>
        <For each={DUTY_PAGES}>{(page) => <li><a href={page.href}>{page.title}</a></li>}</For>
      </ul>
    </section>
  );
}

export function AccessibilityPage(props: { site: SiteSettings }) {
  return (
    <section class="duty-page" aria-labelledby="tieu-de-trang">
      <h1 id="tieu-de-trang" class="page-title">Hỗ trợ tiếp cận</h1>
      <p class="lead">{props.site.name} hướng tới đáp ứng Hướng dẫn tiếp cận nội dung web (WCAG) 2.1 mức AA, để người khuyết tật và người cao tuổi đọc được thông tin trên Cổng.</p>
      <h2>Công cụ hỗ trợ trên mọi trang</h2>
      <ul>
        <li>Nút <strong>A−</strong>, <strong>A</strong>, <strong>A+</strong> ở đầu trang đổi cỡ chữ; nút <strong>Tương phản cao</strong> chuyển sang chữ đen trên nền trắng, thanh tiêu đề nền đen. Lựa chọn được ghi nhớ trên trình duyệt cho các lần sau.</li>
        <li>Liên kết “Bỏ qua, đến nội dung chính”, “Đến danh mục chính” hiện ra khi nhấn phím Tab lần đầu.</li>
        <li>Mọi chức năng dùng được bằng bàn phím; ảnh có mô tả thay thế; bảng có tiêu đề cột; trang đọc được khi tắt JavaScript.</li>
        <li>Trên điện thoại, danh mục chính gọn trong nút “Danh mục”; phím Esc đóng danh mục.</li>
      </ul>
      <h2>Phản ánh khó khăn khi sử dụng</h2>
      <p>Nếu gặp nội dung không đọc được hoặc chức năng không dùng được với công nghệ hỗ trợ của mình, xin báo cho Ban Biên tập, nêu địa chỉ trang và khó khăn gặp phải:</p>
      <ul>
        <Show when={props.site.email}><li>Thư điện tử: <a href={`mailto:${props.site.email}`}>{props.site.email}</a></li></Show>
        <Show when={props.site.phone}><li>Điện thoại: <a href={`tel:${props.site.phone.replace(/[^\d+]/g, "")}`}>{props.site.phone}</a></li></Show>
        <Show when={props.site.address}><li>Địa chỉ: {props.site.address}</li></Show>
      </ul>
      <p>Ban Biên tập trả lời trong 05 ngày làm việc và cung cấp nội dung dưới dạng khác khi có yêu cầu.</p>
    </section>
  );
}

export function StatsPage(props: { year: number; years: number[]; months: { month: number; visits: number }[]; total: number }) {
  const max = () => Math.max(1, ...props.months.map((m) => m.visits));
  return (
    <section class="duty-page" aria-labelledby="tieu-de-trang">
      <h1 id="tieu-de-trang" class="page-title">Thống kê truy cập năm {props.year}</h1>
      <p class="lead">Số lượt truy cập Cổng theo tháng, do hệ thống tự động ghi nhận (một lượt là một phiên đọc, kết thúc sau 30 phút không hoạt động).</p>
      <nav aria-label="Chọn năm">
        <ul class="year-nav">
          <For each={props.years}>
            {(year) => <li><a href={Urls.statistics(year)} aria-current={year === props.year ? "page" : undefined}>Năm {year}</a></li>}
          </For>
        </ul>
      </nav>
      <table>
        <caption class="visually-hidden">Lượt truy cập theo tháng năm {props.year}</caption>
        <thead>
          <tr><th scope="col">Tháng</th><th scope="col" class="number">Lượt truy cập</th></tr>
        </thead>
        <tbody>
          <For each={props.months}>
            {(row) => (
              <tr>
                <th scope="row">Tháng {row.month}</th>
                <td class="number" data-month={row.month}>
                  {/* An SVG's width attribute, not a style attribute: the pages' CSP allows no inline style. */}
                  <svg class="bar" aria-hidden="true" width={Math.round((row.visits / max()) * 120)} height="10"><rect width="100%" height="100%" /></svg>
                  {formatNumber(row.visits)}
                </td>
              </tr>
            )}
          </For>
        </tbody>
        <tfoot>
          <tr><th scope="row">Cả năm</th><td class="number" data-total>{formatNumber(props.total)}</td></tr>
        </tfoot>
      </table>
    </section>
  );
}
