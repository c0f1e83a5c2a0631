import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { AppError, type ErrorCode } from "../core/shared/errors";

const STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
};

export interface ErrorBody {
  error: { code: string; message: string; fields?: Record<string, string>; [extra: string]: unknown };
}

/**
 * The one place where errors become HTTP: AppError by its code; Hono's own exceptions (malformed
 * JSON body and the like) as 400s; anything else is logged and answered with a generic 500 that
 * carries no internals.
 */
export function toHttpError(error: unknown): { status: ContentfulStatusCode; body: ErrorBody } {
  if (error instanceof AppError) {
    return {
      status: STATUS[error.code],
      body: { error: { code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}), ...error.details } },
    };
  }
  if (error instanceof HTTPException && error.status < 500) {
    return {
      status: error.status as ContentfulStatusCode,
      body: { error: { code: "BAD_REQUEST", message: "Yêu cầu không hợp lệ." } },
    };
  }
  console.error(error);
  return { status: 500, body: { error: { code: "INTERNAL", message: "Hệ thống đang gặp sự cố, xin vui lòng thử lại sau." } } };
}

export const isApiPath = (c: Context) => c.req.path === "/api" || c.req.path.startsWith("/api/");
