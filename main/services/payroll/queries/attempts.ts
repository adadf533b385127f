import type { Selectable } from 'kysely';
import type { Store } from '../../../db/store';
import type { PaymentAttemptsTable } from '../../../db/schema';
import type { AttemptView, LineStatus, MoneyHistoryRow } from '@shared/api/payroll';

// Payment attempts and line statuses (issue 13: the payroll area's SQL).

type AttemptRow = Selectable<PaymentAttemptsTable>;

/** A line with its payroll's status and month, and the approved later line it was carried into (if any). */
export interface AttemptLineRow {
  id: number;
  status: LineStatus;
  payroll_status: string;
  month: string;
  carried_to: number | null;
  carried_to_month: string | null;
}

export function attemptLine(store: Store, lineId: number): AttemptLineRow | undefined {
  return store
    .prepare(
      `SELECT l.id, l.status, p.status AS payroll_status, p.month,
              c.id AS carried_to, cp.month AS carried_to_month
       FROM payroll_lines l JOIN payrolls p ON p.id = l.payroll_id
       LEFT JOIN payroll_lines c ON c.carried_from_line_id = l.id
         AND c.payroll_id IN (SELECT id FROM payrolls WHERE status = 'approved')
       LEFT JOIN payrolls cp ON cp.id = c.payroll_id
       WHERE l.id = ?`,
    )
    .get(lineId) as AttemptLineRow | undefined;
}

/** The attempt already recorded with this status and source on the line. */
export function sameAttempt(
  store: Store,
  lineId: number,
  status: string,
  source: string,
): Pick<AttemptRow, 'id' | 'attempt_no'> | undefined {
  return store
    .prepare('SELECT id, attempt_no FROM payment_attempts WHERE payroll_line_id = ? AND status = ? AND source = ?')
    .get(lineId, status, source) as Pick<AttemptRow, 'id' | 'attempt_no'> | undefined;
}

export function lastAttemptNo(store: Store, lineId: number): number | null {
  return (
    store.prepare('SELECT MAX(attempt_no) AS n FROM payment_attempts WHERE payroll_line_id = ?').get(lineId) as {
      n: number | null;
    }
  ).n;
}

export function insertAttempt(
  store: Store,
  a: {
    lineId: number;
    attemptNo: number;
    status: string;
    at: string;
    reason: string;
    reference: string;
    source: string;
  },
): number {
  const result = store
    .prepare(
      'INSERT INTO payment_attempts (payroll_line_id, attempt_no, status, at, reason, reference, source) VALUES (?, ?, ?, ?, ?, ?, ?)',
    )
    .run(a.lineId, a.attemptNo, a.status, a.at, a.reason, a.reference, a.source);
  return Number(result.lastInsertRowid);
}

export function setLineStatus(store: Store, lineId: number, status: LineStatus): void {
  store.prepare('UPDATE payroll_lines SET status = ? WHERE id = ?').run(status, lineId);
}

export type AttemptListRow = Pick<AttemptRow, 'id' | 'attempt_no' | 'at' | 'reason' | 'reference' | 'source'> & {
  status: AttemptView['status'];
};

/** Reads a line's attempts in order, with one statement for many lines. */
export function attemptReader(store: Store): (lineId: number) => AttemptListRow[] {
  const statement = store.prepare(
    'SELECT id, payroll_line_id, attempt_no, status, at, reason, reference, source FROM payment_attempts WHERE payroll_line_id = ? ORDER BY attempt_no',
  );
  return (lineId) => statement.all(lineId) as AttemptListRow[];
}

/** Every line paid (or to be paid) to a person, by month, programme and line, with where a carried line went. */
export function moneyLines(store: Store, personId: number): Array<Omit<MoneyHistoryRow, 'attempts'>> {
  return store
    .prepare(
      `SELECT l.id AS lineId, p.id AS payrollId, p.month, p.programme_code AS programme, p.status AS payrollStatus,
              l.kind, l.amount_vnd AS amountVnd, l.method, l.status, l.note, l.carried_from_line_id AS carriedFromLineId,
              (SELECT c.id FROM payroll_lines c JOIN payrolls cp ON cp.id = c.payroll_id
                WHERE c.carried_from_line_id = l.id ORDER BY cp.status = 'approved' DESC, c.id DESC LIMIT 1) AS carriedToLineId
       FROM payroll_lines l JOIN payrolls p ON p.id = l.payroll_id
       WHERE l.person_id = ? ORDER BY p.month, p.programme_code, l.line_no`,
    )
    .all(personId) as Array<Omit<MoneyHistoryRow, 'attempts'>>;
}
