import type { ChannelOutput } from '@shared/api/contract';
import { createHash, randomUUID } from 'node:crypto';
import type { HandlerContext } from '../../api/context';
import { ApiError } from '@shared/api/errors';
import {
  LISTED_ROWS,
  type ImportPreview,
  type ImportResult,
  type ImportRowView,
  type ResultFormat,
} from '@shared/api/payroll-results';
import { maskIdentifier } from '@shared/domain/masking';
import { formatVnd } from '@shared/domain/money';
import type { Store } from '../../db/store';
import { auditedWrite, runningJobOf, startJob, yieldToEventLoop } from '../../jobs';
import { fileSource, recordAttemptsInBulk } from './attempts';
import { getResultFormat } from './format';
import { accountLines, auditMark, firstAttemptFrom, linesWithAttemptFrom } from './queries';
import { matchRows, type MatchedRow, type MatchLine, type MatchResult } from './match';
import { approvedPayroll } from './payroll';
import { readResultFile, type ReadProgress, type ResultRow } from './result-file';

// Import of the bank's result file in two steps, each a job: preview (read, match, list; writes nothing)
// and commit (whose single write is one audited transaction). The parsed rows stay in main's memory under a
// token between the two, and the commit matches them again against the lines as they are at that moment,
// so a change in between (a cash mark, another import) is respected. Each written line gets an attempt
// whose source is the file's SHA-256: the same file a second time finds every line "already" done.

interface ResultSession {
  token: string;
  payrollId: number;
  fileName: string;
  sha256: string;
  rows: ResultRow[];
  /** The preview's matching, and the last audit entry's id when it was made (see currentMatch). */
  preview?: { result: MatchResult; auditMark: number };
  lastUsed: number;
}

const SESSION_IDLE_MS = 30 * 60 * 1000;
const MAX_SESSIONS = 3;
const sessions = new Map<string, ResultSession>();

function keepSession(data: Omit<ResultSession, 'token' | 'lastUsed'>): ResultSession {
  const now = Date.now();
  for (const [t, s] of sessions) if (now - s.lastUsed > SESSION_IDLE_MS) sessions.delete(t);
  while (sessions.size >= MAX_SESSIONS)
    sessions.delete([...sessions.values()].sort((a, b) => a.lastUsed - b.lastUsed)[0]!.token);
  const session = { ...data, token: randomUUID(), lastUsed: now };
  sessions.set(session.token, session);
  return session;
}

function takeSession(token: string): ResultSession {
  const session = sessions.get(token);
  if (!session || Date.now() - session.lastUsed > SESSION_IDLE_MS) {
    throw new ApiError(
      'NOT_FOUND',
      'Tệp kết quả đã chọn không còn trong bộ nhớ (quá 30 phút không dùng, hoặc đã nhập xong). Hãy chọn lại tệp.',
    );
  }
  session.lastUsed = Date.now();
  return session;
}

/** The payroll's lines that carry an account number, with whether this file already wrote to them. */
export function matchLines(store: Store, payrollId: number, sha256: string): MatchLine[] {
  const done = new Set(linesWithAttemptFrom(store, payrollId, fileSource(sha256)));
  const rows = accountLines(store, payrollId);
  return rows.map((r) => ({ ...r, fromThisFile: done.has(r.id) }));
}

function importedBefore(store: Store, payrollId: number, sha256: string): string | null {
  return firstAttemptFrom(store, payrollId, fileSource(sha256));
}

const view = (m: MatchedRow): ImportRowView => ({
  row: m.row.row,
  account: maskIdentifier(m.row.account),
  amountVnd: m.row.amountVnd,
  statusText: m.row.statusText,
  reason: m.row.reason,
  reference: m.row.reference,
  outcome: m.outcome,
  note: m.note,
  names: m.names,
});

/**
 * Starts the preview as a job (a 100,000-line file takes seconds to read): progress over the file's bytes,
 * Huỷ between slices; the result is the ImportPreview. Writes nothing.
 */
export function startResultPreview(
  ctx: HandlerContext,
  input: { payrollId: number; fileName: string; contentBase64: string; format?: ResultFormat | undefined },
): ChannelOutput<'payrollResults.previewImport'> {
  approvedPayroll(ctx.store, input.payrollId);
  const format = input.format ?? getResultFormat(ctx.store);
  const { store } = ctx;
  const jobId = startJob('payrollResults.preview', 'Đang đọc tệp kết quả…', async (progress, signal) => {
    const bytes = Buffer.from(input.contentBase64, 'base64');
    const preview = await previewResultImport(store, { ...input, format }, bytes, (done, total) => {
      signal.throwIfCancelled();
      progress(done, total, 'Đang đọc tệp kết quả…');
    });
    progress(bytes.length, bytes.length, 'Đã đối chiếu xong.');
    return preview;
  });
  return { jobId };
}

export async function previewResultImport(
  store: Store,
  input: { payrollId: number; fileName: string; format: ResultFormat },
  bytes: Buffer,
  onProgress?: ReadProgress,
): Promise<ImportPreview> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const parsed = await readResultFile(bytes, input.fileName, input.format, onProgress);
  if (parsed.rows.length === 0) {
    const message = 'Tệp kết quả không có dòng nào dưới dòng tiêu đề.';
    throw new ApiError('INVALID_INPUT', message, [{ path: 'contentBase64', message }]);
  }
  // The file was read asynchronously: check again that the payroll is still there and approved.
  approvedPayroll(store, input.payrollId);
  const result = matchRows(matchLines(store, input.payrollId, sha256), parsed.rows);
  const session = keepSession({
    payrollId: input.payrollId,
    fileName: input.fileName,
    sha256,
    rows: parsed.rows,
    preview: { result, auditMark: auditMark(store) },
  });
  const problems: ImportRowView[] = [];
  const toMark: ImportRowView[] = [];
  for (const m of result.rows) {
    if (m.outcome === 'paid' || m.outcome === 'failed') {
      if (toMark.length < LISTED_ROWS) toMark.push(view(m));
    } else if (m.outcome !== 'already' && problems.length < LISTED_ROWS) problems.push(view(m));
  }
  return {
    token: session.token,
    fileName: input.fileName,
    sha256,
    importedBefore: importedBefore(store, input.payrollId, sha256),
    rows: parsed.rows.length,
    counts: result.counts,
    amounts: { paidVnd: result.paidVnd, failedVnd: result.failedVnd },
    columns: parsed.columns,
    problems,
    toMark,
    missingFromFile: result.missingFromFile,
  };
}

function resultMessage(r: MatchResult): string {
  const listed = r.counts.unmatched + r.counts.ambiguous + r.counts.conflict + r.counts.invalid;
  const written = r.counts.paid + r.counts.failed;
  const tail = listed > 0 ? ` ${listed} dòng không ghi được, xem danh sách.` : '';
  if (written === 0) {
    return r.counts.already > 0
      ? `Tệp này đã được nhập trước đó: không có gì thay đổi.${tail}`
      : `Không có dòng nào được ghi.${tail}`;
  }
  return `Đã ghi ${r.counts.paid} dòng đã chi trả (${formatVnd(r.paidVnd)} đồng) và ${r.counts.failed} dòng không thành công (${formatVnd(r.failedVnd)} đồng).${tail}`;
}

/**
 * The matching against the lines as they are now. Every write to lines and attempts is audited (commands
 * and jobs alike), so when no audit entry was appended since the preview, the preview's matching still
 * holds and is reused; otherwise the rows are matched again. Nothing can interleave between this and the
 * write that follows (both synchronous).
 */
function currentMatch(
  store: Store,
  session: Pick<ResultSession, 'payrollId' | 'sha256' | 'rows' | 'preview'>,
): MatchResult {
  if (session.preview && session.preview.auditMark === auditMark(store)) return session.preview.result;
  return matchRows(matchLines(store, session.payrollId, session.sha256), session.rows);
}

/** Writes the matched rows (one transaction, one audit entry with the counts). Synchronous. */
export function writeResultImport(
  store: Store,
  ctx: Pick<HandlerContext, 'user' | 'now'>,
  session: Pick<ResultSession, 'payrollId' | 'fileName' | 'sha256' | 'rows' | 'preview'>,
): ImportResult {
  const payroll = approvedPayroll(store, session.payrollId);
  const result = currentMatch(store, session);
  const items = result.rows
    .filter((m) => m.outcome === 'paid' || m.outcome === 'failed')
    .map((m) => ({
      lineId: m.lineId!,
      status: m.outcome as 'paid' | 'failed',
      reason: m.outcome === 'failed' ? m.row.reason || m.row.statusText : '',
      reference: m.row.reference,
    }));
  // Nothing to write (e.g. the same file again): no transaction, no audit entry — nothing changed.
  if (items.length > 0) {
    auditedWrite(store, ctx.user, ctx.now, (audit) => {
      recordAttemptsInBulk(store, session.payrollId, items, ctx.now.toISOString(), fileSource(session.sha256));
      audit({
        action: 'payrollResults.import',
        entity: 'payroll',
        entityId: payroll.id,
        detail: {
          month: payroll.month,
          programme: payroll.programme,
          fileName: session.fileName,
          sha256: session.sha256,
          rows: session.rows.length,
          ...result.counts,
          paidVnd: result.paidVnd,
          failedVnd: result.failedVnd,
        },
      });
    });
  }
  return {
    fileName: session.fileName,
    sha256: session.sha256,
    paid: result.counts.paid,
    failed: result.counts.failed,
    already: result.counts.already,
    unmatched: result.counts.unmatched,
    ambiguous: result.counts.ambiguous,
    conflict: result.counts.conflict,
    invalid: result.counts.invalid,
    unchanged: result.counts.paid + result.counts.failed === 0,
    message: resultMessage(result),
  };
}

export function startResultCommit(ctx: HandlerContext, token: string): ChannelOutput<'payrollResults.commitImport'> {
  const session = takeSession(token);
  approvedPayroll(ctx.store, session.payrollId);
  if (runningJobOf('payrollResults.import'))
    throw new ApiError('CONFLICT', 'Đang nhập một tệp kết quả khác: hãy chờ xong rồi nhập tiếp.');
  const { store, user, now } = ctx;
  const jobId = startJob('payrollResults.import', 'Đang đối chiếu kết quả…', async (progress, signal) => {
    progress(0, session.rows.length, `Đang ghi kết quả ${session.rows.length.toLocaleString('vi-VN')} dòng…`);
    await yieldToEventLoop();
    signal.throwIfCancelled();
    const result = writeResultImport(store, { user, now }, session);
    sessions.delete(session.token);
    progress(session.rows.length, session.rows.length, result.message);
    return result;
  });
  return { jobId };
}
