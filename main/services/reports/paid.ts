import type { Store } from '../../db/store';
import type { Month } from '@shared/domain/dates';
import { approvedPayrollCount, payrollMoneyRows } from './queries';

// Money of the month's approved payrolls (the payroll snapshots each line; an approved payroll is never
// edited), two ways: *approved* (every line of an approved payroll: what may be paid) and *paid* (the
// lines whose payment result is recorded as paid: money that actually reached people). Keys:
// 'PROGRAMME|' for the programme's total, 'PROGRAMME|GROUP' per group. null when no payroll of the
// month is approved yet (the reports then say so instead of printing 0).

export interface PayrollMoney {
  approved: Map<string, number>;
  paid: Map<string, number>;
}

export function payrollMoneyByGroup(store: Store, from: Month, to: Month = from): PayrollMoney | null {
  if (approvedPayrollCount(store, from, to) === 0) return null;
  const approved = new Map<string, number>();
  const paid = new Map<string, number>();
  const add = (map: Map<string, number>, programme: string, group: string, vnd: number) => {
    map.set(`${programme}|`, (map.get(`${programme}|`) ?? 0) + vnd);
    if (group) map.set(`${programme}|${group}`, vnd);
  };
  for (const r of payrollMoneyRows(store, from, to)) {
    add(approved, r.programme, r.groupCode, r.approvedVnd);
    add(paid, r.programme, r.groupCode, r.paidVnd);
  }
  return { approved, paid };
}
