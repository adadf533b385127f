import { LINE_STATUSES, type LineStatus, type PayrollResultSummary, type ResultLinesPage, type ResultLineView } from '../../../shared/api/payroll-results';
import type { PayoutMethodCode } from '../../../shared/api/register';
import { maskIdentifier } from '../../../shared/domain/masking';
import { foldForSearch } from '../../../shared/domain/text';
import type { Store } from '../../db/store';
import { loadPayroll } from './payroll';

// What the results tab lists: counts per payment status, and the lines (accounts masked) filtered by
// status, cash/bank, neighbourhood or name.

export function resultSummary(store: Store, payrollId: number): PayrollResultSummary {
  const payroll = loadPayroll(store, payrollId);
  const counts = Object.fromEntries(LINE_STATUSES.map((s) => [s, { lines: 0, amountVnd: 0 }])) as PayrollResultSummary['counts'];
  const rows = store
    .prepare('SELECT status, COUNT(*) AS lines, COALESCE(SUM(amount_vnd), 0) AS amountVnd FROM payroll_lines WHERE payroll_id = ? GROUP BY status')
    .all(payrollId) as Array<{ status: LineStatus; lines: number; amountVnd: number }>;
  for (const r of rows) counts[r.status] = { lines: r.lines, amountVnd: r.amountVnd };
  const neighbourhoods = store
    .prepare("SELECT DISTINCT neighbourhood_name FROM payroll_lines WHERE payroll_id = ? AND neighbourhood_name <> '' ORDER BY neighbourhood_name")
    .pluck()
    .all(payrollId) as string[];
  return { payroll, counts, neighbourhoods };
}

interface LineFilter {
  payrollId: number;
  status?: LineStatus | undefined;
  channel?: 'cash' | 'bank' | undefined;
  method?: PayoutMethodCode | undefined;
  neighbourhood?: string | undefined;
  text?: string | undefined;
  limit: number;
  offset: number;
}

interface LineRow extends Omit<ResultLineView, 'account' | 'pickedUp'> {
  account: string | null;
  pickedUp: number;
}

export function resultLines(store: Store, f: LineFilter): ResultLinesPage {
  loadPayroll(store, f.payrollId);
  const where = ['l.payroll_id = ?'];
  const params: Array<string | number> = [f.payrollId];
  if (f.status) {
    where.push('l.status = ?');
    params.push(f.status);
  }
  if (f.channel) where.push(f.channel === 'cash' ? "l.method IN ('CASH_WARD','POST_OFFICE')" : "l.method IN ('OWN_ACCOUNT','AUTHORIZED_ACCOUNT')");
  if (f.method) {
    where.push('l.method = ?');
    params.push(f.method);
  }
  if (f.neighbourhood) {
    where.push('l.neighbourhood_name = ?');
    params.push(f.neighbourhood);
  }
  const columns = `SELECT l.id, l.full_name AS fullName, l.neighbourhood_name AS neighbourhood, l.method, l.account_number AS account,
      COALESCE(l.receiver_name, '') AS receiverName, l.kind, l.amount_vnd AS amountVnd, l.status,
      COALESCE((SELECT a.reason FROM payment_attempts a WHERE a.payroll_line_id = l.id AND a.status IN ('failed','not_collected') ORDER BY a.attempt_no DESC LIMIT 1), '') AS reason,
      EXISTS (SELECT 1 FROM payroll_lines n WHERE n.carried_from_line_id = l.id) AS pickedUp`;
  const from = `FROM payroll_lines l WHERE ${where.join(' AND ')}`;
  const order = 'ORDER BY l.neighbourhood_name, l.id';
  const needle = f.text ? foldForSearch(f.text) : '';
  const view = (r: LineRow): ResultLineView => ({ ...r, account: maskIdentifier(r.account), pickedUp: Boolean(r.pickedUp) });
  if (!needle) {
    // The page only, in SQL; the count and total of the whole filter alongside.
    const agg = store.prepare(`SELECT COUNT(*) AS n, COALESCE(SUM(l.amount_vnd), 0) AS vnd ${from}`).get(...params) as { n: number; vnd: number };
    const rows = store.prepare(`${columns} ${from} ${order} LIMIT ? OFFSET ?`).all(...params, f.limit, f.offset) as LineRow[];
    return { total: agg.n, totalVnd: agg.vnd, rows: rows.map(view) };
  }
  // A name, the visible end of an account number (its last 4 digits, as the mask shows them) or the whole
  // number: a longer suffix would let the masked digits be found one at a time (issue 12).
  const rows = (store.prepare(`${columns} ${from} ${order}`).all(...params) as LineRow[]).filter(
    (r) => foldForSearch(r.fullName).includes(needle) || (needle.length <= 4 ? (r.account ?? '').endsWith(needle) : r.account === needle),
  );
  const totalVnd = rows.reduce((sum, r) => sum + r.amountVnd, 0);
  return {
    total: rows.length,
    totalVnd,
    rows: rows.slice(f.offset, f.offset + f.limit).map(view),
  };
}
