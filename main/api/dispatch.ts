import type { z } from 'zod';
import { contract, isChannel, type Channel } from '@shared/api/contract';
import { ApiError, type ApiResult, type FieldIssue } from '@shared/api/errors';
import { apiCodeForProblem, messageForProblem, storageProblemOf } from '../db/errors';
import { appendAudit, type AuditInput } from '../services/audit';
import { appendOwn, collapserOf } from '../services/audit-limit';
import { NOBODY, type ActingUser, type HandlerContext, type StatusContext } from './context';
import { ROLE_LABELS } from '@shared/api/auth';
import { handlers, type HandlerTable } from './handlers';
import { asJobOwner, jobOwnerOf } from '../jobs';
import { logError } from '../log';
import type { Store } from '../db/store';
import { WARD_ONLY_AREAS, WARD_ONLY_MESSAGE } from '@shared/api/receiving';
import { officeMode } from '../services/receiving/queries';

// The one entry point for every call from the renderer (IPC or HTTP): known channel, valid input,
// database available, then the handler, with commands wrapped in a transaction that must be audited.
// Whatever goes wrong comes back as a typed error with a Vietnamese message, never a crash.

export type DispatchContext = StatusContext & {
  /** The read-only handle on the register (main/db/open.ts openReadOnly) that query handlers get. */
  readStore?: Store;
};

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

async function run(
  base: DispatchContext,
  channelName: unknown,
  rawInput: unknown,
  table: HandlerTable,
): Promise<unknown> {
  if (!isChannel(channelName)) {
    recordRefusal(base, NOBODY, 'api.unknownChannel', { channel: String(channelName).slice(0, 80) });
    throw new ApiError(
      'UNKNOWN_CHANNEL',
      `Yêu cầu không hợp lệ: chức năng «${String(channelName).slice(0, 80)}» không tồn tại.`,
    );
  }
  const channel: Channel = channelName;
  const spec = contract[channel];
  // Without the register file nothing but status calls can work (and no one can be signed in): say why.
  if (spec.kind !== 'status' && (!base.store || base.app.db.state !== 'ok')) {
    const message = base.app.db.state === 'error' ? base.app.db.message : 'Chưa mở được tệp dữ liệu.';
    throw new ApiError('DB_UNAVAILABLE', message);
  }
  // Who may call is checked before the input is looked at.
  const user = authorize(base, channel);
  // A receiving office holds no register: the ward's own channels are refused whatever the menu shows.
  if (
    spec.kind !== 'status' &&
    WARD_ONLY_AREAS.has(channel.split('.')[0]!) &&
    officeMode(base.store!) === 'receiving'
  ) {
    throw new ApiError('FORBIDDEN', WARD_ONLY_MESSAGE);
  }
  const parsed = (spec.input as z.ZodType).safeParse(rawInput ?? {});
  if (!parsed.success) {
    const issues = toFieldIssues(parsed.error);
    throw new ApiError('INVALID_INPUT', `Dữ liệu nhập chưa hợp lệ: ${issues.map((i) => i.message).join(' ')}`, issues);
  }
  const handler = table[channel] as (ctx: unknown, input: unknown) => unknown;
  const { readStore, ...rest } = base;
  const acting = { ...rest, user };
  if (spec.kind === 'status') return handler(acting, parsed.data);

  const store = base.store!;
  const auditRead = (entry: AuditInput) => store.transaction(() => appendAudit(store, user, entry, base.now));
  if (spec.kind === 'query') {
    // A query reads through the read-only handle: a write fails there (SQLITE_READONLY) and changes
    // nothing, even after an await. Its only writes are audited ones on the writer: auditRead (a
    // sensitive read on record) and auditedWrite (a print on record, main/jobs.ts).
    if (!readStore) throw new Error(`query ${channel}: no read-only handle`);
    try {
      // Owned like a job channel's call, should a query ever start one (the contract says it must not).
      return await asJobOwner(jobOwnerOf(base), () =>
        handler({ ...acting, store: readStore, audit: refuseAudit, auditRead } satisfies HandlerContext, parsed.data),
      );
    } catch (error) {
      if (readOnlyRefusal(error)) {
        // A programming error, not a read-only disk: never tell the user the file cannot be written.
        throw new Error(`query ${channel} tried to write through its read-only handle`, { cause: error });
      }
      throw error;
    }
  }
  if (spec.kind === 'job') {
    // A job channel starts a job: the job belongs to this client (its result can hold exported data), and
    // its one write is audited (auditedWrite), so it gets the writable store.
    return asJobOwner(jobOwnerOf(base), () =>
      handler({ ...acting, store, audit: refuseAudit, auditRead } satisfies HandlerContext, parsed.data),
    );
  }
  if (spec.kind === 'session') {
    // Async (password hashing): each audit entry is its own small transaction.
    const ctx: HandlerContext = {
      ...acting,
      store,
      audit: (entry) => store.transaction(() => appendAudit(store, ctx.user, entry, base.now)),
    };
    ctx.auditRead = ctx.audit;
    return handler(ctx, parsed.data);
  }
  return store.transaction(() => {
    let audited = 0;
    const ctx: HandlerContext = {
      ...acting,
      store,
      audit: (entry: AuditInput) => {
        appendAudit(store, user, entry, base.now);
        audited++;
      },
    };
    ctx.auditRead = ctx.audit;
    const result = handler(ctx, parsed.data);
    if (result instanceof Promise) throw new Error(`command ${channel} must be synchronous`);
    // Rolls the change back: every change to the register must be on record.
    if (audited === 0) throw new Error(`command ${channel} wrote no audit entry`);
    return result;
  });
}

/**
 * The signed-in user of this client, if the channel's access allows the call; otherwise a typed refusal
 * (sign in / unlock / not your role). Refusals of a role are recorded in the audit log.
 */
function authorize(base: DispatchContext, channel: Channel): ActingUser {
  const access = contract[channel].access;
  const session = base.sessions.current(base.client, base.now.getTime());
  if (access === 'public') return session && !session.locked ? session.user : NOBODY;
  if (!session) throw new ApiError('UNAUTHENTICATED', 'Hãy đăng nhập để tiếp tục.');
  if (session.locked)
    throw new ApiError('LOCKED', 'Phiên làm việc đã khoá do lâu không thao tác. Nhập mật khẩu để tiếp tục.');
  if (access !== 'signed-in' && !access.includes(session.user.role)) {
    recordRefusal(base, session.user, 'access.denied', { channel, role: session.user.role });
    throw new ApiError(
      'FORBIDDEN',
      `Vai trò «${ROLE_LABELS[session.user.role]}» không được phép thực hiện thao tác này.`,
    );
  }
  base.sessions.touch(base.client, base.now.getTime());
  return session.user;
}

/**
 * Abuse is on record: refused calls are audited in their own small transaction (when the file is open).
 * Refusals of signed-out callers are collapsed (services/audit-limit.ts): at most the first of each kind
 * in a minute is its own row, the rest are counted into one row, so a signed-out flood cannot grow the log.
 */
function recordRefusal(base: DispatchContext, user: ActingUser, action: string, detail: Record<string, unknown>): void {
  const store = base.store;
  if (!store || base.app.db.state !== 'ok') return;
  const write = appendOwn(store, base.now);
  if (user.id === null) {
    collapserOf(store).record(
      action,
      { action, entity: 'api', detail },
      base.now,
      write,
      user,
      String(detail.channel ?? '').slice(0, 40),
    );
  } else {
    write({ action, entity: 'api', detail }, user);
  }
}

function readOnlyRefusal(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_READONLY');
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
  // The channel is named by the stack; the call's input is never logged.
  logError('dispatch', 'unexpected error in a call', error);
  return new ApiError(
    'INTERNAL',
    'Đã xảy ra lỗi không mong muốn; thay đổi chưa được lưu. Hãy thử lại, nếu vẫn lỗi hãy báo cán bộ kỹ thuật.',
  );
}
