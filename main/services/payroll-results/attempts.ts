import type { Store } from '../../db/store';
import { decideCarryOver, recordAttempt } from '../payroll/attempts';
import type { LineStatus } from '@shared/api/payroll-results';
import { insertAttemptsInBulk } from './queries';

// Writes of a payment outcome on an approved payroll's line: the line's status moves and, for a
// payer's answer (paid / failed / not collected), a payment_attempts row keeps the history (attempt
// number, date, reason, bank reference, and the source: the result file's SHA-256 or the cash list).
// `refusal` says beforehand, in Vietnamese, why a line cannot take an outcome, so previews and bulk marks
// list and skip such lines instead of failing. Call the writer inside one audited transaction.

export type AttemptStatus = 'paid' | 'failed' | 'not_collected';

/** Which statuses a payer's answer may move a line from. Paid or carried lines never move again. */
export const MAY_RECORD: Record<AttemptStatus, ReadonlySet<LineStatus>> = {
  paid: new Set<LineStatus>(['pending', 'sent', 'failed', 'not_collected']),
  failed: new Set<LineStatus>(['pending', 'sent', 'failed']),
  not_collected: new Set<LineStatus>(['pending', 'sent']),
};

/** Why a line cannot take an outcome, in Vietnamese (null when it can). */
export function refusal(
  current: LineStatus,
  outcome: AttemptStatus | 'carried_over' | 'converted_to_cash',
): string | null {
  if (outcome === 'carried_over' || outcome === 'converted_to_cash') {
    if (current === 'failed' || current === 'not_collected') return null;
    if (current === 'paid') return 'Đã chi trả: không chuyển sang tháng sau.';
    if (current === outcome) return 'Đã quyết định như vậy trước đó.';
    if (current === 'carried_over' || current === 'converted_to_cash') return null; // changing the decision: checked against pick-up
    return 'Chưa có kết quả chi trả: chỉ dòng không thành công hoặc chưa nhận mới chuyển sang tháng sau.';
  }
  if (MAY_RECORD[outcome].has(current)) return null;
  if (current === 'paid') return 'Đã ghi nhận chi trả trước đó: không ghi lại (không chi trả hai lần).';
  if (current === 'carried_over') return 'Đã chuyển sang bảng lương tháng sau: không ghi kết quả ở bảng lương này nữa.';
  if (current === 'converted_to_cash')
    return 'Đã chuyển chi tiền mặt tháng sau: không ghi kết quả ở bảng lương này nữa.';
  if (current === 'not_collected') return 'Đã ghi là chưa nhận.';
  return 'Trạng thái hiện tại không cho phép ghi kết quả này.';
}

export interface AttemptWriter {
  /** Records one attempt and moves the line's status; the caller has checked `refusal`. */
  record(lineId: number, status: AttemptStatus, at: string, reason: string, reference: string, source: string): void;
  /** Moves only the line's status (carry-over decisions). */
  setStatus(lineId: number, status: 'carried_over' | 'converted_to_cash'): void;
}

/**
 * The payroll area's attempt model (main/services/payroll/attempts.ts) does the writes, with its own
 * checks; the database (migration 006) refuses a second payment whatever the caller.
 */
export function attemptWriter(store: Store): AttemptWriter {
  return {
    record(lineId, status, at, reason, reference, source) {
      recordAttempt(store, lineId, status, at, reason, reference, source);
    },
    setStatus(lineId, status) {
      decideCarryOver(store, lineId, status);
    },
  };
}

/**
 * The bank result import's write: many lines of one payroll at once, two prepared statements per line
 * (the per-line model above costs ~5× as much at 100,000 lines). The lines were checked by the matching
 * in the same synchronous call (refusal), and migration 006's triggers and unique index still refuse any
 * second payment, attempt on a draft or on a line carried into a later approved payroll.
 */
export function recordAttemptsInBulk(
  store: Store,
  payrollId: number,
  items: ReadonlyArray<{ lineId: number; status: 'paid' | 'failed'; reason: string; reference: string }>,
  at: string,
  source: string,
): void {
  insertAttemptsInBulk(store, payrollId, items, at, source);
}

/** The source recorded for attempts from a bank result file. */
export const fileSource = (sha256: string): string => `sha256:${sha256}`;
export const CASH_LIST_SOURCE = 'cash-list';
