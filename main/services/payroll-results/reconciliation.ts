import type { LineStatus, Reconciliation, ReconciliationRow } from '@shared/api/payroll-results';
import { METHOD_LABELS, METHOD_ORDER } from '@shared/domain/labels';
import type { Store } from '../../db/store';
import { getOfficeSettings } from '../settings';
import { approvedPayroll } from './payroll';
import { reconciliationGroups, unpaidLines } from './queries';

// The reconciliation of an approved payroll (what the payer returns before the 20th): for the whole
// payroll, per payout method and per programme, the amount handed to the payer and how it ended —
// paid, failed (not yet decided), not collected (not yet decided), carried over to next month's
// payroll, converted to cash next month, or still without a result — and the balance (handed − paid).
// Every line is in exactly one status, so each breakdown sums to the payroll's total to the đồng.

interface Bucket {
  lines: number;
  amountVnd: number;
}
export const bucket = (): Bucket => ({ lines: 0, amountVnd: 0 });

/** Counts lines of an amount on a row and on the bucket of their status; the balance is what is not paid. */
export function addToBucket<B extends string>(
  row: { lines: number; amountVnd: number; balanceVnd: number; paid: Bucket } & Record<B, Bucket>,
  field: B,
  lines: number,
  amountVnd: number,
): void {
  row.lines += lines;
  row.amountVnd += amountVnd;
  const b = row[field];
  b.lines += lines;
  b.amountVnd += amountVnd;
  row.balanceVnd = row.amountVnd - row.paid.amountVnd;
}
const emptyRow = (key: string, label: string): ReconciliationRow => ({
  key,
  label,
  lines: 0,
  amountVnd: 0,
  paid: bucket(),
  failed: bucket(),
  notCollected: bucket(),
  carriedOver: bucket(),
  convertedToCash: bucket(),
  pending: bucket(),
  balanceVnd: 0,
});

const FIELD_OF: Record<
  LineStatus,
  keyof Pick<ReconciliationRow, 'paid' | 'failed' | 'notCollected' | 'carriedOver' | 'convertedToCash' | 'pending'>
> = {
  pending: 'pending',
  sent: 'pending',
  paid: 'paid',
  failed: 'failed',
  not_collected: 'notCollected',
  carried_over: 'carriedOver',
  converted_to_cash: 'convertedToCash',
};

const add = (row: ReconciliationRow, status: LineStatus, lines: number, amountVnd: number): void =>
  addToBucket(row, FIELD_OF[status], lines, amountVnd);

const sumOf = (rows: readonly ReconciliationRow[]) => rows.reduce((s, r) => s + r.amountVnd, 0);

export function reconciliation(store: Store, payrollId: number): Reconciliation {
  const payroll = approvedPayroll(store, payrollId);
  // A line's programme is its entitlement's (care support inside a BTXH payroll shows as its own row).
  const groups = reconciliationGroups(store, payrollId);

  const total = emptyRow('total', 'Tổng cộng');
  const byMethod = new Map<string, ReconciliationRow>();
  const byProgramme = new Map<string, ReconciliationRow & { sort: number }>();
  for (const g of groups) {
    add(total, g.status, g.lines, g.amountVnd);
    const m = byMethod.get(g.method) ?? emptyRow(g.method, METHOD_LABELS[g.method] ?? g.method);
    byMethod.set(g.method, m);
    add(m, g.status, g.lines, g.amountVnd);
    const p = byProgramme.get(g.programme) ?? { ...emptyRow(g.programme, g.programmeName), sort: g.sortOrder ?? 99 };
    byProgramme.set(g.programme, p);
    add(p, g.status, g.lines, g.amountVnd);
  }
  const methods = METHOD_ORDER.filter((m) => byMethod.has(m)).map((m) => byMethod.get(m)!);
  const programmes = [...byProgramme.values()].sort((a, b) => a.sort - b.sort).map(({ sort: _sort, ...row }) => row);

  const unpaid = unpaidLines(store, payrollId);

  const reconciles =
    total.amountVnd === payroll.totalVnd && sumOf(methods) === total.amountVnd && sumOf(programmes) === total.amountVnd;
  return {
    payroll,
    unitName: getOfficeSettings({ store }).unitName,
    byMethod: methods,
    byProgramme: programmes,
    total,
    reconciles,
    unpaid,
  };
}
