import type { Store } from '../../db/store';
import type { LedgerComponent, LedgerReason } from '@shared/api/ledger';
import { PROGRAMME_CODES } from '@shared/api/register';
import { addMonths, type Month } from '@shared/domain/dates';
import { loadStateHistory, type ReferenceTables } from '../register/amounts';
import {
  addOwed,
  addPaidForMonths,
  addPaidForPeople,
  addSettled,
  approvedMonths,
  COMPONENT_OF,
  differenceOf,
  ledgerScope,
  loadOpenings,
  loadPersonFacts,
  monthsBetween,
  PROGRAMME_OF,
  reasonFor,
  runsOf,
  windowStart,
  type Cell,
  type Cells,
  type PersonFacts,
  type Run,
} from './core';
import {
  approvedPaidOf,
  deductionMonths,
  firstStartMonths,
  lastMarkSeq,
  lateEnteredInProgrammes,
  lateEnteredStartMonths,
  latestApprovedBefore,
  markedPeopleSince,
  paidInMonth,
  peopleLeftOpen,
  registerWideMarkFrom,
} from './queries/plan';

// The ledger's part of a month's build: which earlier service months now differ from what approved
// payrolls paid, for whom. Only what may have changed is recomputed: people marked since the last
// approved build of the programme (ledger_marks), people it left open (overpaid, held for an heir),
// and whole months no approved payroll has settled yet (or whose reference data changed). The paid
// side is one aggregate query per batch, never a query per person and month.

export interface LedgerArrears {
  personId: number;
  programme: string;
  component: LedgerComponent;
  entitlementId: number | null;
  run: Run;
  /** Deceased: paid to the heir named (heirId), never to the person's own account. */
  heirId: number | null;
}

export interface LedgerOpenRow {
  programme: string;
  personId: number;
  component: LedgerComponent;
  entitlementId: number | null;
  month: Month;
  kind: 'overpaid' | 'held';
  owedVnd: number;
  paidVnd: number;
  reason: LedgerReason;
}

export interface PendingDeduction {
  recoveryId: number;
  month: Month;
  amountVnd: number;
  paidBeforeVnd: number;
}

export interface LedgerPlan {
  /** The last change mark seen (the payroll records it). */
  seq: number;
  arrears: LedgerArrears[];
  open: LedgerOpenRow[];
  /** person|component → approved paid for the payroll month itself (normally none). */
  paidThisMonth: Map<string, number>;
  facts: Map<number, PersonFacts>;
  /** person|component → deductions the officer recorded and no approved payroll has taken yet. */
  deductions: Map<string, PendingDeduction[]>;
}

const mainEntitlement = (cells: Cell[]): number | null => {
  let best: { entitlementId: number; amountVnd: number } | null = null;
  for (const c of cells) for (const o of c.owedBy) if (!best || o.amountVnd > best.amountVnd) best = o;
  return best?.entitlementId ?? null;
};

export function planLedger(
  store: Store,
  ref: ReferenceTables,
  month: Month,
  want: (programme: string) => boolean,
): LedgerPlan {
  const seq = lastMarkSeq(store);
  const start = windowStart(month);
  const last = addMonths(month, -1);
  const programmes = PROGRAMME_CODES.filter(want);

  // Per programme: the latest approved payroll before this month, its month and the marks it had seen;
  // the first approved payroll opens the ledger (before it, months were paid outside the app).
  const latest = latestApprovedBefore(store, month);
  const latestOf = new Map(latest.map((l) => [l.programme, l]));
  const { openingOf, keep } = ledgerScope(store, month);
  const full = new Set<Month>();
  let sinceSeq = Number.MAX_SAFE_INTEGER;
  let earliestOpening = month;
  for (const p of programmes) {
    const l = latestOf.get(p);
    if (l)
      for (const m of monthsBetween(addMonths(l.month, 1) < start ? start : addMonths(l.month, 1), last)) full.add(m);
    if (l) sinceSeq = Math.min(sinceSeq, l.seq);
    if (openingOf(p) < earliestOpening) earliestOpening = openingOf(p);
  }
  // With no approved payroll at all, every mark counts (the floor below keeps that cheap).
  if (sinceSeq === Number.MAX_SAFE_INTEGER) sinceSeq = 0;
  const globalFrom = registerWideMarkFrom(store, sinceSeq);
  if (globalFrom) {
    const f = [globalFrom, start, earliestOpening].sort()[2]!;
    for (const m of monthsBetween(f, last)) full.add(m);
  }

  // People whose past months may differ: marked since, left open by the last approved builds, or paid already for this month.
  const from = new Map<number, Month>();
  const widen = (personId: number, m: Month) => {
    const f = m < start ? start : m;
    const had = from.get(personId);
    if (!had || f < had) from.set(personId, f);
  };
  for (const r of markedPeopleSince(store, sinceSeq)) widen(r.personId, r.m);
  if (latest.length) {
    const payrollIds = latest.map((l) => l.id);
    for (const r of peopleLeftOpen(store, payrollIds)) widen(r.personId, start);
  }
  const paidThisMonth = new Map<string, number>();
  const paidNowPeople = new Set<number>();
  for (const r of paidInMonth(store, month)) {
    if (!r.paid) continue;
    paidThisMonth.set(`${r.personId}|${r.component}`, r.paid);
    paidNowPeople.add(r.personId);
    widen(r.personId, start);
  }
  // A programme not yet approved (its ledger opens at this month): people with an entitlement entered
  // after its start are owed those months as a late decision, whatever the marks say.
  const unopened = programmes.filter((p) => !latestOf.has(p));
  if (unopened.length && latest.length) {
    for (const r of lateEnteredInProgrammes(store, unopened, month)) widen(r.personId, r.m);
  }
  const deductions = pendingDeductions(store);
  for (const key of deductions.keys()) widen(Number(key.split('|')[0]), start);
  // Nothing to look at before a person's first entitlement, nor before the opening unless an
  // entitlement was entered after its start (only a late decision is owed there; the office's month of
  // entry is at most 14 hours ahead of UTC, so this errs on the side of looking).
  if (from.size) {
    const ids = [...from.keys()];
    const floor = new Map<number, Month>();
    for (const r of firstStartMonths(store, ids)) {
      floor.set(r.personId, r.m < earliestOpening ? earliestOpening : r.m);
    }
    for (const r of lateEnteredStartMonths(store, ids)) {
      const f = floor.get(r.personId);
      if (!f || r.m < f) floor.set(r.personId, r.m);
    }
    for (const [personId, f] of from) {
      const lower = floor.get(personId);
      if (lower === undefined) from.delete(personId);
      else if (f < lower) from.set(personId, lower);
    }
  }

  // Both sides, whole months first, then the candidates' other months.
  const cells: Cells = new Map();
  const fullMonths = [...full].sort();
  for (const m of fullMonths) addOwed(store, ref, cells, m, undefined, keep);
  addPaidForMonths(store, cells, fullMonths);
  const candidates = [...from.keys()];
  const byMonth = new Map<Month, number[]>();
  for (const [personId, f] of from) {
    const upTo = paidNowPeople.has(personId) ? month : last;
    for (const m of monthsBetween(f, upTo)) {
      if (full.has(m)) continue;
      let list = byMonth.get(m);
      if (!list) byMonth.set(m, (list = []));
      list.push(personId);
    }
  }
  // The candidates' states for all their months from a few bulk queries (not one query per person and month).
  const history = candidates.length ? loadStateHistory(store, candidates) : undefined;
  for (const [m, ids] of byMonth) addOwed(store, ref, cells, m, ids, keep, history);
  addPaidForPeople(store, cells, candidates, start, month, (m) => full.has(m));
  const involved = [...cells.keys()];
  addSettled(store, cells, involved, start, month);

  // Keep only people with a difference somewhere; read their facts and openings.
  const withDifference: number[] = [];
  for (const [personId, byComponent] of cells) {
    let any = false;
    for (const byM of byComponent.values()) for (const c of byM.values()) if (differenceOf(c) !== 0) any = true;
    if (any) withDifference.push(personId);
  }
  const facts = loadPersonFacts(store, withDifference);
  const openings = loadOpenings(store, withDifference);
  const approved = approvedMonths(store);

  const arrears: LedgerArrears[] = [];
  const open: LedgerOpenRow[] = [];
  for (const personId of withDifference) {
    const byComponent = cells.get(personId)!;
    const f = facts.get(personId);
    for (const [component, byM] of byComponent) {
      const programme = PROGRAMME_OF[component];
      if (!programme || !want(programme)) continue;
      const opening = openings.get(`${personId}|${component}`);
      const paidNow = paidThisMonth.has(`${personId}|${component}`);
      const include = (m: Month) => m >= start && (m < month || (paidNow && m === month)) && (!opening || m >= opening);
      const { positive, negative } = runsOf(
        component,
        byM,
        (c) => reasonFor(component, c, f, approved, openingOf(programme)),
        include,
      );
      for (const run of positive) {
        if (f?.deathMonth && !f.heirId) {
          for (const c of run.cells) {
            open.push({
              programme,
              personId,
              component,
              entitlementId: mainEntitlement([c]),
              month: c.month,
              kind: 'held',
              owedVnd: c.owedVnd,
              paidVnd: c.paidVnd - c.settledVnd,
              reason: run.reason,
            });
          }
          continue;
        }
        arrears.push({
          personId,
          programme,
          component,
          entitlementId: mainEntitlement(run.cells),
          run,
          heirId: f?.deathMonth ? f.heirId : null,
        });
      }
      for (const run of negative) {
        for (const c of run.cells) {
          open.push({
            programme,
            personId,
            component,
            entitlementId: mainEntitlement([c]),
            month: c.month,
            kind: 'overpaid',
            owedVnd: c.owedVnd,
            paidVnd: c.paidVnd - c.settledVnd,
            reason: run.reason,
          });
        }
      }
    }
  }
  // Deductions need the paid side of their months (for the approval check).
  for (const [key, list] of deductions) {
    const [personId, component] = key.split('|') as [string, LedgerComponent];
    for (const d of list)
      d.paidBeforeVnd =
        cells.get(Number(personId))?.get(component)?.get(d.month)?.paidVnd ??
        approvedPaidOf(store, Number(personId), component, d.month);
  }
  return { seq, arrears, open, paidThisMonth, facts, deductions };
}

/** Deductions recorded by the officer, month by month, not yet taken by an approved payroll. */
export function pendingDeductions(store: Store): Map<string, PendingDeduction[]> {
  const result = new Map<string, PendingDeduction[]>();
  for (const r of deductionMonths(store)) {
    if (r.pending <= 0) continue;
    const key = `${r.personId}|${r.component}`;
    let list = result.get(key);
    if (!list) result.set(key, (list = []));
    list.push({ recoveryId: r.id, month: r.month, amountVnd: r.pending, paidBeforeVnd: 0 });
  }
  return result;
}

export { COMPONENT_OF };
