import type { Store } from '../../db/store';
import type { FileLine, PayoutMethod, PayrollScope, RawNote } from './lines';
import { ACCOUNT_METHODS, LIST_FILES } from './rules';

// The payment files' SQL (issue 13). The lines of a month are read as raw rows into one object literal
// each (hot: 100,000 lines for the bank workbooks and lists), with the statements cached by the Store.

export interface PayrollHead {
  id: number;
  month: string;
  programme_code: string;
  status: string;
}

export function payrollHead(store: Store, id: number): PayrollHead | undefined {
  return store.sqlite.prepare('SELECT id, month, programme_code, status FROM payrolls WHERE id = ?').get(id) as
    PayrollHead | undefined;
}

const SCOPE_SQL = `SELECT p.id, p.programme_code AS programme, g.name_vi AS programmeName, p.line_count AS lineCount, p.total_vnd AS totalVnd
  FROM payrolls p JOIN programmes g ON g.code = p.programme_code`;

export function approvedPayrollsOfMonth(store: Store, month: string): PayrollScope['payrolls'] {
  return store.sqlite
    .prepare(`${SCOPE_SQL} WHERE p.month = ? AND p.status = 'approved' ORDER BY g.sort_order`)
    .all(month) as PayrollScope['payrolls'];
}

export function payrollsById(store: Store, id: number): PayrollScope['payrolls'] {
  return store.sqlite.prepare(`${SCOPE_SQL} WHERE p.id = ? ORDER BY g.sort_order`).all(id) as PayrollScope['payrolls'];
}

export function programmeNameRows(store: Store): Array<{ code: string; name_vi: string }> {
  return store.sqlite.prepare('SELECT code, name_vi FROM programmes').all() as Array<{ code: string; name_vi: string }>;
}

export function activeBankNames(store: Store): Array<{ code: string; name: string }> {
  return store.sqlite
    .prepare('SELECT code, name FROM banks WHERE active = 1 ORDER BY sort_order, code')
    .all() as Array<{ code: string; name: string }>;
}

export function groupLabels(store: Store): Map<string, string> {
  const rows = store.prepare('SELECT code, label_vi FROM allowance_groups').all() as Array<{
    code: string;
    label_vi: string;
  }>;
  return new Map(rows.map((g) => [g.code, g.label_vi]));
}

/** SQL list of the methods of rules.ts (constants, never user input): `'OWN_ACCOUNT', 'AUTHORIZED_ACCOUNT'`. */
const methodList = (methods: Iterable<string>) => [...methods].map((m) => `'${m}'`).join(', ');

/** The lines of the payrolls `?` (a JSON array of ids). */
const OF_PAYROLLS = 'l.payroll_id IN (SELECT value FROM json_each(?))';
/** The bank's name on the files (shortBankName of it): the bank list's (`b`), else the line's bank code. */
const bankName = (code: string) => `COALESCE(b.name, ${code}, '')`;
/** The offices' name order, by the people's stored key (see inNameOrder of lines.ts for renamed people). */
const LINE_ORDER = 'ORDER BY pe.sort_key, l.payroll_id, l.line_no';

// The branch: the line's own snapshot (migration 006), else the account's current branch.
// Read by position in fileLineRows (raw rows): keep the column order in step.
const LINES_SQL = `
SELECT l.id, l.payroll_id AS payrollId, p.programme_code AS programme, l.kind, l.person_id AS personId,
       l.full_name AS fullName, l.birth_text AS birthText, l.citizen_id AS citizenId,
       l.neighbourhood_name AS neighbourhood, l.address, l.group_code AS groupCode, l.group_label AS groupLabel,
       l.coefficient_milli AS coefficientMilli, l.standard_vnd AS standardVnd, l.amount_vnd AS amountVnd,
       l.method, l.bank_code AS bankCode, ${bankName('l.bank_code')} AS bankName,
       COALESCE(b.napas_bin, '') AS napasBin,
       CASE WHEN l.account_number IS NULL THEN '' ELSE COALESCE(NULLIF(l.branch, ''), (SELECT a.branch FROM bank_accounts a
                  WHERE a.account_number = l.account_number AND a.bank_code = l.bank_code
                  ORDER BY a.closed_date IS NOT NULL, a.id DESC LIMIT 1), '') END AS branch,
       l.account_number AS accountNumber, l.holder_name AS holderName, l.receiver_name AS receiverName,
       COALESCE(l.attention_note, '') AS attention,
       CASE WHEN pe.full_name = l.full_name THEN 0 ELSE 1 END AS renamed
  FROM payroll_lines l
  JOIN payrolls p ON p.id = l.payroll_id
  JOIN people pe ON pe.id = l.person_id
  LEFT JOIN banks b ON b.code = l.bank_code
 WHERE ${OF_PAYROLLS}/*ACCOUNT*/
 ${LINE_ORDER}`;

/** The account lines alone (ACCOUNT_METHODS): the bank files read no cash or post-office line. */
const ACCOUNT_LINES_SQL = LINES_SQL.replace('/*ACCOUNT*/', ` AND l.method IN (${methodList(ACCOUNT_METHODS)})`);

/** Whether any line of the payrolls has a snapshot name that is no longer the person's (see fileLineRows). */
const ANY_RENAMED_SQL = `
SELECT EXISTS (SELECT 1 FROM payroll_lines l JOIN people pe ON pe.id = l.person_id
                WHERE ${OF_PAYROLLS}
                  AND CASE WHEN pe.full_name = l.full_name THEN 0 ELSE 1 END = 1)`;

/**
 * The lines of the payrolls (`ids`: a JSON array) in the people's stored name order, and whether a line's
 * snapshot name is no longer the person's. Rows as arrays, made into objects here: better-sqlite3's row
 * objects cost about twice as much at 100,000 lines, and a literal gives every line the same shape.
 */
export function fileLineRows(store: Store, ids: string, accountOnly = false): { lines: FileLine[]; renamed: boolean } {
  const lines: FileLine[] = [];
  let renamed = false;
  for (const r of store
    .prepare(accountOnly ? ACCOUNT_LINES_SQL : LINES_SQL)
    .raw()
    .all(ids) as unknown[][]) {
    lines.push({
      id: r[0] as number,
      payrollId: r[1] as number,
      programme: r[2] as string,
      kind: r[3] as string,
      personId: r[4] as number,
      fullName: r[5] as string,
      birthText: r[6] as string,
      citizenId: r[7] as string | null,
      neighbourhood: r[8] as string,
      address: r[9] as string,
      groupCode: r[10] as string | null,
      groupLabel: r[11] as string,
      coefficientMilli: r[12] as number | null,
      standardVnd: r[13] as number | null,
      amountVnd: r[14] as number,
      method: r[15] as PayoutMethod,
      bankCode: r[16] as string | null,
      bankName: r[17] as string,
      napasBin: r[18] as string,
      branch: r[19] as string,
      accountNumber: r[20] as string | null,
      holderName: r[21] as string | null,
      receiverName: r[22] as string | null,
      attention: r[23] as string,
      order: 0,
    });
    if (r[24]) renamed = true;
  }
  // The name order follows every line of the payrolls, those not read included.
  if (accountOnly && !renamed) renamed = anyRenamed(store, ids);
  return { lines, renamed };
}

export const anyRenamed = (store: Store, ids: string): boolean => store.prepare(ANY_RENAMED_SQL).pluck().get(ids) === 1;

// ---- The files panel's plan, without reading the lines (plan-totals.ts) ---------------------------------

const LIST_METHODS = methodList(LIST_FILES.map((f) => f.method));

/**
 * The lines of the payrolls but the payout lists' (the account lines), in groups of lines that every
 * rule of rules.ts treats alike: the rules read only these columns, and of the account number only
 * whether there is one (null, '' or digits), which its length tells. Grouped first, joined after (a few
 * dozen rows): no line is read out, nothing is sorted by name.
 */
const PLAN_GROUPS_SQL = `
SELECT p.programme_code AS programme, g.method, g.bankCode, ${bankName('g.bankCode')} AS bankName,
       g.accountNumber, g.accountLength, g.neighbourhood, g.lineCount, g.totalVnd
  FROM (SELECT l.payroll_id, l.method, l.bank_code AS bankCode, MIN(l.account_number) AS accountNumber,
               length(l.account_number) AS accountLength, l.neighbourhood_name AS neighbourhood,
               COUNT(*) AS lineCount, SUM(l.amount_vnd) AS totalVnd
          FROM payroll_lines l
         WHERE ${OF_PAYROLLS} AND l.method NOT IN (${LIST_METHODS})
         GROUP BY l.method, l.bank_code, length(l.account_number), l.neighbourhood_name, l.payroll_id) g
  JOIN payrolls p ON p.id = g.payroll_id
  LEFT JOIN banks b ON b.code = g.bankCode`;

/** One group of alike lines; `accountNumber` is one of theirs (any: they have one, or all lack one alike). */
export interface PlanGroupRow {
  programme: string;
  method: PayoutMethod;
  bankCode: string | null;
  bankName: string;
  accountNumber: string | null;
  /** Part of the group's key (groupLineNames finds the group's lines by it). */
  accountLength: number | null;
  neighbourhood: string;
  lineCount: number;
  totalVnd: number;
}

export function planGroups(store: Store, ids: string): PlanGroupRow[] {
  return store.prepare(PLAN_GROUPS_SQL).all(ids) as PlanGroupRow[];
}

/**
 * The payout lists' lines by rows of a list (a person and a receiver) and neighbourhood, with their
 * number and amount: for listKey and listRowKey of rules.ts to count each list's rows (one a person and
 * receiver, however many lines). The sort is the read's main cost: the integer key first is cheaper.
 */
const LIST_ROWS_SQL = `
SELECT l.person_id, l.receiver_name, l.method, l.neighbourhood_name, COUNT(*), SUM(l.amount_vnd)
  FROM payroll_lines l
 WHERE ${OF_PAYROLLS} AND l.method IN (${LIST_METHODS})
 GROUP BY l.person_id, l.receiver_name, l.method, l.neighbourhood_name`;

export interface ListRowRow extends Pick<FileLine, 'method' | 'neighbourhood' | 'personId' | 'receiverName'> {
  lineCount: number;
  totalVnd: number;
}

/** Read as raw rows made into one object shape (tens of thousands of rows at 100,000 people). */
export function listRowRows(store: Store, ids: string): ListRowRow[] {
  const rows: ListRowRow[] = [];
  for (const r of store.prepare(LIST_ROWS_SQL).raw().all(ids) as unknown[][]) {
    rows.push({
      personId: r[0] as number,
      receiverName: r[1] as string | null,
      method: r[2] as PayoutMethod,
      neighbourhood: r[3] as string,
      lineCount: r[4] as number,
      totalVnd: r[5] as number,
    });
  }
  return rows;
}

/**
 * The snapshot names of the lines of some groups of PLAN_GROUPS_SQL (`groups`: a JSON array of
 * [programme, method, bankCode, length of the account number, neighbourhood]), in the SQL's name order.
 */
const GROUP_NAMES_SQL = `
SELECT l.full_name AS fullName
  FROM payroll_lines l
  JOIN payrolls p ON p.id = l.payroll_id
  JOIN people pe ON pe.id = l.person_id
  JOIN json_each(?) g ON p.programme_code = (g.value ->> 0) AND l.method = (g.value ->> 1)
   AND l.bank_code IS (g.value ->> 2) AND length(l.account_number) IS (g.value ->> 3)
   AND l.neighbourhood_name = (g.value ->> 4)
 WHERE ${OF_PAYROLLS}
 ${LINE_ORDER}`;

export function groupLineNames(store: Store, ids: string, groups: PlanGroupRow[]): Array<{ fullName: string }> {
  const keys = groups.map((g) => [g.programme, g.method, g.bankCode, g.accountLength, g.neighbourhood]);
  return store.prepare(GROUP_NAMES_SQL).all(JSON.stringify(keys), ids) as Array<{ fullName: string }>;
}

/**
 * What the few lines that pay something else than the month's regular amount say about it (arrears,
 * carry-over, care, one-off items, money paid to an heir): read apart, so the 100,000 regular lines of a
 * payroll cost no extra joins.
 */
const EXTRA_SQL = `
SELECT l.id, l.kind,
       COALESCE(oi.kind, co.kind) AS itemKind, COALESCE(oi.note, co.note) AS itemNote,
       COALESCE(l.period_from, oi.months_from, c.period_from, co.months_from) AS periodFrom,
       COALESCE(l.period_to, oi.months_to, c.period_to, co.months_to) AS periodTo,
       COALESCE(l.period_months, c.period_months) AS periodMonths,
       h.full_name AS heirName, h.relationship AS heirRelationship,
       cp.month AS carriedMonth, c.kind AS carriedKind,
       CASE WHEN l.kind IN ('care', 'carryover') THEN
         (SELECT x.full_name FROM entitlements e JOIN people x ON x.id = e.cared_person_id WHERE e.id = l.entitlement_id) END AS caredName
  FROM payroll_lines l
  LEFT JOIN one_off_items oi ON oi.id = l.one_off_item_id
  LEFT JOIN payroll_lines c ON c.id = l.carried_from_line_id
  LEFT JOIN payrolls cp ON cp.id = c.payroll_id
  LEFT JOIN one_off_items co ON co.id = c.one_off_item_id
  LEFT JOIN ledger_heirs h ON h.id = COALESCE(l.heir_id, c.heir_id)
 WHERE l.payroll_id IN (SELECT value FROM json_each(?)) AND (l.kind <> 'regular' OR l.heir_id IS NOT NULL)`;

export type ExtraRow = Pick<FileLine, 'id' | 'kind' | 'periodFrom' | 'periodTo' | 'periodMonths' | 'carriedMonth'> &
  RawNote;

export function lineExtras(store: Store, ids: string): ExtraRow[] {
  return store.prepare(EXTRA_SQL).all(ids) as ExtraRow[];
}
