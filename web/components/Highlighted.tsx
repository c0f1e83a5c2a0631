import { For, Show } from "solid-js";
import type { Segment } from "../types";

/** Text with the searched words in <mark>; rendered as text nodes, never as HTML. */
export function Highlighted(props: { segments: Segment[] }) {
  return (
    <For each={props.segments}>
      {(segment) => (
        <Show when={segment.hit} fallback={segment.text}>
          <mark>{segment.text}</mark>
        </Show>
      )}
    </For>
  );
}
