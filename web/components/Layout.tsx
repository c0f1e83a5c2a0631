import { For, Show, type JSX } from "solid-js";
import { Urls } from "../../functions/core/shared/urls";
import type { Shell } from "../types";
import { Sidebar } from "./Sidebar";

/** Whether a navigation link is the current page or one of its descendants. */
function current(path: string, href: string): "page" | "location" | undefined {
  if (path === href) return "page";
  if (href !== Urls.home() && path.startsWith(`${href}/`)) return "location";
  return undefined;
}

export function Layout(props: Shell & { path: string; children: JSX.Element }) {
  const topSections = () => props.sections.filter((section) => !section.parentId);
  return (
    <>
      <a class="skip-link" href="#noi-dung">Bỏ qua, đến nội dung chính</a>
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
        <nav class="main-nav" aria-label="Chuyên mục">
          <ul class="container">
            <li><a href={Urls.home()} aria-current={current(props.path, Urls.home())}>Trang chủ</a></li>
            <For each={topSections()}>
              {(section) => (
                <li>
                  <a href={Urls.section(section.slug)} aria-current={current(props.path, Urls.section(section.slug))}>
                    {section.name}
                  </a>
                </li>
              )}
            </For>
          </ul>
        </nav>
      </header>
      <div class="container layout">
        <main id="noi-dung" class="main" tabindex="-1">
          {props.children}
        </main>
        <Sidebar banners={props.banners} path={props.path} />
      </div>
      <footer class="site-footer">
        <div class="container site-footer__inner">
          <div>
            <p class="site-footer__name">{props.site.name}</p>
            <Show when={props.site.address}><p>Địa chỉ: {props.site.address}</p></Show>
            <Show when={props.site.phone}><p>Điện thoại: <a href={`tel:${props.site.phone.replace(/[^\d+]/g, "")}`}>{props.site.phone}</a></p></Show>
            <Show when={props.site.email}>
              <p>Thư điện tử: <a href={`mailto:${props.site.email}`}>{props.site.email}</a></p>
            </Show>
            <p class="site-footer__note">Ghi rõ nguồn "{props.site.name}" khi phát hành lại thông tin từ Cổng.</p>
          </div>
          <nav aria-label="Liên kết cuối trang">
            <ul class="site-footer__links">
              <li><a href={Urls.feed()}>Tin RSS</a></li>
              <li><a href={Urls.sitemap()}>Sơ đồ cổng</a></li>
              <li><a href={Urls.openData()}>Dữ liệu mở</a></li>
              <li><a href={Urls.dashboard()}>Ban biên tập đăng nhập</a></li>
            </ul>
          </nav>
        </div>
      </footer>
    </>
  );
}
