/**
 * The workflow buttons of an open item of any kind, shown only when the server would accept them
 * (permissions.ts): submit, approve (or republish an unpublished item), schedule at a time in
 * Vietnam, return with a reason, unpublish. Approving one's own item may need a reason; commands
 * that need a reason or a time open a small form first. The approver, the publication and the
 * scheduled time are shown on the item.
 *
 * The screen gives `onCommand(command, reason?, extra?)` and sends `extra.at` (the chosen time, an
 * ISO instant) in the body of a schedule command.
 */
import { createSignal, For, Show } from "solid-js";
import { formatDateTime } from "../format";
import { offers, type Offer, type WorkItem } from "../permissions";
import { sections } from "../stores/sections";
import { session } from "../stores/session";
import type { Actor } from "../../functions/core/publishing/audit";

export type WorkflowCommand = "submit" | "approve" | "return" | "schedule" | "unpublish";

export interface WorkflowItem extends WorkItem {
  approvedBy?: Actor;
  approvedAt?: string;
  publishedAt?: string;
  scheduledAt?: string;
}

export interface WorkflowProps {
  item: WorkflowItem;
  busy: boolean;
  /** Runs the command (a method signature, so editors typed with fewer commands still fit). */
  onCommand(command: WorkflowCommand, reason?: string, extra?: { at: string }): Promise<boolean>;
}

interface Button {
  command: WorkflowCommand;
  label: (item: WorkflowItem) => string;
  reasonLabel?: string;
  withReasonLabel?: string;
  primary?: boolean;
}

const SELF = "Lý do tự duyệt nội dung của mình (được lưu vào nhật ký)";
const BUTTONS: Button[] = [
  { command: "submit", label: () => "Gửi duyệt", primary: true },
  { command: "approve", label: (item) => (item.status === "unpublished" ? "Đăng lại" : "Duyệt và đăng"), withReasonLabel: SELF, primary: true },
  { command: "schedule", label: () => "Hẹn giờ đăng", withReasonLabel: SELF },
  { command: "return", label: () => "Trả lại", reasonLabel: "Lý do trả lại (người viết sẽ thấy)" },
  { command: "unpublish", label: () => "Gỡ xuống" },
];

/** Vietnam is UTC+7 all year (no daylight saving): a `datetime-local` value is read as that. */
const VN_OFFSET_MS = 7 * 3600 * 1000;
export const toVietnamInput = (ms: number) => new Date(ms + VN_OFFSET_MS).toISOString().slice(0, 16);
export const fromVietnamInput = (value: string) => new Date(`${value}:00+07:00`);
/** The server publishes at once a time less than 30 s ahead and refuses one past a year (engine.ts). */
const EARLIEST_MS = 2 * 60 * 1000;
const LATEST_MS = 365 * 24 * 3600 * 1000;

function scheduleError(value: string): string | undefined {
  if (!value) return "Hãy chọn ngày và giờ đăng.";
  const at = fromVietnamInput(value).getTime();
  if (Number.isNaN(at)) return "Thời điểm không hợp lệ.";
  if (at < Date.now() + EARLIEST_MS) return "Hãy chọn một thời điểm sau bây giờ ít nhất 2 phút.";
  if (at > Date.now() + LATEST_MS) return "Chỉ hẹn giờ đăng trong vòng một năm.";
  return undefined;
}

export function Workflow(props: WorkflowProps) {
  const [asking, setAsking] = createSignal<{ command: WorkflowCommand; reasonLabel?: string; action: string }>();
  const [reason, setReason] = createSignal("");
  const [at, setAt] = createSignal("");
  const [errors, setErrors] = createSignal<{ reason?: string; at?: string }>({});
  const offer = (command: WorkflowCommand): Offer => offers(session.user()!, command, props.item, sections.byId(props.item.sectionId));
  const shown = () => BUTTONS.filter((button) => offer(button.command) !== "no");

  const start = (button: Button) => {
    const reasonLabel = button.reasonLabel ?? (offer(button.command) === "with-reason" ? button.withReasonLabel : undefined);
    if (!reasonLabel && button.command !== "schedule") return void props.onCommand(button.command);
    setReason("");
    setAt(toVietnamInput(Date.now() + 60 * 60 * 1000).slice(0, 14) + "00");
    setErrors({});
    setAsking({ command: button.command, reasonLabel, action: button.label(props.item) });
    requestAnimationFrame(() => document.getElementById(button.command === "schedule" ? "workflow-at" : "workflow-reason")?.focus());
  };

  const confirm = async (event: SubmitEvent) => {
    event.preventDefault();
    const current = asking();
    if (!current) return;
    const found = {
      reason: current.reasonLabel && !reason().trim() ? "Hãy nhập lý do." : undefined,
      at: current.command === "schedule" ? scheduleError(at()) : undefined,
    };
    setErrors(found);
    if (found.reason || found.at) return;
    const extra = current.command === "schedule" ? { at: fromVietnamInput(at()).toISOString() } : undefined;
    const done = await props.onCommand(current.command, current.reasonLabel ? reason().trim() : undefined, extra);
    if (done) setAsking(undefined);
  };

  const facts = () => {
    const item = props.item;
    const out: string[] = [];
    if (item.status === "scheduled" && item.scheduledAt) out.push(`Hẹn đăng lúc ${formatDateTime(item.scheduledAt)}`);
    if (item.live && item.publishedAt) out.push(`Đang đăng, ngày đăng ${formatDateTime(item.publishedAt)}`);
    if (item.status === "unpublished") out.push("Đã gỡ xuống: bạn đọc không còn thấy");
    if (item.approvedBy) out.push(`Người duyệt: ${item.approvedBy.name}${item.approvedAt ? `, lúc ${formatDateTime(item.approvedAt)}` : ""}`);
    return out;
  };

  return (
    <Show when={shown().length || facts().length}>
      <section class="panel workflow" aria-labelledby="workflow-title">
        <h2 id="workflow-title">Quy trình duyệt</h2>
        <Show when={facts().length}>
          <ul class="workflow__facts">
            <For each={facts()}>{(fact) => <li>{fact}</li>}</For>
          </ul>
        </Show>
        <Show
          when={asking()}
          fallback={
            <div class="actions">
              <For each={shown()}>
                {(button) => (
                  <button type="button" class={`button${button.primary ? " button--primary" : ""}`} disabled={props.busy} onClick={() => start(button)}>
                    {button.label(props.item)}
                  </button>
                )}
              </For>
            </div>
          }
        >
          {(current) => (
            <form class="form" onSubmit={confirm} noValidate>
              <Show when={current().command === "schedule"}>
                <div class="field">
                  <label for="workflow-at">Thời điểm đăng (giờ Việt Nam)</label>
                  <input
                    id="workflow-at"
                    type="datetime-local"
                    value={at()}
                    min={toVietnamInput(Date.now() + EARLIEST_MS)}
                    max={toVietnamInput(Date.now() + LATEST_MS)}
                    onInput={(event) => setAt(event.currentTarget.value)}
                    aria-invalid={errors().at ? "true" : undefined}
                    aria-describedby={errors().at ? "workflow-at-error" : "workflow-at-hint"}
                  />
                  <p id="workflow-at-hint" class="field__hint">
                    Từ 2 phút sau bây giờ đến một năm tới.
                  </p>
                  <Show when={errors().at}>
                    <p id="workflow-at-error" class="field__error">
                      {errors().at}
                    </p>
                  </Show>
                </div>
              </Show>
              <Show when={current().reasonLabel}>
                <div class="field">
                  <label for="workflow-reason">{current().reasonLabel}</label>
                  <textarea
                    id="workflow-reason"
                    rows="3"
                    value={reason()}
                    onInput={(event) => setReason(event.currentTarget.value)}
                    aria-invalid={errors().reason ? "true" : undefined}
                    aria-describedby={errors().reason ? "workflow-reason-error" : undefined}
                  />
                  <Show when={errors().reason}>
                    <p id="workflow-reason-error" class="field__error">
                      {errors().reason}
                    </p>
                  </Show>
                </div>
              </Show>
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
