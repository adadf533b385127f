import type { Store } from '../../../db/store';
import type { LedgerComponent } from '@shared/api/ledger';
import type { Month } from '@shared/domain/dates';

// What the ledger's part of a month's build reads (issue 13): the change marks, the latest approved
// payrolls and the people to look at again. A hot path of the payroll build (its worker thread too): each
// statement runs once per build (paidBefore once per pending deduction), cached by the Store as before.

/** The last change mark recorded (0 with none). */
export function lastMarkSeq(store: Store): number {
  return (store.prepare('SELECT COALESCE(MAX(seq), 0) AS s FROM ledger_marks').get() as { s: number }).s;
}

export interface LatestApproved {
  id: number;
  programme: string;
  month: Month;
  /** The last change mark that payroll's build had seen. */
  seq: number;
}

/** Per programme, the latest approved payroll before `month`. */
export function latestApprovedBefore(store: Store, month: Month): LatestApproved[] {
  return store
    .prepare(
      `SELECT p.id, p.programme_code AS programme, p.month, p.ledger_seq AS seq FROM payrolls p
       WHERE p.status = 'approved' AND p.month = (SELECT MAX(q.month) FROM payrolls q WHERE q.status = 'approved' AND q.programme_code = p.programme_code AND q.month < ?)`,
    )
    .all(month) as LatestApproved[];
}

/** The earliest month of the register-wide marks (reference data changed) after `sinceSeq`, if any. */
export function registerWideMarkFrom(store: Store, sinceSeq: number): Month | null {
  return (
    store
      .prepare('SELECT MIN(from_month) AS m FROM ledger_marks WHERE seq > ? AND person_id IS NULL')
      .get(sinceSeq) as {
      m: Month | null;
    }
  ).m;
}

export interface PersonMonth {
  personId: number;
  m: Month;
}

/** People marked after `sinceSeq`, with the earliest month each mark names. */
export function markedPeopleSince(store: Store, sinceSeq: number): PersonMonth[] {
  return store
    .prepare(
      'SELECT person_id AS personId, MIN(from_month) AS m FROM ledger_marks WHERE seq > ? AND person_id IS NOT NULL GROUP BY person_id',
    )
    .all(sinceSeq) as PersonMonth[];
}

/** People the given payrolls' builds left open (overpaid, held for an heir). */
export function peopleLeftOpen(store: Store, payrollIds: readonly number[]): Array<{ personId: number }> {
  return store
    .prepare(
      'SELECT DISTINCT person_id AS personId FROM payroll_ledger_open WHERE payroll_id IN (SELECT value FROM json_each(?))',
    )
    .all(JSON.stringify(payrollIds)) as Array<{ personId: number }>;
}

/** Approved paid per person and component for the service month `month` itself. */
export function paidInMonth(
  store: Store,
  month: Month,
): Array<{ personId: number; component: LedgerComponent; paid: number }> {
  return store
    .prepare(
      `SELECT m.person_id AS personId, m.component, SUM(m.amount_vnd) AS paid FROM payroll_line_months m JOIN payrolls p ON p.id = m.payroll_id AND p.status = 'approved'
       WHERE m.service_month = ? AND m.component IN ('allowance','care','pension','ncc') GROUP BY m.person_id, m.component`,
    )
    .all(month) as Array<{ personId: number; component: LedgerComponent; paid: number }>;
}

/**
 * People with an entitlement of the given programmes starting before `month` but entered after its start
 * month (a late decision), with the earliest such start.
 */
export function lateEnteredInProgrammes(store: Store, programmes: readonly string[], month: Month): PersonMonth[] {
  return store
    .prepare(
      `SELECT person_id AS personId, MIN(start_month) AS m FROM entitlements
         WHERE programme_code IN (SELECT value FROM json_each(?)) AND start_month < ? AND substr(datetime(created_at, '+14 hours'), 1, 7) > start_month
         GROUP BY person_id`,
    )
    .all(JSON.stringify(programmes), month) as PersonMonth[];
}

/** Each person's first entitlement month, for some people. */
export function firstStartMonths(store: Store, personIds: readonly number[]): PersonMonth[] {
  return store
    .prepare(
      'SELECT person_id AS personId, MIN(start_month) AS m FROM entitlements WHERE person_id IN (SELECT value FROM json_each(?)) GROUP BY person_id',
    )
    .all(JSON.stringify(personIds)) as PersonMonth[];
}

/** Each person's earliest start of an entitlement entered after its start month, for some people. */
export function lateEnteredStartMonths(store: Store, personIds: readonly number[]): PersonMonth[] {
  return store
    .prepare(
      `SELECT person_id AS personId, MIN(start_month) AS m FROM entitlements
         WHERE person_id IN (SELECT value FROM json_each(?)) AND substr(datetime(created_at, '+14 hours'), 1, 7) > start_month GROUP BY person_id`,
    )
    .all(JSON.stringify(personIds)) as PersonMonth[];
}

/** What approved payrolls paid one person for one component and service month. */
export function approvedPaidOf(store: Store, personId: number, component: LedgerComponent, month: Month): number {
  return (
    store
      .prepare(
        `SELECT COALESCE(SUM(m.amount_vnd), 0) AS paid FROM payroll_line_months m JOIN payrolls p ON p.id = m.payroll_id AND p.status = 'approved'
         WHERE m.person_id = ? AND m.component = ? AND m.service_month = ?`,
      )
      .get(personId, component, month) as { paid: number }
  ).paid;
}

export interface DeductionMonthRow {
  /** The recovery. */
  id: number;
  personId: number;
  component: LedgerComponent;
  month: Month;
  /** What the deduction still has to take that month (≤ 0 once approved payrolls took it). */
  pending: number;
}

/** Every deduction the officer recorded, month by month, with what approved payrolls have not taken yet. */
export function deductionMonths(store: Store): DeductionMonthRow[] {
  return store
    .prepare(
      `SELECT r.id, r.person_id AS personId, r.component, rm.service_month AS month,
              rm.amount_vnd + COALESCE((SELECT SUM(m.amount_vnd) FROM payroll_line_months m JOIN payrolls p ON p.id = m.payroll_id AND p.status = 'approved'
                                       WHERE m.recovery_id = r.id AND m.service_month = rm.service_month), 0) AS pending
       FROM ledger_recoveries r JOIN ledger_recovery_months rm ON rm.recovery_id = r.id
       WHERE r.method = 'deduct' ORDER BY r.id, rm.service_month`,
    )
    .all() as DeductionMonthRow[];
}
