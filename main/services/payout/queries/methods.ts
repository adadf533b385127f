import type { Selectable } from 'kysely';
import type { Store } from '../../../db/store';
import type { PayoutMethodsTable } from '../../../db/schema';

// Payout methods: the history per person, the rows the resolver reads for a whole register (hot: the
// payroll build), and the writes (issue 13: the payout area's SQL).

export type PayoutMethodRow = Selectable<PayoutMethodsTable>;
export type PayoutMethodCode = PayoutMethodRow['method'];

/** A method row with what the blocking rules and the views need from its account and authorization. */
export interface MethodRow {
  id: number;
  person_id: number;
  programme_code: string | null;
  effective_from: string;
  method: PayoutMethodCode;
  bank_account_id: number | null;
  authorization_id: number | null;
  bank_code: string | null;
  branch: string | null;
  account_number: string | null;
  holder_name: string | null;
  closed_date: string | null;
  valid_from: string | null;
  valid_to: string | null;
  revoked_date: string | null;
  certified_date: string | null;
  receiver_person_id: number | null;
  receiver_name: string | null;
  giver_death_date: string | null;
}

/** Rows that pay to an account or name one: the only rows whose account and authorization columns say anything. */
const WITH_ACCOUNT = `(pm.method IN ('OWN_ACCOUNT', 'AUTHORIZED_ACCOUNT') OR pm.bank_account_id IS NOT NULL OR pm.authorization_id IS NOT NULL)`;

// Read by position (methodRow, plainMethodRow): keep the column orders in step.
const ROW_COLUMNS = `pm.id, pm.person_id, pm.programme_code, pm.effective_from, pm.method, pm.bank_account_id, pm.authorization_id,
       ba.bank_code, ba.branch, ba.account_number, ba.holder_name, ba.closed_date,
       au.valid_from, au.valid_to, au.revoked_date, au.certified_date, au.receiver_person_id,
       rp.full_name, gp.death_date`;

const ROWS_FROM = `
FROM payout_methods pm
LEFT JOIN bank_accounts ba ON ba.id = pm.bank_account_id
LEFT JOIN authorizations au ON au.id = pm.authorization_id
LEFT JOIN people rp ON rp.id = au.receiver_person_id
LEFT JOIN people gp ON gp.id = pm.person_id
WHERE pm.effective_from <= @month AND ${WITH_ACCOUNT}`;

/**
 * The other rows (cash at the ward, post office: most of a register): their joined columns are all NULL
 * (the giver's death counts only for an authorization), and each column read costs, even a NULL one.
 */
const PLAIN_COLUMNS = 'pm.id, pm.person_id, pm.programme_code, pm.effective_from, pm.method';
const PLAIN_ROWS_FROM = `FROM payout_methods pm WHERE pm.effective_from <= @month AND NOT ${WITH_ACCOUNT}`;

/** A row of ROW_COLUMNS (by position) as a MethodRow: one object shape. */
const methodRow = (r: unknown[]): MethodRow => ({
  id: r[0] as number,
  person_id: r[1] as number,
  programme_code: r[2] as string | null,
  effective_from: r[3] as string,
  method: r[4] as PayoutMethodCode,
  bank_account_id: r[5] as number | null,
  authorization_id: r[6] as number | null,
  bank_code: r[7] as string | null,
  branch: r[8] as string | null,
  account_number: r[9] as string | null,
  holder_name: r[10] as string | null,
  closed_date: r[11] as string | null,
  valid_from: r[12] as string | null,
  valid_to: r[13] as string | null,
  revoked_date: r[14] as string | null,
  certified_date: r[15] as string | null,
  receiver_person_id: r[16] as number | null,
  receiver_name: r[17] as string | null,
  giver_death_date: r[18] as string | null,
});

/**
 * A row of PLAIN_COLUMNS (ROW_COLUMNS' first ones) as a MethodRow: the columns after them are NULL. Both
 * lists are plain column names, so their commas count their columns.
 */
const NULL_AFTER_PLAIN: null[] = Array<null>(ROW_COLUMNS.split(',').length - PLAIN_COLUMNS.split(',').length).fill(
  null,
);
const plainMethodRow = (r: unknown[]): MethodRow => methodRow(r.concat(NULL_AFTER_PLAIN));

/**
 * Every method row in effect by `month`, for the whole register or one person, in no particular order.
 * Read as JSON texts (Store.rowsAsJson: about half the time of raw rows for the whole register, the
 * payroll build) and made into one object shape.
 */
export function methodRowsUpTo(store: Store, month: string, personId?: number): MethodRow[] {
  const onePerson = personId === undefined ? '' : ' AND pm.person_id = @id';
  const params = personId === undefined ? { month } : { month, id: personId };
  const rows = store.rowsAsJson(ROW_COLUMNS, ROWS_FROM + onePerson, params).map(methodRow);
  for (const r of store.rowsAsJson(PLAIN_COLUMNS, PLAIN_ROWS_FROM + onePerson, params)) rows.push(plainMethodRow(r));
  return rows;
}

/** What the method history keeps of a row: the rules' inputs only (no names, no account details). */
export type HistoryRow = Pick<
  MethodRow,
  | 'id'
  | 'person_id'
  | 'programme_code'
  | 'effective_from'
  | 'method'
  | 'authorization_id'
  | 'closed_date'
  | 'giver_death_date'
  | 'revoked_date'
  | 'valid_to'
  | 'valid_from'
  | 'certified_date'
>;

// Read by position below: keep the column order in step.
const HISTORY_SQL = `
SELECT pm.id, pm.person_id, pm.programme_code, pm.effective_from, pm.method, ba.closed_date,
       au.valid_from, au.valid_to, au.revoked_date, gp.death_date AS giver_death_date,
       pm.authorization_id, au.certified_date
FROM payout_methods pm
LEFT JOIN bank_accounts ba ON ba.id = pm.bank_account_id
LEFT JOIN authorizations au ON au.id = pm.authorization_id
LEFT JOIN people gp ON gp.id = pm.person_id
WHERE pm.effective_from <= @month`;

/** Only the people with a row paying to an account by `month` (what a non-cash count needs). */
const ACCOUNT_HOLDERS = ` AND pm.person_id IN (
  SELECT person_id FROM payout_methods WHERE method IN ('OWN_ACCOUNT', 'AUTHORIZED_ACCOUNT') AND effective_from <= @month)`;

/**
 * Calls `each` with every history row up to `month` (of everyone, or only of the people with a row paying
 * to an account). Raw rows made into one object shape: about half the cost of better-sqlite3's row objects at 100,000.
 */
export function forEachHistoryRow(
  store: Store,
  month: string,
  each: (row: HistoryRow) => void,
  accountHoldersOnly = false,
): void {
  const sql = accountHoldersOnly ? HISTORY_SQL + ACCOUNT_HOLDERS : HISTORY_SQL;
  for (const r of store.prepare(sql).raw().all({ month }) as unknown[][]) {
    each({
      id: r[0] as number,
      person_id: r[1] as number,
      programme_code: r[2] as string | null,
      effective_from: r[3] as string,
      method: r[4] as PayoutMethodCode,
      closed_date: r[5] as string | null,
      valid_from: r[6] as string | null,
      valid_to: r[7] as string | null,
      revoked_date: r[8] as string | null,
      giver_death_date: r[9] as string | null,
      authorization_id: r[10] as number | null,
      certified_date: r[11] as string | null,
    });
  }
}

/** The programme code ('' = all) of a person's latest method row in effect by `month`, read with one statement. */
export function methodProgrammeReader(store: Store): (personId: number, month: string) => string | undefined {
  const statement = store
    .prepare(
      "SELECT coalesce(programme_code, '') FROM payout_methods WHERE person_id = ? AND effective_from <= ? ORDER BY effective_from DESC, id DESC LIMIT 1",
    )
    .pluck();
  return (personId, month) => statement.get(personId, month) as string | undefined;
}

/** The person's latest method row in effect by `month` (what a change replaces). */
export function latestMethod(
  store: Store,
  personId: number,
  month: string,
): Pick<PayoutMethodRow, 'method' | 'effective_from'> | undefined {
  return store
    .prepare(
      'SELECT method, effective_from FROM payout_methods WHERE person_id = ? AND effective_from <= ? ORDER BY effective_from DESC, id DESC LIMIT 1',
    )
    .get(personId, month) as Pick<PayoutMethodRow, 'method' | 'effective_from'> | undefined;
}

export type NewPayoutMethod = Pick<
  PayoutMethodRow,
  | 'person_id'
  | 'programme_code'
  | 'effective_from'
  | 'method'
  | 'bank_account_id'
  | 'authorization_id'
  | 'note'
  | 'created_at'
  | 'created_by'
>;

export function insertPayoutMethod(store: Store, values: NewPayoutMethod): number {
  return Number(
    store
      .prepare(
        `INSERT INTO payout_methods (person_id, programme_code, effective_from, method, bank_account_id, authorization_id, note, created_at, created_by)
         VALUES (@person_id, @programme_code, @effective_from, @method, @bank_account_id, @authorization_id, @note, @created_at, @created_by)`,
      )
      .run(values).lastInsertRowid,
  );
}

/**
 * The bulk change: one method for all programmes from `month` for each person (cash or post office: no
 * account), then register_summary's method re-read for them as of `currentMonth` (not the amounts).
 */
export function insertBulkMethods(
  store: Store,
  personIds: readonly number[],
  change: {
    month: string;
    method: PayoutMethodCode;
    note: string;
    at: string;
    by: number | null;
    currentMonth: string;
  },
): void {
  const insert = store.prepare(
    `INSERT INTO payout_methods (person_id, programme_code, effective_from, method, bank_account_id, authorization_id, note, created_at, created_by)
     VALUES (?, NULL, ?, ?, NULL, NULL, ?, ?, ?)`,
  );
  for (const id of personIds) insert.run(id, change.month, change.method, change.note, change.at, change.by);
  const setMethod = store.prepare(
    `UPDATE register_summary SET method = (SELECT method FROM payout_methods WHERE person_id = @id AND effective_from <= @month
       ORDER BY effective_from DESC, id DESC LIMIT 1) WHERE person_id = @id`,
  );
  for (const id of personIds) setMethod.run({ id, month: change.currentMonth });
}

export interface MethodHistoryDbRow {
  id: number;
  effective_from: string;
  programme_code: string | null;
  method: PayoutMethodCode;
  note: string;
  created_at: string;
  reverses_id: number | null;
  bank_code: string | null;
  account_number: string | null;
  receiver_name: string | null;
}

/** A person's method history, latest first, with the account and receiver of each row. */
export function methodHistoryOf(store: Store, personId: number): MethodHistoryDbRow[] {
  return store
    .prepare(
      `SELECT pm.id, pm.effective_from, pm.programme_code, pm.method, pm.note, pm.created_at, pm.reverses_id, ba.bank_code, ba.account_number, rp.full_name AS receiver_name
       FROM payout_methods pm LEFT JOIN bank_accounts ba ON ba.id = pm.bank_account_id
       LEFT JOIN authorizations au ON au.id = pm.authorization_id LEFT JOIN people rp ON rp.id = au.receiver_person_id
       WHERE pm.person_id = ? ORDER BY pm.effective_from DESC, pm.id DESC`,
    )
    .all(personId) as MethodHistoryDbRow[];
}
