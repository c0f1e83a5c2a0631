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

export interface HttpError {
  status: ContentfulStatusCode;
  body: ErrorBody;
  /** `Retry-After` (seconds) on every 503. */
  headers: Record<string, string>;
}

/** Seconds a client should wait: contention and throttling clear fast, an outage less so. */
export const RETRY_AFTER = { busy: 2, outage: 5 } as const;

export const UNAVAILABLE_MESSAGE = "Hệ thống tạm thời không truy cập được dữ liệu. Xin vui lòng thử lại sau ít phút.";
export const INTERNAL_MESSAGE = "Hệ thống đang gặp sự cố, xin vui lòng thử lại sau.";

/** Error names of the AWS SDK (DynamoDB, S3) and of Node meaning "unavailable or throttled, try later". */
const UNAVAILABLE_NAMES = new Set([
  "ThrottlingException",
  "Throttling",
  "ThrottledException",
  "ProvisionedThroughputExceededException",
  "RequestLimitExceeded",
  "RequestThrottled",
  "RequestThrottledException",
  "TooManyRequestsException",
  "SlowDown",
  "LimitExceededException",
  "InternalServerError",
  "InternalError",
  "InternalFailure",
  "ServiceUnavailable",
  "ServiceUnavailableException",
  "TransactionInProgressException",
  "TransactionConflictException",
  "RequestTimeout",
  "RequestTimeoutException",
  "TimeoutError",
  "AbortError",
]);

/** Network failures reaching the service (Node's `code`, undici's too). */
const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "ETIMEDOUT",
  "ESOCKETTIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "EHOSTDOWN",
  "ENETUNREACH",
  "ENETDOWN",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ERR_SOCKET_CONNECTION_TIMEOUT",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
  "UND_ERR_SOCKET",
  "UND_ERR_CLOSED",
]);

/** Reasons of a cancelled DynamoDB transaction that mean "throttled, try later", not a bug. */
const UNAVAILABLE_REASONS = new Set(["ThrottlingError", "ProvisionedThroughputExceeded", "TransactionConflict"]);

type SdkLike = {
  name?: unknown;
  code?: unknown;
  $retryable?: unknown;
  $metadata?: { httpStatusCode?: unknown };
  $response?: { statusCode?: unknown };
  CancellationReasons?: { Code?: unknown }[];
  cause?: unknown;
  errors?: unknown;
};

/**
 * Whether an error says that DynamoDB or S3 is unavailable, overloaded or throttling us (or the
 * network to it is down), rather than that the request or the code is wrong: such errors are a
 * 503 with Retry-After, never a 500. Follows `cause` and AggregateError's `errors` a few levels.
 */
export function isUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 4) return false;
  const e = error as SdkLike;
  if (typeof e.name === "string" && UNAVAILABLE_NAMES.has(e.name)) return true;
  if (typeof e.code === "string" && UNAVAILABLE_CODES.has(e.code)) return true;
  // The SDK marks throttling and transient (5xx, network) errors it gave up retrying.
  if (e.$retryable) return true;
  const status = e.$metadata?.httpStatusCode ?? e.$response?.statusCode;
  if (typeof status === "number" && status >= 500) return true;
  if (Array.isArray(e.CancellationReasons) && e.CancellationReasons.some((reason) => UNAVAILABLE_REASONS.has(String(reason?.Code)))) return true;
  if (Array.isArray(e.errors) && e.errors.some((inner) => isUnavailable(inner, depth + 1))) return true;
  return isUnavailable(e.cause, depth + 1);
}

const unavailable = (retryAfter: number, message = UNAVAILABLE_MESSAGE): HttpError => ({
  status: 503,
  body: { error: { code: "UNAVAILABLE", message } },
  headers: { "Retry-After": String(retryAfter) },
});

/**
 * The one place where errors become HTTP: AppError by its code; Hono's own exceptions (malformed
 * JSON body and the like) as 400s; DynamoDB or S3 unavailable or throttling (isUnavailable) as
 * 503 UNAVAILABLE with Retry-After; anything else is logged and answered with a generic 500 that
 * carries no internals. Never throws.
 */
export function toHttpError(error: unknown): HttpError {
  try {
    if (error instanceof AppError) {
      if (error.code === "UNAVAILABLE") return unavailable(RETRY_AFTER.busy, error.message);
      return {
        status: STATUS[error.code] ?? 500,
        body: { error: { code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}), ...error.details } },
        headers: {},
      };
    }
    if (error instanceof HTTPException && error.status < 500) {
      return {
        status: error.status as ContentfulStatusCode,
        body: { error: { code: "BAD_REQUEST", message: "Yêu cầu không hợp lệ." } },
        headers: {},
      };
    }
    if (isUnavailable(error)) {
      console.warn("unavailable:", describe(error));
      return unavailable(RETRY_AFTER.outage);
    }
    console.error(error);
  } catch {
    // An error object whose getters throw: still a plain 500.
  }
  return { status: 500, body: { error: { code: "INTERNAL", message: INTERNAL_MESSAGE } }, headers: {} };
}

/** One log line for an expected outage error (no stack: there may be thousands of them). */
function describe(error: unknown): string {
  const e = error as SdkLike & { message?: unknown };
  return [e.name, e.code, e.$metadata?.httpStatusCode, e.message].filter((part) => part !== undefined && part !== "").join(" ");
}

export const isApiPath = (c: Context) => c.req.path === "/api" || c.req.path.startsWith("/api/");

const TITLES: Partial<Record<number, string>> = {
  400: "Yêu cầu không hợp lệ",
  403: "Không được phép truy cập",
  404: "Không tìm thấy trang",
  503: "Hệ thống tạm thời gián đoạn",
};

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!);

/**
 * The last resort of the error handler, when even the error page failed to render: the JSON error
 * under /api, a minimal static Vietnamese page elsewhere, built without anything that can throw.
 */
export function staticError(api: boolean, status: ContentfulStatusCode, body: ErrorBody, headers: Record<string, string> = {}): Response {
  const common = { "Cache-Control": "no-store", ...headers };
  if (api) {
    let json: string;
    try {
      json = JSON.stringify(body);
    } catch {
      json = JSON.stringify({ error: { code: "INTERNAL", message: INTERNAL_MESSAGE } });
    }
    return new Response(json, { status, headers: { ...common, "Content-Type": "application/json; charset=utf-8" } });
  }
  const title = TITLES[status] ?? (status >= 500 ? "Hệ thống đang gặp sự cố" : "Không thực hiện được yêu cầu");
  const message = typeof body?.error?.message === "string" ? body.error.message : INTERNAL_MESSAGE;
  const html =
    `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${title}</title></head><body><main><h1>${title}</h1><p>${escapeHtml(message)}</p><p><a href="/">Về trang chủ</a></p></main></body></html>`;
  return new Response(html, { status, headers: { ...common, "Content-Type": "text/html; charset=utf-8" } });
}
