import { createHash, randomUUID } from 'node:crypto';
import type { ChannelOutput } from '@shared/api/contract';
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
import { today } from '../clock';
import { getResultFormat } from '../payroll-results/format';
import { matchRows, type MatchedRow, type MatchLine, type MatchResult } from '../payroll-results/match';
import { readResultFile, type ReadProgress, type ResultRow } from '../payroll-results/result-file';
import { approvedRound, fileSource } from './results';
import {
  auditMark,
  firstRoundAttemptFrom,
  insertAttempts,
  roundAccountLines,
  roundLinesWithAttemptFrom,
} from './results-queries';

// The bank's result file for a round's transfers, through the payroll's own pieces: the reader
// (payroll-results/result-file.ts, with the saved result format), the matching by account AND amount
// (payroll-results/match.ts: nothing guessed, ambiguous rows listed) and the same two steps (a preview
// that writes nothing, then a commit matched again against the lines as they are). The adapter here gives
// the matcher the round's bank-file lines and words its notes for a round; each written line gets an
// attempt whose source is the file's SHA-256, so the same file twice finds every line "already" done.

interface Session {
  token: string;
  roundId: number;
  fileName: string;
  sha256: string;
  rows: ResultRow[];
  preview: { result: MatchResult; auditMark: number };
  lastUsed: number;
}

const IDLE_MS = 30 * 60 * 1000;
const sessions = new Map<string, Session>();

function keep(data: Omit<Session, 'token' | 'lastUsed'>): Session {
  const now = Date.now();
  for (const [t, s] of sessions) if (now - s.lastUsed > IDLE_MS) sessions.delete(t);
  // One file per round at a time is plenty: the newest preview replaces an older one of the same round.
  for (const [t, s] of sessions) if (s.roundId === data.roundId) sessions.delete(t);
  const session = { ...data, token: randomUUID(), lastUsed: now };
  sessions.set(session.token, session);
  return session;
}

function take(token: string): Session {
  const session = sessions.get(token);
  if (!session || Date.now() - session.lastUsed > IDLE_MS)
    throw new ApiError(
      'NOT_FOUND',
      'Tệp kết quả đã chọn không còn trong bộ nhớ (quá 30 phút không dùng, hoặc đã nhập xong). Hãy chọn lại tệp.',
    );
  session.lastUsed = Date.now();
  return session;
}

/** The adapter: the round's bank-file lines in the matcher's shape. */
function matchLines(store: Store, roundId: number, sha256: string): MatchLine[] {
  const done = new Set(roundLinesWithAttemptFrom(store, roundId, fileSource(sha256)));
  return roundAccountLines(store, roundId).map((l) => ({
    id: l.id,
    account: l.account ?? '',
    amountVnd: l.amountVnd,
    status: l.status,
    fullName: l.fullName,
    fromThisFile: done.has(l.id),
  }));
}

/** The matcher speaks of the payroll; these rows are a round's. */
const forRound = (note: string) => note.replace(/bảng lương/g, 'đợt chi');

const rowView = (m: MatchedRow): ImportRowView => ({
  row: m.row.row,
  account: maskIdentifier(m.row.account),
  amountVnd: m.row.amountVnd,
  statusText: m.row.statusText,
  reason: m.row.reason,
  reference: m.row.reference,
  outcome: m.outcome,
  note: forRound(m.note),
  names: m.names,
});

export async function previewRoundImport(
  store: Store,
  input: { roundId: number; fileName: string; format: ResultFormat },
  bytes: Buffer,
  onProgress?: ReadProgress,
): Promise<ImportPreview> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const parsed = await readResultFile(bytes, input.fileName, input.format, onProgress);
  if (parsed.rows.length === 0) {
    const message = 'Tệp kết quả không có dòng nào dưới dòng tiêu đề.';
    throw new ApiError('INVALID_INPUT', message, [{ path: 'contentBase64', message }]);
  }
  approvedRound(store, input.roundId); // read asynchronously: the round must still be there
  const result = matchRows(matchLines(store, input.roundId, sha256), parsed.rows);
  const session = keep({
    roundId: input.roundId,
    fileName: input.fileName,
    sha256,
    rows: parsed.rows,
    preview: { result, auditMark: auditMark(store) },
  });
  const problems: ImportRowView[] = [];
  const toMark: ImportRowView[] = [];
  for (const m of result.rows) {
    if (m.outcome === 'paid' || m.outcome === 'failed') {
      if (toMark.length < LISTED_ROWS) toMark.push(rowView(m));
    } else if (m.outcome !== 'already' && problems.length < LISTED_ROWS) problems.push(rowView(m));
  }
  return {
    token: session.token,
    fileName: input.fileName,
    sha256,
    importedBefore: firstRoundAttemptFrom(store, input.roundId, fileSource(sha256)),
    rows: parsed.rows.length,
    counts: result.counts,
    amounts: { paidVnd: result.paidVnd, failedVnd: result.failedVnd },
    columns: parsed.columns,
    problems,
    toMark,
    missingFromFile: result.missingFromFile,
  };
}

export function startRoundResultPreview(
  ctx: HandlerContext,
  input: { roundId: number; fileName: string; contentBase64: string; format?: ResultFormat | undefined },
): ChannelOutput<'roundResults.previewImport'> {
  approvedRound(ctx.store, input.roundId);
  const format = input.format ?? getResultFormat(ctx.store);
  const { store } = ctx;
  const jobId = startJob('roundResults.preview', 'Đang đọc tệp kết quả…', async (progress, signal) => {
    const bytes = Buffer.from(input.contentBase64, 'base64');
    const preview = await previewRoundImport(store, { ...input, format }, bytes, (done, total) => {
      signal.throwIfCancelled();
      progress(done, total, 'Đang đọc tệp kết quả…');
    });
    progress(bytes.length, bytes.length, 'Đã đối chiếu xong.');
    return preview;
  });
  return { jobId };
}

function message(r: MatchResult): string {
  const listed = r.counts.unmatched + r.counts.ambiguous + r.counts.conflict + r.counts.invalid;
  const tail = listed > 0 ? ` ${listed} dòng không ghi được, xem danh sách.` : '';
  if (r.counts.paid + r.counts.failed === 0)
    return r.counts.already > 0
      ? `Tệp này đã được nhập trước đó: không có gì thay đổi.${tail}`
      : `Không có dòng nào được ghi.${tail}`;
  return `Đã ghi ${r.counts.paid} dòng đã chi trả (${formatVnd(r.paidVnd)} đồng) và ${r.counts.failed} dòng không thành công (${formatVnd(r.failedVnd)} đồng).${tail}`;
}

/** Writes the matched rows: one transaction, one audit entry with the counts. Synchronous. */
export function writeRoundImport(
  store: Store,
  ctx: Pick<HandlerContext, 'user' | 'now'>,
  session: Pick<Session, 'roundId' | 'fileName' | 'sha256' | 'rows' | 'preview'>,
): ImportResult {
  const round = approvedRound(store, session.roundId);
  // Nothing written since the preview (every write is audited): its matching holds; otherwise match again.
  const result =
    session.preview.auditMark === auditMark(store)
      ? session.preview.result
      : matchRows(matchLines(store, session.roundId, session.sha256), session.rows);
  const attempts = new Map(roundAccountLines(store, session.roundId).map((l) => [l.id, l.attempts]));
  const onDate = today(ctx.now);
  const items = result.rows
    .filter((m) => m.outcome === 'paid' || m.outcome === 'failed')
    .map((m) => ({
      lineId: m.lineId!,
      attemptNo: (attempts.get(m.lineId!) ?? 0) + 1,
      status: m.outcome as 'paid' | 'failed',
      onDate,
      reason: m.outcome === 'failed' ? m.row.reason || m.row.statusText || 'Ngân hàng báo không thành công' : '',
      reference: m.row.reference,
      source: fileSource(session.sha256),
    }));
  if (items.length > 0) {
    auditedWrite(store, ctx.user, ctx.now, (audit) => {
      insertAttempts(store, items, ctx.now.toISOString(), ctx.user.id);
      audit({
        action: 'roundResults.import',
        entity: 'round',
        entityId: round.id,
        detail: {
          name: round.name,
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
    unchanged: items.length === 0,
    message: message(result),
  };
}

export function startRoundResultCommit(ctx: HandlerContext, token: string): ChannelOutput<'roundResults.commitImport'> {
  const session = take(token);
  approvedRound(ctx.store, session.roundId);
  if (runningJobOf('roundResults.import'))
    throw new ApiError('CONFLICT', 'Đang nhập một tệp kết quả khác: hãy chờ xong rồi nhập tiếp.');
  const { store, user, now } = ctx;
  const jobId = startJob('roundResults.import', 'Đang ghi kết quả…', async (progress, signal) => {
    progress(0, session.rows.length, `Đang ghi kết quả ${session.rows.length.toLocaleString('vi-VN')} dòng…`);
    await yieldToEventLoop();
    signal.throwIfCancelled();
    const result = writeRoundImport(store, { user, now }, session);
    sessions.delete(session.token);
    progress(session.rows.length, session.rows.length, result.message);
    return result;
  });
  return { jobId };
}
