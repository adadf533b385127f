import type { z } from 'zod';
import { contract, isChannel, type Channel } from '../../shared/api/contract';
import { ApiError, type ApiResult, type FieldIssue } from '../../shared/api/errors';
import { apiCodeForProblem, messageForProblem, storageProblemOf } from '../db/errors';
import { appendAudit, type AuditInput } from '../services/audit';
import type { HandlerContext, StatusContext } from './context';
import { handlers, type HandlerTable } from './handlers';

// The one entry point for every call from the renderer (IPC or HTTP): known channel, valid input,
// database available, then the handler, with commands wrapped in a transaction that must be audited.
// Whatever goes wrong comes back as a typed error with a Vietnamese message, never a crash.

export type DispatchContext = StatusContext;

/** Largest request body the harness accepts: a 20 MB spreadsheet as base64, with room to spare. */
export const MAX_INPUT_BYTES = 32 * 1024 * 1024;

export async function dispatch(
  base: DispatchContext,
  channelName: unknown,
  rawInput: unknown,
  table: HandlerTable = handlers,
): Promise<ApiResult<unknown>> {
  try {
    return { ok: true, value: await run(base, channelName, rawInput, table) };
  } catch (error) {
    return { ok: false, error: toApiError(error, base).toBody() };
  }
}

async function run(base: DispatchContext, channelName: unknown, rawInput: unknown, table: HandlerTable): Promise<unknown> {
  if (!isChannel(channelName)) {
    throw new ApiError('UNKNOWN_CHANNEL', `Yêu cầu không hợp lệ: chức năng «${String(channelName).slice(0, 80)}» không tồn tại.`);
  }
  const channel: Channel = channelName;
  const spec = contract[channel];
  const parsed = (spec.input as z.ZodType).safeParse(rawInput ?? {});
  if (!parsed.success) {
    const issues = toFieldIssues(parsed.error);
    throw new ApiError('INVALID_INPUT', `Dữ liệu nhập chưa hợp lệ: ${issues.map((i) => i.message).join(' ')}`, issues);
  }
  const handler = table[channel] as (ctx: unknown, input: unknown) => unknown;
  if (spec.kind === 'status') return handler(base, parsed.data);

  const store = base.store;
  if (!store || base.app.db.state !== 'ok') {
    const message = base.app.db.state === 'error' ? base.app.db.message : 'Chưa mở được tệp dữ liệu.';
    throw new ApiError('DB_UNAVAILABLE', message);
  }
  if (spec.kind === 'query') {
    return handler({ ...base, store, audit: refuseAudit } satisfies HandlerContext, parsed.data);
  }
  return store.transaction(() => {
    let audited = 0;
    const ctx: HandlerContext = {
      ...base,
      store,
      audit: (entry: AuditInput) => {
        appendAudit(store, base.user, entry, base.now);
        audited++;
      },
    };
    const result = handler(ctx, parsed.data);
    if (result instanceof Promise) throw new Error(`command ${channel} must be synchronous`);
    // Rolls the change back: every change to the register must be on record.
    if (audited === 0) throw new Error(`command ${channel} wrote no audit entry`);
    return result;
  });
}

function refuseAudit(): never {
  throw new Error('a query cannot write the audit log');
}

function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

function toApiError(error: unknown, base: DispatchContext): ApiError {
  if (error instanceof ApiError) return error;
  const problem = storageProblemOf(error);
  if (problem) {
    const path = base.app.db.path;
    return new ApiError(apiCodeForProblem(problem), messageForProblem(problem, path));
  }
  // Unexpected: keep the details in the log (no personal data is put in error messages), not in the UI.
  console.error('[dispatch]', error);
  return new ApiError('INTERNAL', 'Đã xảy ra lỗi không mong muốn; thay đổi chưa được lưu. Hãy thử lại, nếu vẫn lỗi hãy báo cán bộ kỹ thuật.');
}
