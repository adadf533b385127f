import type { Store } from '../../db/store';
import type { PayoutMethodCode } from '@shared/api/register';
import type { RoundLineStatus } from '@shared/api/round-results';

// SQL of round payment results (migration 020). A line's status is its latest attempt's ('pending'
// without one), found through the (round_line_id, attempt_no) unique index. Writes run in the caller's
// transaction; the triggers refuse a second payment and any result on a round not approved.

/** The latest attempt's columns for line `l`, one correlated lookup each. */
const LAST = (col: string) =>
  `(SELECT a.${col} FROM round_payment_attempts a WHERE a.round_line_id = l.id ORDER BY a.attempt_no DESC LIMIT 1)`;

const CASH = "l.method IN ('CASH_WARD','POST_OFFICE')";
const BANK = "l.method IN ('OWN_ACCOUNT','AUTHORIZED_ACCOUNT')";

export interface ResultLineRow {
  id: number;
  lineNo: number;
  personId: number;
  fullName: string;
  neighbourhood: string;
  method: PayoutMethodCode;
  account: string | null;
  bankCode: string | null;
  amountVnd: number;
  status: RoundLineStatus;
  onDate: string | null;
  reason: string;
  source: string;
  attempts: number;
}

const LINE_SQL = `
SELECT l.id, l.line_no AS lineNo, l.person_id AS personId, l.full_name AS fullName,
       l.neighbourhood_name AS neighbourhood, l.method, l.account_number AS account, l.bank_code AS bankCode,
       l.amount_vnd AS amountVnd,
       coalesce(${LAST('status')}, 'pending') AS status, ${LAST('on_date')} AS onDate,
       coalesce(${LAST('reason')}, '') AS reason, coalesce(${LAST('source')}, '') AS source,
       coalesce((SELECT max(a.attempt_no) FROM round_payment_attempts a WHERE a.round_line_id = l.id), 0) AS attempts
FROM round_lines l WHERE l.round_id = @roundId`;

export interface ResultLineFilter {
  roundId: number;
  status?: RoundLineStatus | undefined;
  channel?: 'cash' | 'bank' | undefined;
  neighbourhood?: string | undefined;
}

function filtered(f: ResultLineFilter): { sql: string; params: Record<string, unknown> } {
  const where: string[] = [];
  if (f.channel === 'cash') where.push(CASH.replace(/l\./g, 'x.'));
  if (f.channel === 'bank') where.push(BANK.replace(/l\./g, 'x.'));
  if (f.neighbourhood !== undefined) where.push('x.neighbourhood = @neighbourhood');
  if (f.status) where.push('x.status = @status');
  return {
    sql: `SELECT * FROM (${LINE_SQL}) x${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`,
    params: {
      roundId: f.roundId,
      ...(f.neighbourhood !== undefined ? { neighbourhood: f.neighbourhood } : {}),
      ...(f.status ? { status: f.status } : {}),
    },
  };
}

/** Every line matching the filter, in line order. */
export function resultLineRows(store: Store, f: ResultLineFilter): ResultLineRow[] {
  const q = filtered(f);
  return store.prepare(`${q.sql} ORDER BY x.lineNo`).all(q.params) as ResultLineRow[];
}

/** One page of the filter, with the whole filter's count and total. */
export function resultLinePage(
  store: Store,
  f: ResultLineFilter,
  limit: number,
  offset: number,
): { rows: ResultLineRow[]; total: number; totalVnd: number } {
  const q = filtered(f);
  const rows = store
    .prepare(`${q.sql} ORDER BY x.lineNo LIMIT @limit OFFSET @offset`)
    .all({ ...q.params, limit, offset }) as ResultLineRow[];
  const t = store
    .prepare(`SELECT count(*) AS total, coalesce(sum(amountVnd), 0) AS totalVnd FROM (${q.sql})`)
    .get(q.params) as { total: number; totalVnd: number };
  return { rows, ...t };
}

/** Chosen lines of the round (ids not in the round are simply absent). */
export function resultLinesById(store: Store, roundId: number, ids: readonly number[]): ResultLineRow[] {
  return store
    .prepare(`${LINE_SQL} AND l.id IN (SELECT value FROM json_each(@ids)) ORDER BY l.line_no`)
    .all({ roundId, ids: JSON.stringify(ids) }) as ResultLineRow[];
}

/** Count and amount per (method, neighbourhood, status): the reconciliation's one pass over the lines. */
export function statusGroups(
  store: Store,
  roundId: number,
): Array<{
  method: PayoutMethodCode;
  neighbourhood: string;
  status: RoundLineStatus;
  lines: number;
  amountVnd: number;
}> {
  return store
    .prepare(
      `SELECT l.method, l.neighbourhood_name AS neighbourhood, coalesce(${LAST('status')}, 'pending') AS status,
              count(*) AS lines, sum(l.amount_vnd) AS amountVnd
       FROM round_lines l WHERE l.round_id = ? GROUP BY 1, 2, 3`,
    )
    .all(roundId) as Array<{
    method: PayoutMethodCode;
    neighbourhood: string;
    status: RoundLineStatus;
    lines: number;
    amountVnd: number;
  }>;
}

export interface AttemptInsert {
  lineId: number;
  attemptNo: number;
  status: 'paid' | 'failed' | 'not_collected';
  onDate: string;
  reason: string;
  reference: string;
  source: string;
}

/** Appends attempts (one prepared statement for the lot). */
export function insertAttempts(store: Store, items: readonly AttemptInsert[], at: string, by: number | null): void {
  const stmt = store.prepare(
    `INSERT INTO round_payment_attempts (round_line_id, attempt_no, status, on_date, reason, reference, source, recorded_at, recorded_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const i of items) stmt.run(i.lineId, i.attemptNo, i.status, i.onDate, i.reason, i.reference, i.source, at, by);
}

/** The round's lines that are in its bank file (an account method with bank and number), for matching a result file. */
export function roundAccountLines(store: Store, roundId: number): ResultLineRow[] {
  return store
    .prepare(`${LINE_SQL} AND ${BANK} AND l.bank_code IS NOT NULL AND l.account_number IS NOT NULL ORDER BY l.line_no`)
    .all({ roundId }) as ResultLineRow[];
}

/** Lines of the round with an attempt from `source` (a result file's). */
export function roundLinesWithAttemptFrom(store: Store, roundId: number, source: string): number[] {
  return store
    .prepare(
      `SELECT DISTINCT a.round_line_id FROM round_payment_attempts a JOIN round_lines l ON l.id = a.round_line_id
       WHERE l.round_id = ? AND a.source = ?`,
    )
    .pluck()
    .all(roundId, source) as number[];
}

/** When `source` first wrote to the round (ISO), else null. */
export function firstRoundAttemptFrom(store: Store, roundId: number, source: string): string | null {
  return (
    (store
      .prepare(
        `SELECT min(a.recorded_at) FROM round_payment_attempts a JOIN round_lines l ON l.id = a.round_line_id
         WHERE l.round_id = ? AND a.source = ?`,
      )
      .pluck()
      .get(roundId, source) as string | null) ?? null
  );
}
