import { AppError } from "./errors";
import type { Role, SessionUser } from "./users";

/**
 * Who may do what (DESIGN.md, Editorial model). Every editor route ends up here, on the server.
 *
 * - admin: everything the editor-in-chief may do, plus accounts, sections and settings;
 * - editor-in-chief: writes, edits, approves, returns, schedules and unpublishes everywhere;
 * - section-editor: the same powers, only in the sections assigned to them;
 * - writer: writes in assigned sections, edits and submits their own drafts.
 */
export type ArticleAction = "create" | "edit" | "submit" | "approve" | "return" | "unpublish" | "schedule";

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

/** Statuses in which a writer may still change their own article. */
const WRITER_EDITABLE = new Set(["draft", "returned", "published", "unpublished"]);

export function canOnArticle(
  user: SessionUser,
  action: ArticleAction,
  article: { sectionId: string; authorId?: string; status?: string },
): boolean {
  if (isBoardFor(user, article.sectionId)) return true;
  if (user.role !== "writer" || !worksIn(user, article.sectionId)) return false;
  const own = article.authorId === undefined || article.authorId === user.id;
  switch (action) {
    case "create":
      return true;
    case "edit":
      return own && WRITER_EDITABLE.has(article.status ?? "draft");
    case "submit":
      return own;
    default:
      return false;
  }
}

export function requireUser(user: SessionUser | undefined): SessionUser {
  if (!user) throw new AppError("UNAUTHENTICATED", "Bạn cần đăng nhập để thực hiện thao tác này.");
  return user;
}

export function forbidden(message = "Bạn không có quyền thực hiện thao tác này."): AppError {
  return new AppError("FORBIDDEN", message);
}
