import type { Selectable } from 'kysely';
import type { Store } from '../../db/store';
import type { NeighbourhoodsTable, PeopleTable, ProgrammesTable, UsersTable } from '../../db/schema';
import type { ProgrammeCode } from '@shared/api/register';
import type { Month } from '@shared/domain/dates';

// The non-cash campaign's SQL (issue 13): the dashboard's names, the trend's one read of the
// entitlements and their terms, the work list's people.

type PersonRow = Selectable<PeopleTable>;

/** NCC entitlements' terms and the category written on their decision. */
export function nccCategoryLabels(store: Store): Array<{ id: number; category_label: string }> {
  return store
    .prepare(
      `SELECT t.id, t.category_label FROM entitlement_terms t JOIN entitlements e ON e.id = t.entitlement_id
       WHERE e.programme_code = 'NCC'`,
    )
    .all() as Array<{ id: number; category_label: string }>;
}

/** The programmes in their display order (the code narrowed to the contract's codes). */
export type ProgrammeNameRow = Pick<Selectable<ProgrammesTable>, 'name_vi'> & { code: ProgrammeCode };

export function programmeNameRows(store: Store): ProgrammeNameRow[] {
  return store.prepare('SELECT code, name_vi FROM programmes ORDER BY sort_order').all() as ProgrammeNameRow[];
}

export function userNameRows(store: Store): Array<Pick<Selectable<UsersTable>, 'id' | 'full_name'>> {
  return store.prepare('SELECT id, full_name FROM users').all() as Array<
    Pick<Selectable<UsersTable>, 'id' | 'full_name'>
  >;
}

/**
 * One term of an entitlement in force at some time in the trend's range, with its entitlement and the
 * holder's life dates, read by position (raw rows: no object per row), in this order.
 */
export type TrendTermRow = [
  entitlementId: number,
  personId: number,
  programme: ProgrammeCode,
  caredPersonId: number | null,
  start: Month,
  end: Month | null,
  from: Month,
  status: 'active' | 'suspended' | 'stopped',
  groupCode: string | null,
  birthDate: string | null,
  birthPrecision: 'day' | 'year' | 'unknown' | null,
  deathDate: string | null,
];

/**
 * The entitlements in force at some time in `from`..`to` with their terms up to `to` (entitlement by
 * entitlement, terms oldest first) and their holder's birth and death: read once for the whole trend.
 * Raw rows, read by position: 100,000 row objects cost about twice as much.
 */
export function trendTermRows(store: Store, from: Month, to: Month): TrendTermRow[] {
  return store
    .prepare(
      `SELECT e.id, e.person_id, e.programme_code, e.cared_person_id, e.start_month, e.end_month, t.effective_from, t.status, t.group_code,
              p.birth_date, p.birth_precision, p.death_date
       FROM entitlements e JOIN entitlement_terms t ON t.entitlement_id = e.id LEFT JOIN people p ON p.id = e.person_id
       WHERE e.start_month <= @to AND (e.end_month IS NULL OR e.end_month >= @from) AND t.effective_from <= @to
       ORDER BY e.id, t.effective_from`,
    )
    .raw()
    .all({ from, to }) as TrendTermRow[];
}

/** A person as the work list shows them, with the neighbourhood's name. */
export type WorkListPersonRow = Pick<
  PersonRow,
  | 'id'
  | 'full_name'
  | 'sort_key'
  | 'birth_date'
  | 'birth_precision'
  | 'citizen_id'
  | 'gender'
  | 'address'
  | 'phone'
  | 'neighbourhood_id'
> & { neighbourhood: Selectable<NeighbourhoodsTable>['name'] | null };

export function workListPeople(store: Store): WorkListPersonRow[] {
  return store
    .prepare(
      `SELECT p.id, p.full_name, p.sort_key, p.birth_date, p.birth_precision, p.citizen_id, p.gender, p.address, p.phone,
  p.neighbourhood_id, n.name AS neighbourhood FROM people p LEFT JOIN neighbourhoods n ON n.id = p.neighbourhood_id`,
    )
    .all() as WorkListPersonRow[];
}
