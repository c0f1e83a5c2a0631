/**
 * The one API agent of the dashboard: every call to /api goes through `api`. JSON in and out,
 * the session cookie sent (same origin), errors turned into `ApiError` with the server's
 * Vietnamese message and field messages (`{ error: { code, message, fields, …details } }`).
 *
 * A 401 on any call but sign-in asks the session store to sign in again (a dialog over the
 * current screen, so whatever the editor was typing stays where it is) and then repeats the call
 * once; a 409 reaches the caller as it is, with `currentVersion` or `uses`, for it to explain.
 */

export interface FieldErrors {
  [field: string]: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldErrors = {},
    /** Extra data of the error body: `currentVersion` on a stale version, `uses` on a used file… */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
  get conflict(): boolean {
    return this.status === 409;
  }
}

export const NETWORK_MESSAGE = "Không kết nối được với máy chủ. Hãy kiểm tra mạng rồi thử lại.";
const FALLBACK: Record<number, string> = {
  401: "Phiên làm việc đã hết hạn. Hãy đăng nhập lại.",
  403: "Bạn không có quyền thực hiện thao tác này.",
  404: "Không tìm thấy nội dung yêu cầu.",
  413: "Dữ liệu gửi lên quá lớn.",
  429: "Thao tác quá nhanh. Xin thử lại sau ít phút.",
  503: "Hệ thống tạm thời không truy cập được dữ liệu. Xin vui lòng thử lại sau ít phút.",
};

/**
 * What the session store gives the agent: a way to sign in again. Resolves once signed in,
 * rejects if the editor gives up (the call then fails with the 401).
 */
let reauthenticate: (() => Promise<void>) | undefined;
export function onSessionExpired(handler: () => Promise<void>): void {
  reauthenticate = handler;
}

export interface RequestOptions {
  body?: unknown;
  query?: Record<string, string | number | undefined>;
  /** Sign-in and "who am I" handle their own 401. */
  noReauth?: boolean;
  signal?: AbortSignal;
}

async function errorOf(res: Response): Promise<ApiError> {
  let body: { error?: { code?: string; message?: string; fields?: FieldErrors; [extra: string]: unknown } } | undefined;
  try {
    body = await res.json();
  } catch {
    body = undefined;
  }
  const { code, message, fields, ...details } = body?.error ?? {};
  return new ApiError(res.status, code ?? `HTTP_${res.status}`, message || FALLBACK[res.status] || "Đã có lỗi xảy ra. Xin thử lại.", fields ?? {}, details);
}

async function send<T>(method: string, path: string, options: RequestOptions, retried: boolean): Promise<T> {
  const url = new URL(path, location.origin);
  for (const [name, value] of Object.entries(options.query ?? {})) if (value !== undefined && value !== "") url.searchParams.set(name, String(value));
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      credentials: "same-origin",
      headers: { Accept: "application/json", ...(options.body === undefined ? {} : { "Content-Type": "application/json" }) },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if ((error as Error).name === "AbortError") throw error;
    throw new ApiError(0, "NETWORK", NETWORK_MESSAGE);
  }
  if (res.status === 401 && !options.noReauth && !retried && reauthenticate) {
    await reauthenticate().catch(() => {
      throw new ApiError(401, "UNAUTHENTICATED", FALLBACK[401]!);
    });
    return send(method, path, options, true);
  }
  if (!res.ok) throw await errorOf(res);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

export const api = {
  get: <T>(path: string, options: RequestOptions = {}) => send<T>("GET", path, options, false),
  post: <T>(path: string, body: unknown = {}, options: RequestOptions = {}) => send<T>("POST", path, { ...options, body }, false),
  patch: <T>(path: string, body: unknown, options: RequestOptions = {}) => send<T>("PATCH", path, { ...options, body }, false),
  put: <T>(path: string, body: unknown, options: RequestOptions = {}) => send<T>("PUT", path, { ...options, body }, false),
  delete: <T = void>(path: string, options: RequestOptions = {}) => send<T>("DELETE", path, options, false),
};

/** One page of a list (`next` is the cursor of the following page). */
export interface Page<T> {
  items: T[];
  next?: string;
}

/** A message for any error: the server's, or a generic one. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return "Đã có lỗi xảy ra. Xin thử lại.";
}

/** The address of an API resource the browser opens itself (a CSV download link), with its query. */
export function apiUrl(path: string, query: Record<string, string | number | undefined> = {}): string {
  const url = new URL(path, location.origin);
  for (const [name, value] of Object.entries(query)) if (value !== undefined && value !== "") url.searchParams.set(name, String(value));
  return url.pathname + url.search;
}
