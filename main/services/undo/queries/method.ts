import type { Selectable } from 'kysely';
import type { Store } from '../../../db/store';
import type { AuthorizationsTable, PayoutMethodsTable } from '../../../db/schema';

// Undoing a payout-method change (issue 13). On the raw connection, as before.

/** A payout_methods row. */
export type Row = Pick<
  Selectable<PayoutMethodsTable>,
  | 'id'
  | 'person_id'
  | 'programme_code'
  | 'effective_from'
  | 'method'
  | 'bank_account_id'
  | 'authorization_id'
  | 'created_at'
  | 'reverses_id'
>;

export function methodRow(store: Store, id: number): Row | undefined {
  return store.sqlite.prepare('SELECT * FROM payout_methods WHERE id = ?').get(id) as Row | undefined;
}

export function personFullName(store: Store, personId: number): string | undefined {
  return store.sqlite.prepare('SELECT full_name FROM people WHERE id = ?').pluck().get(personId) as string | undefined;
}

/** Rows that reverse this one (an undo already done). */
export function reversalsOf(store: Store, id: number): number {
  return store.sqlite.prepare('SELECT COUNT(*) FROM payout_methods WHERE reverses_id = ?').pluck().get(id) as number;
}

/** The person's rows recorded after this one. */
export function laterMethodRows(store: Store, personId: number, id: number): number {
  return store.sqlite
    .prepare('SELECT COUNT(*) FROM payout_methods WHERE person_id = ? AND id > ?')
    .pluck()
    .get(personId, id) as number;
}

/** The person's rows recorded before this one, in effect by its month. */
export function earlierMethodRows(store: Store, personId: number, id: number, month: string): Row[] {
  return store.sqlite
    .prepare('SELECT * FROM payout_methods WHERE person_id = ? AND id < ? AND effective_from <= ?')
    .all(personId, id, month) as Row[];
}

/** A row restoring an earlier method, naming the row it reverses. */
export function insertReversal(store: Store, r: Omit<Selectable<PayoutMethodsTable>, 'id'>): number {
  return Number(
    store.sqlite
      .prepare(
        `INSERT INTO payout_methods (person_id, programme_code, effective_from, method, bank_account_id, authorization_id, note, created_at, created_by, reverses_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        r.person_id,
        r.programme_code,
        r.effective_from,
        r.method,
        r.bank_account_id,
        r.authorization_id,
        r.note,
        r.created_at,
        r.created_by,
        r.reverses_id,
      ).lastInsertRowid,
  );
}

export function authorizationDates(
  store: Store,
  id: number,
): Pick<Selectable<AuthorizationsTable>, 'created_at' | 'certified_date' | 'revoked_date'> | undefined {
  return store.sqlite
    .prepare('SELECT created_at, certified_date, revoked_date FROM authorizations WHERE id = ?')
    .get(id) as Pick<Selectable<AuthorizationsTable>, 'created_at' | 'certified_date' | 'revoked_date'> | undefined;
}

/** Other payout-method rows using the authorization. */
export function methodRowsUsing(store: Store, authorizationId: number, exceptId: number): number {
  return store.sqlite
    .prepare('SELECT COUNT(*) FROM payout_methods WHERE authorization_id = ? AND id <> ?')
    .pluck()
    .get(authorizationId, exceptId) as number;
}
