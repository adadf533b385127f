import type { Selectable } from 'kysely';
import type { Store } from '../../../db/store';
import type { BankAccountsTable, BanksTable } from '../../../db/schema';

// Banks and bank accounts (issue 13: the payout area's SQL, typed by the generated schema).

export type BankRow = Selectable<BanksTable>;
export type BankAccountRow = Selectable<BankAccountsTable>;

export function allBanks(store: Store): BankRow[] {
  return store.prepare('SELECT * FROM banks ORDER BY sort_order, name').all() as BankRow[];
}

export function bankRow(store: Store, code: string): BankRow | undefined {
  return store.prepare('SELECT * FROM banks WHERE code = ?').get(code) as BankRow | undefined;
}

/** Another bank with this NAPAS BIN. */
export function bankWithBin(store: Store, napasBin: string, exceptCode: string): Pick<BankRow, 'name'> | undefined {
  return store.prepare('SELECT name FROM banks WHERE napas_bin = ? AND code <> ?').get(napasBin, exceptCode) as
    Pick<BankRow, 'name'> | undefined;
}

export function upsertBank(store: Store, values: BankRow): void {
  store
    .prepare(
      `INSERT INTO banks (code, name, napas_bin, account_length_min, account_length_max, active, sort_order)
       VALUES (@code, @name, @napas_bin, @account_length_min, @account_length_max, @active, @sort_order)
       ON CONFLICT(code) DO UPDATE SET name = excluded.name, napas_bin = excluded.napas_bin,
         account_length_min = excluded.account_length_min, account_length_max = excluded.account_length_max,
         active = excluded.active, sort_order = excluded.sort_order`,
    )
    .run(values);
}

export function bankNameRows(store: Store): Array<Pick<BankRow, 'code' | 'name'>> {
  return store.prepare('SELECT code, name FROM banks').all() as Array<Pick<BankRow, 'code' | 'name'>>;
}

export function bankAccountRow(store: Store, id: number): BankAccountRow | undefined {
  return store.prepare('SELECT * FROM bank_accounts WHERE id = ?').get(id) as BankAccountRow | undefined;
}

/** Whoever's name an account number is already recorded under (any owner). */
export function holderOfAccount(store: Store, bankCode: string, accountNumber: string): string | undefined {
  const row = store
    .prepare('SELECT holder_name FROM bank_accounts WHERE bank_code = ? AND account_number = ? LIMIT 1')
    .get(bankCode, accountNumber) as Pick<BankAccountRow, 'holder_name'> | undefined;
  return row?.holder_name;
}

/** The owner's account with this bank and number, if recorded. */
export function ownAccountId(store: Store, owner: number, bankCode: string, accountNumber: string): number | undefined {
  const row = store
    .prepare('SELECT id FROM bank_accounts WHERE owner_person_id = ? AND bank_code = ? AND account_number = ?')
    .get(owner, bankCode, accountNumber) as Pick<BankAccountRow, 'id'> | undefined;
  return row?.id;
}

export type NewBankAccount = Pick<
  BankAccountRow,
  'owner_person_id' | 'bank_code' | 'branch' | 'account_number' | 'holder_name' | 'created_at'
>;

export function insertBankAccount(store: Store, values: NewBankAccount): number {
  return Number(
    store
      .prepare(
        'INSERT INTO bank_accounts (owner_person_id, bank_code, branch, account_number, holder_name, created_at) VALUES (@owner_person_id, @bank_code, @branch, @account_number, @holder_name, @created_at)',
      )
      .run(values).lastInsertRowid,
  );
}

export type PersonAccountRow = BankAccountRow & { owner_name: string };

/** Accounts the person owns, and the accounts their payout methods use (a receiver's). */
export function accountsOfPerson(store: Store, personId: number): PersonAccountRow[] {
  return store
    .prepare(
      `SELECT ba.*, o.full_name AS owner_name FROM bank_accounts ba JOIN people o ON o.id = ba.owner_person_id
       WHERE ba.owner_person_id = @id OR ba.id IN (SELECT bank_account_id FROM payout_methods WHERE person_id = @id AND bank_account_id IS NOT NULL)
       ORDER BY ba.id`,
    )
    .all({ id: personId }) as PersonAccountRow[];
}

/** Other beneficiaries whose latest payout method uses the same account (bank + number). */
export function sharedAccountRows(
  store: Store,
  bankCode: string,
  number: string,
  exceptPersonId: number,
): Array<{ personId: number; fullName: string }> {
  return store
    .prepare(
      `SELECT DISTINCT pm.person_id AS personId, p.full_name AS fullName
       FROM bank_accounts ba JOIN payout_methods pm ON pm.bank_account_id = ba.id JOIN people p ON p.id = pm.person_id
       WHERE ba.bank_code = ? AND ba.account_number = ? AND pm.person_id <> ?
         AND pm.method IN ('OWN_ACCOUNT','AUTHORIZED_ACCOUNT')
         AND pm.id = (SELECT x.id FROM payout_methods x WHERE x.person_id = pm.person_id ORDER BY x.effective_from DESC, x.id DESC LIMIT 1)
       ORDER BY p.sort_key`,
    )
    .all(bankCode, number, exceptPersonId) as Array<{ personId: number; fullName: string }>;
}
