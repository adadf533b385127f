import type { Store } from '../../db/store';
import {
  applyOverlapRule,
  coefficientMonthly,
  groupForAge,
  inForce,
  standardLevelAt,
  type GroupInfo,
  type StandardLevelRow,
} from '../../../shared/domain/allowance';
import { ageInYearsAtMonthEnd, type BirthDate, type Month } from '../../../shared/domain/dates';

// Monthly amounts for a month, for everyone or a few people: load the entitlements in force with one
// query, then apply the pure rules of shared/domain/allowance.ts. The payroll builds on the same code.

export interface ReferenceTables {
  groups: Map<string, GroupInfo & { label: string }>;
  families: Map<string, GroupInfo[]>;
  coefficients: Map<string, Array<{ from: Month; milli: number }>>;
  levels: StandardLevelRow[];
  amountRules: Map<string, 'coefficient' | 'recorded'>;
}

export function loadReference(store: Store): ReferenceTables {
  const groups = new Map<string, GroupInfo & { label: string }>();
  const families = new Map<string, GroupInfo[]>();
  const rows = store.sqlite
    .prepare('SELECT code, programme_code, clause, family, age_min, age_max, label_vi FROM allowance_groups ORDER BY sort_order')
    .all() as Array<{ code: string; programme_code: string; clause: string; family: string; age_min: number | null; age_max: number | null; label_vi: string }>;
  for (const r of rows) {
    const g = { code: r.code, programme: r.programme_code, clause: r.clause, family: r.family || r.code, ageMin: r.age_min, ageMax: r.age_max, label: r.label_vi };
    groups.set(g.code, g);
    families.set(g.family, [...(families.get(g.family) ?? []), g]);
  }
  const coefficients = new Map<string, Array<{ from: Month; milli: number }>>();
  for (const c of store.sqlite.prepare('SELECT group_code, effective_from, coefficient_milli FROM group_coefficients').all() as Array<{
    group_code: string;
    effective_from: string;
    coefficient_milli: number;
  }>) {
    coefficients.set(c.group_code, [...(coefficients.get(c.group_code) ?? []), { from: c.effective_from, milli: c.coefficient_milli }]);
  }
  const levels = (
    store.sqlite.prepare('SELECT programme_code, scope, effective_from, amount_vnd FROM standard_levels').all() as Array<{
      programme_code: string;
      scope: 'national' | 'province';
      effective_from: string;
      amount_vnd: number;
    }>
  ).map((l) => ({ programme: l.programme_code, scope: l.scope, from: l.effective_from, amountVnd: l.amount_vnd }));
  const amountRules = new Map(
    (store.sqlite.prepare('SELECT code, amount_rule FROM programmes').all() as Array<{ code: string; amount_rule: 'coefficient' | 'recorded' }>).map(
      (p) => [p.code, p.amount_rule],
    ),
  );
  return { groups, families, coefficients, levels, amountRules };
}

/** Care support is a coefficient of the social-assistance standard level (Decree 20/2021 Art. 20). */
export const standardProgrammeOf = (programme: string): string => (programme === 'BTXH_CARE' ? 'BTXH' : programme);

export interface EntitlementState {
  entitlementId: number;
  personId: number;
  programme: string;
  startMonth: Month;
  endMonth: Month | null;
  termId: number | null;
  status: 'active' | 'suspended' | 'stopped' | null;
  groupCode: string | null;
  multiplier: number;
  componentsVnd: number;
  birthDate: string | null;
  birthPrecision: 'day' | 'year' | 'unknown';
  deathDate: string | null;
}

const STATE_SQL = `
SELECT e.id AS entitlementId, e.person_id AS personId, e.programme_code AS programme,
       e.start_month AS startMonth, e.end_month AS endMonth,
       t.id AS termId, t.status AS status, t.group_code AS groupCode, COALESCE(t.multiplier, 1) AS multiplier,
       COALESCE((SELECT SUM(amount_vnd) FROM term_components c WHERE c.term_id = t.id), 0) AS componentsVnd,
       p.birth_date AS birthDate, p.birth_precision AS birthPrecision, p.death_date AS deathDate
FROM entitlements e
JOIN people p ON p.id = e.person_id
LEFT JOIN entitlement_terms t ON t.id = (
  SELECT id FROM entitlement_terms WHERE entitlement_id = e.id AND effective_from <= @month
  ORDER BY effective_from DESC LIMIT 1)`;

/** Entitlements whose period includes `month` (for everyone, or for the given people). */
export function loadStates(store: Store, month: Month, personIds?: readonly number[]): EntitlementState[] {
  const period = 'e.start_month <= @month AND (e.end_month IS NULL OR e.end_month >= @month)';
  if (!personIds) return store.prepare(`${STATE_SQL} WHERE ${period}`).all({ month }) as EntitlementState[];
  if (personIds.length === 0) return [];
  const statement = store.prepare(`${STATE_SQL} WHERE ${period} AND e.person_id = @personId`);
  return personIds.flatMap((personId) => statement.all({ month, personId }) as EntitlementState[]);
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
  /** Why the amount is 0, or what needs attention (age past the group's band), in Vietnamese. */
  note: string;
  /** True when the person's age is past the applied group's band (e.g. a child turned 16). */
  outOfBand: boolean;
}

export function birthOf(state: Pick<EntitlementState, 'birthDate' | 'birthPrecision'>): BirthDate | null {
  if (!state.birthDate || state.birthPrecision === 'unknown') return null;
  return { precision: state.birthPrecision, value: state.birthDate };
}

/** Amounts due for `month`, before and after the overlap rule; one row per entitlement state. */
export function computeAmounts(ref: ReferenceTables, states: readonly EntitlementState[], month: Month): MonthlyAmount[] {
  const raw = states.map((s) => amountBeforeOverlap(ref, s, month));
  const byPerson = new Map<number, MonthlyAmount[]>();
  for (const a of raw) byPerson.set(a.personId, [...(byPerson.get(a.personId) ?? []), a]);
  for (const items of byPerson.values()) {
    if (items.length < 2) continue;
    const outcomes = applyOverlapRule(
      items.map((i) => ({ entitlementId: i.entitlementId, programme: i.programme, clause: ref.groups.get(i.groupCode ?? '')?.clause ?? '', amountVnd: i.amountVnd })),
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

function amountBeforeOverlap(ref: ReferenceTables, s: EntitlementState, month: Month): MonthlyAmount {
  const base = { entitlementId: s.entitlementId, personId: s.personId, programme: s.programme, status: s.status, outOfBand: false };
  if (s.deathDate && s.deathDate.slice(0, 7) < month) {
    return { ...base, groupCode: s.groupCode, coefficientMilli: null, standardVnd: null, amountVnd: 0, note: 'Đã từ trần.' };
  }
  if (s.status !== 'active') {
    const note = s.status === 'suspended' ? 'Đang tạm dừng hưởng.' : s.status === 'stopped' ? 'Đã thôi hưởng.' : 'Chưa có quyết định hiệu lực.';
    return { ...base, groupCode: s.groupCode, coefficientMilli: null, standardVnd: null, amountVnd: 0, note };
  }
  if (ref.amountRules.get(s.programme) === 'recorded') {
    return { ...base, groupCode: s.groupCode, coefficientMilli: null, standardVnd: null, amountVnd: s.componentsVnd, note: '' };
  }
  const recorded = s.groupCode ? ref.groups.get(s.groupCode) : undefined;
  if (!recorded) {
    return { ...base, groupCode: s.groupCode, coefficientMilli: null, standardVnd: null, amountVnd: 0, note: 'Thiếu nhóm đối tượng.' };
  }
  const birth = birthOf(s);
  const age = birth ? ageInYearsAtMonthEnd(birth, month) : null;
  const group = groupForAge(recorded, ref.families.get(recorded.family) ?? [recorded], age);
  const coefficient = inForce(ref.coefficients.get(group.code) ?? [], month);
  const standard = standardLevelAt(ref.levels, standardProgrammeOf(s.programme), month);
  const outOfBand = age !== null && ((group.ageMax !== null && age >= group.ageMax) || (group.ageMin !== null && age < group.ageMin));
  if (!coefficient || standard === undefined) {
    return { ...base, groupCode: group.code, coefficientMilli: null, standardVnd: standard ?? null, amountVnd: 0, note: 'Chưa có hệ số hoặc mức chuẩn cho tháng này.', outOfBand };
  }
  return {
    ...base,
    groupCode: group.code,
    coefficientMilli: coefficient.milli * s.multiplier,
    standardVnd: standard,
    amountVnd: coefficientMonthly(standard, coefficient.milli, s.multiplier),
    note: outOfBand ? `Tuổi (${age}) ngoài độ tuổi của nhóm ${group.code}: xem xét điều chỉnh hoặc thôi hưởng.` : '',
    outOfBand,
  };
}

/** Sum of what a person is paid per month across programmes. */
export function monthlyTotalsByPerson(amounts: readonly MonthlyAmount[]): Map<number, number> {
  const totals = new Map<number, number>();
  for (const a of amounts) totals.set(a.personId, (totals.get(a.personId) ?? 0) + a.amountVnd);
  return totals;
}
