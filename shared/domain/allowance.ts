import { coefficientAmount } from './money';
import type { Month } from './dates';

// Who gets how much in a month (allowances.md). Pure: the caller loads the reference rows and the
// entitlements; these functions pick what is in force and apply the legal rules. Amounts are integer VND.

export interface GroupInfo {
  code: string;
  programme: string;
  clause: string;
  /** Groups of one family are chosen by age each month (1A ↔ 1B); a lone group is its own family. */
  family: string;
  /** Completed years, inclusive. */
  ageMin: number | null;
  /** Completed years, exclusive. */
  ageMax: number | null;
}

export interface Dated {
  from: Month;
}

/** The row in force in `month`: the latest whose `from` is not after it. Rows in any order. */
export function inForce<T extends Dated>(rows: readonly T[], month: Month): T | undefined {
  let best: T | undefined;
  for (const row of rows) if (row.from <= month && (!best || row.from > best.from)) best = row;
  return best;
}

export interface StandardLevelRow extends Dated {
  programme: string;
  scope: 'national' | 'province';
  amountVnd: number;
}

/**
 * The standard level for a programme in a month: a province may set a higher level (never lower), so
 * the higher of the national and provincial levels in force applies.
 */
export function standardLevelAt(
  levels: readonly StandardLevelRow[],
  programme: string,
  month: Month,
): number | undefined {
  const national = inForce(
    levels.filter((l) => l.programme === programme && l.scope === 'national'),
    month,
  );
  const province = inForce(
    levels.filter((l) => l.programme === programme && l.scope === 'province'),
    month,
  );
  if (!national && !province) return undefined;
  return Math.max(national?.amountVnd ?? 0, province?.amountVnd ?? 0);
}

const inBand = (g: GroupInfo, age: number) =>
  (g.ageMin === null || age >= g.ageMin) &&
  (g.ageMax === null || age < g.ageMax) &&
  (g.ageMin !== null || g.ageMax !== null);

/**
 * The member of a group's family that applies at `age`: the one whose age band holds it; else the
 * family's member without a band (6B/6D: "child or elderly" = outside the adult band); else the
 * nearest band. A group without family members, or an unknown age, keeps the recorded group.
 */
export function groupForAge(recorded: GroupInfo, familyMembers: readonly GroupInfo[], age: number | null): GroupInfo {
  if (age === null || familyMembers.length <= 1) return recorded;
  const banded = familyMembers.find((g) => inBand(g, age));
  if (banded) return banded;
  const unbanded = familyMembers.find((g) => g.ageMin === null && g.ageMax === null);
  if (unbanded) return unbanded;
  const sorted = [...familyMembers].sort((a, b) => (a.ageMin ?? 0) - (b.ageMin ?? 0));
  return age < (sorted[0]!.ageMin ?? 0) ? sorted[0]! : sorted[sorted.length - 1]!;
}

/** Completed years at the end of the month (`end`) and at the end of the month before (`prev`). */
export interface AgeAt {
  end: number;
  prev: number;
}

const unbanded = (g: GroupInfo) => g.ageMin === null && g.ageMax === null;

/**
 * Does a group's age band hold the month? The lower limit counts from the month it is reached (the
 * birthday month: "from the month the person becomes eligible"); the upper limit ends the band from the
 * month AFTER the one it is reached in (allowances.md: payment stops from the month after loss of
 * eligibility, that month still paid). So a child born 10/05/2023 is owed BTXH-7 (under 3) up to 05/2026
 * and not from 06/2026; 1A → 1B happens in the 4th-birthday month as groupForAge always did.
 */
export function bandHolds(g: GroupInfo, age: AgeAt): boolean {
  return (g.ageMin === null || age.end >= g.ageMin) && (g.ageMax === null || age.prev < g.ageMax);
}

export interface AgeRuleOutcome {
  /** The family member applied this month (the band just left when not in force). */
  group: GroupInfo;
  /** False when the age is past every band of the family: the entitlement has ended and is not owed. */
  inForce: boolean;
  /** Younger than every band (an imported or corrected record): still owed, but needs the officer's attention. */
  belowBand?: boolean;
}

/**
 * Age rule of a month for a group and its family: the member chosen as groupForAge does (age at the
 * month's end); else, in the month an upper limit is reached, the member whose band ends (still owed);
 * else, past the upper limit of the family's bands, not owed (age-limited groups end by themselves:
 * BTXH-7 at 3, clause 1 at 16, BTXH-2 at 22, care support for a child under 36 months at 36 months).
 * A family with a member without a band (6B, 6D: "child or elderly") covers every age. Unknown age: the
 * recorded group, in force (the decision check asks the officer for a reason instead).
 */
export function ageRuleAt(
  recorded: GroupInfo,
  familyMembers: readonly GroupInfo[],
  age: AgeAt | null,
  startAge: number | null = null,
): AgeRuleOutcome {
  if (age === null) return { group: recorded, inForce: true };
  let family = familyMembers.length ? familyMembers : [recorded];
  if (startAge !== null) family = segmentAt(family, startAge);
  const chosen = groupForAge(recorded, family, age.end);
  if (unbanded(chosen) || inBand(chosen, age.end)) return { group: chosen, inForce: true };
  const holding = family.find((g) => !unbanded(g) && bandHolds(g, age));
  if (holding) return { group: holding, inForce: true };
  let left: GroupInfo | undefined;
  for (const g of family) if (g.ageMax !== null && g.ageMax <= age.prev && (!left || g.ageMax > left.ageMax!)) left = g;
  if (left) return { group: left, inForce: false };
  // Below every band: the decision check refuses such a grant, so only imported or corrected records get
  // here; they stay owed with an attention note (the officer decides), as before this rule.
  return { group: chosen, inForce: true, belowBand: true };
}

/**
 * Bands of a family that do not meet (CS-NUOI: a child under 16, or an elder from 60) are separate
 * entitlements in fact: a foster child's care support that ended at 16 does not come back at 60.
 */
export function familyHasGap(family: readonly GroupInfo[]): boolean {
  return segments(family).length > 1;
}

function segments(family: readonly GroupInfo[]): GroupInfo[][] {
  if (family.some(unbanded)) return [[...family]];
  const sorted = [...family].sort((x, y) => (x.ageMin ?? 0) - (y.ageMin ?? 0));
  const out: GroupInfo[][] = [];
  let reach: number | null = 0; // the current run's upper end; null = open-ended
  for (const g of sorted) {
    const last = out[out.length - 1];
    if (last && (reach === null || reach >= (g.ageMin ?? 0))) {
      last.push(g);
      reach = reach === null || g.ageMax === null ? null : Math.max(reach, g.ageMax);
    } else {
      out.push([g]);
      reach = g.ageMax;
    }
  }
  return out;
}

/**
 * The run of meeting bands that holds the age at the entitlement's start; in a gap between runs, the run
 * below (already left: the entitlement has ended); below every run, the first.
 */
function segmentAt(family: readonly GroupInfo[], startAge: number): readonly GroupInfo[] {
  const runs = segments(family);
  if (runs.length <= 1) return family;
  const holding = runs.find((run) => run.some((g) => inBand(g, startAge)));
  if (holding) return holding;
  const below = runs.filter((run) => (run[0]!.ageMin ?? 0) <= startAge);
  return below.length ? below[below.length - 1]! : runs[0]!;
}

/** "dưới 3 tuổi", "từ đủ 16 đến dưới 22 tuổi", "từ đủ 60 tuổi", for messages. */
export function bandLabel(g: Pick<GroupInfo, 'ageMin' | 'ageMax'>): string {
  if (g.ageMin !== null && g.ageMax !== null) return `từ đủ ${g.ageMin} đến dưới ${g.ageMax} tuổi`;
  if (g.ageMax !== null) return `dưới ${g.ageMax} tuổi`;
  if (g.ageMin !== null) return `từ đủ ${g.ageMin} tuổi`;
  return 'mọi độ tuổi';
}

/** Regular amount of a coefficient entitlement: standard × coefficient × multiplier (children raised). */
export function coefficientMonthly(standardVnd: number, coefficientMilli: number, multiplier = 1): number {
  return coefficientAmount(standardVnd, coefficientMilli * multiplier);
}

export interface OverlapItem {
  entitlementId: number;
  programme: string;
  /** Clause of Decree 20 Art. 5 ('5.4', '5.5a', '5.6', …); '' for programmes outside it. */
  clause: string;
  amountVnd: number;
}

export interface OverlapOutcome {
  entitlementId: number;
  paidVnd: number;
  /** Why an amount is not paid, in Vietnamese. */
  reason?: string;
}

/** The programmes the no-double-payment rule spans: monthly social assistance and the social pension. */
export const OVERLAP_PROGRAMMES = new Set(['BTXH', 'HTXH']);

const SINGLE_PARENT_CLAUSE = '5.4';
const ADDS_TO_SINGLE_PARENT = /^5\.(5|6|8)/;

export const OVERLAP_REASON =
  'Không hưởng do đã hưởng mức cao hơn (chỉ hưởng một mức cao nhất, khoản 2 Điều 6 Nghị định 20/2021/NĐ-CP).';

/**
 * Decree 20/2021 Art. 6(2): a person qualifying several ways gets only the highest amount; a poor single
 * parent (clause 4) who also qualifies under clause 5, 6 or 8 gets both. The 2025 social pension joins
 * the same comparison (only the higher of pension and social allowance is paid). Items of other
 * programmes (care support, meritorious service) pass through untouched.
 */
export function applyOverlapRule(items: readonly OverlapItem[]): OverlapOutcome[] {
  const pooled = items.filter((i) => OVERLAP_PROGRAMMES.has(i.programme));
  const outcomes = new Map<number, OverlapOutcome>(
    items.map((i) => [i.entitlementId, { entitlementId: i.entitlementId, paidVnd: i.amountVnd }]),
  );
  if (pooled.length <= 1) return [...outcomes.values()];

  const byAmount = (a: OverlapItem, b: OverlapItem) => b.amountVnd - a.amountVnd || a.entitlementId - b.entitlementId;
  const singleParent = pooled.filter((i) => i.programme === 'BTXH' && i.clause === SINGLE_PARENT_CLAUSE).sort(byAmount);
  const others = pooled.filter((i) => !singleParent.includes(i)).sort(byAmount);
  const bestOther = others[0];
  const bestSingle = singleParent[0];

  const keep = new Set<number>();
  if (bestOther && bestSingle && bestOther.programme === 'BTXH' && ADDS_TO_SINGLE_PARENT.test(bestOther.clause)) {
    keep.add(bestOther.entitlementId).add(bestSingle.entitlementId);
  } else {
    keep.add([...pooled].sort(byAmount)[0]!.entitlementId);
  }
  for (const item of pooled) {
    if (!keep.has(item.entitlementId))
      outcomes.set(item.entitlementId, { entitlementId: item.entitlementId, paidVnd: 0, reason: OVERLAP_REASON });
  }
  return [...outcomes.values()];
}

/** Funeral support: at least 20 × the standard level (50 × for disasters, accidents, care-facility residents). */
export function funeralSupport(standardVnd: number, multiplier: 20 | 50 = 20): number {
  return standardVnd * multiplier;
}
