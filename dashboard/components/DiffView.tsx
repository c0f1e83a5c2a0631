/**
 * Two versions of an item side by side, field by field: the older or the other one on the left,
 * the newer or mine on the right. Words only on one side are marked with <del> (left) and <ins>
 * (right): struck through or underlined and tinted, never by colour alone, and each mark starts
 * with hidden text a screen reader reads ("chỉ có ở bản này:"), so the difference is heard too.
 * Text keeps its line breaks (one paragraph a line). Pure rendering: the diff is computed by the
 * server (revisions compare) or by editor/diff.ts.
 */
import { For, Show, type JSX } from "solid-js";
import type { DiffPart } from "../../functions/core/publishing/revisions";

export interface DiffRow {
  /** The field's name as the form labels it ("Tiêu đề"). */
  label: string;
  /** Word diff from left to right; when absent, `before` and `after` are shown whole. */
  parts?: DiffPart[];
  before?: string;
  after?: string;
  /** Extra controls under the row (copy this field from the left…). */
  actions?: () => JSX.Element;
}

function Side(props: { parts: DiffPart[]; side: "before" | "after" }) {
  const hidden = props.side === "before" ? "added" : "removed";
  return (
    <div class="diff__text">
      <For each={props.parts.filter((part) => part.op !== hidden)}>
        {(part) =>
          part.op === "same" ? (
            part.text
          ) : part.op === "removed" ? (
            <del>
              <span class="visually-hidden">[chỉ có ở bản này: </span>
              {part.text}
              <span class="visually-hidden">]</span>
            </del>
          ) : (
            <ins>
              <span class="visually-hidden">[chỉ có ở bản này: </span>
              {part.text}
              <span class="visually-hidden">]</span>
            </ins>
          )
        }
      </For>
    </div>
  );
}

const whole = (text: string | undefined, op: DiffPart["op"]): DiffPart[] => (text ? [{ op, text }] : []);

export function DiffView(props: { id: string; beforeLabel: string; afterLabel: string; rows: DiffRow[]; notice?: string }) {
  const changed = (row: DiffRow) => (row.parts ? row.parts.some((part) => part.op !== "same") : row.before !== row.after);
  return (
    <div class="diff">
      <Show when={props.notice}>
        <p class="alert alert--warning">{props.notice}</p>
      </Show>
      <For each={props.rows}>
        {(row, index) => (
          <section class="diff__row" aria-labelledby={`${props.id}-${index()}`}>
            <h3 id={`${props.id}-${index()}`} class="diff__label">
              {row.label}: {changed(row) ? "khác nhau" : "giống nhau"}
            </h3>
            <div class="diff__cols">
              <div class="diff__col">
                <h4 class="diff__side">{props.beforeLabel}</h4>
                <Side side="before" parts={row.parts ?? (changed(row) ? whole(row.before, "removed") : whole(row.before, "same"))} />
              </div>
              <div class="diff__col">
                <h4 class="diff__side">{props.afterLabel}</h4>
                <Side side="after" parts={row.parts ?? (changed(row) ? whole(row.after, "added") : whole(row.after, "same"))} />
              </div>
            </div>
            <Show when={row.actions}>
              <div class="actions">{row.actions!()}</div>
            </Show>
          </section>
        )}
      </For>
    </div>
  );
}
