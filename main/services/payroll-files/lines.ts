import type { Store } from '../../db/store';
import { ApiError } from '../../../shared/api/errors';
import { nameSortKey, splitFullName } from '../../../shared/domain/text';

// The approved payroll(s) a set of files is made from, line by line, as snapshotted at build time
// (payroll_lines): later register changes never alter the files of a past month. Only the branch and
// the bank's names are looked up (the line keeps the bank code and account number, not the branch).

export type PayoutMethod = 'CASH_WARD' | 'POST_OFFICE' | 'OWN_ACCOUNT' | 'AUTHORIZED_ACCOUNT';
export const ACCOUNT_METHODS: ReadonlySet<string> = new Set(['OWN_ACCOUNT', 'AUTHORIZED_ACCOUNT']);

export interface FileLine {
  id: number;
  payrollId: number;
  programme: string;
  kind: string;
  personId: number;
  fullName: string;
  birthText: string;
  citizenId: string | null;
  neighbourhood: string;
  address: string;
  groupCode: string | null;
  coefficientMilli: number | null;
  standardVnd: number | null;
  amountVnd: number;
  method: PayoutMethod;
  bankCode: string | null;
  bankName: string;
  napasBin: string;
  branch: string;
  accountNumber: string | null;
  holderName: string | null;
  receiverName: string | null;
  note: string;
  /** Position in the offices' name order (given, family, middle) among the loaded lines. */
  order: number;
}

export interface PayrollScope {
  month: string;
  payrolls: Array<{ id: number; programme: string; programmeName: string; lineCount: number; totalVnd: number }>;
  programmeNames: Record<string, string>;
}

/** The payroll itself, or every approved payroll of its month; refuses a draft (files are made from approved payrolls only). */
export function loadScope(store: Store, payrollId: number, allProgrammes: boolean): PayrollScope {
  const payroll = store.sqlite.prepare('SELECT id, month, programme_code, status FROM payrolls WHERE id = ?').get(payrollId) as
    | { id: number; month: string; programme_code: string; status: string }
    | undefined;
  if (!payroll) throw new ApiError('NOT_FOUND', 'Không tìm thấy bảng chi trả này.');
  if (payroll.status !== 'approved') {
    throw new ApiError('CONFLICT', 'Bảng chi trả chưa được phê duyệt: chỉ lập tệp chi trả từ bảng đã phê duyệt.');
  }
  const rows = store.sqlite
    .prepare(
      `SELECT p.id, p.programme_code AS programme, g.name_vi AS programmeName, p.line_count AS lineCount, p.total_vnd AS totalVnd
         FROM payrolls p JOIN programmes g ON g.code = p.programme_code
        WHERE ${allProgrammes ? "p.month = ? AND p.status = 'approved'" : 'p.id = ?'}
        ORDER BY g.sort_order`,
    )
    .all(allProgrammes ? payroll.month : payroll.id) as PayrollScope['payrolls'];
  const programmeNames = Object.fromEntries(
    (store.sqlite.prepare('SELECT code, name_vi FROM programmes').all() as Array<{ code: string; name_vi: string }>).map((p) => [p.code, p.name_vi]),
  );
  return { month: payroll.month, payrolls: rows, programmeNames };
}

/** "Ngân hàng … (Agribank)" → "Agribank": the short name banks and payers use. */
export function shortBankName(name: string): string {
  const m = /\(([^()]+)\)\s*$/.exec(name);
  return m ? m[1]!.trim() : name;
}

/** The line's own branch snapshot (migration 006), else the account's current branch. */
const LINES_SQL = `
SELECT l.id, l.payroll_id AS payrollId, p.programme_code AS programme, l.kind, l.person_id AS personId,
       l.full_name AS fullName, l.birth_text AS birthText, l.citizen_id AS citizenId,
       l.neighbourhood_name AS neighbourhood, l.address, l.group_code AS groupCode,
       l.coefficient_milli AS coefficientMilli, l.standard_vnd AS standardVnd, l.amount_vnd AS amountVnd,
       l.method, l.bank_code AS bankCode, COALESCE(b.name, l.bank_code, '') AS bankName,
       COALESCE(b.napas_bin, '') AS napasBin,
       COALESCE(NULLIF(l.branch, ''), (SELECT a.branch FROM bank_accounts a
                  WHERE a.account_number = l.account_number AND a.bank_code = l.bank_code
                  ORDER BY a.closed_date IS NOT NULL, a.id DESC LIMIT 1), '') AS branch,
       l.account_number AS accountNumber, l.holder_name AS holderName, l.receiver_name AS receiverName,
       l.attention_note AS note,
       CASE WHEN pe.full_name = l.full_name THEN 0 ELSE 1 END AS renamed
  FROM payroll_lines l
  JOIN payrolls p ON p.id = l.payroll_id
  JOIN people pe ON pe.id = l.person_id
  LEFT JOIN banks b ON b.code = l.bank_code
 WHERE l.payroll_id IN (SELECT value FROM json_each(?))
 ORDER BY pe.sort_key, l.id`;

/**
 * Every line of the scope's payrolls, in the offices' name order: SQLite sorts by the person's stored key
 * (people.sort_key = nameSortKey of the name parts). A line whose snapshot name is no longer the person's
 * (renamed since) makes the whole set sorted by the snapshot names instead.
 */
export function loadLines(store: Store, scope: PayrollScope): FileLine[] {
  const statement = store.prepare(LINES_SQL);
  const banks = new Map<string, string>();
  const lines = statement.all(JSON.stringify(scope.payrolls.map((p) => p.id))) as Array<FileLine & { renamed?: number }>;
  let renamed = false;
  for (const row of lines) {
    let bank = banks.get(row.bankName);
    if (bank === undefined) banks.set(row.bankName, (bank = shortBankName(row.bankName)));
    row.bankName = bank;
    if (row.renamed) renamed = true;
    delete row.renamed;
  }
  if (renamed) {
    const keyed = lines.map((l) => ({ l, k: nameKey(l.fullName) }));
    keyed.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : a.l.id - b.l.id));
    keyed.forEach((e, i) => (lines[i] = e.l));
  }
  lines.forEach((l, i) => (l.order = i));
  return lines;
}

/** Sort key in the offices' order (given name, then family, then middle), as compareNamesVi. */
export function nameKey(fullName: string): string {
  return nameSortKey(splitFullName(fullName));
}

export const sumVnd = (lines: ReadonlyArray<{ amountVnd: number }>): number => lines.reduce((s, l) => s + l.amountVnd, 0);
