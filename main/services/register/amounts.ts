import type { Store } from '../../db/store';
import { allowanceGroups, groupCoefficients, programmeAmountRules, standardLevels } from './queries/reference';
import {
  btxhEntitlementsOf,
  caredPeople,
  entitlementsOfPeople,
  statesInIdRange,
  statesOfEveryone,
  statesOfPeople,
  termsOfEntitlements,
  type CaredPersonRow,
  type CaredRow,
  type HistoryEntitlementRow,
  type HistoryTermRow,
  type OwnAllowanceRow,
  type StateRow,
} from './queries/states';
import {
  ageRuleAt,
  applyOverlapRule,
  familyHasGap,
  coefficientMonthly,
  inForce,
  standardLevelAt,
  type GroupInfo,
  type StandardLevelRow,
} from '@shared/domain/allowance';
import {
  addMonths,
  ageInYearsAt,
  ageInYearsAtMonthEnd,
  formatDateVi,
  formatMonthVi,
  type BirthDate,
  type Month,
} from '@shared/domain/dates';

// Monthly amounts for a month, for everyone or a few people: load the entitlements in force with one
// query, then apply the pure rules of shared/domain/allowance.ts. The payroll builds on the same code.

export interface ReferenceTables {
  groups: Map<string, GroupInfo & { label: string }>;
  families: Map<string, GroupInfo[]>;
  coefficients: Map<string, Array<{ from: Month; milli: number }>>;
  levels: StandardLevelRow[];
  amountRules: Map<string, 'coefficient' | 'recorded'>;
  /** Families whose bands do not meet (CS-NUOI): the age at the start picks the run of bands. */
  gapFamilies: Set<string>;
}

export function loadReference(store: Store): ReferenceTables {
  const groups = new Map<string, GroupInfo & { label: string }>();
  const families = new Map<string, GroupInfo[]>();
  for (const r of allowanceGroups(store)) {
    const g = {
      code: r.code,
      programme: r.programme_code,
      clause: r.clause,
      family: r.family || r.code,
      ageMin: r.age_min,
      ageMax: r.age_max,
      label: r.label_vi,
    };
    groups.set(g.code, g);
    families.set(g.family, [...(families.get(g.family) ?? []), g]);
  }
  const coefficients = new Map<string, Array<{ from: Month; milli: number }>>();
  for (const c of groupCoefficients(store)) {
    coefficients.set(c.group_code, [
      ...(coefficients.get(c.group_code) ?? []),
      { from: c.effective_from, milli: c.coefficient_milli },
    ]);
  }
  const levels = standardLevels(store).map((l) => ({
    programme: l.programme_code,
    scope: l.scope,
    from: l.effective_from,
    amountVnd: l.amount_vnd,
  }));
  const amountRules = new Map(programmeAmountRules(store).map((p) => [p.code, p.amount_rule]));
  const gapFamilies = new Set([...families].filter(([, members]) => familyHasGap(members)).map(([family]) => family));
  return { groups, families, coefficients, levels, amountRules, gapFamilies };
}

/** Care support is a coefficient of the social-assistance standard level (Decree 20/2021 Art. 20). */
export const standardProgrammeOf = (programme: string): string => (programme === 'BTXH_CARE' ? 'BTXH' : programme);

/** One entitlement in a month (the queries' StateRow) with what care support needs of the person cared for. */
export interface EntitlementState extends StateRow {
  /**
   * Care support: the person cared for (entitlements.cared_person_id); the amount follows them. Set only
   * on entitlements that name one (loadStates reads them with a second, small query: most rows have none).
   */
  caredPersonId?: number | null;
  caredBirthDate?: string | null;
  caredBirthPrecision?: 'day' | 'year' | 'unknown' | null;
  caredDeathDate?: string | null;
  caredMovedAwayDate?: string | null;
  /**
   * The cared person's own monthly social allowance (BTXH) this month: 'active' when one is in force with
   * an active term, 'inactive' when they are enrolled in BTXH but none is (suspended, stopped, ended, not
   * yet started), null when they were never enrolled (then only death, moving and age count).
   */
  caredAllowance?: 'active' | 'inactive' | null;
}

/** The people whose ids lie in [from, to]: the start's summary refresh goes through the register in such slices. */
export interface IdRange {
  from: number;
  to: number;
}

/** Entitlements whose period includes `month` (for everyone, the given people, or an id range). */
export function loadStates(store: Store, month: Month, personIds?: readonly number[] | IdRange): EntitlementState[] {
  let read: { states: EntitlementState[]; cared: CaredRow[] };
  if (!personIds) read = statesOfEveryone(store, month);
  else if ('from' in personIds) read = statesInIdRange(store, month, personIds.from, personIds.to);
  else {
    if (personIds.length === 0) return [];
    read = statesOfPeople(store, month, personIds);
  }
  const { states, cared } = read;
  if (cared.length) {
    const byId = new Map(cared.map((c) => [c.entitlementId, c]));
    for (const s of states) {
      const c = byId.get(s.entitlementId);
      if (c) Object.assign(s, c);
    }
  }
  return states;
}

export interface MonthlyAmount {
  entitlementId: number;
  personId: number;
  programme: string;
  status: 'active' | 'suspended' | 'stopped' | null;
  /** The group applied this month, after the age rules. */
  groupCode: string | null;
  coefficientMilli: number | null;
  standardVnd: number | null;
  amountVnd: number;
  /** Why the amount is 0, in Vietnamese. */
  note: string;
  /**
   * True when the age (the person's, or for care support the cared person's) is outside the group's band:
   * past it (stop = 'age', nothing owed: the group ended by itself), or below it (an imported record
   * younger than its group: still owed, with the note as an attention for the officer).
   */
  outOfBand: boolean;
  /** Why nothing is owed although the term is active: the age rule, or the cared person (died, moved, no longer receiving). */
  stop: 'age' | 'cared' | null;
}

export function birthOf(state: Pick<EntitlementState, 'birthDate' | 'birthPrecision'>): BirthDate | null {
  if (!state.birthDate || state.birthPrecision === 'unknown') return null;
  return { precision: state.birthPrecision, value: state.birthDate };
}

/** Amounts due for `month`, after the overlap rule: one per entitlement state, in the states' order. */
export function computeAmounts(
  ref: ReferenceTables,
  states: readonly EntitlementState[],
  month: Month,
): MonthlyAmount[] {
  // The month and the one before, parsed once: this runs for every entitlement of the register.
  const year = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  const at: MonthAt = {
    month,
    year,
    m,
    prevYear: m === 1 ? year - 1 : year,
    prevM: m === 1 ? 12 : m - 1,
    standards: new Map(),
  };
  const raw = states.map((s) => amountBeforeOverlap(ref, s, at));
  const byPerson = new Map<number, MonthlyAmount[]>();
  // Only amounts owed enter the highest-amount rule: a group ended by age, a suspended term or a care
  // support whose cared person died is not "a higher amount" that would push out one still owed.
  for (const a of raw) {
    if (a.amountVnd <= 0) continue;
    const list = byPerson.get(a.personId);
    if (list) list.push(a);
    else byPerson.set(a.personId, [a]);
  }
  for (const items of byPerson.values()) {
    if (items.length < 2) continue;
    const outcomes = applyOverlapRule(
      items.map((i) => ({
        entitlementId: i.entitlementId,
        programme: i.programme,
        clause: ref.groups.get(i.groupCode ?? '')?.clause ?? '',
        amountVnd: i.amountVnd,
      })),
    );
    for (const o of outcomes) {
      const item = items.find((i) => i.entitlementId === o.entitlementId)!;
      if (o.reason) {
        item.amountVnd = o.paidVnd;
        item.note = o.reason;
      }
    }
  }
  return raw;
}

interface MonthAt {
  month: Month;
  year: number;
  m: number;
  prevYear: number;
  prevM: number;
  /** The standard level of each programme in the month, looked up once per call (standardAt). */
  standards: Map<string, number | undefined>;
}

function standardAt(ref: ReferenceTables, at: MonthAt, programme: string): number | undefined {
  if (!at.standards.has(programme)) at.standards.set(programme, standardLevelAt(ref.levels, programme, at.month));
  return at.standards.get(programme);
}

/**
 * One amount, built with every field in one fixed order: a single object shape. (Spreading a base object
 * and then overriding its keys made each amount a slow dictionary object: about half of computeAmounts'
 * time at 100,000 entitlements.) The fields and their order are those the spread produced.
 */
function amountOf(
  s: EntitlementState,
  groupCode: string | null,
  coefficientMilli: number | null,
  standardVnd: number | null,
  amountVnd: number,
  note: string,
  outOfBand: boolean,
  stop: MonthlyAmount['stop'],
): MonthlyAmount {
  return {
    entitlementId: s.entitlementId,
    personId: s.personId,
    programme: s.programme,
    status: s.status,
    outOfBand,
    stop,
    groupCode,
    coefficientMilli,
    standardVnd,
    amountVnd,
    note,
  };
}

/** Nothing owed this month, and why. */
function zero(
  s: EntitlementState,
  groupCode: string | null,
  note: string,
  stop: MonthlyAmount['stop'] = null,
  outOfBand = false,
  standardVnd: number | null = null,
): MonthlyAmount {
  return amountOf(s, groupCode, null, standardVnd, 0, note, outOfBand, stop);
}

function amountBeforeOverlap(ref: ReferenceTables, s: EntitlementState, at: MonthAt): MonthlyAmount {
  const month = at.month;
  if (s.deathDate && s.deathDate.slice(0, 7) < month) return zero(s, s.groupCode, 'Đã từ trần.');
  if (s.status !== 'active') {
    return zero(
      s,
      s.groupCode,
      s.status === 'suspended'
        ? 'Đang tạm dừng hưởng.'
        : s.status === 'stopped'
          ? 'Đã thôi hưởng.'
          : 'Chưa có quyết định hiệu lực.',
    );
  }
  // Care support follows the person cared for (allowances.md, "Over time"): the month of their death or
  // move is still owed, nothing after; nothing while they are not receiving their own monthly allowance.
  if (s.caredPersonId != null) {
    if (s.caredDeathDate && s.caredDeathDate.slice(0, 7) < month) {
      return zero(
        s,
        s.groupCode,
        `Người được chăm sóc đã từ trần ngày ${formatDateVi(s.caredDeathDate)}: thôi hỗ trợ từ tháng ${formatMonthVi(addMonths(s.caredDeathDate.slice(0, 7), 1))}.`,
        'cared',
      );
    }
    if (s.caredMovedAwayDate && s.caredMovedAwayDate.slice(0, 7) < month) {
      return zero(
        s,
        s.groupCode,
        `Người được chăm sóc đã chuyển đi ngày ${formatDateVi(s.caredMovedAwayDate)}: thôi hỗ trợ từ tháng ${formatMonthVi(addMonths(s.caredMovedAwayDate.slice(0, 7), 1))}.`,
        'cared',
      );
    }
    if (s.caredAllowance === 'inactive')
      return zero(
        s,
        s.groupCode,
        'Người được chăm sóc không hưởng trợ cấp xã hội hằng tháng trong tháng này (tạm dừng hoặc thôi hưởng).',
        'cared',
      );
  }
  if (ref.amountRules.get(s.programme) === 'recorded')
    return amountOf(s, s.groupCode, null, null, s.componentsVnd, '', false, null);
  const recorded = s.groupCode ? ref.groups.get(s.groupCode) : undefined;
  if (!recorded) return zero(s, s.groupCode, 'Thiếu nhóm đối tượng.');
  // Care support is banded on the cared person's age; without a cared person there is no age rule.
  const birth =
    s.caredPersonId != null
      ? birthOf({ birthDate: s.caredBirthDate ?? null, birthPrecision: s.caredBirthPrecision ?? 'unknown' })
      : s.programme === 'BTXH_CARE'
        ? null
        : birthOf(s);
  const family = ref.families.get(recorded.family) ?? [recorded];
  const age = birth
    ? { end: ageInYearsAt(birth, at.year, at.m), prev: ageInYearsAt(birth, at.prevYear, at.prevM) }
    : null;
  // Bands that do not meet (a foster child under 16, an elder from 60) are chosen by the age at the start.
  const startAge = age && ref.gapFamilies.has(recorded.family) ? ageInYearsAtMonthEnd(birth!, s.startMonth) : null;
  const rule = ageRuleAt(recorded, family, age, startAge);
  const group = rule.group;
  const below = rule.belowBand === true;
  if (!rule.inForce) {
    const who = s.caredPersonId != null ? 'Người được chăm sóc' : 'Người hưởng';
    return zero(
      s,
      group.code,
      `${who} ${age!.end} tuổi: ngoài độ tuổi của nhóm ${group.code}, không hưởng từ tháng này.`,
      'age',
      true,
    );
  }
  const coefficient = inForce(ref.coefficients.get(group.code) ?? [], month);
  const standard = standardAt(ref, at, standardProgrammeOf(s.programme));
  if (!coefficient || standard === undefined) {
    return zero(s, group.code, 'Chưa có hệ số hoặc mức chuẩn cho tháng này.', null, below, standard ?? null);
  }
  return amountOf(
    s,
    group.code,
    coefficient.milli * s.multiplier,
    standard,
    coefficientMonthly(standard, coefficient.milli, s.multiplier),
    below ? `Tuổi (${age!.end}) ngoài độ tuổi của nhóm ${group.code}: xem xét điều chỉnh hoặc thôi hưởng.` : '',
    below,
    null,
  );
}

/** Sum of what a person is paid per month across programmes. */
export function monthlyTotalsByPerson(amounts: readonly MonthlyAmount[]): Map<number, number> {
  const totals = new Map<number, number>();
  for (const a of amounts) totals.set(a.personId, (totals.get(a.personId) ?? 0) + a.amountVnd);
  return totals;
}

/**
 * The entitlement states of some people for any month, read with a few bulk queries (entitlements,
 * terms, cared people and their own allowances) and assembled in memory: what loadStates(store, month,
 * personIds) returns, row for row (each person's entitlements in id order), without a query per person
 * and month. For the ledger, which looks at a few thousand people over up to 60 months.
 */
export function loadStateHistory(
  store: Store,
  personIds: readonly number[],
): (month: Month, personIds: readonly number[]) => EntitlementState[] {
  const entitlements = entitlementsOfPeople(store, personIds);
  const caredIds = [...new Set(entitlements.filter((e) => e.caredPersonId !== null).map((e) => e.caredPersonId!))];
  const cared = new Map<number, CaredPersonRow>();
  // The cared people's own BTXH entitlements (their allowance in force decides the care support).
  const caredOwn = new Map<number, OwnAllowanceRow[]>();
  if (caredIds.length) {
    for (const r of caredPeople(store, caredIds)) cared.set(r.id, r);
    for (const e of btxhEntitlementsOf(store, caredIds)) {
      const list = caredOwn.get(e.personId);
      if (list) list.push(e);
      else caredOwn.set(e.personId, [e]);
    }
  }
  // Every term of every entitlement involved, oldest first per entitlement.
  const termIds = [...entitlements.map((e) => e.id), ...[...caredOwn.values()].flat().map((e) => e.id)];
  const terms = new Map<number, HistoryTermRow[]>();
  for (const t of termsOfEntitlements(store, termIds)) {
    const list = terms.get(t.entitlementId);
    if (list) list.push(t);
    else terms.set(t.entitlementId, [t]);
  }
  const termAt = (entitlementId: number, month: Month): HistoryTermRow | undefined => {
    const list = terms.get(entitlementId);
    if (!list) return undefined;
    let found: HistoryTermRow | undefined;
    for (const t of list) {
      if (t.from > month) break;
      found = t;
    }
    return found;
  };
  const inPeriod = (e: OwnAllowanceRow, month: Month) =>
    e.startMonth <= month && (e.endMonth === null || e.endMonth >= month);
  const byPerson = new Map<number, HistoryEntitlementRow[]>();
  for (const e of entitlements) {
    const list = byPerson.get(e.personId);
    if (list) list.push(e);
    else byPerson.set(e.personId, [e]);
  }
  return (month, people) => {
    const states: EntitlementState[] = [];
    for (const personId of people) {
      for (const e of byPerson.get(personId) ?? []) {
        if (!inPeriod(e, month)) continue;
        const t = termAt(e.id, month);
        const s: EntitlementState = {
          entitlementId: e.id,
          personId: e.personId,
          programme: e.programme,
          startMonth: e.startMonth,
          endMonth: e.endMonth,
          termId: t?.id ?? null,
          status: t?.status ?? null,
          groupCode: t?.groupCode ?? null,
          multiplier: t?.multiplier ?? 1,
          componentsVnd: t?.componentsVnd ?? 0,
          birthDate: e.birthDate,
          birthPrecision: e.birthPrecision,
          deathDate: e.deathDate,
        };
        if (e.caredPersonId !== null) {
          const cp = cared.get(e.caredPersonId)!;
          const own = caredOwn.get(e.caredPersonId);
          s.caredPersonId = e.caredPersonId;
          s.caredBirthDate = cp.birthDate;
          s.caredBirthPrecision = cp.birthPrecision;
          s.caredDeathDate = cp.deathDate;
          s.caredMovedAwayDate = cp.movedAwayDate;
          s.caredAllowance = !own?.length
            ? null
            : own.some((o) => inPeriod(o, month) && termAt(o.id, month)?.status === 'active')
              ? 'active'
              : 'inactive';
        }
        states.push(s);
      }
    }
    return states;
  };
}
