/**
 * The workflow buttons of an open article, shown only when the server would accept them
 * (permissions.ts): submit, approve (with a reason when approving one's own item is allowed only
 * so), return with a reason, unpublish. Commands that need a reason open a small form first.
 */
import { createSignal, For, Show } from "solid-js";
import type { Command } from "../stores/articles";
import { offers, type Offer } from "../permissions";
import { sections } from "../stores/sections";
import { session } from "../stores/session";
import type { Article } from "../types";

const BUTTONS: { command: Command; label: string; reasonLabel?: string; withReasonLabel?: string; primary?: boolean }[] = [
  { command: "submit", label: "Gửi duyệt", primary: true },
  { command: "approve", label: "Duyệt và đăng", withReasonLabel: "Lý do tự duyệt bài của mình (được lưu vào nhật ký)", primary: true },
  { command: "return", label: "Trả lại", reasonLabel: "Lý do trả lại (người viết sẽ thấy)" },
  { command: "unpublish", label: "Gỡ bài xuống" },
];

export function Workflow(props: { item: Article; busy: boolean; onCommand: (command: Command, reason?: string) => Promise<boolean> }) {
  const [asking, setAsking] = createSignal<{ command: Command; label: string; action: string }>();
  const [reason, setReason] = createSignal("");
  const [missing, setMissing] = createSignal(false);
  const offer = (command: Command): Offer => offers(session.user()!, command, props.item, sections.byId(props.item.sectionId));
  const shown = () => BUTTONS.filter((button) => offer(button.command) !== "no");

  const start = (button: (typeof BUTTONS)[number]) => {
    const reasonLabel = button.reasonLabel ?? (offer(button.command) === "with-reason" ? button.withReasonLabel : undefined);
    if (!reasonLabel) return void props.onCommand(button.command);
    setReason("");
    setMissing(false);
    setAsking({ command: button.command, label: reasonLabel, action: button.label });
    requestAnimationFrame(() => document.getElementById("workflow-reason")?.focus());
  };

  const confirm = async (event: SubmitEvent) => {
    event.preventDefault();
    const current = asking();
    if (!current) return;
    if (!reason().trim()) return void setMissing(true);
    if (await props.onCommand(current.command, reason().trim())) setAsking(undefined);
  };

  return (
    <Show when={shown().length}>
      <section class="panel workflow" aria-labelledby="workflow-title">
        <h2 id="workflow-title">Quy trình duyệt</h2>
        <Show
          when={asking()}
          fallback={
            <div class="actions">
              <For each={shown()}>
                {(button) => (
                  <button type="button" class={`button${button.primary ? " button--primary" : ""}`} disabled={props.busy} onClick={() => start(button)}>
                    {button.label}
                  </button>
                )}
              </For>
            </div>
          }
        >
          {(current) => (
            <form class="form" onSubmit={confirm}>
              <div class="field">
                <label for="workflow-reason">{current().label}</label>
                <textarea
                  id="workflow-reason"
                  rows="3"
                  value={reason()}
                  onInput={(event) => setReason(event.currentTarget.value)}
                  aria-invalid={missing() ? "true" : undefined}
                  aria-describedby={missing() ? "workflow-reason-error" : undefined}
                />
                <Show when={missing()}>
                  <p id="workflow-reason-error" class="field__error">
                    Hãy nhập lý do.
                  </p>
                </Show>
              </div>
              <div class="actions">
                <button type="submit" class="button button--primary" disabled={props.busy}>
                  {current().action}
                </button>
                <button type="button" class="button button--quiet" onClick={() => setAsking(undefined)}>
                  Hủy
                </button>
              </div>
            </form>
          )}
        </Show>
      </section>
    </Show>
  );
}
