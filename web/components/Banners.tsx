import { For, Show } from "solid-js";
import type { Banner } from "../types";
import { Picture } from "./Picture";

/** Another site: opened in a new tab, and told so. Site paths ("/gop-y") stay in this one. */
const isExternal = (href: string) => /^https?:\/\//i.test(href);

/**
 * The linked banners (ảnh liên kết) of the sidebar, in the admins' order. The image is the whole
 * link, so its text alternative is the banner's title (the link's purpose, WCAG 2.4.4), not the
 * library's description of the picture. Links to other sites open a new tab without giving it
 * `window.opener` or our address (rel), and say so to screen-reader users.
 */
export function Banners(props: { banners: Banner[] }) {
  return (
    <Show when={props.banners.length > 0}>
      <section class="sidebar__box" aria-labelledby="lien-ket-website">
        <h2 id="lien-ket-website" class="sidebar__title">Liên kết website</h2>
        <ul class="banners">
          <For each={props.banners}>
            {(banner) => {
              const external = isExternal(banner.href);
              return (
                <li>
                  <a
                    class="banners__link"
                    href={banner.href}
                    target={external ? "_blank" : undefined}
                    rel={external ? "noopener noreferrer" : undefined}
                  >
                    <Picture image={{ ...banner.image, alt: banner.title }} sizes="(max-width: 860px) 100vw, 272px" />
                    <Show when={external}>
                      <span class="visually-hidden"> (mở trang mới)</span>
                    </Show>
                  </a>
                </li>
              );
            }}
          </For>
        </ul>
      </section>
    </Show>
  );
}
