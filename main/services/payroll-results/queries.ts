import type { Store } from '../../db/store';
import type { LineStatus, Reconciliation, ResultLineView } from '@shared/api/payroll-results';
import type { PayoutMethodCode } from '@shared/api/register';
import type { MatchLine } from './match';
import type { PayrollHeader } from './payroll';

// The payment results' SQL (issue 13): the payroll, its lines by status, the bank result import's
// matching and bulk write, and the reconciliation's sums.

export function payrollHeader(store: Store, id: number): PayrollHeader | undefined {
  return store
    .prepare(
      'SELECT id, month, programme_code AS programme, status, line_count AS lineCount, total_vnd AS totalVnd FROM payrolls WHERE id = ?',
    )
    .get(id) as PayrollHeader | undefined;
}

export function programmeName(store: Store, code: string): string | undefined {
  return store.prepare('SELECT name_vi FROM programmes WHERE code = ?').pluck().get(code) as string | undefined;
}

export function statusTotals(
  store: Store,
  payrollId: number,
): Array<{ status: LineStatus; lines: number; amountVnd: number }> {
  return store
    .prepare(
      'SELECT status, COUNT(*) AS lines, COALESCE(SUM(amount_vnd), 0) AS amountVnd FROM payroll_lines WHERE payroll_id = ? GROUP BY status',
    )
    .all(payrollId) as Array<{ status: LineStatus; lines: number; amountVnd: number }>;
}

export function lineNeighbourhoods(store: Store, payrollId: number): string[] {
  return store
    .prepare(
      "SELECT DISTINCT neighbourhood_name FROM payroll_lines WHERE payroll_id = ? AND neighbourhood_name <> '' ORDER BY neighbourhood_name",
    )
    .pluck()
    .all(payrollId) as string[];
}

export interface LineFilter {
  payrollId: number;
  status?: LineStatus | undefined;
  channel?: 'cash' | 'bank' | undefined;
  method?: PayoutMethodCode | undefined;
  neighbourhood?: string | undefined;
}

export interface ResultLineRow extends Omit<ResultLineView, 'account' | 'pickedUp'> {
  account: string | null;
  pickedUp: number;
}

function lineQuery(f: LineFilter): { columns: string; from: string; order: string; params: Array<string | number> } {
  const where = ['l.payroll_id = ?'];
  const params: Array<string | number> = [f.payrollId];
  if (f.status) {
    where.push('l.status = ?');
    params.push(f.status);
  }
  if (f.channel)
    where.push(
      f.channel === 'cash'
        ? "l.method IN ('CASH_WARD','POST_OFFICE')"
        : "l.method IN ('OWN_ACCOUNT','AUTHORIZED_ACCOUNT')",
    );
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
  return {
    columns,
    from: `FROM payroll_lines l WHERE ${where.join(' AND ')}`,
    order: 'ORDER BY l.neighbourhood_name, l.line_no',
    params,
  };
}

/** One page of the filtered lines (by neighbourhood, then line), with the count and total of the whole filter. */
export function resultLinePage(
  store: Store,
  f: LineFilter,
  limit: number,
  offset: number,
): { total: number; totalVnd: number; rows: ResultLineRow[] } {
  const { columns, from, order, params } = lineQuery(f);
  const agg = store.prepare(`SELECT COUNT(*) AS n, COALESCE(SUM(l.amount_vnd), 0) AS vnd ${from}`).get(...params) as {
    n: number;
    vnd: number;
  };
  const rows = store
    .prepare(`${columns} ${from} ${order} LIMIT ? OFFSET ?`)
    .all(...params, limit, offset) as ResultLineRow[];
  return { total: agg.n, totalVnd: agg.vnd, rows };
}

/** Every line of the filter (for a search by name or account, done in JS). */
export function resultLineRows(store: Store, f: LineFilter): ResultLineRow[] {
  const { columns, from, order, params } = lineQuery(f);
  return store.prepare(`${columns} ${from} ${order}`).all(...params) as ResultLineRow[];
}

/** A line as the officer's marks see it. */
export interface SelLine {
  id: number;
  fullName: string;
  method: PayoutMethodCode;
  amountVnd: number;
  status: LineStatus;
  neighbourhood: string;
  pickedUp: number;
}

export function selectableLines(store: Store, payrollId: number): SelLine[] {
  return store
    .prepare(
      `SELECT l.id, l.full_name AS fullName, l.method, l.amount_vnd AS amountVnd, l.status, l.neighbourhood_name AS neighbourhood,
         EXISTS (SELECT 1 FROM payroll_lines n WHERE n.carried_from_line_id = l.id) AS pickedUp
       FROM payroll_lines l WHERE l.payroll_id = ?`,
    )
    .all(payrollId) as SelLine[];
}

/** The lines a result file can match (those paid to an account). */
export function accountLines(store: Store, payrollId: number): Array<Omit<MatchLine, 'fromThisFile'>> {
  return store
    .prepare(
      "SELECT id, account_number AS account, amount_vnd AS amountVnd, status, full_name AS fullName FROM payroll_lines WHERE payroll_id = ? AND account_number IS NOT NULL AND account_number <> ''",
    )
    .all(payrollId) as Array<Omit<MatchLine, 'fromThisFile'>>;
}

/** The lines of the payroll with an attempt from this source (a result file). */
export function linesWithAttemptFrom(store: Store, payrollId: number, source: string): number[] {
  return store
    .prepare(
      'SELECT a.payroll_line_id FROM payroll_lines l JOIN payment_attempts a ON a.payroll_line_id = l.id WHERE l.payroll_id = ? AND a.source = ?',
    )
    .pluck()
    .all(payrollId, source) as number[];
}

/** When attempts from this source were first recorded on the payroll, or null. */
export function firstAttemptFrom(store: Store, payrollId: number, source: string): string | null {
  return (
    (store
      .prepare(
        'SELECT MIN(a.at) FROM payroll_lines l JOIN payment_attempts a ON a.payroll_line_id = l.id WHERE l.payroll_id = ? AND a.source = ?',
      )
      .pluck()
      .get(payrollId, source) as string | null) ?? null
  );
}

/** The newest audit entry's id (0 for none): unchanged means nothing was written since. */
export function auditMark(store: Store): number {
  return (store.prepare('SELECT COALESCE(MAX(id), 0) FROM audit_log').pluck().get() as number) ?? 0;
}

/**
 * Records one attempt per item (numbered after the line's last) and sets each line's status: two prepared
 * statements per line, for many lines of one payroll at once.
 */
export function insertAttemptsInBulk(
  store: Store,
  payrollId: number,
  items: ReadonlyArray<{ lineId: number; status: 'paid' | 'failed'; reason: string; reference: string }>,
  at: string,
  source: string,
): void {
  const last = new Map(
    store
      .prepare(
        'SELECT a.payroll_line_id, MAX(a.attempt_no) FROM payroll_lines l JOIN payment_attempts a ON a.payroll_line_id = l.id WHERE l.payroll_id = ? GROUP BY a.payroll_line_id',
      )
      .raw()
      .all(payrollId) as Array<[number, number]>,
  );
  const insert = store.prepare(
    'INSERT INTO payment_attempts (payroll_line_id, attempt_no, status, at, reason, reference, source) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const update = store.prepare('UPDATE payroll_lines SET status = ? WHERE id = ?');
  for (const item of items) {
    insert.run(item.lineId, (last.get(item.lineId) ?? 0) + 1, item.status, at, item.reason, item.reference, source);
    update.run(item.status, item.lineId);
  }
}

export interface ReconciliationGroup {
  method: PayoutMethodCode;
  programme: string;
  programmeName: string;
  sortOrder: number | null;
  status: LineStatus;
  lines: number;
  amountVnd: number;
}

/** Lines and money by method, programme (the entitlement's: care support shows as its own) and status. */
export function reconciliationGroups(store: Store, payrollId: number): ReconciliationGroup[] {
  return store
    .prepare(
      `SELECT l.method, COALESCE(e.programme_code, p.programme_code) AS programme, COALESCE(pr.name_vi, COALESCE(e.programme_code, p.programme_code)) AS programmeName,
         pr.sort_order AS sortOrder, l.status, COUNT(*) AS lines, SUM(l.amount_vnd) AS amountVnd
       FROM payroll_lines l JOIN payrolls p ON p.id = l.payroll_id
       LEFT JOIN entitlements e ON e.id = l.entitlement_id
       LEFT JOIN programmes pr ON pr.code = COALESCE(e.programme_code, p.programme_code)
       WHERE l.payroll_id = ? GROUP BY 1, 2, 5`,
    )
    .all(payrollId) as ReconciliationGroup[];
}

/** The lines not paid, with the reason of their last failed or not-collected attempt. */
export function unpaidLines(store: Store, payrollId: number): Reconciliation['unpaid'] {
  return store
    .prepare(
      `SELECT l.full_name AS fullName, l.neighbourhood_name AS neighbourhood, l.method, l.amount_vnd AS amountVnd, l.status,
         COALESCE((SELECT a.reason FROM payment_attempts a WHERE a.payroll_line_id = l.id AND a.status IN ('failed','not_collected') ORDER BY a.attempt_no DESC LIMIT 1), '') AS reason
       FROM payroll_lines l WHERE l.payroll_id = ? AND l.status <> 'paid' ORDER BY l.status, l.neighbourhood_name, l.line_no`,
    )
    .all(payrollId) as Reconciliation['unpaid'];
}
