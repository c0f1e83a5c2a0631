/**
 * Which workflow buttons to show: the server's own rules (accounts/permissions.ts for the role and
 * section, publishing/workflow.ts for the status), imported as they are so the screen and the
 * server cannot disagree. The server still checks every command.
 */
import { canOnContent, isBoardFor, selfApproval, worksIn } from "../functions/core/accounts/permissions";
import { allowedFrom, type Command } from "../functions/core/publishing/workflow";
import type { Item, Section, SessionUser } from "./types";

export { isBoardFor, worksIn };

export type Offer = "no" | "yes" | "with-reason";

/** What the rules read of an item of any kind (an Article, another kind's item, a list line). */
export type WorkItem = Pick<Item, "status" | "live" | "sectionId" | "author"> & Partial<Pick<Item, "firstPublishedAt" | "archive" | "counted">>;

/** Whether `user` may give `command` on `item` now; approving one's own item may need a reason. */
export function offers(user: SessionUser, command: Command, item: WorkItem, section: Section | undefined): Offer {
  const action = command === "restore" || command === "publish-due" ? "edit" : command;
  if (!allowedFrom(command, item)) return "no";
  // Unpublishing and replacing a live text are decided where it is live (engine.ts `guard`).
  const sectionId = command === "unpublish" ? (item.counted?.sectionId ?? item.sectionId) : item.sectionId;
  if (!canOnContent(user, action, { sectionId, authorId: item.author.id, status: item.status })) return "no";
  if ((command === "approve" || command === "schedule") && item.live && item.counted && !isBoardFor(user, item.counted.sectionId)) return "no";
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

/** Whether the user may create items at all (a writer needs a section to write in). */
export function creates(user: SessionUser, sections: Section[]): boolean {
  return sections.some((section) => canOnContent(user, "create", { sectionId: section.id }));
}
