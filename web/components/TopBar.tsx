import { createSignal, onMount, Show } from "solid-js";
import { isServer } from "solid-js/web";
import { vietnameseToday } from "./today";

/** localStorage key and <html> classes shared with the head script (functions/http/reader/duties.ts DISPLAY_SCRIPT). */
const KEY = "hien-thi";
const SIZES = ["sm", "", "lg", "xl"] as const;
type Size = (typeof SIZES)[number];
interface Display {
  size: Size;
  contrast: boolean;
}

function read(): Display {
  try {
    const stored = JSON.parse(localStorage.getItem(KEY) ?? "{}") as Partial<Display>;
    return { size: SIZES.includes(stored.size as Size) ? (stored.size as Size) : "", contrast: stored.contrast === true };
  } catch {
    return { size: "", contrast: false };
  }
}

function apply(display: Display) {
  const classes = document.documentElement.classList;
  for (const size of SIZES) if (size) classes.toggle(`chu-${size}`, display.size === size);
  classes.toggle("tuong-phan", display.contrast);
  try {
    localStorage.setItem(KEY, JSON.stringify(display));
  } catch {
    // Private mode or storage full: the choice holds for this page only.
  }
}

/**
 * The strip above the header: today's date and the accessibility aids (text size, high contrast).
 * Pages are cached at the CDN, so the date rendered on the server may be yesterday's: after
 * hydration the browser writes today's. The aids need JavaScript, so they appear after hydration;
 * the choices persist in localStorage and the head script applies them before first paint.
 */
export function TopBar() {
  // On the client the first value is "", which hydration ignores (the server's text stays) and onMount replaces.
  const [today, setToday] = createSignal(isServer ? vietnameseToday(Date.now()) : "");
  const [display, setDisplay] = createSignal<Display | undefined>();
  onMount(() => {
    setToday(vietnameseToday(Date.now()));
    setDisplay(read());
  });
  const change = (next: Partial<Display>) => {
    const value = { ...display()!, ...next };
    setDisplay(value);
    apply(value);
  };
  const step = (delta: number) => SIZES[Math.min(SIZES.length - 1, Math.max(0, SIZES.indexOf(display()!.size) + delta))]!;
  return (
    <div class="top-bar">
      <div class="container top-bar__inner">
        <p class="top-bar__date"><span class="today">{today()}</span></p>
        <Show when={display()}>
          {(current) => (
            <div class="display-tools" role="group" aria-label="Công cụ hỗ trợ đọc">
              <button type="button" aria-label="Giảm cỡ chữ" disabled={current().size === SIZES[0]} onClick={() => change({ size: step(-1) })}>A−</button>
              <button type="button" aria-label="Cỡ chữ mặc định" aria-pressed={current().size === ""} onClick={() => change({ size: "" })}>A</button>
              <button type="button" aria-label="Tăng cỡ chữ" disabled={current().size === SIZES[SIZES.length - 1]} onClick={() => change({ size: step(1) })}>A+</button>
              <button type="button" aria-pressed={current().contrast} onClick={() => change({ contrast: !current().contrast })}>Tương phản cao</button>
            </div>
          )}
        </Show>
      </div>
    </div>
  );
}
