import { createSignal, For, onCleanup, onMount, Show } from "solid-js";
import type { IslandPhoto as GalleryPhoto } from "../island";
import { formatNumber } from "../format";
import { Picture, variantNear } from "./Picture";

/**
 * The photos of a reportage, progressively enhanced. The server renders (and a browser without
 * JavaScript keeps) a plain ordered list of <figure>s: every photo with its caption and credit,
 * readable and complete. Once the island is hydrated (web/island.tsx; `onMount` runs only in the
 * browser) a reportage of two or more photos becomes a viewer: one large
 * photo, "Ảnh trước"/"Ảnh sau" buttons, thumbnails as buttons, ←/→/Home/End on any of its
 * controls, "Ảnh 3/12" in a polite live region, and a full-screen mode that keeps Tab inside and
 * that Esc leaves (focus returns to the button that opened it).
 */
export function GalleryViewer(props: { photos: GalleryPhoto[]; title: string }) {
  const [enhanced, setEnhanced] = createSignal(false);
  onMount(() => setEnhanced(props.photos.length > 1));
  return (
    <Show when={enhanced()} fallback={<PhotoList photos={props.photos} />}>
      <Viewer photos={props.photos} title={props.title} />
    </Show>
  );
}

/** Caption and credit of a photo; nothing when it has neither. */
function Caption(props: { photo: GalleryPhoto; prefix?: string }) {
  return (
    <Show when={props.photo.caption || props.photo.credit || props.prefix}>
      <figcaption class="gallery-photo__caption">
        <Show when={props.prefix}>
          <span class="gallery-photo__number">{props.prefix}</span>{" "}
        </Show>
        <Show when={props.photo.caption}>{props.photo.caption} </Show>
        <Show when={props.photo.credit}>
          <span class="gallery-photo__credit">Ảnh: {props.photo.credit}</span>
        </Show>
      </figcaption>
    </Show>
  );
}

/** Without JavaScript: every photo, in order, as a figure. */
function PhotoList(props: { photos: GalleryPhoto[] }) {
  const total = () => formatNumber(props.photos.length);
  return (
    <ol class="gallery-list">
      <For each={props.photos}>
        {(photo, index) => (
          <li class="gallery-list__item" id={`anh-${index() + 1}`}>
            <figure class="gallery-photo">
              <Picture image={photo.image} sizes="(max-width: 860px) calc(100vw - 32px), 760px" priority={index() === 0} />
              <Caption photo={photo} prefix={`Ảnh ${formatNumber(index() + 1)}/${total()}.`} />
            </figure>
          </li>
        )}
      </For>
    </ol>
  );
}

const FOCUSABLE = "button, [tabindex='0']";

function Viewer(props: { photos: GalleryPhoto[]; title: string }) {
  const [index, setIndex] = createSignal(0);
  const [full, setFull] = createSignal(false);
  let root!: HTMLElement;
  let toggle!: HTMLButtonElement;
  let stage!: HTMLElement;
  const thumbs: HTMLButtonElement[] = [];
  const count = () => props.photos.length;
  const current = () => props.photos[index()]!;

  function go(next: number) {
    const target = Math.min(count() - 1, Math.max(0, next));
    if (target === index()) return;
    setIndex(target);
    thumbs[target]?.scrollIntoView?.({ block: "nearest", inline: "nearest" });
  }

  function setFullScreen(on: boolean) {
    setFull(on);
    // The page behind must not scroll under the full-screen viewer.
    document.body.style.overflow = on ? "hidden" : "";
    (on ? stage : toggle).focus();
  }
  onCleanup(() => {
    if (full()) document.body.style.overflow = "";
  });

  function keys(event: KeyboardEvent) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const moves: Record<string, () => number> = { ArrowLeft: () => index() - 1, ArrowRight: () => index() + 1, Home: () => 0, End: () => count() - 1 };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      go(move());
      return;
    }
    if (event.key === "Escape" && full()) {
      event.preventDefault();
      setFullScreen(false);
      return;
    }
    // Full screen is modal: Tab cycles through the viewer's own controls.
    if (event.key === "Tab" && full()) {
      const items = [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null);
      const first = items[0];
      const last = items[items.length - 1];
      if (event.shiftKey && document.activeElement === first) {
        event.preventDefault();
        last?.focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        first?.focus();
      }
    }
  }

  return (
    <section
      ref={root}
      class="gallery-viewer"
      classList={{ "gallery-viewer--full": full() }}
      role={full() ? "dialog" : "region"}
      aria-modal={full() ? "true" : undefined}
      aria-label={`Trình xem ảnh: ${props.title}`}
      onKeyDown={keys}
    >
      <p id="huong-dan-xem-anh" class="visually-hidden">
        Dùng phím mũi tên trái và phải để chuyển ảnh, phím Home về ảnh đầu, phím End tới ảnh cuối, phím Esc để thoát chế độ toàn màn hình.
      </p>
      <figure ref={stage} class="gallery-viewer__stage gallery-photo" tabindex="0" aria-describedby="huong-dan-xem-anh">
        <Picture image={current().image} sizes={full() ? "100vw" : "(max-width: 860px) calc(100vw - 32px), 760px"} priority />
        <Caption photo={current()} />
      </figure>
      <div class="gallery-viewer__controls">
        <button type="button" class="gallery-viewer__button" aria-disabled={index() === 0 ? "true" : undefined} onClick={() => go(index() - 1)}>
          <span aria-hidden="true">‹ </span>Ảnh trước
        </button>
        <p class="gallery-viewer__counter" aria-live="polite" aria-atomic="true">
          Ảnh {formatNumber(index() + 1)}/{formatNumber(count())}
        </p>
        <button type="button" class="gallery-viewer__button" aria-disabled={index() === count() - 1 ? "true" : undefined} onClick={() => go(index() + 1)}>
          Ảnh sau<span aria-hidden="true"> ›</span>
        </button>
        <button ref={toggle} type="button" class="gallery-viewer__button gallery-viewer__toggle" onClick={() => setFullScreen(!full())}>
          {full() ? "Thoát toàn màn hình" : "Xem toàn màn hình"}
        </button>
      </div>
      <ul class="gallery-viewer__thumbs" aria-label="Chọn ảnh để xem">
        <For each={props.photos}>
          {(photo, i) => {
            const small = variantNear(photo.image, 320) ?? variantNear(photo.image, 320, ["webp"]);
            return (
              <li>
                <button
                  ref={(el) => (thumbs[i()] = el)}
                  type="button"
                  class="gallery-viewer__thumb"
                  aria-label={`Ảnh ${i() + 1}: ${photo.image.alt}`}
                  aria-current={i() === index() ? "true" : undefined}
                  onClick={() => go(i())}
                >
                  <Show when={small}>{(v) => <img src={v().url} alt="" width={v().width} height={v().height} loading="lazy" decoding="async" />}</Show>
                </button>
              </li>
            );
          }}
        </For>
      </ul>
    </section>
  );
}
