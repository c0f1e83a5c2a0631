import { createSignal, For, onMount, Show } from "solid-js";
import { Urls } from "../../functions/core/shared/urls";

/** Whether a navigation link is the current page or one of its descendants. */
function current(path: string, href: string): "page" | "location" | undefined {
  if (path === href) return "page";
  if (href !== Urls.home() && path.startsWith(`${href}/`)) return "location";
  return undefined;
}

/**
 * The main menu (an island, web/island.tsx: the top-level sections only, projected by Layout.tsx). On narrow screens (under 40em) it folds behind a "Danh mục" button once the page
 * is hydrated; without JavaScript there is no button and the menu simply stays open (styles.css
 * only folds `.main-nav--folding`). Escape closes it and gives focus back to the button.
 */
export function MainMenu(props: { sections: { slug: string; name: string }[]; path: string }) {
  const [ready, setReady] = createSignal(false);
  const [open, setOpen] = createSignal(false);
  let button: HTMLButtonElement | undefined;
  onMount(() => setReady(true));
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "Escape" && open()) {
      setOpen(false);
      button?.focus();
    }
  };
  return (
    <nav id="danh-muc" class="main-nav" classList={{ "main-nav--folding": ready(), "main-nav--open": open() }} aria-label="Chuyên mục" onKeyDown={onKeyDown}>
      <Show when={ready()}>
        <div class="container main-nav__bar">
          <button ref={button} type="button" class="main-nav__toggle" aria-expanded={open()} aria-controls="danh-muc-chinh" onClick={() => setOpen(!open())}>
            <span aria-hidden="true">☰</span> Danh mục
          </button>
        </div>
      </Show>
      <ul id="danh-muc-chinh" class="container">
        <li><a href={Urls.home()} aria-current={current(props.path, Urls.home())}>Trang chủ</a></li>
        <For each={props.sections}>
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
  );
}
