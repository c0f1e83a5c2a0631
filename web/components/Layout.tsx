import { Show, type JSX } from "solid-js";
import { Urls } from "../../functions/core/shared/urls";
import type { Shell } from "../types";
import { Island } from "../island";
import { Sidebar } from "./Sidebar";

export function Layout(props: Shell & { path: string; children: JSX.Element }) {
  return (
    <>
      <a class="skip-link" href="#noi-dung">Bỏ qua, đến nội dung chính</a>
      <a class="skip-link" href="#danh-muc">Đến danh mục chính</a>
      <a class="skip-link" href="#cuoi-trang">Đến thông tin cuối trang</a>
      <Island name="top-bar" props={{}} />
      <header class="site-header">
        <div class="container site-header__inner">
          {/* The agency's emblem once configured; no real emblem ships with the code. */}
          <Show when={props.site.emblem} fallback={<div class="emblem" aria-hidden="true" />}>
            {(src) => <img class="emblem emblem--image" src={src()} alt="" />}
          </Show>
          <div class="site-header__title">
            <p class="site-header__kicker">Cổng thông tin điện tử</p>
            <a class="site-header__name" href={Urls.home()}>{props.site.shortName}</a>
          </div>
          <form class="site-search" action={Urls.search()} method="get" role="search" aria-label="Tìm kiếm trên cổng">
            <label class="visually-hidden" for="o-tim-kiem">Từ khóa tìm kiếm</label>
            <input id="o-tim-kiem" type="search" name="q" maxlength="200" placeholder="Tìm kiếm…" autocomplete="off" />
            <button type="submit">Tìm</button>
          </form>
        </div>
        <Island name="main-menu" props={{ sections: props.sections.filter((s) => !s.parentId).map(({ slug, name }) => ({ slug, name })), path: props.path }} />
      </header>
      {/* Without notices the banner shows nothing, and a page need not load it. */}
      <Show when={props.notices?.length}>
        <Island name="notice-banner" props={{ notices: props.notices! }} />
      </Show>
      <div class="container layout">
        <main id="noi-dung" class="main" tabindex="-1">
          {props.children}
        </main>
        <Sidebar banners={props.banners} path={props.path} />
      </div>
      <footer id="cuoi-trang" class="site-footer" tabindex="-1">
        <div class="container site-footer__inner">
          <div class="site-footer__duties">
            <p class="site-footer__name">{props.site.name}</p>
            <Show when={props.site.managingAgency}><p>Cơ quan chủ quản: {props.site.managingAgency}</p></Show>
            <Show when={props.site.responsiblePerson}><p>Chịu trách nhiệm chính: {props.site.responsiblePerson}</p></Show>
            <Show when={props.site.licence}><p>{props.site.licence}</p></Show>
            <Show when={props.site.address}><p>Địa chỉ: {props.site.address}</p></Show>
            <Show when={props.site.phone}><p>Điện thoại: <a href={`tel:${props.site.phone.replace(/[^\d+]/g, "")}`}>{props.site.phone}</a></p></Show>
            <Show when={props.site.email}>
              <p>Thư điện tử: <a href={`mailto:${props.site.email}`}>{props.site.email}</a></p>
            </Show>
            <Show when={props.site.footerText}><p class="site-footer__text">{props.site.footerText}</p></Show>
            <p class="site-footer__note">Ghi rõ nguồn "{props.site.name}" khi phát hành lại thông tin từ Cổng.</p>
          </div>
          <nav aria-label="Liên kết cuối trang">
            <ul class="site-footer__links">
              <li><a href={Urls.siteMap()}>Sơ đồ cổng</a></li>
              <li><a href={Urls.accessibility()}>Hỗ trợ tiếp cận</a></li>
              <li><a href={Urls.notices()}>Thông báo tạm ngừng hoạt động</a></li>
              <li><a href={Urls.statistics()}>Thống kê truy cập</a></li>
              <li><a href={Urls.feed()}>Tin RSS</a></li>
              <li><a href={Urls.openData()}>Dữ liệu mở</a></li>
              <li><a href={Urls.dashboard()}>Ban biên tập đăng nhập</a></li>
            </ul>
          </nav>
        </div>
      </footer>
    </>
  );
}
