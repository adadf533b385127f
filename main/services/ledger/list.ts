import type { HandlerContext } from '../../api/context';
import type { ArrearsList, ArrearsListRow, HeldListRow, OverpaymentListRow } from '@shared/api/ledger';
import { addMonths, type Month } from '@shared/domain/dates';
import { COMPONENT_OF, REASON_TEXT } from './core';
import { overpaymentsOf, personCells } from './person';
import {
  arrearsLines,
  heldRows,
  leftOpenBy,
  listPerson,
  paidWithoutPayrollThisMonth,
  type ListPerson,
} from './queries/list';

// The ward-wide truy lĩnh / truy thu list of a payroll month: the arrears lines of the month's payrolls
// (approved, else draft) with their periods, and what those builds left open: overpayments to recover
// and money held for heirs not yet named.

export function arrearsList(ctx: HandlerContext, month: Month): ArrearsList {
  const { store } = ctx;
  const arrears = arrearsLines(store, month).map((r): ArrearsListRow => ({
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
  const open = leftOpenBy(store, month);
  const people = new Map<number, ListPerson>();
  const personOf = (id: number) => {
    let p = people.get(id);
    if (!p) {
      p = listPerson(store, id);
      people.set(id, p);
    }
    return p;
  };
  // Overpayments of a programme with no payroll this month (none built yet, or no one left to pay, e.g.
  // care support after the cared person's death) are listed all the same: the people a register change
  // has touched (ledger_marks, caregivers included) or an earlier build left overpaid, and who were paid
  // in such a programme, are looked at as the build would.
  const uncovered = paidWithoutPayrollThisMonth(store, month);
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
      for (const r of heldRows(store, month, o.person_id)) {
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
