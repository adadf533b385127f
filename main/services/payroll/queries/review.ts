import type { Selectable } from 'kysely';
import type { Store } from '../../../db/store';
import type { PayrollsTable } from '../../../db/schema';

// The approval workflow's SQL (issue 13): submission fingerprints and the changes since.

type PayrollRow = Selectable<PayrollsTable>;
export type Submission = Pick<
  PayrollRow,
  'id' | 'programme_code' | 'review_state' | 'status' | 'submitted_audit_seq' | 'submitted_ledger_seq'
>;

export function submission(store: Store, payrollId: number): Submission | undefined {
  return store
    .prepare(
      'SELECT id, programme_code, review_state, status, submitted_audit_seq, submitted_ledger_seq FROM payrolls WHERE id = ?',
    )
    .get(payrollId) as Submission | undefined;
}

/** An audit entry after the submission, and whether it can concern the payroll (its people or programme). */
export interface ChangeRow {
  id: number;
  action: string;
  person_id: number | null;
  entity_id: string | null;
  detail_json: string | null;
  full_name: string | null;
  relevant: number;
}

export function changesSince(store: Store, payrollId: number, programme: string, seq: number): ChangeRow[] {
  return store
    .prepare(
      `SELECT a.id, a.action, a.person_id, a.entity_id, a.detail_json, pe.full_name,
              a.person_id IS NULL OR EXISTS (SELECT 1 FROM payroll_lines l WHERE l.payroll_id = @payrollId AND (l.person_id = a.person_id OR l.receiver_person_id = a.person_id))
                OR EXISTS (SELECT 1 FROM entitlements e WHERE e.programme_code = @programme AND (e.person_id = a.person_id OR e.cared_person_id = a.person_id)) AS relevant
       FROM audit_log a LEFT JOIN people pe ON pe.id = a.person_id
       WHERE a.id > @seq ORDER BY a.id`,
    )
    .all({ payrollId, programme, seq }) as ChangeRow[];
}

/** Whether the ledger's change marks (written by triggers) moved after `seq` for the payroll's people. */
export function ledgerMarkedSince(store: Store, seq: number, payrollId: number): boolean {
  return (
    store
      .prepare(
        `SELECT 1 FROM ledger_marks m WHERE m.seq > ? AND (m.person_id IS NULL OR EXISTS (SELECT 1 FROM payroll_lines l WHERE l.payroll_id = ? AND l.person_id = m.person_id)) LIMIT 1`,
      )
      .get(seq, payrollId) !== undefined
  );
}

export function reviewStateOf(
  store: Store,
  payrollId: number,
): Pick<PayrollRow, 'status' | 'review_state'> | undefined {
  return store.prepare('SELECT status, review_state FROM payrolls WHERE id = ?').get(payrollId) as
    Pick<PayrollRow, 'status' | 'review_state'> | undefined;
}

export function lastLedgerSeq(store: Store): number {
  return (store.prepare('SELECT COALESCE(MAX(seq), 0) AS s FROM ledger_marks').get() as { s: number }).s;
}

export function lastAuditId(store: Store): number {
  return (store.prepare('SELECT MAX(id) AS id FROM audit_log').get() as { id: number }).id;
}

export function markSubmitted(
  store: Store,
  payrollId: number,
  s: { at: string; by: number | null; auditSeq: number; ledgerSeq: number },
): void {
  store
    .prepare(
      "UPDATE payrolls SET review_state = 'submitted', submitted_at = ?, submitted_by = ?, submitted_audit_seq = ?, submitted_ledger_seq = ? WHERE id = ?",
    )
    .run(s.at, s.by, s.auditSeq, s.ledgerSeq, payrollId);
}

export function markReturned(
  store: Store,
  payrollId: number,
  r: { at: string; by: number | null; comment: string },
): void {
  store
    .prepare(
      "UPDATE payrolls SET review_state = 'returned', returned_at = ?, returned_by = ?, return_comment = ? WHERE id = ? AND status = 'draft'",
    )
    .run(r.at, r.by, r.comment, payrollId);
}
