import type { Store } from '../../db/store';
import { ApiError } from '../../../shared/api/errors';
import { nameSortKey, splitFullName } from '../../../shared/domain/text';
import { formatMonthVi } from '../../../shared/domain/dates';
import { arrearsTextVi, periodTextVi } from '../../../shared/domain/service-period';

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
  /** The group's legal name in words: the line's snapshot, else the reference table's label. */
  groupLabel: string;
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
  /** Internal attention note of the build (fallen back to cash, age out of band…): never printed on a list people sign. */
  attention: string;
  // The fields below are set only on the few lines that pay something else than the month's regular
  // amount (absent on the rest: 100,000 regular lines stay lean objects).
  /** What the line pays, for the documents (arrears period, carry-over month, cared person, correction, heir). */
  note?: string;
  /** Service months paid when they are not the payroll's month (arrears, a carried arrears line, a correction). */
  periodFrom?: string | null;
  periodTo?: string | null;
  /** Months with a difference in the period (the ledger's count; a gap makes it smaller than the span). */
  periodMonths?: number | null;
  /** The month of the payroll a carried-over line came from. */
  carriedMonth?: string | null;
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
// Read by position in loadLines (raw rows): keep the column order in step.
const LINES_SQL = `
SELECT l.id, l.payroll_id AS payrollId, p.programme_code AS programme, l.kind, l.person_id AS personId,
       l.full_name AS fullName, l.birth_text AS birthText, l.citizen_id AS citizenId,
       l.neighbourhood_name AS neighbourhood, l.address, l.group_code AS groupCode, l.group_label AS groupLabel,
       l.coefficient_milli AS coefficientMilli, l.standard_vnd AS standardVnd, l.amount_vnd AS amountVnd,
       l.method, l.bank_code AS bankCode, COALESCE(b.name, l.bank_code, '') AS bankName,
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
 WHERE l.payroll_id IN (SELECT value FROM json_each(?))
 ORDER BY pe.sort_key, l.id`;

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

type ExtraRow = Pick<FileLine, 'id' | 'kind' | 'periodFrom' | 'periodTo' | 'periodMonths' | 'carriedMonth'> & RawNote;

/**
 * Every line of the scope's payrolls, in the offices' name order: SQLite sorts by the person's stored key
 * (people.sort_key = nameSortKey of the name parts). A line whose snapshot name is no longer the person's
 * (renamed since) makes the whole set sorted by the snapshot names instead.
 */
export function loadLines(store: Store, scope: PayrollScope): FileLine[] {
  const ids = JSON.stringify(scope.payrolls.map((p) => p.id));
  const banks = new Map<string, string>();
  // Rows as arrays, made into objects here: better-sqlite3's row objects cost about twice as much at
  // 100,000 lines, and a literal gives every line the same shape.
  const lines: FileLine[] = [];
  let renamed = false;
  for (const r of store.prepare(LINES_SQL).raw().all(ids) as unknown[][]) {
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
  const extras = new Map((store.prepare(EXTRA_SQL).all(ids) as ExtraRow[]).map((e) => [e.id, e]));
  // A line built before group labels were snapshotted prints the reference table's label.
  let labels: Map<string, string> | undefined;
  const labelOf = (code: string) =>
    (labels ??= new Map((store.prepare('SELECT code, label_vi FROM allowance_groups').all() as Array<{ code: string; label_vi: string }>).map((g) => [g.code, g.label_vi]))).get(code) ?? '';
  for (const row of lines) {
    const extra = extras.get(row.id);
    if (extra) {
      row.periodFrom = extra.periodFrom;
      row.periodTo = extra.periodTo;
      row.periodMonths = extra.periodMonths;
      row.carriedMonth = extra.carriedMonth;
      row.note = publicNote(extra);
    }
    if (!row.groupLabel && row.groupCode) row.groupLabel = labelOf(row.groupCode);
    let bank = banks.get(row.bankName);
    if (bank === undefined) banks.set(row.bankName, (bank = shortBankName(row.bankName)));
    row.bankName = bank;
  }
  if (renamed) {
    const keyed = lines.map((l) => ({ l, k: nameKey(l.fullName) }));
    keyed.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : a.l.id - b.l.id));
    keyed.forEach((e, i) => (lines[i] = e.l));
  }
  lines.forEach((l, i) => (l.order = i));
  return lines;
}

interface RawNote {
  itemKind?: string | null;
  itemNote?: string | null;
  carriedKind?: string | null;
  caredName?: string | null;
  heirName?: string | null;
  heirRelationship?: string | null;
}

/**
 * What a line pays, in words, from what the line and its item store (never the build's attention note
 * nor the register's internal remarks): the arrears period, the month a carried line comes from, the
 * person cared for, a correction's own note.
 */
export function publicNote(l: Pick<FileLine, 'kind' | 'periodFrom' | 'periodTo' | 'periodMonths' | 'carriedMonth'> & RawNote): string {
  const what = whatItPays(l);
  // Money of someone who has died, paid to the heir the officer named (the receiver column has the name).
  const heir = l.heirName ? `Chi cho người thừa kế ${l.heirName}${l.heirRelationship ? ` (${l.heirRelationship})` : ''}` : '';
  return [what, heir].filter(Boolean).join('; ');
}

function whatItPays(l: Pick<FileLine, 'kind' | 'periodFrom' | 'periodTo' | 'periodMonths' | 'carriedMonth'> & RawNote): string {
  const period = l.periodFrom && l.periodTo ? { from: l.periodFrom, to: l.periodTo, ...(l.periodMonths ? { months: l.periodMonths } : {}) } : null;
  const cared = l.caredName ? `Chăm sóc, nuôi dưỡng: ${l.caredName}` : '';
  switch (l.kind) {
    case 'arrears':
      return period ? arrearsTextVi(period) : l.itemNote || 'Truy lĩnh';
    case 'care':
      return cared;
    case 'other':
      return [l.itemNote || 'Điều chỉnh', period ? periodTextVi(period) : ''].filter(Boolean).join(', ');
    case 'carryover': {
      const what = l.carriedKind === 'arrears' && period ? arrearsTextVi(period) : l.carriedKind === 'care' ? cared : '';
      return [l.carriedMonth ? `Chi bù tháng ${formatMonthVi(l.carriedMonth)}` : 'Chi bù tháng trước', what].filter(Boolean).join(': ');
    }
    default:
      return '';
  }
}

/** Sort key in the offices' order (given name, then family, then middle), as compareNamesVi. */
export function nameKey(fullName: string): string {
  return nameSortKey(splitFullName(fullName));
}

export const sumVnd = (lines: ReadonlyArray<{ amountVnd: number }>): number => lines.reduce((s, l) => s + l.amountVnd, 0);
