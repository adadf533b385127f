import type { Store } from '../../db/store';
import type { LedgerComponent, LedgerReason } from '@shared/api/ledger';
import { addMonths, monthOfDate, monthRange, type Month } from '@shared/domain/dates';
import { computeAmounts, loadReference, loadStates, type ReferenceTables } from '../register/amounts';

/** The states of some people in a month, from loadStateHistory (bulk-loaded once for many months). */
export type StateHistory = (month: Month, personIds: readonly number[]) => ReturnType<typeof loadStates>;
import { MAX_ARREARS_MONTHS } from '../register/arrears';
import { currentMonth } from '../clock';
import {
  approvedPayrollMonths,
  entitlementCreationTimes,
  firstApprovedMonths,
  openingRows,
  paidForMonths,
  paidForPeople,
  personFactRows,
  settledForPeople,
} from './queries/cells';

// The ledger's two sides for a set of people and service months. OWED is the register as it stands now
// (computeAmounts over loadStates: the eligibility rules are theirs, not the ledger's); PAID is a SQL
// aggregate over the approved rows of payroll_line_months, net of overpayments refunded or waived.
// The ledger key is (person, component, service month): several entitlements of one component (two
// BTXH groups under the highest-amount rule) are compared as one amount, so a back-dated second group
// owes only its difference.

export const COMPONENT_OF: Record<string, LedgerComponent> = {
  BTXH: 'allowance',
  BTXH_CARE: 'care',
  HTXH: 'pension',
  NCC: 'ncc',
};
export const PROGRAMME_OF: Partial<Record<LedgerComponent, string>> = {
  allowance: 'BTXH',
  care: 'BTXH_CARE',
  pension: 'HTXH',
  ncc: 'NCC',
};

export const REASON_TEXT: Record<LedgerReason, string> = {
  late_decision: 'Quyết định đến muộn (tháng đã chi trả)',
  backdated_change: 'Thay đổi có hiệu lực hồi tố',
  resumed: 'Hưởng lại sau tạm dừng',
  death: 'Đã chi sau tháng từ trần',
  moved: 'Đã chi sau khi chuyển đi',
  stopped: 'Đã chi sau khi thôi hưởng',
  suspended: 'Đã chi trong thời gian tạm dừng',
  unpaid_month: 'Tháng chưa được chi trả',
  correction: 'Điều chỉnh',
};

export interface Cell {
  month: Month;
  owedVnd: number;
  /** Approved rows for the month (deductions included). */
  paidVnd: number;
  /** Refunded or waived overpayment for the month. */
  settledVnd: number;
  /** The entitlements owed that month (amount > 0) and what each is owed. */
  owedBy: Array<{ entitlementId: number; amountVnd: number }>;
  /** Status of the component's entitlements that month (for the reason of a difference). */
  suspended: boolean;
}

/** person → component → month → cell. */
export type Cells = Map<number, Map<LedgerComponent, Map<Month, Cell>>>;

export const differenceOf = (c: Cell): number => c.owedVnd - c.paidVnd + c.settledVnd;

export function cellOf(cells: Cells, personId: number, component: LedgerComponent, month: Month): Cell {
  let byComponent = cells.get(personId);
  if (!byComponent) cells.set(personId, (byComponent = new Map()));
  let byMonth = byComponent.get(component);
  if (!byMonth) byComponent.set(component, (byMonth = new Map()));
  let cell = byMonth.get(month);
  if (!cell)
    byMonth.set(month, (cell = { month, owedVnd: 0, paidVnd: 0, settledVnd: 0, owedBy: [], suspended: false }));
  return cell;
}

/** The earliest service month the ledger still settles in the payroll of `month` (60 months back). */
export const windowStart = (month: Month): Month => addMonths(month, -MAX_ARREARS_MONTHS);

/** Adds the register's owed amounts for `month` (everyone, or the people given) to the cells. */
export function addOwed(
  store: Store,
  ref: ReferenceTables,
  cells: Cells,
  month: Month,
  personIds?: readonly number[],
  keep?: (a: { entitlementId: number; programme: string }, month: Month) => boolean,
  history?: StateHistory,
): void {
  const states = personIds && history ? history(month, personIds) : loadStates(store, month, personIds);
  for (const a of computeAmounts(ref, states, month)) {
    const component = COMPONENT_OF[a.programme];
    if (!component) continue;
    if (keep && !keep(a, month)) continue;
    if (a.amountVnd <= 0 && a.status !== 'suspended') continue;
    const cell = cellOf(cells, a.personId, component, month);
    if (a.amountVnd > 0) {
      cell.owedVnd += a.amountVnd;
      cell.owedBy.push({ entitlementId: a.entitlementId, amountVnd: a.amountVnd });
    } else cell.suspended = true;
  }
}

/** Adds the approved paid side for whole service months (everyone), set-wise. */
export function addPaidForMonths(store: Store, cells: Cells, months: readonly Month[]): void {
  if (!months.length) return;
  for (const r of paidForMonths(store, months)) cellOf(cells, r.personId, r.component, r.month).paidVnd += r.paid;
}

/** Adds the approved paid side and the settled recoveries of some people for months in [from, to], set-wise. */
export function addPaidForPeople(
  store: Store,
  cells: Cells,
  personIds: readonly number[],
  from: Month,
  to: Month,
  skipMonth?: (m: Month) => boolean,
): void {
  if (!personIds.length) return;
  for (const r of paidForPeople(store, personIds, from, to))
    if (!skipMonth?.(r.month)) cellOf(cells, r.personId, r.component, r.month).paidVnd += r.paid;
}

/** Refunds and waivers (deductions are approved rows already), for some people. */
export function addSettled(store: Store, cells: Cells, personIds: readonly number[], from: Month, to: Month): void {
  if (!personIds.length) return;
  for (const r of settledForPeople(store, personIds, from, to)) {
    const cell = cells.get(r.personId)?.get(r.component)?.get(r.month);
    // A refund for a month whose cell no one computed is still part of the month's balance.
    (cell ?? cellOf(cells, r.personId, r.component, r.month)).settledVnd += r.amount;
  }
}

/** person|component → the first month the ledger settles (entitlements that existed before it, migration 007). */
export function loadOpenings(store: Store, personIds?: readonly number[]): Map<string, Month> {
  const result = new Map<string, Month>();
  for (const r of openingRows(store, personIds)) {
    const component = COMPONENT_OF[r.programme];
    if (component) result.set(`${r.personId}|${component}`, r.fromMonth);
  }
  return result;
}

export interface PersonFacts {
  deathMonth: Month | null;
  movedMonth: Month | null;
  heirId: number | null;
}

export function loadPersonFacts(store: Store, personIds: readonly number[]): Map<number, PersonFacts> {
  return new Map(
    personFactRows(store, personIds).map((r) => [
      r.id,
      {
        deathMonth: r.death_date ? monthOfDate(r.death_date) : null,
        movedMonth: r.moved_away_date ? monthOfDate(r.moved_away_date) : null,
        heirId: r.heir_id,
      },
    ]),
  );
}

/** Approved payroll months per programme (to tell a month never paid from a late decision). */
export function approvedMonths(store: Store): Map<string, Set<Month>> {
  const result = new Map<string, Set<Month>>();
  for (const r of approvedPayrollMonths(store)) {
    let set = result.get(r.programme);
    if (!set) result.set(r.programme, (set = new Set()));
    set.add(r.month);
  }
  return result;
}

export function reasonFor(
  component: LedgerComponent,
  cell: Cell,
  facts: PersonFacts | undefined,
  approved: Map<string, Set<Month>>,
  opening: Month,
): LedgerReason {
  const d = differenceOf(cell);
  if (d < 0) {
    if (facts?.deathMonth && cell.month > facts.deathMonth) return 'death';
    if (facts?.movedMonth && cell.month > facts.movedMonth) return 'moved';
    if (cell.owedVnd === 0) return cell.suspended ? 'suspended' : 'stopped';
    return 'backdated_change';
  }
  if (cell.paidVnd > 0) return 'backdated_change';
  const programme = PROGRAMME_OF[component];
  // Before the opening only late-entered entitlements are owed (core of planLedger's keep rule).
  if (cell.month < opening) return 'late_decision';
  if (!programme || !approved.get(programme)?.has(cell.month)) return 'unpaid_month';
  return 'late_decision';
}

/** A run of consecutive months of one sign and one reason. */
export interface Run {
  component: LedgerComponent;
  reason: LedgerReason;
  cells: Cell[];
  amountVnd: number;
}

/** Splits a component's cells (months < `before`, inside the window) into runs of positive and negative differences. */
export function runsOf(
  component: LedgerComponent,
  byMonth: Map<Month, Cell>,
  reasonOf: (c: Cell) => LedgerReason,
  include: (m: Month) => boolean,
): { positive: Run[]; negative: Run[] } {
  const months = [...byMonth.keys()].filter(include).sort();
  const positive: Run[] = [];
  const negative: Run[] = [];
  let current: Run | null = null;
  let last: Month | null = null;
  for (const m of months) {
    const cell = byMonth.get(m)!;
    const d = differenceOf(cell);
    if (d === 0) {
      current = null;
      continue;
    }
    const reason = reasonOf(cell);
    const sign = d > 0;
    if (current && last && addMonths(last, 1) === m && current.reason === reason && current.amountVnd > 0 === sign) {
      current.cells.push(cell);
      current.amountVnd += d;
    } else {
      current = { component, reason, cells: [cell], amountVnd: d };
      (sign ? positive : negative).push(current);
    }
    last = m;
  }
  return { positive, negative };
}

/** The months from `from` to `to` inclusive, or none. */
export const monthsBetween = (from: Month, to: Month): Month[] => (from <= to ? monthRange(from, to) : []);

/**
 * The ledger opens per programme at its first approved payroll (before it, months were paid outside
 * the app); there, only an entitlement entered after the month (a late decision) is owed. `month` is the
 * payroll month being built or viewed: with no approved payroll yet, the ledger opens there.
 */
export function ledgerScope(
  store: Store,
  month: Month,
): {
  openingOf: (programme: string) => Month;
  keep: (a: { entitlementId: number; programme: string }, m: Month) => boolean;
} {
  const firstApproved = new Map(firstApprovedMonths(store).map((r) => [r.programme, r.month]));
  const openingOf = (programme: string): Month => {
    const first = firstApproved.get(programme);
    return first && first < month ? first : month;
  };
  let createdMonths: Map<number, Month> | null = null;
  const createdMonthOf = (entitlementId: number): Month => {
    if (!createdMonths) {
      createdMonths = new Map(entitlementCreationTimes(store).map((e) => [e.id, currentMonth(new Date(e.created_at))]));
    }
    return createdMonths.get(entitlementId) ?? '0000-00';
  };
  return { openingOf, keep: (a, m) => m >= openingOf(a.programme) || createdMonthOf(a.entitlementId) > m };
}

export { loadReference };
