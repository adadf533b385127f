import type { Selectable } from 'kysely';
import type { z } from 'zod';
import type { Store } from '../../../db/store';
import type { PayrollLinesTable } from '../../../db/schema';
import type { PayrollView, payrollLinesSchema } from '@shared/api/payroll';
import type { PayoutMethodCode } from '@shared/api/register';
import { foldForSearch } from '@shared/domain/text';

// Payrolls as the screens read them, their approval, discard and corrections (issue 13).

const HEADER_SQL = `
SELECT p.id, p.month, p.programme_code AS programme, pr.name_vi AS programmeName, p.status, p.line_count AS lineCount,
       p.total_vnd AS totalVnd, p.attention_count AS attentionCount, p.built_at AS builtAt, COALESCE(bu.full_name, '') AS builtBy,
       p.approved_at AS approvedAt, au.full_name AS approvedBy,
       CASE WHEN p.status = 'approved' THEN 'approved' ELSE p.review_state END AS review,
       p.submitted_at AS submittedAt, su.full_name AS submittedBy, p.return_comment AS returnComment,
       p.returned_at AS returnedAt, ru.full_name AS returnedBy
FROM payrolls p JOIN programmes pr ON pr.code = p.programme_code
LEFT JOIN users bu ON bu.id = p.built_by LEFT JOIN users au ON au.id = p.approved_by
LEFT JOIN users su ON su.id = p.submitted_by LEFT JOIN users ru ON ru.id = p.returned_by`;

export function payrollHeaders(store: Store, month?: string): PayrollView[] {
  const where = month ? 'WHERE p.month = ?' : '';
  return store
    .prepare(`${HEADER_SQL} ${where} ORDER BY p.month DESC, pr.sort_order, p.id`)
    .all(...(month ? [month] : [])) as PayrollView[];
}

export function payrollHeader(store: Store, id: number): PayrollView | undefined {
  return store.prepare(`${HEADER_SQL} WHERE p.id = ?`).get(id) as PayrollView | undefined;
}

/** A stored line (registered_method holds a method code, or null on lines built before it was kept). */
export type LineRow = Omit<Selectable<PayrollLinesTable>, 'registered_method'> & {
  registered_method: PayoutMethodCode | null;
};

/** One page of a payroll's lines, in line order, filtered by words, attention and method; and the count of the whole filter. */
export function payrollLinePage(
  store: Store,
  input: z.output<typeof payrollLinesSchema>,
): { total: number; rows: LineRow[] } {
  const where = ['payroll_id = @payrollId'];
  const params: Record<string, unknown> = { payrollId: input.payrollId };
  const words = foldForSearch(input.text ?? '')
    .split(/\s+/)
    .filter(Boolean);
  // The citizen ID and the account number are masked in the list: each matches only as the whole value,
  // never by a fragment (issue 12), so the searched text is the rest of search_key (name, neighbourhood).
  // replace(x, '', '') is x: a line without an ID or account keeps its whole key.
  const rest = "replace(replace(search_key, coalesce(citizen_id, ''), ''), coalesce(account_number, ''), '')";
  words.forEach((w, i) => {
    where.push(`(citizen_id = @e${i} OR account_number = @e${i} OR ${rest} LIKE @w${i} ESCAPE '\\')`);
    params[`e${i}`] = w;
    params[`w${i}`] = `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  });
  if (input.only === 'attention') where.push("attention_note <> ''");
  if (input.method) {
    where.push('method = @method');
    params.method = input.method;
  }
  const sqlWhere = where.join(' AND ');
  const total = (
    store.prepare(`SELECT COUNT(*) AS n FROM payroll_lines WHERE ${sqlWhere}`).get(params) as { n: number }
  ).n;
  const rows = store
    .prepare(`SELECT * FROM payroll_lines WHERE ${sqlWhere} ORDER BY line_no LIMIT @limit OFFSET @offset`)
    .all({ ...params, limit: input.limit ?? 200, offset: input.offset ?? 0 }) as LineRow[];
  return { total, rows };
}

export type TotalColumn = 'neighbourhood_name' | 'method' | 'kind';

/** Lines and money of a payroll by one column. */
export function lineTotalsBy(
  store: Store,
  payrollId: number,
  column: TotalColumn,
): Array<{ key: string; count: number; amountVnd: number }> {
  return store
    .prepare(
      `SELECT ${column} AS key, COUNT(*) AS count, SUM(amount_vnd) AS amountVnd FROM payroll_lines WHERE payroll_id = ? GROUP BY ${column} ORDER BY ${column}`,
    )
    .all(payrollId) as Array<{ key: string; count: number; amountVnd: number }>;
}

export function peopleOnPayroll(store: Store, payrollId: number): number {
  return (
    store.prepare('SELECT COUNT(DISTINCT person_id) AS n FROM payroll_lines WHERE payroll_id = ?').get(payrollId) as {
      n: number;
    }
  ).n;
}

/** A draft's lines with their service-month rows and what its build left open (ledger). */
export function deleteLinesOf(store: Store, payrollId: number): void {
  store.prepare('DELETE FROM payroll_line_months WHERE payroll_id = ?').run(payrollId);
  store.prepare('DELETE FROM payroll_ledger_open WHERE payroll_id = ?').run(payrollId);
  store.prepare('DELETE FROM payroll_lines WHERE payroll_id = ?').run(payrollId);
}

export function deletePayroll(store: Store, payrollId: number): void {
  store.prepare('DELETE FROM payrolls WHERE id = ?').run(payrollId);
}

/** Another approved payroll of the same month and programme. */
export function otherApprovedPayroll(
  store: Store,
  month: string,
  programme: string,
  exceptId: number,
): { id: number } | undefined {
  return store
    .prepare("SELECT id FROM payrolls WHERE month = ? AND programme_code = ? AND status = 'approved' AND id <> ?")
    .get(month, programme, exceptId) as { id: number } | undefined;
}

/** Approves a draft (the triggers of migrations 001 and 006 may refuse: their RAISE message is the error). */
export function markApproved(store: Store, payrollId: number, at: string, by: number | null): void {
  store
    .prepare(
      "UPDATE payrolls SET status = 'approved', approved_at = ?, approved_by = ? WHERE id = ? AND status = 'draft'",
    )
    .run(at, by, payrollId);
}

export function personName(store: Store, id: number): { id: number; full_name: string } | undefined {
  return store.prepare('SELECT id, full_name FROM people WHERE id = ?').get(id) as
    { id: number; full_name: string } | undefined;
}

/** The person's latest entitlement in the programme. */
export function latestEntitlementId(store: Store, personId: number, programme: string): number | undefined {
  const row = store
    .prepare('SELECT id FROM entitlements WHERE person_id = ? AND programme_code = ? ORDER BY start_month DESC LIMIT 1')
    .get(personId, programme) as { id: number } | undefined;
  return row?.id;
}

export function insertCorrectionItem(
  store: Store,
  c: {
    personId: number;
    entitlementId: number | null;
    amountVnd: number;
    dueMonth: string;
    note: string;
    programme: string;
    at: string;
  },
): number {
  return Number(
    store
      .prepare(
        `INSERT INTO one_off_items (person_id, entitlement_id, kind, amount_vnd, due_month, note, programme_code, created_at)
         VALUES (?, ?, 'other', ?, ?, ?, ?, ?)`,
      )
      .run(c.personId, c.entitlementId, c.amountVnd, c.dueMonth, c.note, c.programme, c.at).lastInsertRowid,
  );
}
