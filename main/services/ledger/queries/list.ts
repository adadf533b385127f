import type { Selectable } from 'kysely';
import type { Store } from '../../../db/store';
import type { PeopleTable } from '../../../db/schema';
import type { LedgerComponent, LedgerReason } from '@shared/api/ledger';
import type { PayoutMethodCode } from '@shared/api/register';
import type { Month } from '@shared/domain/dates';

// The ward-wide arrears list of a payroll month (issue 13): the month's payrolls are its approved ones,
// else its drafts, per programme.

export interface ArrearsLineRow {
  payroll_id: number;
  status: 'draft' | 'approved';
  id: number;
  person_id: number;
  full_name: string;
  neighbourhood_name: string;
  programme_code: string;
  period_from: Month;
  period_to: Month;
  period_months: number;
  amount_vnd: number;
  ledger_reason: LedgerReason;
  /** The receiver's name, else the person's. */
  receiver: string;
  method: PayoutMethodCode;
}

/** The arrears lines (with a period) of the month's payrolls, in payroll and line order. */
export function arrearsLines(store: Store, month: Month): ArrearsLineRow[] {
  return store
    .prepare(
      `SELECT l.payroll_id, p.status, l.id, l.person_id, l.full_name, l.neighbourhood_name, p.programme_code, l.period_from, l.period_to, l.period_months,
                l.amount_vnd, l.ledger_reason, COALESCE(l.receiver_name, l.full_name) AS receiver, l.method
         FROM payroll_lines l JOIN payrolls p ON p.id = l.payroll_id
         WHERE p.month = ? AND l.kind = 'arrears' AND l.period_from IS NOT NULL
           AND (p.status = 'approved' OR NOT EXISTS (SELECT 1 FROM payrolls q WHERE q.month = p.month AND q.programme_code = p.programme_code AND q.status = 'approved'))
         ORDER BY l.payroll_id, l.line_no`,
    )
    .all(month) as ArrearsLineRow[];
}

export interface LeftOpenRow {
  person_id: number;
  kind: 'overpaid' | 'held';
  component: LedgerComponent;
}

/** Who the month's builds left open, and how. */
export function leftOpenBy(store: Store, month: Month): LeftOpenRow[] {
  return store
    .prepare(
      `SELECT DISTINCT o.person_id, o.kind, o.component FROM payroll_ledger_open o JOIN payrolls p ON p.id = o.payroll_id
       WHERE p.month = ? AND (p.status = 'approved' OR NOT EXISTS (SELECT 1 FROM payrolls q WHERE q.month = p.month AND q.programme_code = p.programme_code AND q.status = 'approved'))`,
    )
    .all(month) as LeftOpenRow[];
}

export type ListPerson = Pick<Selectable<PeopleTable>, 'full_name' | 'death_date'> & { neighbourhood: string };

export function listPerson(store: Store, personId: number): ListPerson {
  return store
    .prepare(
      "SELECT p.full_name, COALESCE(n.name, '') AS neighbourhood, p.death_date FROM people p LEFT JOIN neighbourhoods n ON n.id = p.neighbourhood_id WHERE p.id = ?",
    )
    .get(personId) as ListPerson;
}

/**
 * People paid before `month` in a programme with no payroll that month, who a register change touched
 * (ledger_marks) or an earlier build left overpaid.
 */
export function paidWithoutPayrollThisMonth(store: Store, month: Month): number[] {
  return store
    .prepare(
      `SELECT m.person_id FROM payroll_line_months m JOIN payrolls p ON p.id = m.payroll_id AND p.status = 'approved'
       WHERE m.service_month < ? AND m.component IN ('allowance','care','pension','ncc')
         AND NOT EXISTS (SELECT 1 FROM payrolls q WHERE q.month = ? AND q.programme_code = p.programme_code)
         AND m.person_id IN (SELECT person_id FROM ledger_marks WHERE person_id IS NOT NULL
                             UNION SELECT person_id FROM payroll_ledger_open WHERE kind = 'overpaid')
       GROUP BY m.person_id ORDER BY m.person_id`,
    )
    .pluck()
    .all(month, month) as number[];
}

export interface HeldRow {
  component: LedgerComponent;
  programme: string;
  month: Month;
  amount: number;
}

/** What the month's payrolls held for a deceased person's heir, by component and service month. */
export function heldRows(store: Store, month: Month, personId: number): HeldRow[] {
  return store
    .prepare(
      `SELECT o.component, p.programme_code AS programme, o.service_month AS month, o.owed_vnd - o.paid_vnd AS amount FROM payroll_ledger_open o JOIN payrolls p ON p.id = o.payroll_id
           WHERE p.month = ? AND o.person_id = ? AND o.kind = 'held' ORDER BY o.component, o.service_month`,
    )
    .all(month, personId) as HeldRow[];
}
