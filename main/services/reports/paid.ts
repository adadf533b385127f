import type { Store } from '../../db/store';
import type { Month } from '@shared/domain/dates';

// Money of the month's approved payrolls (the payroll snapshots each line; an approved payroll is never
// edited), two ways: *approved* (every line of an approved payroll: what may be paid) and *paid* (the
// lines whose payment result is recorded as paid: money that actually reached people). Keys:
// 'PROGRAMME|' for the programme's total, 'PROGRAMME|GROUP' per group. null when no payroll of the
// month is approved yet (the reports then say so instead of printing 0).

const SQL = `
SELECT pr.programme_code AS programme, COALESCE(pl.group_code, '') AS groupCode,
       SUM(pl.amount_vnd) AS approvedVnd,
       SUM(CASE WHEN pl.status = 'paid' THEN pl.amount_vnd ELSE 0 END) AS paidVnd
FROM payrolls pr JOIN payroll_lines pl ON pl.payroll_id = pr.id
WHERE pr.status = 'approved' AND pr.month >= @from AND pr.month <= @to
GROUP BY pr.programme_code, COALESCE(pl.group_code, '')`;

export interface PayrollMoney {
  approved: Map<string, number>;
  paid: Map<string, number>;
}

export function payrollMoneyByGroup(store: Store, from: Month, to: Month = from): PayrollMoney | null {
  const approvedCount = store.sqlite
    .prepare("SELECT COUNT(*) FROM payrolls WHERE status = 'approved' AND month >= ? AND month <= ?")
    .pluck()
    .get(from, to) as number;
  if (approvedCount === 0) return null;
  const approved = new Map<string, number>();
  const paid = new Map<string, number>();
  const add = (map: Map<string, number>, programme: string, group: string, vnd: number) => {
    map.set(`${programme}|`, (map.get(`${programme}|`) ?? 0) + vnd);
    if (group) map.set(`${programme}|${group}`, vnd);
  };
  for (const r of store.sqlite.prepare(SQL).all({ from, to }) as Array<{
    programme: string;
    groupCode: string;
    approvedVnd: number;
    paidVnd: number;
  }>) {
    add(approved, r.programme, r.groupCode, r.approvedVnd);
    add(paid, r.programme, r.groupCode, r.paidVnd);
  }
  return { approved, paid };
}
