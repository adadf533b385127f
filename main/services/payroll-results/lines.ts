import {
  LINE_STATUSES,
  type PayrollResultSummary,
  type ResultLinesPage,
  type ResultLineView,
} from '@shared/api/payroll-results';
import { maskIdentifier } from '@shared/domain/masking';
import { foldForSearch } from '@shared/domain/text';
import type { Store } from '../../db/store';
import { loadPayroll } from './payroll';
import {
  lineNeighbourhoods,
  resultLinePage,
  resultLineRows,
  statusTotals,
  type LineFilter as RowFilter,
  type ResultLineRow as LineRow,
} from './queries';

// What the results tab lists: counts per payment status, and the lines (accounts masked) filtered by
// status, cash/bank, neighbourhood or name.

export function resultSummary(store: Store, payrollId: number): PayrollResultSummary {
  const payroll = loadPayroll(store, payrollId);
  const counts = Object.fromEntries(
    LINE_STATUSES.map((s) => [s, { lines: 0, amountVnd: 0 }]),
  ) as PayrollResultSummary['counts'];
  const rows = statusTotals(store, payrollId);
  for (const r of rows) counts[r.status] = { lines: r.lines, amountVnd: r.amountVnd };
  const neighbourhoods = lineNeighbourhoods(store, payrollId);
  return { payroll, counts, neighbourhoods };
}

interface LineFilter extends RowFilter {
  text?: string | undefined;
  limit: number;
  offset: number;
}

export function resultLines(store: Store, f: LineFilter): ResultLinesPage {
  loadPayroll(store, f.payrollId);
  const rowFilter: RowFilter = {
    payrollId: f.payrollId,
    status: f.status,
    channel: f.channel,
    method: f.method,
    neighbourhood: f.neighbourhood,
  };
  const needle = f.text ? foldForSearch(f.text) : '';
  const view = (r: LineRow): ResultLineView => ({
    ...r,
    account: maskIdentifier(r.account),
    pickedUp: Boolean(r.pickedUp),
  });
  if (!needle) {
    // The page only, in SQL; the count and total of the whole filter alongside.
    const page = resultLinePage(store, rowFilter, f.limit, f.offset);
    return { total: page.total, totalVnd: page.totalVnd, rows: page.rows.map(view) };
  }
  // A name, the visible end of an account number (its last 4 digits, as the mask shows them) or the whole
  // number: a longer suffix would let the masked digits be found one at a time (issue 12).
  const rows = resultLineRows(store, rowFilter).filter(
    (r) =>
      foldForSearch(r.fullName).includes(needle) ||
      (needle.length <= 4 ? (r.account ?? '').endsWith(needle) : r.account === needle),
  );
  const totalVnd = rows.reduce((sum, r) => sum + r.amountVnd, 0);
  return {
    total: rows.length,
    totalVnd,
    rows: rows.slice(f.offset, f.offset + f.limit).map(view),
  };
}
