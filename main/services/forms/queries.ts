import type { Selectable } from 'kysely';
import type { Store } from '../../db/store';
import type {
  AuthorizationsTable,
  BankAccountsTable,
  DecisionsTable,
  PeopleTable,
  ProgrammesTable,
} from '../../db/schema';

// The printed forms' SQL (issue 13): a print reads many people, so its statements are taken once per
// print (formReaders) from the Store's cache.

export type FormPersonRow = Pick<
  Selectable<PeopleTable>,
  | 'id'
  | 'full_name'
  | 'birth_date'
  | 'birth_precision'
  | 'gender'
  | 'citizen_id'
  | 'legacy_id'
  | 'id_issue_date'
  | 'id_issue_place'
  | 'address'
  | 'phone'
>;

export type FormDecisionRow = Pick<Selectable<DecisionsTable>, 'number' | 'signed_date'>;

export type FormAccountRow = Pick<Selectable<BankAccountsTable>, 'account_number' | 'holder_name' | 'branch'> & {
  bank_name: string;
};

export interface FormReaders {
  person(id: number): FormPersonRow | undefined;
  /** The decision that granted the entitlement. */
  grantDecision(entitlementId: number): FormDecisionRow | undefined;
  /** The meritorious-service category written on the entitlement's term in force in `month`. */
  category(entitlementId: number, month: string): string | undefined;
  account(id: number): FormAccountRow | undefined;
}

export function formReaders(store: Store): FormReaders {
  const person = store.prepare(
    `SELECT id, full_name, birth_date, birth_precision, gender, citizen_id, legacy_id, id_issue_date, id_issue_place,
  address, phone FROM people WHERE id = ?`,
  );
  const decision = store.prepare(
    `SELECT d.number, d.signed_date FROM entitlements e JOIN decisions d ON d.id = e.grant_decision_id WHERE e.id = ?`,
  );
  const category = store
    .prepare(
      `SELECT category_label FROM entitlement_terms WHERE entitlement_id = ? AND effective_from <= ? ORDER BY effective_from DESC LIMIT 1`,
    )
    .pluck();
  const account = store.prepare(
    `SELECT ba.account_number, ba.holder_name, ba.branch, COALESCE(b.name, ba.bank_code) AS bank_name
       FROM bank_accounts ba LEFT JOIN banks b ON b.code = ba.bank_code WHERE ba.id = ?`,
  );
  return {
    person: (id) => person.get(id) as FormPersonRow | undefined,
    grantDecision: (entitlementId) => decision.get(entitlementId) as FormDecisionRow | undefined,
    category: (entitlementId, month) => category.get(entitlementId, month) as string | undefined,
    account: (id) => account.get(id) as FormAccountRow | undefined,
  };
}

export function programmeNameRows(store: Store): Array<Pick<Selectable<ProgrammesTable>, 'code' | 'name_vi'>> {
  return store.prepare('SELECT code, name_vi FROM programmes').all() as Array<
    Pick<Selectable<ProgrammesTable>, 'code' | 'name_vi'>
  >;
}

export type AuthorizationRow = Pick<
  Selectable<AuthorizationsTable>,
  | 'id'
  | 'giver_person_id'
  | 'receiver_person_id'
  | 'relationship'
  | 'bank_account_id'
  | 'valid_from'
  | 'valid_to'
  | 'certified_date'
  | 'scope_note'
>;

const AUTH_SQL = `SELECT id, giver_person_id, receiver_person_id, relationship, bank_account_id, valid_from, valid_to, certified_date, scope_note
FROM authorizations`;

export function authorizationRow(store: Store, id: number): AuthorizationRow | undefined {
  return store.prepare(`${AUTH_SQL} WHERE id = ?`).get(id) as AuthorizationRow | undefined;
}

/**
 * Authorizations waiting for the ward's certification: not certified, not revoked, not expired on
 * `today`, and the giver alive. In the offices' name order of the giver.
 */
const PENDING_WHERE = `a.certified_date IS NULL AND a.revoked_date IS NULL AND a.valid_to >= @today AND g.death_date IS NULL`;

export function pendingAuthorizationRows(store: Store, today: string): AuthorizationRow[] {
  return store
    .prepare(
      `SELECT a.id, a.giver_person_id, a.receiver_person_id, a.relationship, a.bank_account_id, a.valid_from, a.valid_to, a.certified_date, a.scope_note
       FROM authorizations a JOIN people g ON g.id = a.giver_person_id WHERE ${PENDING_WHERE} ORDER BY g.sort_key, a.id`,
    )
    .all({ today }) as AuthorizationRow[];
}

export function pendingAuthorizationCount(store: Store, today: string): number {
  return store
    .prepare(`SELECT count(*) FROM authorizations a JOIN people g ON g.id = a.giver_person_id WHERE ${PENDING_WHERE}`)
    .pluck()
    .get({ today }) as number;
}
