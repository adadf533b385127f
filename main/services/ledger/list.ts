import type { HandlerContext } from '../../api/context';
import type {
  ArrearsList,
  ArrearsListRow,
  HeldListRow,
  LedgerComponent,
  LedgerReason,
  OverpaymentListRow,
} from '@shared/api/ledger';
import type { PayoutMethodCode } from '@shared/api/register';
import { addMonths, type Month } from '@shared/domain/dates';
import { COMPONENT_OF, REASON_TEXT } from './core';
import { overpaymentsOf, personCells } from './person';

// The ward-wide truy lĩnh / truy thu list of a payroll month: the arrears lines of the month's payrolls
// (approved, else draft) with their periods, and what those builds left open: overpayments to recover
// and money held for heirs not yet named.

export function arrearsList(ctx: HandlerContext, month: Month): ArrearsList {
  const { store } = ctx;
  const arrears = (
    store
      .prepare(
        `SELECT l.payroll_id, p.status, l.id, l.person_id, l.full_name, l.neighbourhood_name, p.programme_code, l.period_from, l.period_to, l.period_months,
                l.amount_vnd, l.ledger_reason, COALESCE(l.receiver_name, l.full_name) AS receiver, l.method
         FROM payroll_lines l JOIN payrolls p ON p.id = l.payroll_id
         WHERE p.month = ? AND l.kind = 'arrears' AND l.period_from IS NOT NULL
           AND (p.status = 'approved' OR NOT EXISTS (SELECT 1 FROM payrolls q WHERE q.month = p.month AND q.programme_code = p.programme_code AND q.status = 'approved'))
         ORDER BY l.payroll_id, l.line_no`,
      )
      .all(month) as Array<{
      payroll_id: number;
      status: 'draft' | 'approved';
      id: number;
      person_id: number;
      full_name: string;
      neighbourhood_name: string;
      programme_code: string;
      period_from: Month;
      period_to: Month;
      period_months: number;
      amount_vnd: number;
      ledger_reason: LedgerReason;
      receiver: string;
      method: PayoutMethodCode;
    }>
  ).map((r): ArrearsListRow => ({
    payrollId: r.payroll_id,
    payrollStatus: r.status,
    lineId: r.id,
    personId: r.person_id,
    fullName: r.full_name,
    neighbourhood: r.neighbourhood_name,
    programme: r.programme_code,
    component: COMPONENT_OF[r.programme_code] ?? 'other',
    fromMonth: r.period_from,
    toMonth: r.period_to,
    months: r.period_months,
    amountVnd: r.amount_vnd,
    reason: r.ledger_reason,
    reasonText: REASON_TEXT[r.ledger_reason] ?? '',
    receiverName: r.receiver,
    method: r.method,
  }));
  // Who the month's builds left open; each person's overpayments and held money as they stand now.
  const open = store
    .prepare(
      `SELECT DISTINCT o.person_id, o.kind, o.component FROM payroll_ledger_open o JOIN payrolls p ON p.id = o.payroll_id
       WHERE p.month = ? AND (p.status = 'approved' OR NOT EXISTS (SELECT 1 FROM payrolls q WHERE q.month = p.month AND q.programme_code = p.programme_code AND q.status = 'approved'))`,
    )
    .all(month) as Array<{ person_id: number; kind: 'overpaid' | 'held'; component: LedgerComponent }>;
  const people = new Map<number, { full_name: string; neighbourhood: string; death_date: string | null }>();
  const personOf = (id: number) => {
    let p = people.get(id);
    if (!p) {
      p = store
        .prepare(
          "SELECT p.full_name, COALESCE(n.name, '') AS neighbourhood, p.death_date FROM people p LEFT JOIN neighbourhoods n ON n.id = p.neighbourhood_id WHERE p.id = ?",
        )
        .get(id) as { full_name: string; neighbourhood: string; death_date: string | null };
      people.set(id, p);
    }
    return p;
  };
  // Overpayments of a programme with no payroll this month (none built yet, or no one left to pay, e.g.
  // care support after the cared person's death) are listed all the same: the people a register change
  // has touched (ledger_marks, caregivers included) or an earlier build left overpaid, and who were paid
  // in such a programme, are looked at as the build would.
  const uncovered = store
    .prepare(
      `SELECT m.person_id FROM payroll_line_months m JOIN payrolls p ON p.id = m.payroll_id AND p.status = 'approved'
       WHERE m.service_month < ? AND m.component IN ('allowance','care','pension','ncc')
         AND NOT EXISTS (SELECT 1 FROM payrolls q WHERE q.month = ? AND q.programme_code = p.programme_code)
         AND m.person_id IN (SELECT person_id FROM ledger_marks WHERE person_id IS NOT NULL
                             UNION SELECT person_id FROM payroll_ledger_open WHERE kind = 'overpaid')
       GROUP BY m.person_id ORDER BY m.person_id`,
    )
    .pluck()
    .all(month, month) as number[];
  const overpayments: OverpaymentListRow[] = [];
  const held: HeldListRow[] = [];
  const seen = new Set<string>();
  for (const o of open) {
    const key = `${o.person_id}|${o.kind}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const p = personOf(o.person_id);
    // As of the end of the month before the payroll month: what that payroll left open.
    const pc = personCells(store, o.person_id, addMonths(month, -1));
    if (o.kind === 'overpaid') {
      for (const v of overpaymentsOf(store, o.person_id, pc))
        overpayments.push({ ...v, fullName: p.full_name, neighbourhood: p.neighbourhood });
    } else {
      const rows = store
        .prepare(
          `SELECT o.component, p.programme_code AS programme, o.service_month AS month, o.owed_vnd - o.paid_vnd AS amount FROM payroll_ledger_open o JOIN payrolls p ON p.id = o.payroll_id
           WHERE p.month = ? AND o.person_id = ? AND o.kind = 'held' ORDER BY o.component, o.service_month`,
        )
        .all(month, o.person_id) as Array<{
        component: LedgerComponent;
        programme: string;
        month: Month;
        amount: number;
      }>;
      for (const r of rows) {
        const last = held[held.length - 1];
        if (
          last &&
          last.personId === o.person_id &&
          last.component === r.component &&
          addMonths(last.toMonth, 1) === r.month
        ) {
          last.toMonth = r.month;
          last.months++;
          last.amountVnd += r.amount;
        } else {
          held.push({
            personId: o.person_id,
            fullName: p.full_name,
            neighbourhood: p.neighbourhood,
            deathDate: p.death_date,
            component: r.component,
            programme: r.programme,
            fromMonth: r.month,
            toMonth: r.month,
            months: 1,
            amountVnd: r.amount,
            status: 'held',
          });
        }
      }
    }
  }
  for (const personId of uncovered) {
    if (seen.has(`${personId}|overpaid`)) continue;
    const p = personOf(personId);
    const pc = personCells(store, personId, addMonths(month, -1));
    // Still to recover only (a build lists what it leaves open; one settled long ago is not news).
    for (const v of overpaymentsOf(store, personId, pc))
      if (v.openVnd > 0) overpayments.push({ ...v, fullName: p.full_name, neighbourhood: p.neighbourhood });
  }
  const totals = {
    arrearsVnd: arrears.reduce((s, r) => s + r.amountVnd, 0),
    arrearsCount: arrears.length,
    overpaidOpenVnd: overpayments.reduce((s, r) => s + r.openVnd, 0),
    overpaymentCount: overpayments.length,
    heldVnd: held.reduce((s, r) => s + r.amountVnd, 0),
    heldCount: held.length,
  };
  return { month, arrears, overpayments, held, totals };
}
