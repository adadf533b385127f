import type { Selectable } from 'kysely';
import type { Store } from '../../../db/store';
import type { PeopleTable } from '../../../db/schema';

// What the payout area reads of people, entitlements and payrolls (issue 13).

export type PersonRow = Selectable<PeopleTable>;
export type PersonBasics = Pick<PersonRow, 'id' | 'full_name' | 'death_date'>;

export function personBasics(store: Store, id: number): PersonBasics | undefined {
  return store.prepare('SELECT id, full_name, death_date FROM people WHERE id = ?').get(id) as PersonBasics | undefined;
}

export function personName(store: Store, id: number): Pick<PersonRow, 'id' | 'full_name'> | undefined {
  return store.prepare('SELECT id, full_name FROM people WHERE id = ?').get(id) as
    Pick<PersonRow, 'id' | 'full_name'> | undefined;
}

export type ReceiverRow = Pick<
  PersonRow,
  'id' | 'full_name' | 'citizen_id' | 'id_issue_date' | 'id_issue_place' | 'death_date'
>;

export function receiverRow(store: Store, id: number): ReceiverRow | undefined {
  return store
    .prepare('SELECT id, full_name, citizen_id, id_issue_date, id_issue_place, death_date FROM people WHERE id = ?')
    .get(id) as ReceiverRow | undefined;
}

/** The programmes a person has (had) entitlements in, by code. */
export function programmesOf(store: Store, personId: number): string[] {
  return store
    .prepare('SELECT DISTINCT programme_code FROM entitlements WHERE person_id = ? ORDER BY programme_code')
    .pluck()
    .all(personId) as string[];
}

/** The first month the person is enrolled (earliest entitlement start), for a programme or any. */
export function firstEntitledMonth(store: Store, personId: number, programme: string | null): string | null {
  const row = store
    .prepare('SELECT MIN(start_month) AS m FROM entitlements WHERE person_id = ? AND (? IS NULL OR programme_code = ?)')
    .get(personId, programme, programme) as { m: string | null };
  return row.m;
}

/** The last month with an approved payroll of the person's programmes (or of one programme). */
export function lastApprovedMonth(store: Store, personId: number, programme: string | null): string | null {
  const row = store
    .prepare(
      `SELECT MAX(month) AS m FROM payrolls WHERE status = 'approved'
         AND programme_code IN (SELECT programme_code FROM entitlements WHERE person_id = ? AND (? IS NULL OR programme_code = ?))`,
    )
    .get(personId, programme, programme) as { m: string | null };
  return row.m;
}

/** Living people by whole citizen ID or old ID (never a fragment: the list masks IDs). */
export function livingByIdNumber(store: Store, digits: string, excludeId: number): PersonRow[] {
  return store
    .prepare('SELECT * FROM people WHERE (citizen_id = ? OR legacy_id = ?) AND death_date IS NULL AND id <> ? LIMIT 20')
    .all(digits, digits, excludeId) as PersonRow[];
}

/** Living people whose folded name starts with `folded` (an index range, not LIKE). */
export function livingByNamePrefix(store: Store, folded: string, excludeId: number): PersonRow[] {
  return store
    .prepare(
      'SELECT * FROM people WHERE search_key >= ? AND search_key < ? AND death_date IS NULL AND id <> ? ORDER BY sort_key LIMIT 20',
    )
    .all(folded, `${folded}\uffff`, excludeId) as PersonRow[];
}

/** Living people whose folded name contains `folded` anywhere. */
export function livingByNamePart(store: Store, folded: string, excludeId: number): PersonRow[] {
  return store
    .prepare(
      'SELECT * FROM people WHERE search_key LIKE ? AND death_date IS NULL AND id <> ? ORDER BY sort_key LIMIT 20',
    )
    .all(`%${folded}%`, excludeId) as PersonRow[];
}
