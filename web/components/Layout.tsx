import { For, Show, type JSX } from "solid-js";
import type { Section, SiteSettings } from "../types";

export function Layout(props: { site: SiteSettings; sections: Section[]; children: JSX.Element }) {
  const topSections = () => props.sections.filter((section) => !section.parentId);
  return (
    <>
      <a class="skip-link" href="#noi-dung">Bỏ qua, đến nội dung chính</a>
      <header class="site-header">
        <div class="container site-header__inner">
          <div class="emblem" aria-hidden="true" />
          <div>
            <p class="site-header__kicker">Cổng thông tin điện tử</p>
            <a class="site-header__name" href="/">{props.site.shortName}</a>
          </div>
        </div>
        <nav class="main-nav" aria-label="Chuyên mục">
          <ul class="container">
            <li><a href="/">Trang chủ</a></li>
            <For each={topSections()}>
              {(section) => (
                <li><a href={`/chuyen-muc/${section.slug}`}>{section.name}</a></li>
              )}
            </For>
          </ul>
        </nav>
      </header>
      <main id="noi-dung" class="container main" tabindex="-1">
        {props.children}
      </main>
      <footer class="site-footer">
        <div class="container">
          <p class="site-footer__name">{props.site.name}</p>
          <Show when={props.site.address}><p>Địa chỉ: {props.site.address}</p></Show>
          <Show when={props.site.phone}><p>Điện thoại: {props.site.phone}</p></Show>
          <Show when={props.site.email}>
            <p>Thư điện tử: <a href={`mailto:${props.site.email}`}>{props.site.email}</a></p>
          </Show>
        </div>
      </footer>
    </>
  );
}
