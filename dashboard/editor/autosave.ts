/**
 * Autosave for an editor screen: a save some seconds after typing stops, and at once when the tab
 * is hidden (switching tabs, minimising, closing: `visibilitychange` is the last event a page can
 * rely on), as long as `enabled()` and `dirty()` say so. Saves never overlap: `serial` runs one
 * save after another, so a manual save waiting behind an autosave sends the version that autosave
 * got back, instead of meeting its own 409.
 */
import { onCleanup } from "solid-js";

/** Seconds of quiet before an autosave: long enough not to save every word on a weak PC. */
export const AUTOSAVE_DELAY_MS = 3000;

export function createAutosave(options: { enabled: () => boolean; dirty: () => boolean; save: () => Promise<unknown>; delayMs?: number }) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (options.enabled() && options.dirty()) void options.save();
  };
  const onVisibility = () => {
    if (document.visibilityState === "hidden") flush();
  };
  document.addEventListener("visibilitychange", onVisibility);
  onCleanup(() => {
    clearTimeout(timer);
    document.removeEventListener("visibilitychange", onVisibility);
  });
  return {
    /** After a change: (re)starts the quiet period. */
    schedule() {
      clearTimeout(timer);
      timer = options.enabled() && options.dirty() ? setTimeout(flush, options.delayMs ?? AUTOSAVE_DELAY_MS) : undefined;
    },
    /** Drops a pending autosave (a manual save is about to run). */
    cancel() {
      clearTimeout(timer);
      timer = undefined;
    },
    flush,
  };
}

/** Runs async tasks one after another (saves of one item). */
export function serial() {
  let chain: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = chain.then(task, task);
    chain = run.catch(() => undefined);
    return run;
  };
}
