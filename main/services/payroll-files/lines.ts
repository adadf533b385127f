import type { Store } from '../../db/store';
import { ApiError } from '@shared/api/errors';
import { nameSortKey, splitFullName } from '@shared/domain/text';
import { formatMonthVi } from '@shared/domain/dates';
import { arrearsTextVi, periodTextVi } from '@shared/domain/service-period';
import {
  approvedPayrollsOfMonth,
  fileLineRows,
  groupLabels,
  lineExtras,
  payrollHead,
  payrollsById,
  programmeNameRows,
} from './queries';
import type { PayoutMethod } from './rules';

// The approved payroll(s) a set of files is made from, line by line, as snapshotted at build time
// (payroll_lines): later register changes never alter the files of a past month. Only the branch and
// the bank's names are looked up (the line keeps the bank code and account number, not the branch).

export { ACCOUNT_METHODS, type PayoutMethod } from './rules';

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
  /** What the transfer is for, in ASCII, when the line is no payroll line (a one-off round names its gift). */
  content?: string;
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
  const payroll = payrollHead(store, payrollId);
  if (!payroll) throw new ApiError('NOT_FOUND', 'Không tìm thấy bảng chi trả này.');
  if (payroll.status !== 'approved') {
    throw new ApiError('CONFLICT', 'Bảng chi trả chưa được phê duyệt: chỉ lập tệp chi trả từ bảng đã phê duyệt.');
  }
  const rows = allProgrammes ? approvedPayrollsOfMonth(store, payroll.month) : payrollsById(store, payroll.id);
  const programmeNames = Object.fromEntries(programmeNameRows(store).map((p) => [p.code, p.name_vi]));
  return { month: payroll.month, payrolls: rows, programmeNames };
}

/** "Ngân hàng … (Agribank)" → "Agribank": the short name banks and payers use. */
export function shortBankName(name: string): string {
  const m = /\(([^()]+)\)\s*$/.exec(name);
  return m ? m[1]!.trim() : name;
}

/**
 * Every line of the scope's payrolls (`only: 'account'`: the lines paid into an account alone, all a
 * bank file needs), in the offices' name order: SQLite sorts by the person's stored key
 * (people.sort_key = nameSortKey of the name parts). A line whose snapshot name is no longer the person's
 * (renamed since) makes the whole set sorted by the snapshot names instead.
 */
export function loadLines(store: Store, scope: PayrollScope, only?: 'account'): FileLine[] {
  const ids = JSON.stringify(scope.payrolls.map((p) => p.id));
  const banks = new Map<string, string>();
  const read = fileLineRows(store, ids, only === 'account');
  const lines = read.lines;
  const renamed = read.renamed;
  const extras = new Map(lineExtras(store, ids).map((e) => [e.id, e]));
  // A line built before group labels were snapshotted prints the reference table's label.
  let labels: Map<string, string> | undefined;
  const labelOf = (code: string) => (labels ??= groupLabels(store)).get(code) ?? '';
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
  inNameOrder(lines, renamed);
  lines.forEach((l, i) => (l.order = i));
  return lines;
}

/**
 * Lines read in the SQL's name order (LINE_ORDER of queries.ts) put in the files' order, in place: when a
 * line of the payrolls was renamed since (`renamed`), by the snapshot names instead. Any subset of the
 * lines, read in the same SQL order, comes out in the order it has among all of them.
 */
export function inNameOrder<T extends { fullName: string }>(lines: T[], renamed: boolean): T[] {
  if (renamed) {
    // Ties keep the SQL's order (payroll, then line number; a rebuilt draft's kept lines keep older ids).
    const keyed = lines.map((l, at) => ({ l, k: nameKey(l.fullName), at }));
    keyed.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : a.at - b.at));
    keyed.forEach((e, i) => (lines[i] = e.l));
  }
  return lines;
}

export interface RawNote {
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
export function publicNote(
  l: Pick<FileLine, 'kind' | 'periodFrom' | 'periodTo' | 'periodMonths' | 'carriedMonth'> & RawNote,
): string {
  const what = whatItPays(l);
  // Money of someone who has died, paid to the heir the officer named (the receiver column has the name).
  const heir = l.heirName
    ? `Chi cho người thừa kế ${l.heirName}${l.heirRelationship ? ` (${l.heirRelationship})` : ''}`
    : '';
  return [what, heir].filter(Boolean).join('; ');
}

function whatItPays(
  l: Pick<FileLine, 'kind' | 'periodFrom' | 'periodTo' | 'periodMonths' | 'carriedMonth'> & RawNote,
): string {
  const period =
    l.periodFrom && l.periodTo
      ? { from: l.periodFrom, to: l.periodTo, ...(l.periodMonths ? { months: l.periodMonths } : {}) }
      : null;
  const cared = l.caredName ? `Chăm sóc, nuôi dưỡng: ${l.caredName}` : '';
  switch (l.kind) {
    case 'arrears':
      return period ? arrearsTextVi(period) : l.itemNote || 'Truy lĩnh';
    case 'care':
      return cared;
    case 'other':
      return [l.itemNote || 'Điều chỉnh', period ? periodTextVi(period) : ''].filter(Boolean).join(', ');
    case 'carryover': {
      const what =
        l.carriedKind === 'arrears' && period ? arrearsTextVi(period) : l.carriedKind === 'care' ? cared : '';
      return [l.carriedMonth ? `Chi bù tháng ${formatMonthVi(l.carriedMonth)}` : 'Chi bù tháng trước', what]
        .filter(Boolean)
        .join(': ');
    }
    default:
      return '';
  }
}

/** Sort key in the offices' order (given name, then family, then middle), as compareNamesVi. */
export function nameKey(fullName: string): string {
  return nameSortKey(splitFullName(fullName));
}

export const sumVnd = (lines: ReadonlyArray<{ amountVnd: number }>): number =>
  lines.reduce((s, l) => s + l.amountVnd, 0);
