import type { z } from 'zod';
import type { HandlerContext } from '../../api/context';
import type { Store } from '../../db/store';
import { ApiError } from '@shared/api/errors';
import { CASH_METHODS } from '@shared/api/payroll-results';
import type {
  recordRoundResultSchema,
  roundResultLinesSchema,
  RoundLineStatus,
  RoundReconciliation,
  RoundReconciliationRow,
  RoundRecordResult,
  RoundResultLinesPage,
  RoundResultLineView,
} from '@shared/api/round-results';
import type { RoundView } from '@shared/api/rounds';
import { formatDateVi } from '@shared/domain/dates';
import { METHOD_LABELS, METHOD_ORDER } from '@shared/domain/labels';
import { maskIdentifier } from '@shared/domain/masking';
import { compareVi, foldForSearch } from '@shared/domain/text';
import { today } from '../clock';
import { refusal } from '../payroll-results/attempts';
import { addToBucket, bucket } from '../payroll-results/reconciliation';
import { roundView } from './queries';
import {
  insertAttempts,
  resultLinePage,
  resultLineRows,
  resultLinesById,
  statusGroups,
  type AttemptInsert,
  type ResultLineRow,
} from './results-queries';

// Payment results of an approved one-off round (migration 020): each answer about a line is an attempt
// (paid, failed at the bank with its reason, not collected in cash) with its day and source, appended,
// never changed. Which answer a line may take follows the payroll's rule (payroll-results/attempts.ts
// `refusal`: a paid line never moves again, a not-collected one may still be paid), plus the round's own:
// "không đến nhận" is for cash lines, "không thành công" for transfers. The reconciliation puts every line
// in exactly one status, so paid + failed + not collected + pending is the round's total to the đồng.

const isCash = (method: string) => (CASH_METHODS as readonly string[]).includes(method);

export const MANUAL_SOURCE = 'manual';
export const CASH_LIST_SOURCE = 'cash-list';
export const fileSource = (sha256: string): string => `sha256:${sha256}`;

export function loadRound(store: Store, roundId: number): RoundView {
  const r = roundView(store, roundId);
  if (!r) throw new ApiError('NOT_FOUND', 'Không tìm thấy đợt chi này.');
  return r;
}

/** Results are recorded on approved rounds only: a draft has gone to nobody and can still be picked again. */
export function approvedRound(store: Store, roundId: number): RoundView {
  const r = loadRound(store, roundId);
  if (r.review !== 'approved')
    throw new ApiError(
      'CONFLICT',
      'Đợt chi chưa được phê duyệt: chỉ ghi kết quả chi trả cho đợt chi đã phê duyệt (đã in danh sách ký nhận, gửi tệp ngân hàng).',
    );
  return r;
}

/** Why a line cannot take the outcome (Vietnamese), or null. */
export function roundRefusal(
  line: Pick<ResultLineRow, 'method' | 'status'>,
  outcome: AttemptInsert['status'],
): string | null {
  if (outcome === 'not_collected' && !isCash(line.method))
    return 'Không phải dòng chi tiền mặt: "không đến nhận" chỉ ghi cho người nhận tiền mặt.';
  if (outcome === 'failed' && isCash(line.method))
    return 'Dòng chi tiền mặt: ghi "không đến nhận" thay cho "không thành công".';
  return refusal(line.status, outcome);
}

const view = (r: ResultLineRow): RoundResultLineView => ({
  id: r.id,
  lineNo: r.lineNo,
  personId: r.personId,
  fullName: r.fullName,
  neighbourhood: r.neighbourhood,
  method: r.method,
  account: maskIdentifier(r.account),
  amountVnd: r.amountVnd,
  status: r.status,
  onDate: r.onDate,
  reason: r.reason,
  source: r.source === '' ? '' : r.source.startsWith('sha256:') ? 'file' : (r.source as 'manual' | 'cash-list'),
  attempts: r.attempts,
});

export function roundResultLines(store: Store, f: z.output<typeof roundResultLinesSchema>): RoundResultLinesPage {
  loadRound(store, f.roundId);
  const filter = { roundId: f.roundId, status: f.status, channel: f.channel, neighbourhood: f.neighbourhood };
  const needle = f.text ? foldForSearch(f.text) : '';
  if (!needle) {
    const page = resultLinePage(store, filter, f.limit, f.offset);
    return { total: page.total, totalVnd: page.totalVnd, rows: page.rows.map(view) };
  }
  // A name, or the visible end of an account (its last 4 digits) or the whole number (as payroll results).
  const rows = resultLineRows(store, filter).filter(
    (r) =>
      foldForSearch(r.fullName).includes(needle) ||
      (needle.length <= 4 ? (r.account ?? '').endsWith(needle) : r.account === needle),
  );
  return {
    total: rows.length,
    totalVnd: rows.reduce((s, r) => s + r.amountVnd, 0),
    rows: rows.slice(f.offset, f.offset + f.limit).map(view),
  };
}

/** The day an answer is recorded for: not after today, not before the round was approved. */
function checkedDate(ctx: HandlerContext, round: RoundView, onDate: string | undefined): string {
  const now = today(ctx.now);
  const date = onDate ?? now;
  const invalid = (message: string) => new ApiError('INVALID_INPUT', message, [{ path: 'onDate', message }]);
  if (date > now) throw invalid('Ngày chi trả: không được sau hôm nay.');
  const approvedOn = round.approvedAt ? today(new Date(round.approvedAt)) : null;
  if (approvedOn && date < approvedOn)
    throw invalid(`Ngày chi trả: không được trước ngày phê duyệt đợt chi (${formatDateVi(approvedOn)}).`);
  return date;
}

export function recordRoundResult(
  ctx: HandlerContext,
  input: z.output<typeof recordRoundResultSchema>,
): RoundRecordResult {
  const { store } = ctx;
  const round = approvedRound(store, input.roundId);
  const onDate = checkedDate(ctx, round, input.onDate);
  const sel = input.selection;
  let lines: ResultLineRow[];
  if (sel.kind === 'lines') {
    const ids = [...new Set(sel.lineIds)];
    lines = resultLinesById(store, round.id, ids);
    if (lines.length !== ids.length) throw new ApiError('NOT_FOUND', 'Có dòng đã chọn không thuộc đợt chi này.');
  } else {
    // A neighbourhood (or the whole round) at once, from the signed list: the cash lines without an answer
    // yet (a "không đến nhận" already recorded stands; that person is then paid by name).
    if (input.outcome === 'failed')
      throw new ApiError('INVALID_INPUT', 'Chuyển khoản không thành công: chọn từng dòng (không ghi cả khu phố).');
    lines = resultLineRows(store, {
      roundId: round.id,
      channel: 'cash',
      ...(sel.kind === 'neighbourhood' ? { neighbourhood: sel.neighbourhood } : {}),
    }).filter((l) => l.status === 'pending' && roundRefusal(l, input.outcome) === null);
  }
  const result: RoundRecordResult = { changed: 0, amountVnd: 0, skipped: [] };
  const items: AttemptInsert[] = [];
  const source = sel.kind === 'lines' ? MANUAL_SOURCE : CASH_LIST_SOURCE;
  for (const l of lines) {
    const why = roundRefusal(l, input.outcome);
    if (why) {
      result.skipped.push({ lineId: l.id, fullName: l.fullName, reason: why });
      continue;
    }
    items.push({
      lineId: l.id,
      attemptNo: l.attempts + 1,
      status: input.outcome,
      onDate,
      reason: input.outcome === 'not_collected' ? input.reason || 'Không đến nhận' : input.reason,
      reference: '',
      source,
    });
    result.changed++;
    result.amountVnd += l.amountVnd;
  }
  if (result.changed === 0) {
    const reasons = [...new Set(result.skipped.map((s) => s.reason))].slice(0, 3).join(' ');
    throw new ApiError(
      'CONFLICT',
      result.skipped.length ? `Không có dòng nào thay đổi. ${reasons}` : 'Không có dòng nào phù hợp để ghi.',
    );
  }
  insertAttempts(store, items, ctx.now.toISOString(), ctx.user.id);
  ctx.audit({
    action: 'roundResults.record',
    entity: 'round',
    entityId: round.id,
    ...(items.length === 1 ? { personId: lines.find((l) => l.id === items[0]!.lineId)!.personId } : {}),
    detail: {
      outcome: input.outcome,
      onDate,
      ...(input.reason ? { reason: input.reason } : {}),
      selection: sel.kind === 'lines' ? { kind: 'lines', count: sel.lineIds.length } : sel,
      changed: result.changed,
      amountVnd: result.amountVnd,
      skipped: result.skipped.length,
    },
  });
  return result;
}

const emptyRow = (key: string, label: string): RoundReconciliationRow => ({
  key,
  label,
  lines: 0,
  amountVnd: 0,
  paid: bucket(),
  failed: bucket(),
  notCollected: bucket(),
  pending: bucket(),
  balanceVnd: 0,
});
const FIELD_OF: Record<RoundLineStatus, 'paid' | 'failed' | 'notCollected' | 'pending'> = {
  pending: 'pending',
  paid: 'paid',
  failed: 'failed',
  not_collected: 'notCollected',
};

const add = (row: RoundReconciliationRow, status: RoundLineStatus, lines: number, amountVnd: number): void =>
  addToBucket(row, FIELD_OF[status], lines, amountVnd);

export function roundReconciliation(store: Store, roundId: number): RoundReconciliation {
  const round = approvedRound(store, roundId);
  const total = emptyRow('total', 'Tổng cộng');
  const byMethod = new Map<string, RoundReconciliationRow>();
  const byNeighbourhood = new Map<string, RoundReconciliationRow>();
  for (const g of statusGroups(store, roundId)) {
    add(total, g.status, g.lines, g.amountVnd);
    const m = byMethod.get(g.method) ?? emptyRow(g.method, METHOD_LABELS[g.method] ?? g.method);
    byMethod.set(g.method, m);
    add(m, g.status, g.lines, g.amountVnd);
    const n =
      byNeighbourhood.get(g.neighbourhood) ?? emptyRow(g.neighbourhood, g.neighbourhood || '(Chưa ghi khu phố)');
    byNeighbourhood.set(g.neighbourhood, n);
    add(n, g.status, g.lines, g.amountVnd);
  }
  const methods = METHOD_ORDER.filter((m) => byMethod.has(m)).map((m) => byMethod.get(m)!);
  const neighbourhoods = [...byNeighbourhood.values()].sort((a, b) => compareVi(a.label, b.label));
  const sums = (rows: readonly RoundReconciliationRow[]) =>
    rows.reduce((s, r) => s + r.amountVnd, 0) === total.amountVnd &&
    rows.reduce((s, r) => s + r.lines, 0) === total.lines;
  const parts = total.paid.amountVnd + total.failed.amountVnd + total.notCollected.amountVnd + total.pending.amountVnd;
  const reconciles =
    total.amountVnd === round.totalVnd &&
    total.lines === round.lineCount &&
    parts === total.amountVnd &&
    sums(methods) &&
    sums(neighbourhoods);
  return {
    round: {
      id: round.id,
      name: round.name,
      review: round.review,
      lineCount: round.lineCount,
      totalVnd: round.totalVnd,
    },
    total,
    byMethod: methods,
    byNeighbourhood: neighbourhoods,
    reconciles,
  };
}
