import { createSignal, onCleanup, onMount } from "solid-js";
import { subscribeViews } from "../beacon";
import { formatNumber } from "../format";

/**
 * "Số lần xem" in an article's meta line (inline, with its own " · " separator). A placeholder
 * on the server, since the page is cached by the CDN; the live count after hydration.
 */
export function ViewCount(props: { articleId: string }) {
  const [views, setViews] = createSignal<number>();
  onMount(() => onCleanup(subscribeViews(props.articleId, setViews)));
  return (
    <span class="view-count" aria-busy={views() === undefined ? "true" : "false"}>
      {" · "}Số lần xem: {views() === undefined ? "…" : formatNumber(views()!)}
    </span>
  );
}
