/**
 * The editorial workflow of every content kind, as data (docs/architecture.md, "Publishing engine"):
 *
 *   draft ─submit→ submitted ─approve→ published ─unpublish→ unpublished ─approve→ published
 *     ↑               │  └─schedule→ scheduled ─(scheduler, when due)→ published
 *     └── returned ←──┘ return (with a reason)
 *
 * Editing a published, scheduled or unpublished item puts its working copy back to draft, while a
 * published view stays live: readers keep the approved text until the next approval. A draft that
 * never went live may be deleted; what was published is only ever unpublished.
 *
 * The engine (engine.ts) looks every command up here: where it may start, what it leads to, and
 * which permission (accounts/permissions.ts) it needs. Nothing else decides a status.
 */

export type Status = "draft" | "submitted" | "returned" | "scheduled" | "published" | "unpublished";

export const STATUSES: readonly Status[] = ["draft", "submitted", "returned", "scheduled", "published", "unpublished"];

/** The guarded commands an editor can give, and the scheduler's own. */
export type Command = "edit" | "restore" | "submit" | "return" | "approve" | "schedule" | "unpublish" | "delete" | "publish-due";

/** The permission a command needs (accounts/permissions.ts `canOnContent`). */
export type ContentAction = "create" | "edit" | "submit" | "return" | "approve" | "schedule" | "unpublish" | "delete";

export interface Transition {
  /** Statuses the command may start from. */
  from: readonly Status[];
  /** Extra condition on the item: it must be live, or must never have been live. */
  requires?: "live" | "never-published";
  /** Status afterwards, by the status before; undefined for delete. */
  to?: (from: Status) => Status;
  /** Permission checked on the server; undefined for the scheduler's own command. */
  action?: ContentAction;
  /** Why the command is refused in this state (409), after the kind's noun: "Chỉ gửi duyệt được bài viết…". */
  refusal: (noun: string) => string;
}

const APPROVABLE: readonly Status[] = ["draft", "submitted", "returned", "scheduled", "unpublished"];
const to = (status: Status) => () => status;
const afterEdit = (from: Status): Status => (from === "published" || from === "scheduled" || from === "unpublished" ? "draft" : from);

export const TRANSITIONS: Record<Command, Transition> = {
  edit: { from: STATUSES, to: afterEdit, action: "edit", refusal: (noun) => `Không sửa được ${noun} này.` },
  restore: { from: STATUSES, to: afterEdit, action: "edit", refusal: (noun) => `Không khôi phục được ${noun} này.` },
  submit: {
    from: ["draft", "returned"],
    to: to("submitted"),
    action: "submit",
    refusal: (noun) => `Chỉ gửi duyệt được ${noun} đang là bản nháp hoặc bị trả lại.`,
  },
  return: { from: ["submitted"], to: to("returned"), action: "return", refusal: (noun) => `Chỉ trả lại được ${noun} đang chờ duyệt.` },
  approve: { from: APPROVABLE, to: to("published"), action: "approve", refusal: (noun) => `${capitalize(noun)} này không ở trạng thái có thể duyệt.` },
  schedule: { from: APPROVABLE, to: to("scheduled"), action: "schedule", refusal: (noun) => `${capitalize(noun)} này không ở trạng thái có thể hẹn giờ.` },
  unpublish: { from: STATUSES, requires: "live", to: to("unpublished"), action: "unpublish", refusal: (noun) => `${capitalize(noun)} này hiện không được đăng.` },
  delete: {
    from: ["draft", "submitted", "returned"],
    requires: "never-published",
    action: "delete",
    refusal: (noun) => `Chỉ xóa được bản nháp chưa từng đăng; ${noun} đã đăng chỉ có thể gỡ xuống.`,
  },
  "publish-due": { from: ["scheduled"], to: to("published"), refusal: (noun) => `${capitalize(noun)} này không còn hẹn giờ.` },
};

/** Whether `command` may start from this item's state (permissions aside). */
export function allowedFrom(command: Command, item: { status: Status; live: boolean; firstPublishedAt?: string }): boolean {
  const transition = TRANSITIONS[command];
  if (!transition.from.includes(item.status)) return false;
  if (transition.requires === "live") return item.live;
  if (transition.requires === "never-published") return !item.live && !item.firstPublishedAt;
  return true;
}

/** The status after `command`. */
export function nextStatus(command: Command, from: Status): Status {
  const next = TRANSITIONS[command].to;
  if (!next) throw new Error(`${command} has no next status`);
  return next(from);
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
