/**
 * Which workflow buttons to show: the server's own rules (accounts/permissions.ts for the role and
 * section, publishing/workflow.ts for the status), imported as they are so the screen and the
 * server cannot disagree. The server still checks every command.
 */
import { canOnContent, isBoardFor, selfApproval, worksIn } from "../functions/core/accounts/permissions";
import { allowedFrom, type Command } from "../functions/core/publishing/workflow";
import type { Article, Section, SessionUser } from "./types";

export { isBoardFor, worksIn };

export type Offer = "no" | "yes" | "with-reason";

/** Whether `user` may give `command` on `item` now; approving one's own item may need a reason. */
export function offers(user: SessionUser, command: Command, item: Article, section: Section | undefined): Offer {
  const action = command === "restore" || command === "publish-due" ? "edit" : command;
  if (!allowedFrom(command, item)) return "no";
  if (!canOnContent(user, action, { sectionId: item.sectionId, authorId: item.author.id, status: item.status })) return "no";
  if (command === "approve" || command === "schedule") {
    const rule = selfApproval(user, { authorId: item.author.id, archive: item.archive }, section);
    return rule === "allowed" ? "yes" : rule === "with-reason" ? "with-reason" : "no";
  }
  return "yes";
}

/** Whether the user reviews anything (the "Chờ duyệt" list). */
export function reviews(user: SessionUser): boolean {
  return user.role !== "writer";
}
