import type { Store } from '../../db/store';
import { addMonths, monthDiff, type Month } from '@shared/domain/dates';
import { inForce, standardLevelAt } from '@shared/domain/allowance';
import {
  computeAmounts,
  loadReference,
  standardProgrammeOf,
  type EntitlementState,
  type ReferenceTables,
} from '../register/amounts';
import { allEntitlements, allTerms, programmeNameRows, type EntitlementRow, type TermRow } from './queries';

// What every report reads: for each month, each entitlement in force with the group applied that month
// (after the age rules), the person's age and the amount due, computed by the register's own rules
// (computeAmounts), so the reports and the register cannot disagree. Months are loaded once per call and
// shared by the reports built from them (the overview builds five reports from one load).

export interface EntitlementMonth {
  entitlementId: number;
  personId: number;
  programme: string;
  groupCode: string | null;
  /** Completed years at the month's end; null when the birth date is unknown. */
  age: number | null;
  amountVnd: number;
  /** In force and receiving this month: an active term and the person alive at the start of the month. */
  receiving: boolean;
}

export interface MonthData {
  month: Month;
  rows: EntitlementMonth[];
}

export interface ReportPeriod {
  month: Month;
  /** First month of the period of the summaries (forms 10a/c/d). */
  from: Month;
  /** January of the month's year: the year-to-date columns. */
  yearFrom: Month;
}

/** The default period: the half-year containing `month` (the province asks before 15/6 and 15/12). */
export function resolvePeriod(month: Month, from?: Month): ReportPeriod {
  const year = month.slice(0, 4);
  const half = Number(month.slice(5, 7)) <= 6 ? `${year}-01` : `${year}-07`;
  const start = from && from <= month ? from : half;
  return { month, from: start, yearFrom: `${year}-01` };
}

/** The months a report reads (the non-cash report reads the campaign's figures instead). */
export function monthsNeeded(kinds: readonly string[], period: ReportPeriod): Month[] {
  const months = new Set<Month>();
  if (kinds.includes('changes')) for (const m of [addMonths(period.month, -1), period.month]) months.add(m);
  if (kinds.some((k) => k.startsWith('form'))) {
    for (const m of monthsBetween(period.from < period.yearFrom ? period.from : period.yearFrom, period.month))
      months.add(m);
  }
  return [...months].sort();
}

export function monthsBetween(from: Month, to: Month): Month[] {
  const n = monthDiff(from, to);
  return Array.from({ length: Math.max(0, n + 1) }, (_, i) => addMonths(from, i));
}

/**
 * Loads the register once (entitlements with their people, all terms) and gives each month's states as
 * register/amounts.ts loadStates would (the term in force is the latest with effective_from <= month),
 * without one query per month: a year to date is 12 months of the same tables. A test checks that the
 * states equal loadStates's.
 */
export class PeriodLoader {
  readonly ref: ReferenceTables;
  private readonly cache = new Map<Month, CachedMonth>();
  private tables: { entitlements: EntitlementRow[]; terms: Map<number, TermRow[]> } | undefined;
  constructor(private readonly store: Store) {
    this.ref = loadReference(store);
  }

  /** The entitlement states of `month`, in entitlement order. */
  states(month: Month): EntitlementState[] {
    if (!this.tables) {
      const terms = new Map<number, TermRow[]>();
      for (const t of allTerms(this.store)) {
        const list = terms.get(t.entitlementId);
        if (list) list.push(t);
        else terms.set(t.entitlementId, [t]);
      }
      this.tables = { entitlements: allEntitlements(this.store), terms };
    }
    const states: EntitlementState[] = [];
    // Care support follows the cared person's own monthly allowance (see loadStates): who is enrolled in
    // BTXH at all, and who has one in force with an active term this month.
    const enrolled = new Set<number>();
    const receiving = new Set<number>();
    for (const e of this.tables.entitlements) {
      if (e.programme !== 'BTXH') continue;
      enrolled.add(e.personId);
      if (e.startMonth > month || (e.endMonth !== null && e.endMonth < month)) continue;
      if (termIn(this.tables.terms.get(e.entitlementId), month)?.status === 'active') receiving.add(e.personId);
    }
    for (const e of this.tables.entitlements) {
      if (e.startMonth > month || (e.endMonth !== null && e.endMonth < month)) continue;
      const term = termIn(this.tables.terms.get(e.entitlementId), month);
      // An explicit literal (not a spread): this runs for every entitlement of every month.
      states.push({
        entitlementId: e.entitlementId,
        personId: e.personId,
        programme: e.programme,
        startMonth: e.startMonth,
        endMonth: e.endMonth,
        termId: term ? term.termId : null,
        status: term ? term.status : null,
        groupCode: term ? term.groupCode : null,
        multiplier: term ? term.multiplier : 1,
        componentsVnd: term ? term.componentsVnd : 0,
        birthDate: e.birthDate,
        birthPrecision: e.birthPrecision,
        deathDate: e.deathDate,
      });
      // Care support only, as loadStates does (most entitlements name no cared person).
      if (e.caredPersonId !== null) {
        Object.assign(states[states.length - 1]!, {
          caredPersonId: e.caredPersonId,
          caredBirthDate: e.caredBirthDate,
          caredBirthPrecision: e.caredBirthPrecision,
          caredDeathDate: e.caredDeathDate,
          caredMovedAwayDate: e.caredMovedAwayDate,
          caredAllowance: !enrolled.has(e.caredPersonId)
            ? null
            : receiving.has(e.caredPersonId)
              ? 'active'
              : 'inactive',
        });
      }
    }
    return states;
  }

  /** Loads `months` one by one, calling `step` between them (a job's progress, yield and cancel check). */
  async preload(months: readonly Month[], step: (done: number, total: number) => Promise<void>): Promise<void> {
    for (const [i, m] of months.entries()) {
      this.load(m);
      await step(i + 1, months.length);
    }
  }

  /**
   * The month's rows. computeAmounts is the costly part (about the register's "monthly amounts for
   * everyone" per month), so a month following a loaded month recomputes only the people whose inputs
   * changed: an entitlement starting or ending, another term, a birthday changing the age, a death; and
   * everyone when a standard level or coefficient changed between the two months. A test checks the
   * rows equal a full computation month by month.
   */
  load(month: Month): MonthData {
    const hit = this.cache.get(month);
    if (hit) return hit;
    const states = this.states(month);
    const prev = addMonths(month, -1);
    const previous = this.cache.get(addMonths(month, -1));
    const reuse = previous && this.sameReference(previous.month, month) ? previous : undefined;
    const byPerson = new Map<number, EntitlementState[]>();
    for (const st of states) {
      const list = byPerson.get(st.personId);
      if (list) list.push(st);
      else byPerson.set(st.personId, [st]);
    }
    const rows: EntitlementMonth[] = [];
    const signatures = new Map<number, string>();
    const recompute: EntitlementState[] = [];
    for (const [personId, list] of byPerson) {
      // The age at the month's end and at the month before's (an upper age limit ends a band the month
      // after it is reached), and for care support the cared person's.
      const signature = list
        .map(
          (st) =>
            `${st.entitlementId}:${st.termId ?? 'n'}:${ageOf(st, month) ?? 'u'}:${ageOf(st, prev) ?? 'u'}:${aliveIn(st, month) ? 1 : 0}${st.caredPersonId == null ? '' : caredKey(st, month, prev)}`,
        )
        .join('|');
      signatures.set(personId, signature);
      const before = reuse?.signatures.get(personId);
      if (before === signature) rows.push(...reuse!.rowsByPerson.get(personId)!);
      else recompute.push(...list);
    }
    const amounts = computeAmounts(this.ref, recompute, month);
    // computeAmounts returns one row per state, in the same order.
    amounts.forEach((a, i) => {
      const st = recompute[i]!;
      rows.push({
        entitlementId: a.entitlementId,
        personId: a.personId,
        programme: a.programme,
        groupCode: a.groupCode,
        age: ageOf(st, month),
        amountVnd: a.amountVnd,
        receiving: aliveIn(st, month) && a.status === 'active',
      });
    });
    const rowsByPerson = new Map<number, EntitlementMonth[]>();
    for (const r of rows) {
      const list = rowsByPerson.get(r.personId);
      if (list) list.push(r);
      else rowsByPerson.set(r.personId, [r]);
    }
    const data: CachedMonth = { month, rows, signatures, rowsByPerson };
    this.cache.set(month, data);
    return data;
  }

  /** Same standard levels and coefficients in force in both months. */
  private sameReference(a: Month, b: Month): boolean {
    for (const programme of this.ref.amountRules.keys()) {
      const p = standardProgrammeOf(programme);
      if (standardLevelAt(this.ref.levels, p, a) !== standardLevelAt(this.ref.levels, p, b)) return false;
    }
    for (const rows of this.ref.coefficients.values())
      if (inForce(rows, a)?.milli !== inForce(rows, b)?.milli) return false;
    return true;
  }
}

interface CachedMonth extends MonthData {
  signatures: Map<number, string>;
  rowsByPerson: Map<number, EntitlementMonth[]>;
}

/** ageInYearsAtMonthEnd(birthOf(st), month) in plain arithmetic (called for every row of every month). */
function ageOf(st: EntitlementState, month: Month): number | null {
  if (!st.birthDate || st.birthPrecision === 'unknown') return null;
  const age = Number(month.slice(0, 4)) - Number(st.birthDate.slice(0, 4));
  if (st.birthPrecision === 'year') return age;
  return Number(month.slice(5, 7)) < Number(st.birthDate.slice(5, 7)) ? age - 1 : age;
}

const aliveIn = (st: EntitlementState, month: Month) => !st.deathDate || st.deathDate.slice(0, 7) >= month;

/** What of the cared person a care-support amount depends on this month. */
function caredKey(st: EntitlementState, month: Month, prev: Month): string {
  const cared = {
    birthDate: st.caredBirthDate,
    birthPrecision: st.caredBirthPrecision ?? 'unknown',
    deathDate: st.caredDeathDate,
  } as EntitlementState;
  const moved = !!st.caredMovedAwayDate && st.caredMovedAwayDate.slice(0, 7) < month;
  return `:c${ageOf(cared, month) ?? 'u'}:${ageOf(cared, prev) ?? 'u'}:${aliveIn(cared, month) ? 1 : 0}:${moved ? 1 : 0}:${st.caredAllowance ?? 'n'}`;
}

/** The term in force in `month`: the latest with effective_from <= month (terms sorted by it). */
function termIn(terms: TermRow[] | undefined, month: Month): TermRow | undefined {
  let term: TermRow | undefined;
  for (const t of terms ?? []) {
    if (t.effectiveFrom > month) break;
    term = t;
  }
  return term;
}

/** Programme names and order from the programmes table. */
export function programmeNames(store: Store): Map<string, string> {
  return new Map(programmeNameRows(store).map((r) => [r.code, r.name_vi]));
}
