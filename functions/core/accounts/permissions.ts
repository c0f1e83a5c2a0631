import { AppError } from "../shared/errors";
import type { ContentAction } from "../publishing/workflow";
import type { Role, SessionUser } from "./users";

export type { ContentAction };

/**
 * Who may do what (docs/architecture.md, "Publishing engine"). Every editor route ends up here, on the server.
 *
 * - admin: everything the editor-in-chief may do, plus accounts, sections and settings;
 * - editor-in-chief: writes, edits, approves, returns, schedules and unpublishes everywhere;
 * - section-editor: the same powers, only in the sections assigned to them;
 * - writer: writes in assigned sections, edits and submits their own drafts.
 */
const EVERYWHERE: Role[] = ["admin", "editor-in-chief"];

export function worksIn(user: SessionUser, sectionId: string): boolean {
  return EVERYWHERE.includes(user.role) || user.sections.includes(sectionId);
}

/** Editorial board powers (approve, return, schedule, unpublish, edit anyone's) in a section. */
export function isBoardFor(user: SessionUser, sectionId: string): boolean {
  return EVERYWHERE.includes(user.role) || (user.role === "section-editor" && user.sections.includes(sectionId));
}

export function canManageAccounts(user: SessionUser): boolean {
  return user.role === "admin";
}

/** Statuses in which a writer may still change their own item. */
const WRITER_EDITABLE = new Set(["draft", "returned", "published", "unpublished"]);

/**
 * Whether `user` may give `action` on an item of any content kind in `item.sectionId` (for
 * "create", the section it would be created in). The workflow (publishing/workflow.ts) decides
 * separately whether the item's state allows the action.
 */
export function canOnContent(
  user: SessionUser,
  action: ContentAction,
  item: { sectionId: string; authorId?: string; status?: string },
): boolean {
  if (isBoardFor(user, item.sectionId)) return true;
  if (user.role !== "writer" || !worksIn(user, item.sectionId)) return false;
  const own = item.authorId === undefined || item.authorId === user.id;
  switch (action) {
    case "create":
      return true;
    case "edit":
      return own && WRITER_EDITABLE.has(item.status ?? "draft");
    case "submit":
    case "delete":
      return own;
    default:
      return false;
  }
}

/** Archive imports may carry their original publication date: only the chiefs set it. */
export function canSetArchiveDate(user: SessionUser): boolean {
  return EVERYWHERE.includes(user.role);
}

/**
 * Four eyes (docs/architecture.md, "Publishing engine"): nobody approves what they wrote, except the editor-in-chief or an admin
 * with a reason the audit keeps. Archive imports are exempt, and a section may relax the rule
 * for a small board (`selfApproval`).
 * - "allowed": approve as usual;
 * - "with-reason": allowed only with a stated reason;
 * - "refused": a 403.
 */
export function selfApproval(
  user: SessionUser,
  item: { authorId: string; archive?: boolean },
  section: { selfApproval?: boolean } | undefined,
): "allowed" | "with-reason" | "refused" {
  if (item.authorId !== user.id || item.archive || section?.selfApproval) return "allowed";
  return EVERYWHERE.includes(user.role) ? "with-reason" : "refused";
}

/** The featured items of the home page ("Tin nổi bật") are chosen by the chiefs. */
export function canChooseFeatured(user: SessionUser): boolean {
  return EVERYWHERE.includes(user.role);
}

export function requireUser(user: SessionUser | undefined): SessionUser {
  if (!user) throw new AppError("UNAUTHENTICATED", "Bạn cần đăng nhập để thực hiện thao tác này.");
  return user;
}

export function forbidden(message = "Bạn không có quyền thực hiện thao tác này."): AppError {
  return new AppError("FORBIDDEN", message);
}

/** The activity report is for the editorial board; writers do not read it. */
export function canReadReports(user: SessionUser): boolean {
  return (["admin", "editor-in-chief", "section-editor"] as Role[]).includes(user.role);
}

/** Sections (create, rename, nest) are site structure: admins only, like accounts. */
export function canManageSections(user: SessionUser): boolean {
  return canManageAccounts(user);
}

/** The audit trail records the board's own actions, so only admins read it. */
export function canReadAudit(user: SessionUser): boolean {
  return canManageAccounts(user);
}

/**
 * An admin cannot deactivate or demote their own account: the portal could be left with no
 * admin, and nobody could undo it.
 */
export function locksOutSelf(actorId: string, userId: string, patch: { role?: Role; active?: boolean }): boolean {
  return actorId === userId && (patch.active === false || (patch.role !== undefined && patch.role !== "admin"));
}

// media-permissions
/**
 * Media library (core/media/): any staff member uploads and reads it; the uploader, the section
 * editors and the chiefs edit alt text, caption and credit (an approver may have to fix an image's
 * alt text); only the uploader and the chiefs delete.
 */
export function canEditMedia(user: SessionUser, media: { uploadedBy: { id: string } }): boolean {
  return media.uploadedBy.id === user.id || user.role === "section-editor" || EVERYWHERE.includes(user.role);
}

export function canDeleteMedia(user: SessionUser, media: { uploadedBy: { id: string } }): boolean {
  return media.uploadedBy.id === user.id || EVERYWHERE.includes(user.role);
}

/** Completing or cancelling an unfinished (multipart) upload: its uploader, or an admin. */
export function canFinishUpload(user: SessionUser, media: { uploadedBy: { id: string } }): boolean {
  return media.uploadedBy.id === user.id || user.role === "admin";
}

/** Linked banners (ảnh liên kết) are part of every page, like sections: admins only. */
export function canManageBanners(user: SessionUser): boolean {
  return user.role === "admin";
}

/** Outage notices and the public holiday list (the site's own availability): admins only. */
export function canManageNotices(user: SessionUser): boolean {
  return user.role === "admin";
}

/** The site settings (agency name, contacts, the footer's legal lines) are on every page: admins only. */
export function canManageSettings(user: SessionUser): boolean {
  return user.role === "admin";
}
