/**
 * Errors are values with a code; the HTTP layer turns them into a status once, in one place
 * (functions/http/errors.ts). Messages are Vietnamese because they reach users as they are.
 */
export type ErrorCode =
  | "VALIDATION"
  | "NOT_FOUND"
  | "CONFLICT"
  | "FORBIDDEN"
  | "UNAUTHENTICATED"
  | "RATE_LIMITED"
  | "UNAVAILABLE";

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Field name → Vietnamese message, for form errors. */
    readonly fields?: Record<string, string>,
    /** Extra data for the client, e.g. the current version on a conflict. */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const notFound = (message = "Không tìm thấy nội dung yêu cầu.") => new AppError("NOT_FOUND", message);
export const invalid = (message: string, fields?: Record<string, string>) =>
  new AppError("VALIDATION", message, fields);
