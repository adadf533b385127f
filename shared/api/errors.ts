// Typed errors that cross the API boundary. The renderer shows `message` as is: it is always Vietnamese.

export const API_ERROR_CODES = [
  'UNKNOWN_CHANNEL',
  'INVALID_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'LOCKED',
  'DB_UNAVAILABLE',
  'DISK_FULL',
  'READ_ONLY',
  'INTERNAL',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export interface FieldIssue {
  /** Dotted path of the input field, '' for the whole input. */
  path: string;
  message: string;
}

export interface ApiErrorBody {
  code: ApiErrorCode;
  message: string;
  issues?: FieldIssue[];
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiErrorBody };

/** Thrown by handlers and clients; carries a Vietnamese message for the user. */
export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly issues: FieldIssue[] | undefined;

  constructor(code: ApiErrorCode, message: string, issues?: FieldIssue[]) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.issues = issues;
  }

  toBody(): ApiErrorBody {
    return this.issues
      ? { code: this.code, message: this.message, issues: this.issues }
      : { code: this.code, message: this.message };
  }

  static fromBody(body: ApiErrorBody): ApiError {
    return new ApiError(body.code, body.message, body.issues);
  }
}

export function isApiErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.message === 'string' && (API_ERROR_CODES as readonly unknown[]).includes(v.code);
}

/**
 * The sign-in notice after the app's core restarted (main/core-host.ts): sessions lived in its memory.
 * Sent as an UNAUTHENTICATED error's message; the renderer shows it as the reason to sign in again.
 */
export const CORE_RECONNECTED_MESSAGE =
  'Ứng dụng đã kết nối lại sau khi phần xử lý gặp sự cố và được khởi động lại. Dữ liệu đã lưu không bị mất. Vì lý do an toàn, hãy đăng nhập lại.';
