import type { HandlerContext } from '../../api/context';
import type { Store } from '../../db/store';
import { ApiError } from '@shared/api/errors';
import type {
  HeirView,
  LedgerComponent,
  LedgerPayment,
  LedgerRow,
  OverpaymentView,
  PersonLedger,
  RecoveryView,
} from '@shared/api/ledger';
import { addMonths, type Month } from '@shared/domain/dates';
import { currentMonth } from '../clock';
import { loadReference, loadStateHistory } from '../register/amounts';
import {
  addOwed,
  addPaidForPeople,
  addSettled,
  approvedMonths,
  differenceOf,
  ledgerScope,
  loadOpenings,
  loadPersonFacts,
  monthsBetween,
  PROGRAMME_OF,
  REASON_TEXT,
  reasonFor,
  runsOf,
  windowStart,
  type Cells,
} from './core';
import {
  approvedPaidRows,
  entitlementGroups,
  firstEntitledMonth,
  latestHeir,
  oneOffItemsOf,
  personExists,
  recoveryRows,
} from './queries/person';

// One person's money history: owed against paid per service month and component, with the payroll
// lines that paid it; what is held for an heir; overpayments and how they are being recovered.

const COMPONENT_LABEL: Record<LedgerComponent, string> = {
  allowance: 'Trợ cấp xã hội hằng tháng',
  care: 'Hỗ trợ kinh phí chăm sóc, nuôi dưỡng',
  pension: 'Trợ cấp hưu trí xã hội',
  ncc: 'Trợ cấp người có công',
  funeral: 'Hỗ trợ chi phí mai táng',
  other: 'Khoản khác (điều chỉnh, truy lĩnh theo quyết định)',
};

export interface PersonCells {
  cells: Cells;
  /** person|component runs are taken only from months inside the window and after the openings. */
  include: (component: LedgerComponent, m: Month) => boolean;
  upTo: Month;
}

/** Both sides of one person's ledger from their first entitlement up to `upTo` (inclusive). */
export function personCells(store: Store, personId: number, upTo: Month): PersonCells {
  const ref = loadReference(store);
  const cells: Cells = new Map();
  const first = firstEntitledMonth(store, personId);
  const start = windowStart(upTo);
  const from = first && first > start ? first : start;
  const { openingOf, keep } = ledgerScope(store, upTo);
  if (first) {
    const history = loadStateHistory(store, [personId]);
    for (const m of monthsBetween(from, upTo)) addOwed(store, ref, cells, m, [personId], keep, history);
  }
  addPaidForPeople(store, cells, [personId], from, upTo);
  addSettled(store, cells, [personId], from, upTo);
  const openings = loadOpenings(store, [personId]);
  const include = (component: LedgerComponent, m: Month) => {
    const opening = openings.get(`${personId}|${component}`);
    const programme = PROGRAMME_OF[component];
    return (
      m >= from &&
      m <= upTo &&
      (!opening || m >= opening) &&
      !!programme &&
      (m >= openingOf(programme) ||
        (cells.get(personId)?.get(component)?.get(m)?.owedVnd ?? 0) > 0 ||
        (cells.get(personId)?.get(component)?.get(m)?.paidVnd ?? 0) > 0)
    );
  };
  return { cells, include, upTo };
}

export function recoveriesOf(
  store: Store,
  personId: number,
): Array<RecoveryView & { component: LedgerComponent; fromMonth: Month; toMonth: Month }> {
  return recoveryRows(store, personId).map((r) => ({
    id: r.id,
    method: r.method,
    amountVnd: r.amount_vnd,
    appliedVnd: r.method === 'deduct' ? r.applied : r.amount_vnd,
    paperNumber: r.paper_number,
    paperDate: r.paper_date,
    note: r.note,
    createdAt: r.created_at,
    createdBy: r.created_by,
    component: r.component,
    fromMonth: r.from_month,
    toMonth: r.to_month,
  }));
}

export function heirOf(store: Store, personId: number): HeirView | null {
  const h = latestHeir(store, personId);
  if (!h) return null;
  return {
    id: h.id,
    personId,
    fullName: h.full_name,
    relationship: h.relationship,
    citizenId: h.citizen_id,
    paperKind: h.paper_kind,
    paperNumber: h.paper_number,
    paperDate: h.paper_date,
    method: h.method,
    bankCode: h.bank_code,
    accountNumber: h.account_number,
    holderName: h.holder_name,
    branch: h.branch,
    note: h.note,
    createdAt: h.created_at,
    createdBy: h.created_by_name,
  };
}

/** Overpayments of one person, as runs of months, with their recoveries (for the views and recordRecovery). */
export function overpaymentsOf(store: Store, personId: number, pc: PersonCells): OverpaymentView[] {
  const facts = loadPersonFacts(store, [personId]);
  const approved = approvedMonths(store);
  const { openingOf } = ledgerScope(store, pc.upTo);
  const recoveries = recoveriesOf(store, personId);
  const result: OverpaymentView[] = [];
  for (const [component, byMonth] of pc.cells.get(personId) ?? []) {
    const programme = PROGRAMME_OF[component];
    if (!programme) continue;
    // Runs of what was paid beyond what is owed, before any refund or waiver (so a recovered one still shows).
    const gross = new Map([...byMonth].map(([m, c]) => [m, { ...c, settledVnd: 0 }]));
    const { negative } = runsOf(
      component,
      gross,
      (c) => reasonFor(component, c, facts.get(personId), approved, openingOf(programme)),
      (m) => pc.include(component, m),
    );
    for (const run of negative) {
      const fromMonth = run.cells[0]!.month;
      const toMonth = run.cells[run.cells.length - 1]!.month;
      const own = recoveries.filter(
        (r) => r.component === component && r.fromMonth <= toMonth && r.toMonth >= fromMonth,
      );
      const amountVnd = -run.amountVnd;
      const settled = run.cells.reduce((s, c) => s + (byMonth.get(c.month)?.settledVnd ?? 0), 0);
      const pendingDeduct = own
        .filter((r) => r.method === 'deduct')
        .reduce((s, r) => s + r.amountVnd - r.appliedVnd, 0);
      const openVnd = Math.max(0, amountVnd - settled);
      const waived = own.some((r) => r.method === 'waive');
      result.push({
        personId,
        component,
        programme,
        fromMonth,
        toMonth,
        months: run.cells.length,
        amountVnd,
        recoveredVnd: settled,
        openVnd,
        status:
          openVnd === 0 ? (waived ? 'waived' : 'recovered') : pendingDeduct > 0 || settled > 0 ? 'recovering' : 'open',
        reason: run.reason,
        reasonText: REASON_TEXT[run.reason],
        recoveries: own,
      });
    }
  }
  return result;
}

export function personLedger(ctx: HandlerContext, personId: number): PersonLedger {
  const { store } = ctx;
  if (!personExists(store, personId)) throw new ApiError('NOT_FOUND', 'Không tìm thấy hồ sơ người này.');
  const month = currentMonth(ctx.now);
  const pc = personCells(store, personId, month);
  const paid = approvedPaidRows(store, personId);
  const paidBy = new Map<string, LedgerPayment[]>();
  const oneOffPaid = new Map<string, { amount: number; entitlementId: number | null }>();
  for (const r of paid) {
    const key = `${r.service_month}|${r.component}`;
    const list = paidBy.get(key) ?? [];
    list.push({
      payrollId: r.payroll_id,
      payrollMonth: r.payroll_month,
      programme: r.programme,
      lineId: r.line_id,
      amountVnd: r.amount_vnd,
    });
    paidBy.set(key, list);
    if (r.component === 'funeral' || r.component === 'other') {
      const o = oneOffPaid.get(key) ?? { amount: 0, entitlementId: r.entitlement_id };
      o.amount += r.amount_vnd;
      oneOffPaid.set(key, o);
    }
  }
  const rows: LedgerRow[] = [];
  const groups = new Map<number, string>(entitlementGroups(store, personId).map((r) => [r.id, r.g]));
  for (const [component, byMonth] of pc.cells.get(personId) ?? []) {
    for (const [m, c] of byMonth) {
      if (!pc.include(component, m) || (c.owedVnd === 0 && c.paidVnd === 0)) continue;
      const entitlementId =
        c.owedBy[0]?.entitlementId ??
        paid.find((p) => p.service_month === m && p.component === component)?.entitlement_id ??
        null;
      const group = entitlementId ? groups.get(entitlementId) : '';
      rows.push({
        serviceMonth: m,
        component,
        entitlementId,
        label: group ? `${COMPONENT_LABEL[component]} — ${group}` : COMPONENT_LABEL[component],
        owedVnd: c.owedVnd,
        paidVnd: c.paidVnd - c.settledVnd,
        differenceVnd: differenceOf(c),
        paidBy: paidBy.get(`${m}|${component}`) ?? [],
      });
    }
  }
  // One-off items: owed in their due month, paid by their line.
  for (const item of oneOffItemsOf(store, personId)) {
    const component: LedgerComponent = item.kind === 'funeral' ? 'funeral' : 'other';
    const key = `${item.due_month}|${component}`;
    const existing = rows.find((r) => r.serviceMonth === item.due_month && r.component === component);
    if (existing) {
      existing.owedVnd += item.amount_vnd;
      existing.differenceVnd = existing.owedVnd - existing.paidVnd;
      continue;
    }
    const p = oneOffPaid.get(key)?.amount ?? 0;
    rows.push({
      serviceMonth: item.due_month,
      component,
      entitlementId: item.entitlement_id,
      label: item.note || COMPONENT_LABEL[component],
      owedVnd: item.amount_vnd,
      paidVnd: p,
      differenceVnd: item.amount_vnd - p,
      paidBy: paidBy.get(key) ?? [],
    });
  }
  rows.sort((a, b) =>
    a.serviceMonth < b.serviceMonth ? -1 : a.serviceMonth > b.serviceMonth ? 1 : a.component < b.component ? -1 : 1,
  );
  const totals = { owedVnd: 0, paidVnd: 0, arrearsVnd: 0, overpaidVnd: 0 };
  for (const r of rows) {
    totals.owedVnd += r.owedVnd;
    totals.paidVnd += r.paidVnd;
    // This month's own amount is the payroll's to pay, not arrears.
    if (r.differenceVnd > 0 && r.serviceMonth < month) totals.arrearsVnd += r.differenceVnd;
    if (r.differenceVnd < 0) totals.overpaidVnd -= r.differenceVnd;
  }
  const heir = heirOf(store, personId);
  const facts = loadPersonFacts(store, [personId]).get(personId);
  const heldForHeir = facts?.deathMonth ? heldOf(store, personId, pc, heir ? 'to_heir' : 'held') : [];
  return { personId, months: rows, totals, heldForHeir, overpayments: overpaymentsOf(store, personId, pc), heir };
}

/** What a deceased person is still owed, as runs of months (held until an heir is named). */
function heldOf(
  store: Store,
  personId: number,
  pc: PersonCells,
  status: 'held' | 'to_heir',
): PersonLedger['heldForHeir'] {
  const approved = approvedMonths(store);
  const facts = loadPersonFacts(store, [personId]).get(personId);
  const { openingOf } = ledgerScope(store, pc.upTo);
  const result: PersonLedger['heldForHeir'] = [];
  for (const [component, byMonth] of pc.cells.get(personId) ?? []) {
    const programme = PROGRAMME_OF[component];
    if (!programme) continue;
    const { positive } = runsOf(
      component,
      byMonth,
      (c) => reasonFor(component, c, facts, approved, openingOf(programme)),
      (m) => pc.include(component, m),
    );
    for (const run of positive) {
      result.push({
        component,
        programme,
        fromMonth: run.cells[0]!.month,
        toMonth: run.cells[run.cells.length - 1]!.month,
        months: run.cells.length,
        amountVnd: run.amountVnd,
        status,
      });
    }
  }
  return result;
}

export const previousMonth = (m: Month): Month => addMonths(m, -1);
