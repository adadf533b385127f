import type { Store } from '../../db/store';
import type { Month } from '../../../shared/domain/dates';

// Money in approved payrolls (the payroll snapshots each line; an approved payroll is never edited). Keys:
// 'PROGRAMME|' for the programme's total, 'PROGRAMME|GROUP' per group. null when no payroll of the
// month is approved yet (the reports then say so instead of printing 0).

const SQL = `
SELECT pr.programme_code AS programme, COALESCE(pl.group_code, '') AS groupCode, SUM(pl.amount_vnd) AS vnd
FROM payrolls pr JOIN payroll_lines pl ON pl.payroll_id = pr.id
WHERE pr.status = 'approved' AND pr.month >= @from AND pr.month <= @to
GROUP BY pr.programme_code, COALESCE(pl.group_code, '')`;

export function paidByGroup(store: Store, from: Month, to: Month = from): Map<string, number> | null {
  const approved = store.sqlite.prepare("SELECT COUNT(*) FROM payrolls WHERE status = 'approved' AND month >= ? AND month <= ?").pluck().get(from, to) as number;
  if (approved === 0) return null;
  const result = new Map<string, number>();
  for (const r of store.sqlite.prepare(SQL).all({ from, to }) as Array<{ programme: string; groupCode: string; vnd: number }>) {
    result.set(`${r.programme}|`, (result.get(`${r.programme}|`) ?? 0) + r.vnd);
    if (r.groupCode) result.set(`${r.programme}|${r.groupCode}`, r.vnd);
  }
  return result;
}
