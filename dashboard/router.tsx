/**
 * A small history router for the dashboard's few screens: the path is a signal, links are plain
 * `<a href>` (so they work with the keyboard, open in a new tab, and read as links), and a screen
 * change moves focus to the new screen's heading, as a page load would for a screen reader.
 */
import { createSignal, type JSX } from "solid-js";

export const BASE = "/quan-tri";

const [path, setPath] = createSignal(location.pathname);
export { path };

window.addEventListener("popstate", () => setPath(location.pathname));

/** Asked before leaving a screen with unsaved changes; returns false to stay. */
let leaveGuard: (() => boolean) | undefined;
export function guardLeaving(guard: (() => boolean) | undefined): void {
  leaveGuard = guard;
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === location.pathname + location.search) return;
  if (leaveGuard && !leaveGuard()) return;
  leaveGuard = undefined;
  if (options.replace) history.replaceState(null, "", to);
  else history.pushState(null, "", to);
  setPath(new URL(to, location.origin).pathname);
  focusHeading();
}

/** After the new screen renders: its h1 gets focus (screens give it tabindex="-1"). */
export function focusHeading(): void {
  requestAnimationFrame(() => document.querySelector<HTMLElement>("main h1")?.focus());
}

/** `pattern` like "/quan-tri/bai-viet/:id" against `path`: the parameters, or undefined. */
export function match(pattern: string, current: string): Record<string, string> | undefined {
  const want = pattern.split("/");
  const have = current.replace(/\/+$/, "").split("/");
  if (want.length !== have.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const segment = want[i]!;
    if (segment.startsWith(":")) params[segment.slice(1)] = decodeURIComponent(have[i]!);
    else if (segment !== have[i]) return undefined;
  }
  return params;
}

/** A link inside the dashboard: a plain left click stays in the app. */
export function Link(props: JSX.AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const onClick = (event: MouseEvent) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(props.href);
  };
  return <a {...props} onClick={onClick} />;
}
