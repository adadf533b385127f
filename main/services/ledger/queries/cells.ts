import type { Selectable } from 'kysely';
import type { Store } from '../../../db/store';
import type { EntitlementsTable } from '../../../db/schema';
import type { LedgerComponent } from '@shared/api/ledger';
import type { Month } from '@shared/domain/dates';

// What the ledger's two sides read (issue 13): the paid side and the settled recoveries as set-wise
// aggregates, the openings and the facts of a batch of people. Also run by the payroll build's plan
// (its worker thread included): each is one statement per batch, cached by the Store as before.

export interface PaidRow {
  personId: number;
  component: LedgerComponent;
  month: Month;
  paid: number;
}

const PAID_SELECT = `SELECT m.person_id AS personId, m.component, m.service_month AS month, SUM(m.amount_vnd) AS paid
  FROM payroll_line_months m JOIN payrolls p ON p.id = m.payroll_id AND p.status = 'approved'`;

const PAID_GROUPS = `AND m.component IN ('allowance','care','pension','ncc') GROUP BY m.person_id, m.component, m.service_month`;

/** The rows of a PAID_SELECT read as one JSON text (Store.rowsAsJson: tens of thousands of rows at a time). */
function paidRows(store: Store, where: string, params: Record<string, unknown>): PaidRow[] {
  return store
    .rowsAsJson('personId, component, month, paid', `FROM (${PAID_SELECT} WHERE ${where} ${PAID_GROUPS})`, params)
    .map((r) => ({
      personId: r[0] as number,
      component: r[1] as LedgerComponent,
      month: r[2] as Month,
      paid: r[3] as number,
    }));
}

/** Approved paid per person, component and service month, for whole service months (everyone). */
export function paidForMonths(store: Store, months: readonly Month[]): PaidRow[] {
  return paidRows(store, 'm.service_month IN (SELECT value FROM json_each(@months))', {
    months: JSON.stringify(months),
  });
}

/** Approved paid per person, component and service month, for some people and months in [from, to]. */
export function paidForPeople(store: Store, personIds: readonly number[], from: Month, to: Month): PaidRow[] {
  return paidRows(
    store,
    'm.person_id IN (SELECT value FROM json_each(@ids)) AND m.service_month >= @from AND m.service_month <= @to',
    { ids: JSON.stringify(personIds), from, to },
  );
}

export interface SettledRow {
  personId: number;
  component: LedgerComponent;
  month: Month;
  amount: number;
}

/** Refunded and waived amounts per person, component and service month in [from, to], for some people. */
export function settledForPeople(store: Store, personIds: readonly number[], from: Month, to: Month): SettledRow[] {
  return store
    .prepare(
      `SELECT r.person_id AS personId, r.component, rm.service_month AS month, SUM(rm.amount_vnd) AS amount
       FROM ledger_recoveries r JOIN ledger_recovery_months rm ON rm.recovery_id = r.id
       WHERE r.method IN ('refund','waive') AND r.person_id IN (SELECT value FROM json_each(?)) AND rm.service_month >= ? AND rm.service_month <= ?
       GROUP BY r.person_id, r.component, rm.service_month`,
    )
    .all(JSON.stringify(personIds), from, to) as SettledRow[];
}

export interface OpeningRow {
  personId: number;
  programme: string;
  fromMonth: Month;
}

const OPENINGS = `SELECT e.person_id AS personId, e.programme_code AS programme, MAX(o.from_month) AS fromMonth
     FROM ledger_opening o JOIN entitlements e ON e.id = o.entitlement_id`;

/** The latest ledger opening per person and programme (migration 007), for some people or everyone. */
export function openingRows(store: Store, personIds?: readonly number[]): OpeningRow[] {
  return (
    personIds
      ? store
          .prepare(
            `${OPENINGS} WHERE e.person_id IN (SELECT value FROM json_each(?)) GROUP BY e.person_id, e.programme_code`,
          )
          .all(JSON.stringify(personIds))
      : store.prepare(`${OPENINGS} GROUP BY e.person_id, e.programme_code`).all()
  ) as OpeningRow[];
}

export interface PersonFactRow {
  id: number;
  death_date: string | null;
  moved_away_date: string | null;
  /** The latest heir named for the person. */
  heir_id: number | null;
}

export function personFactRows(store: Store, personIds: readonly number[]): PersonFactRow[] {
  return store
    .prepare(
      `SELECT p.id, p.death_date, p.moved_away_date, (SELECT MAX(h.id) FROM ledger_heirs h WHERE h.person_id = p.id) AS heir_id
       FROM people p WHERE p.id IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(personIds)) as PersonFactRow[];
}

export interface ProgrammeMonth {
  programme: string;
  month: Month;
}

/** Every (programme, month) with an approved payroll. */
export function approvedPayrollMonths(store: Store): ProgrammeMonth[] {
  return store
    .prepare("SELECT DISTINCT programme_code AS programme, month FROM payrolls WHERE status = 'approved'")
    .all() as ProgrammeMonth[];
}

/** The month of each programme's first approved payroll. */
export function firstApprovedMonths(store: Store): ProgrammeMonth[] {
  return store
    .prepare(
      "SELECT programme_code AS programme, MIN(month) AS month FROM payrolls WHERE status = 'approved' GROUP BY programme_code",
    )
    .all() as ProgrammeMonth[];
}

export function entitlementCreationTimes(
  store: Store,
): Array<Pick<Selectable<EntitlementsTable>, 'id' | 'created_at'>> {
  return store.prepare('SELECT id, created_at FROM entitlements').all() as Array<
    Pick<Selectable<EntitlementsTable>, 'id' | 'created_at'>
  >;
}
