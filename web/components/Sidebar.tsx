import { For } from "solid-js";
import { Urls } from "../../functions/core/shared/urls";
import type { Banner } from "../types";
import { Banners } from "./Banners";
import { Island } from "../island";

const QUICK_LINKS = [
  { href: Urls.documents(), label: "Văn bản chỉ đạo" },
  { href: Urls.schedules(), label: "Lịch công tác" },
  { href: Urls.consultations(), label: "Góp ý dự thảo" },
  { href: Urls.galleries(), label: "Thư viện ảnh" },
  { href: Urls.videos(), label: "Video" },
];

/** The same on every page: visitor counts, quick links, the agency's banners when configured. */
export function Sidebar(props: { banners: Banner[]; path: string }) {
  return (
    <aside class="sidebar" aria-label="Thông tin bên lề">
      <Island name="visitor-box" props={{}} />
      <section class="sidebar__box" aria-labelledby="lien-ket-nhanh">
        <h2 id="lien-ket-nhanh" class="sidebar__title">Liên kết nhanh</h2>
        <ul class="sidebar__links">
          <For each={QUICK_LINKS}>
            {(link) => (
              <li><a href={link.href} aria-current={props.path === link.href ? "page" : undefined}>{link.label}</a></li>
            )}
          </For>
        </ul>
      </section>
      <Banners banners={props.banners} />
    </aside>
  );
}
