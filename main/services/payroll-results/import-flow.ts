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
import type { AuditInput } from '../audit';
import { auditedWrite, runningJobOf, startJob, yieldToEventLoop } from '../../jobs';
import { getResultFormat } from './format';
import { auditMark } from './queries';
import { matchRows, type MatchedRow, type MatchLine, type MatchResult } from './match';
import { readResultFile, type ReadProgress, type ResultRow } from './result-file';

// Import of the bank's result file in two steps, each a job: preview (read, match, list; writes nothing)
// and commit (whose single write is one audited transaction). The parsed rows stay in main's memory under a
// token between the two, and the commit matches them again against the lines as they are at that moment,
// so a change in between (a cash mark, another import) is respected. Each written line gets an attempt
// whose source is the file's SHA-256: the same file a second time finds every line "already" done.
// The same flow serves a payroll (import.ts) and an approved one-off round (rounds/results-import.ts):
// each gives its lines, its approval check and its write (an ImportTarget).

/** What a result file is matched against and written to: a payroll or a round. */
export interface ImportTarget {
  kind: 'payroll' | 'round';
  id: number;
  /** Throws unless it is (still) approved: checked at start, after the asynchronous read, and before writing. */
  check(store: Store): void;
  /** Its lines that carry an account number, with whether this file already wrote to them. */
  matchLines(store: Store, sha256: string): MatchLine[];
  /** When this file was imported before, if it was. */
  importedBefore(store: Store, sha256: string): string | null;
  /** Records the attempts and the audit entry (`detail`: the file's counts), inside the one transaction. */
  write(
    store: Store,
    ctx: Pick<HandlerContext, 'user' | 'now'>,
    items: ImportItem[],
    audit: (entry: AuditInput) => void,
    detail: Record<string, unknown>,
  ): void;
  /** The matcher's notes speak of a payroll; a round words them its own way. */
  word?: (note: string) => string;
}

export interface ImportItem {
  lineId: number;
  status: 'paid' | 'failed';
  /** The bank's reason, else its status text (may be empty). */
  reason: string;
  reference: string;
}

export interface ImportJobs {
  preview: string;
  commit: string;
  /** The commit job's first words (e.g. 'Đang đối chiếu kết quả…'). */
  committing: string;
}

interface Session {
  token: string;
  target: ImportTarget;
  fileName: string;
  sha256: string;
  rows: ResultRow[];
  /** The preview's matching, and the last audit entry's id when it was made (see currentMatch). */
  preview?: { result: MatchResult; auditMark: number };
  lastUsed: number;
}

const SESSION_IDLE_MS = 30 * 60 * 1000;
const MAX_SESSIONS = 3;
const sessions = new Map<string, Session>();

function keepSession(data: Omit<Session, 'token' | 'lastUsed'>): Session {
  const now = Date.now();
  // Two files of the same payroll may be previewed side by side (each commit matches again): at most
  // MAX_SESSIONS, the least recently used going first.
  for (const [t, s] of sessions) if (now - s.lastUsed > SESSION_IDLE_MS) sessions.delete(t);
  while (sessions.size >= MAX_SESSIONS)
    sessions.delete([...sessions.values()].sort((a, b) => a.lastUsed - b.lastUsed)[0]!.token);
  const session = { ...data, token: randomUUID(), lastUsed: now };
  sessions.set(session.token, session);
  return session;
}

function takeSession(token: string, kind: ImportTarget['kind']): Session {
  const session = sessions.get(token);
  if (!session || session.target.kind !== kind || Date.now() - session.lastUsed > SESSION_IDLE_MS) {
    throw new ApiError(
      'NOT_FOUND',
      'Tệp kết quả đã chọn không còn trong bộ nhớ (quá 30 phút không dùng, hoặc đã nhập xong). Hãy chọn lại tệp.',
    );
  }
  session.lastUsed = Date.now();
  return session;
}

const view = (m: MatchedRow, word: (note: string) => string): ImportRowView => ({
  row: m.row.row,
  account: maskIdentifier(m.row.account),
  amountVnd: m.row.amountVnd,
  statusText: m.row.statusText,
  reason: m.row.reason,
  reference: m.row.reference,
  outcome: m.outcome,
  note: word(m.note),
  names: m.names,
});

const asIs = (note: string) => note;

/**
 * Starts the preview as a job (a 100,000-line file takes seconds to read): progress over the file's bytes,
 * Huỷ between slices; the result is the ImportPreview. Writes nothing.
 */
export function startPreview(
  ctx: HandlerContext,
  target: ImportTarget,
  input: { fileName: string; contentBase64: string; format?: ResultFormat | undefined },
  jobs: ImportJobs,
): ChannelOutput<'payrollResults.previewImport'> {
  target.check(ctx.store);
  const format = input.format ?? getResultFormat(ctx.store);
  const { store } = ctx;
  const jobId = startJob(jobs.preview, 'Đang đọc tệp kết quả…', async (progress, signal) => {
    const bytes = Buffer.from(input.contentBase64, 'base64');
    const preview = await previewImport(store, target, { fileName: input.fileName, format }, bytes, (done, total) => {
      signal.throwIfCancelled();
      progress(done, total, 'Đang đọc tệp kết quả…');
    });
    progress(bytes.length, bytes.length, 'Đã đối chiếu xong.');
    return preview;
  });
  return { jobId };
}

export async function previewImport(
  store: Store,
  target: ImportTarget,
  input: { fileName: string; format: ResultFormat },
  bytes: Buffer,
  onProgress?: ReadProgress,
): Promise<ImportPreview> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const parsed = await readResultFile(bytes, input.fileName, input.format, onProgress);
  if (parsed.rows.length === 0) {
    const message = 'Tệp kết quả không có dòng nào dưới dòng tiêu đề.';
    throw new ApiError('INVALID_INPUT', message, [{ path: 'contentBase64', message }]);
  }
  // The file was read asynchronously: check again that the payroll or round is still there and approved.
  target.check(store);
  const result = matchRows(target.matchLines(store, sha256), parsed.rows);
  const session = keepSession({
    target,
    fileName: input.fileName,
    sha256,
    rows: parsed.rows,
    preview: { result, auditMark: auditMark(store) },
  });
  const word = target.word ?? asIs;
  const problems: ImportRowView[] = [];
  const toMark: ImportRowView[] = [];
  for (const m of result.rows) {
    if (m.outcome === 'paid' || m.outcome === 'failed') {
      if (toMark.length < LISTED_ROWS) toMark.push(view(m, word));
    } else if (m.outcome !== 'already' && problems.length < LISTED_ROWS) problems.push(view(m, word));
  }
  return {
    token: session.token,
    fileName: input.fileName,
    sha256,
    importedBefore: target.importedBefore(store, sha256),
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
function currentMatch(store: Store, session: Pick<Session, 'target' | 'sha256' | 'rows' | 'preview'>): MatchResult {
  if (session.preview && session.preview.auditMark === auditMark(store)) return session.preview.result;
  return matchRows(session.target.matchLines(store, session.sha256), session.rows);
}

/** Writes the matched rows (one transaction, one audit entry with the counts). Synchronous. */
export function writeImport(
  store: Store,
  ctx: Pick<HandlerContext, 'user' | 'now'>,
  session: Pick<Session, 'target' | 'fileName' | 'sha256' | 'rows' | 'preview'>,
): ImportResult {
  session.target.check(store);
  const result = currentMatch(store, session);
  const items: ImportItem[] = result.rows
    .filter((m) => m.outcome === 'paid' || m.outcome === 'failed')
    .map((m) => ({
      lineId: m.lineId!,
      status: m.outcome as 'paid' | 'failed',
      reason: m.outcome === 'failed' ? m.row.reason || m.row.statusText : '',
      reference: m.row.reference,
    }));
  // Nothing to write (e.g. the same file again): no transaction, no audit entry — nothing changed.
  if (items.length > 0) {
    auditedWrite(store, ctx.user, ctx.now, (audit) =>
      session.target.write(store, ctx, items, audit, {
        fileName: session.fileName,
        sha256: session.sha256,
        rows: session.rows.length,
        ...result.counts,
        paidVnd: result.paidVnd,
        failedVnd: result.failedVnd,
      }),
    );
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
    unchanged: items.length === 0,
    message: resultMessage(result),
  };
}

export function startCommit(
  ctx: HandlerContext,
  token: string,
  kind: ImportTarget['kind'],
  jobs: ImportJobs,
): ChannelOutput<'payrollResults.commitImport'> {
  const session = takeSession(token, kind);
  session.target.check(ctx.store);
  if (runningJobOf(jobs.commit))
    throw new ApiError('CONFLICT', 'Đang nhập một tệp kết quả khác: hãy chờ xong rồi nhập tiếp.');
  const { store, user, now } = ctx;
  const jobId = startJob(jobs.commit, jobs.committing, async (progress, signal) => {
    progress(0, session.rows.length, `Đang ghi kết quả ${session.rows.length.toLocaleString('vi-VN')} dòng…`);
    await yieldToEventLoop();
    signal.throwIfCancelled();
    const result = writeImport(store, { user, now }, session);
    sessions.delete(session.token);
    progress(session.rows.length, session.rows.length, result.message);
    return result;
  });
  return { jobId };
}
