import type { Store } from '../../db/store';
import { ApiError } from '@shared/api/errors';
import type { AttemptView, LineStatus, MoneyHistoryRow } from '@shared/api/payroll';
import { formatMonthVi } from '@shared/domain/dates';
import {
  attemptReader,
  attemptLine,
  insertAttempt,
  lastAttemptNo,
  moneyLines,
  sameAttempt,
  setLineStatus,
  type AttemptLineRow as LineRow,
} from './queries/attempts';

// Payment attempts: each try to pay a line of an approved payroll (sent to the bank → failed with a
// reason → carried over → paid in a later month) is a row of payment_attempts, so a person's money
// history is complete. The rules that keep anything from being paid twice are checked here with
// Vietnamese messages, and again by the database (migration 006: one 'paid' attempt per line, attempts
// only on approved payrolls, never on a line carried into a later approved payroll).
//
// Used by the payment-results work (bank result import, cash marking, carry-over decisions): these
// functions write without auditing; the caller runs them inside its audited transaction.

export type AttemptStatus = AttemptView['status'];

export interface RecordedAttempt {
  attemptId: number;
  attemptNo: number;
  /** False when the same attempt (same line, status and source) was already recorded: nothing changed. */
  changed: boolean;
  lineStatus: LineStatus;
}

function lineFor(store: Store, lineId: number): LineRow {
  const line = attemptLine(store, lineId);
  if (!line) throw new ApiError('NOT_FOUND', 'Không tìm thấy dòng chi trả này.');
  return line;
}

/**
 * Records one attempt to pay a line and moves the line's status with it. Refuses: a line of a draft
 * payroll, a line already paid, a line already carried into a later approved payroll. Idempotent for a
 * source (e.g. a bank result file's checksum): the same line, status and source again changes nothing.
 */
export function recordAttempt(
  store: Store,
  lineId: number,
  status: AttemptStatus,
  at: string,
  reason = '',
  reference = '',
  source = '',
): RecordedAttempt {
  const line = lineFor(store, lineId);
  if (source) {
    const same = sameAttempt(store, lineId, status, source);
    if (same) return { attemptId: same.id, attemptNo: same.attempt_no, changed: false, lineStatus: line.status };
  }
  if (line.payroll_status !== 'approved') {
    throw new ApiError('CONFLICT', 'Bảng chi trả chưa được phê duyệt: chưa thể ghi kết quả chi trả.');
  }
  if (line.status === 'paid') throw new ApiError('CONFLICT', 'Dòng này đã được chi trả: không chi lần thứ hai.');
  if (line.carried_to !== null || line.status === 'carried_over' || line.status === 'converted_to_cash') {
    const where = line.carried_to_month
      ? ` (đã chuyển sang bảng chi trả tháng ${formatMonthVi(line.carried_to_month)})`
      : '';
    throw new ApiError('CONFLICT', `Dòng này đã được chuyển sang tháng sau${where}: ghi kết quả ở dòng tháng sau.`);
  }
  const attemptNo = (lastAttemptNo(store, lineId) ?? 0) + 1;
  const attemptId = insertAttempt(store, { lineId, attemptNo, status, at, reason, reference, source });
  setLineStatus(store, lineId, status);
  return { attemptId, attemptNo, changed: true, lineStatus: status };
}

/**
 * The officer's decision on a failed or not-collected line: carry it to the next payroll (paid by the
 * method in force then) or pay it in cash there. The next build picks it up as a 'carryover' line.
 */
export function decideCarryOver(
  store: Store,
  lineId: number,
  decision: 'carried_over' | 'converted_to_cash',
): { changed: boolean } {
  const line = lineFor(store, lineId);
  if (line.status === decision) return { changed: false };
  if (line.payroll_status !== 'approved') throw new ApiError('CONFLICT', 'Bảng chi trả chưa được phê duyệt.');
  if (line.carried_to !== null)
    throw new ApiError('CONFLICT', 'Dòng này đã được chi ở bảng chi trả tháng sau (đã duyệt): không đổi được nữa.');
  if (!['failed', 'not_collected', 'carried_over', 'converted_to_cash'].includes(line.status)) {
    throw new ApiError('CONFLICT', 'Chỉ chuyển tháng sau những dòng chi không thành công hoặc không đến nhận.');
  }
  setLineStatus(store, lineId, decision);
  return { changed: true };
}

/** Attempts of some lines, grouped by line. */
export function attemptsOf(store: Store, lineIds: readonly number[]): Map<number, AttemptView[]> {
  const byLine = new Map<number, AttemptView[]>();
  const read = attemptReader(store);
  for (const lineId of lineIds) {
    const rows = read(lineId);
    byLine.set(
      lineId,
      rows.map((r) => ({
        id: r.id,
        attemptNo: r.attempt_no,
        status: r.status,
        at: r.at,
        reason: r.reason,
        reference: r.reference,
        source: r.source,
      })),
    );
  }
  return byLine;
}

/** Everything a person was owed and what happened to it: each line (draft and approved), its attempts, and where it was carried. */
export function moneyHistory(store: Store, personId: number): MoneyHistoryRow[] {
  const rows = moneyLines(store, personId);
  const attempts = attemptsOf(
    store,
    rows.map((r) => r.lineId),
  );
  return rows.map((r) => ({ ...r, attempts: attempts.get(r.lineId) ?? [] }));
}
