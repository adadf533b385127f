import type { Selectable } from 'kysely';
import type { Store } from '../../../db/store';
import type { AuthorizationsTable } from '../../../db/schema';

// Authorizations (giấy ủy quyền) and their renewals (issue 13: the payout area's SQL).

export type AuthorizationRow = Selectable<AuthorizationsTable>;

export function authorizationRow(store: Store, id: number): AuthorizationRow | undefined {
  return store.prepare('SELECT * FROM authorizations WHERE id = ?').get(id) as AuthorizationRow | undefined;
}

export function authorizationsOfGiver(store: Store, giverId: number): AuthorizationRow[] {
  return store.prepare('SELECT * FROM authorizations WHERE giver_person_id = ?').all(giverId) as AuthorizationRow[];
}

export type TermRow = Pick<AuthorizationRow, 'valid_from' | 'valid_to' | 'revoked_date'>;

/** The giver's other terms (to refuse an overlapping renewal). */
export function otherTermsOfGiver(store: Store, giverId: number, exceptId: number): TermRow[] {
  return store
    .prepare('SELECT valid_from, valid_to, revoked_date FROM authorizations WHERE giver_person_id = ? AND id <> ?')
    .all(giverId, exceptId) as TermRow[];
}

export function certifyAuthorization(store: Store, id: number, certifiedDate: string, certifiedBy: string): void {
  store
    .prepare('UPDATE authorizations SET certified_date = ?, certified_by = ? WHERE id = ?')
    .run(certifiedDate, certifiedBy, id);
}

export function revokeAuthorization(store: Store, id: number, revokedDate: string): void {
  store.prepare('UPDATE authorizations SET revoked_date = ? WHERE id = ?').run(revokedDate, id);
}

export type NewAuthorization = Pick<
  AuthorizationRow,
  | 'giver_person_id'
  | 'receiver_person_id'
  | 'relationship'
  | 'bank_account_id'
  | 'valid_from'
  | 'valid_to'
  | 'scope_note'
  | 'created_at'
>;

export function insertAuthorization(store: Store, values: NewAuthorization): number {
  return Number(
    store
      .prepare(
        `INSERT INTO authorizations (giver_person_id, receiver_person_id, relationship, bank_account_id, valid_from, valid_to, scope_note, created_at)
         VALUES (@giver_person_id, @receiver_person_id, @relationship, @bank_account_id, @valid_from, @valid_to, @scope_note, @created_at)`,
      )
      .run(values).lastInsertRowid,
  );
}

/** A renewal: a new term of an authorization (same giver, receiver and account), uncertified until certified. */
export type RenewalRow = Pick<
  AuthorizationRow,
  'id' | 'valid_from' | 'valid_to' | 'revoked_date' | 'certified_date'
> & { renews_id: number };

export function allRenewals(store: Store): RenewalRow[] {
  return store
    .prepare(
      'SELECT id, renews_id, valid_from, valid_to, revoked_date, certified_date FROM authorizations WHERE renews_id IS NOT NULL',
    )
    .all() as RenewalRow[];
}

/** An authorization as the renewal reads it: the people, the account and whether it is already renewed. */
export interface RenewableRow {
  id: number;
  giver_person_id: number;
  giver_name: string;
  giver_death_date: string | null;
  receiver_person_id: number;
  receiver_death_date: string | null;
  relationship: string;
  bank_account_id: number | null;
  closed_date: string | null;
  valid_from: string;
  valid_to: string;
  revoked_date: string | null;
  scope_note: string;
  renewed: number;
}

const RENEWABLE_SQL = `SELECT au.id, au.giver_person_id, gp.full_name AS giver_name, gp.death_date AS giver_death_date,
    au.receiver_person_id, rp.death_date AS receiver_death_date, au.relationship, au.bank_account_id, ba.closed_date,
    au.valid_from, au.valid_to, au.revoked_date, au.scope_note,
    EXISTS (SELECT 1 FROM authorizations r WHERE r.renews_id = au.id AND (r.revoked_date IS NULL OR r.revoked_date > r.valid_from)) AS renewed
  FROM authorizations au JOIN people gp ON gp.id = au.giver_person_id JOIN people rp ON rp.id = au.receiver_person_id
  LEFT JOIN bank_accounts ba ON ba.id = au.bank_account_id`;

export function renewableRow(store: Store, id: number): RenewableRow | undefined {
  return store.prepare(`${RENEWABLE_SQL} WHERE au.id = ?`).get(id) as RenewableRow | undefined;
}

/** Not revoked, giver living, ending on or before `lastDay`, by the giver's name. */
export function renewablesEndingBy(store: Store, lastDay: string): RenewableRow[] {
  return store
    .prepare(
      `${RENEWABLE_SQL} WHERE au.revoked_date IS NULL AND gp.death_date IS NULL AND au.valid_to <= ? ORDER BY gp.sort_key, au.id`,
    )
    .all(lastDay) as RenewableRow[];
}

export interface NewRenewal {
  giver_person_id: number;
  receiver_person_id: number;
  relationship: string;
  bank_account_id: number | null;
  valid_from: string;
  valid_to: string;
  scope_note: string;
  renews_id: number;
  created_at: string;
}

/** Writes renewals with one prepared statement; returns each new id. Not certified (certified_by ''). */
export function renewalWriter(store: Store): (r: NewRenewal) => number {
  const insert = store.prepare(
    `INSERT INTO authorizations (giver_person_id, receiver_person_id, relationship, bank_account_id, valid_from, valid_to, certified_by, scope_note, renews_id, created_at)
     VALUES (?, ?, ?, ?, ?, ?, '', ?, ?, ?)`,
  );
  return (r) =>
    Number(
      insert.run(
        r.giver_person_id,
        r.receiver_person_id,
        r.relationship,
        r.bank_account_id,
        r.valid_from,
        r.valid_to,
        r.scope_note,
        r.renews_id,
        r.created_at,
      ).lastInsertRowid,
    );
}

/** An authorization as its views show it: the people's names, the bank, the renewal that follows it. */
export interface AuthorizationDbRow {
  id: number;
  giver_person_id: number;
  giver_name: string;
  giver_death_date: string | null;
  giver_neighbourhood: string | null;
  receiver_person_id: number;
  receiver_name: string;
  receiver_citizen_id: string | null;
  relationship: string;
  bank_account_id: number | null;
  bank_name: string | null;
  account_number: string | null;
  valid_from: string;
  valid_to: string;
  certified_date: string | null;
  certified_by: string;
  revoked_date: string | null;
  renews_id: number | null;
  renewed_by: number | null;
  term_assumed: number;
}

const AUTHORIZATION_SQL = `
SELECT au.id, au.giver_person_id, gp.full_name AS giver_name, gp.death_date AS giver_death_date, n.name AS giver_neighbourhood,
       au.receiver_person_id, rp.full_name AS receiver_name, rp.citizen_id AS receiver_citizen_id, au.relationship,
       au.bank_account_id, b.name AS bank_name, ba.account_number, au.valid_from, au.valid_to, au.certified_date, au.certified_by, au.revoked_date,
       au.renews_id, au.term_assumed,
       (SELECT max(r.id) FROM authorizations r WHERE r.renews_id = au.id AND (r.revoked_date IS NULL OR r.revoked_date > r.valid_from)) AS renewed_by
FROM authorizations au
JOIN people gp ON gp.id = au.giver_person_id
LEFT JOIN neighbourhoods n ON n.id = gp.neighbourhood_id
JOIN people rp ON rp.id = au.receiver_person_id
LEFT JOIN bank_accounts ba ON ba.id = au.bank_account_id
LEFT JOIN banks b ON b.code = ba.bank_code`;

export function authorizationDbRow(store: Store, id: number): AuthorizationDbRow | undefined {
  return store.prepare(`${AUTHORIZATION_SQL} WHERE au.id = ?`).get(id) as AuthorizationDbRow | undefined;
}

/** The authorizations a person gave (`giver`) or receives for (`receiver`), latest first. */
export function authorizationDbRowsOf(
  store: Store,
  side: 'giver' | 'receiver',
  personId: number,
): AuthorizationDbRow[] {
  const sql =
    side === 'giver'
      ? `${AUTHORIZATION_SQL} WHERE au.giver_person_id = ? ORDER BY au.valid_from DESC, au.id DESC`
      : `${AUTHORIZATION_SQL} WHERE au.receiver_person_id = ? ORDER BY au.valid_from DESC, au.id DESC`;
  return store.prepare(sql).all(personId) as AuthorizationDbRow[];
}

/**
 * Candidates for the attention list: not revoked, not renewed, and uncertified, ending by `soon` or the
 * giver deceased; long-expired ones (before `since`) only while a payout method still uses them.
 */
export function attentionCandidates(store: Store, soon: string, since: string): AuthorizationDbRow[] {
  return store
    .prepare(
      `${AUTHORIZATION_SQL}
       WHERE au.revoked_date IS NULL
         AND (au.certified_date IS NULL OR au.valid_to <= @soon OR gp.death_date IS NOT NULL)
         -- A term renewed (issue 14) is followed by its renewal, listed on its own.
         AND NOT EXISTS (SELECT 1 FROM authorizations r WHERE r.renews_id = au.id AND (r.revoked_date IS NULL OR r.revoked_date > r.valid_from))
         -- Long-expired ones are listed only while a payout method still uses them (issue 14: all of them).
         AND (au.valid_to >= @since OR EXISTS (SELECT 1 FROM payout_methods pm WHERE pm.authorization_id = au.id)
              OR au.renews_id IS NOT NULL)
       ORDER BY au.valid_to, au.id`,
    )
    .all({ soon, since }) as AuthorizationDbRow[];
}
