import { ApiError, type FieldIssue } from '@shared/api/errors';

// What the user sees when a call fails: the API's own Vietnamese message, or a generic one for
// anything that is not an ApiError (a bug, a malformed response).

export const UNEXPECTED_ERROR_MESSAGE =
  'Đã xảy ra lỗi không mong muốn. Hãy thử lại; nếu vẫn lỗi, hãy báo cho cán bộ kỹ thuật.';

export function messageOf(error: unknown): string {
  return error instanceof ApiError ? error.message : UNEXPECTED_ERROR_MESSAGE;
}

export function issuesOf(error: unknown): FieldIssue[] {
  return error instanceof ApiError ? (error.issues ?? []) : [];
}
