import type { Selectable } from 'kysely';
import type { Store } from '../../db/store';
import type { BanksTable, PeopleTable } from '../../db/schema';

// The import's SQL (issue 13). The commit writes thousands of rows in one transaction: its statements are
// prepared once per import (importWriter) and run per row, as before.

type PersonRow = Selectable<PeopleTable>;

export interface BankRef {
  code: Selectable<BanksTable>['code'];
  name: string;
  min: number;
  max: number;
}

/** The active banks with their account-number length rule, in the office's order. */
export function activeBanks(store: Store): BankRef[] {
  return store
    .prepare(
      'SELECT code, name, account_length_min AS min, account_length_max AS max FROM banks WHERE active = 1 ORDER BY sort_order, code',
    )
    .all() as BankRef[];
}

export type ExistingPerson = Pick<
  PersonRow,
  'id' | 'full_name' | 'citizen_id' | 'birth_date' | 'birth_precision' | 'death_date'
>;

export interface ExistingPeople {
  /** The person with this citizen ID (a living one first). */
  byCitizenId(citizenId: string): ExistingPerson | undefined;
  byNameYear(searchKey: string, birthYear: number): ExistingPerson[];
  /** A beneficiary with this name and neither a birth date nor a citizen ID. */
  byNameNoBirth(searchKey: string): ExistingPerson | undefined;
  hasOpenEntitlement(personId: number, programme: string): boolean;
}

/** The checker's look-ups, prepared once and run for each row of the file. */
export function existingPeople(store: Store): ExistingPeople {
  const COLUMNS = 'id, full_name, citizen_id, birth_date, birth_precision, death_date';
  const byCitizenId = store.prepare(
    `SELECT ${COLUMNS} FROM people WHERE citizen_id = ? ORDER BY death_date IS NOT NULL, id LIMIT 1`,
  );
  const byNameYear = store.prepare(
    `SELECT ${COLUMNS} FROM people WHERE search_key = ? AND birth_year = ? ORDER BY id LIMIT 20`,
  );
  const byNameNoBirth = store.prepare(
    `SELECT ${COLUMNS} FROM people p WHERE search_key = ? AND birth_date IS NULL AND citizen_id IS NULL AND EXISTS (SELECT 1 FROM entitlements e WHERE e.person_id = p.id) ORDER BY id LIMIT 1`,
  );
  const hasEntitlement = store.prepare(
    'SELECT 1 FROM entitlements WHERE person_id = ? AND programme_code = ? AND end_month IS NULL LIMIT 1',
  );
  return {
    byCitizenId: (citizenId) => byCitizenId.get(citizenId) as ExistingPerson | undefined,
    byNameYear: (searchKey, year) => byNameYear.all(searchKey, year) as ExistingPerson[],
    byNameNoBirth: (searchKey) => byNameNoBirth.get(searchKey) as ExistingPerson | undefined,
    hasOpenEntitlement: (personId, programme) => hasEntitlement.get(personId, programme) !== undefined,
  };
}

export type NewPerson = Pick<
  PersonRow,
  | 'full_name'
  | 'family_name'
  | 'middle_name'
  | 'given_name'
  | 'search_key'
  | 'sort_key'
  | 'birth_date'
  | 'birth_precision'
  | 'birth_year'
  | 'gender'
  | 'citizen_id'
  | 'legacy_id'
  | 'id_issue_date'
  | 'id_issue_place'
  | 'address'
  | 'neighbourhood_id'
  | 'phone'
  | 'note'
  | 'created_at'
  | 'updated_at'
  | 'import_id'
>;

const PERSON_SQL = `INSERT INTO people (full_name, family_name, middle_name, given_name, search_key, sort_key, birth_date,
  birth_precision, birth_year, gender, citizen_id, legacy_id, id_issue_date, id_issue_place, address, neighbourhood_id,
  phone, note, created_at, updated_at, import_id) VALUES (${Array(21).fill('?').join(', ')})`;

export interface ImportWriter {
  person(p: NewPerson): number;
  /** A grant decision of the import (number, signed date and reason from the file). */
  decision(d: {
    personId: number;
    programme: string;
    number: string;
    signedDate: string | null;
    month: string;
    reason: string;
    at: string;
    by: number | null;
  }): number;
  entitlement(e: { personId: number; programme: string; month: string; decisionId: number; at: string }): number;
  linkDecision(decisionId: number, entitlementId: number): void;
  term(t: {
    entitlementId: number;
    month: string;
    groupCode: string | null;
    multiplier: number | null;
    categoryLabel: string | null;
    decisionId: number;
    note: string;
  }): number;
  mainComponent(termId: number, label: string, amountVnd: number): void;
  /** The owner's account with this bank and number: the recorded one, or a new one. */
  account(a: {
    owner: number;
    bankCode: string;
    accountNumber: string;
    branch: string;
    holder: string;
    at: string;
  }): number;
  authorization(a: {
    giver: number;
    receiver: number;
    relationship: string;
    bankAccountId: number;
    validFrom: string;
    validTo: string;
    termAssumed: boolean;
    at: string;
  }): number;
  method(m: {
    personId: number;
    programme: string;
    month: string;
    method: string;
    bankAccountId: number | null;
    authorizationId: number | null;
    note: string;
    at: string;
    by: number | null;
  }): void;
}

/** The import's row (counts filled in at the end: finishImport). */
export function insertImport(
  store: Store,
  i: { fileName: string; sha256: string; month: string; at: string; by: number | null },
): number {
  return Number(
    store.sqlite
      .prepare(
        'INSERT INTO imports (file_name, file_sha256, as_of_month, added, skipped, created_at, created_by) VALUES (?, ?, ?, 0, 0, ?, ?)',
      )
      .run(i.fileName, i.sha256, i.month, i.at, i.by).lastInsertRowid,
  );
}

export function finishImport(store: Store, importId: number, added: number, skipped: number): void {
  store.sqlite.prepare('UPDATE imports SET added = ?, skipped = ? WHERE id = ?').run(added, skipped, importId);
}

/** The commit's statements, prepared once for the whole import. */
export function importWriter(store: Store): ImportWriter {
  const db = store.sqlite;
  const insertPerson = db.prepare(PERSON_SQL);
  const insertDecision = db.prepare(
    `INSERT INTO decisions (person_id, programme_code, kind, number, signed_date, signer, effective_month, reason, arrears_decided, created_at, created_by)
     VALUES (?, ?, 'grant', ?, ?, '', ?, ?, 0, ?, ?)`,
  );
  const insertEntitlement = db.prepare(
    'INSERT INTO entitlements (person_id, programme_code, cared_person_id, start_month, grant_decision_id, created_at) VALUES (?, ?, NULL, ?, ?, ?)',
  );
  const linkDecision = db.prepare('UPDATE decisions SET entitlement_id = ? WHERE id = ?');
  const insertTerm = db.prepare(
    `INSERT INTO entitlement_terms (entitlement_id, effective_from, status, group_code, multiplier, category_label, decision_id, note)
     VALUES (?, ?, 'active', ?, ?, ?, ?, ?)`,
  );
  const insertComponent = db.prepare(
    "INSERT INTO term_components (term_id, kind, label_vi, amount_vnd) VALUES (?, 'main', ?, ?)",
  );
  const insertAccount = db.prepare(
    'INSERT INTO bank_accounts (owner_person_id, bank_code, branch, account_number, holder_name, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const findAccount = db.prepare(
    'SELECT id FROM bank_accounts WHERE owner_person_id = ? AND bank_code = ? AND account_number = ?',
  );
  const insertAuthorization = db.prepare(
    `INSERT INTO authorizations (giver_person_id, receiver_person_id, relationship, bank_account_id, valid_from, valid_to, certified_by, scope_note, term_assumed, created_at)
     VALUES (?, ?, ?, ?, ?, ?, '', '', ?, ?)`,
  );
  const insertMethod = db.prepare(
    `INSERT INTO payout_methods (person_id, programme_code, effective_from, method, bank_account_id, authorization_id, note, created_at, created_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const id = (result: { lastInsertRowid: number | bigint }) => Number(result.lastInsertRowid);
  return {
    person: (p) =>
      id(
        insertPerson.run(
          p.full_name,
          p.family_name,
          p.middle_name,
          p.given_name,
          p.search_key,
          p.sort_key,
          p.birth_date,
          p.birth_precision,
          p.birth_year,
          p.gender,
          p.citizen_id,
          p.legacy_id,
          p.id_issue_date,
          p.id_issue_place,
          p.address,
          p.neighbourhood_id,
          p.phone,
          p.note,
          p.created_at,
          p.updated_at,
          p.import_id,
        ),
      ),
    decision: (d) =>
      id(insertDecision.run(d.personId, d.programme, d.number, d.signedDate, d.month, d.reason, d.at, d.by)),
    entitlement: (e) => id(insertEntitlement.run(e.personId, e.programme, e.month, e.decisionId, e.at)),
    linkDecision: (decisionId, entitlementId) => void linkDecision.run(entitlementId, decisionId),
    term: (t) =>
      id(insertTerm.run(t.entitlementId, t.month, t.groupCode, t.multiplier, t.categoryLabel, t.decisionId, t.note)),
    mainComponent: (termId, label, amountVnd) => void insertComponent.run(termId, label, amountVnd),
    account: (a) => {
      const found = findAccount.get(a.owner, a.bankCode, a.accountNumber) as { id: number } | undefined;
      return found ? found.id : id(insertAccount.run(a.owner, a.bankCode, a.branch, a.accountNumber, a.holder, a.at));
    },
    authorization: (a) =>
      id(
        insertAuthorization.run(
          a.giver,
          a.receiver,
          a.relationship,
          a.bankAccountId,
          a.validFrom,
          a.validTo,
          a.termAssumed ? 1 : 0,
          a.at,
        ),
      ),
    method: (m) =>
      void insertMethod.run(
        m.personId,
        m.programme,
        m.month,
        m.method,
        m.bankAccountId,
        m.authorizationId,
        m.note,
        m.at,
        m.by,
      ),
  };
}
