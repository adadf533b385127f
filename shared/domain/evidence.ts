import type { IsoDate, Month } from './dates';
import { addMonths, formatDateVi, monthOfDate } from './dates';

// Eligibility evidence (issue 16): the facts a group depends on, recorded per person with their source
// and validity, and the yearly review that finds the people whose group depends on a fact that has
// expired, is missing or changed. Pure: the service loads the rows; these functions say what each group
// needs, whether a person's recorded facts meet it on a date, and what decision to propose.
//
// Facts derived from the birth date (the age bands: BTXH-1, 2, 3, 7, 5A/5B/5C, care support by the cared
// person's age) need no record: the monthly rules end or move them by themselves (eligibility.ts,
// allowance.ts). Facts the register cannot hold (no one to raise a child, HIV status, no pension) are
// settled on the grant decision and are not reviewed here.

export const EVIDENCE_KINDS = ['household', 'disability', 'student'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** The yearly poor / near-poor household list: on it as poor, as near-poor, or not on it that year. */
export const HOUSEHOLD_LEVELS = ['poor', 'near_poor', 'none'] as const;
export type HouseholdLevel = (typeof HOUSEHOLD_LEVELS)[number];
/** The disability certificate's level (Luật Người khuyết tật 2010, Điều 3). */
export const DISABILITY_LEVELS = ['especially_severe', 'severe', 'mild'] as const;
export type DisabilityLevel = (typeof DISABILITY_LEVELS)[number];
export type EvidenceLevel = HouseholdLevel | DisabilityLevel | '';

export const EVIDENCE_KIND_LABELS: Record<EvidenceKind, string> = {
  household: 'Hộ nghèo, hộ cận nghèo',
  disability: 'Giấy xác nhận khuyết tật',
  student: 'Đang đi học',
};
export const LEVEL_LABELS: Record<Exclude<EvidenceLevel, ''>, string> = {
  poor: 'Hộ nghèo',
  near_poor: 'Hộ cận nghèo',
  none: 'Không thuộc hộ nghèo, cận nghèo',
  especially_severe: 'Khuyết tật đặc biệt nặng',
  severe: 'Khuyết tật nặng',
  mild: 'Khuyết tật nhẹ',
};

/** Whose fact: the beneficiary's own, or (care support) the person cared for. */
export type Subject = 'self' | 'cared';

export interface Requirement {
  kind: EvidenceKind;
  subject: Subject;
  /** Levels that qualify (household, disability); empty for student status. */
  accepts: readonly EvidenceLevel[];
  /** Needed only while the subject's age (completed years) is in [min, max): HTXH 70 to under 75. */
  ageBand?: { min: number; max: number };
  /** The rule, cited in the review's reason. */
  basis: string;
}

const ND20 = 'Nghị định 20/2021/NĐ-CP';
const POOR = ['poor'] as const;
const POOR_OR_NEAR = ['poor', 'near_poor'] as const;
const household = (accepts: readonly EvidenceLevel[], basis: string, subject: Subject = 'self'): Requirement => ({
  kind: 'household',
  subject,
  accepts,
  basis,
});
const disability = (accepts: readonly EvidenceLevel[], basis: string, subject: Subject = 'self'): Requirement => ({
  kind: 'disability',
  subject,
  accepts,
  basis,
});

/**
 * What each group needs recorded (allowance-groups.csv and the care-support groups of Art. 20). A code
 * not listed (NCC, BTXH-1A/1B, BTXH-5C, CS-4, CS-5, CS-7, unknown) needs no record: its facts are the
 * age (derived) or settled on the decision.
 */
export const GROUP_REQUIREMENTS: Readonly<Record<string, readonly Requirement[]>> = {
  'BTXH-2': [{ kind: 'student', subject: 'self', accepts: [], basis: `khoản 2 Điều 5 ${ND20}` }],
  'BTXH-3A': [household(POOR, `khoản 3 Điều 5 ${ND20}`)],
  'BTXH-3B': [household(POOR, `khoản 3 Điều 5 ${ND20}`)],
  'BTXH-4': [household(POOR, `khoản 4 Điều 5 ${ND20}`)],
  'BTXH-5A1': [household(POOR, `điểm a khoản 5 Điều 5 ${ND20}`)],
  'BTXH-5A2': [household(POOR, `điểm a khoản 5 Điều 5 ${ND20}`)],
  'BTXH-5B': [household(POOR_OR_NEAR, `điểm b khoản 5 Điều 5 ${ND20}`)],
  'BTXH-5D': [household(POOR, `điểm d khoản 5 Điều 5 ${ND20}`)],
  'BTXH-6A': [disability(['especially_severe'], `khoản 6 Điều 5 ${ND20}`)],
  'BTXH-6B': [disability(['especially_severe'], `khoản 6 Điều 5 ${ND20}`)],
  'BTXH-6C': [disability(['severe'], `khoản 6 Điều 5 ${ND20}`)],
  'BTXH-6D': [disability(['severe'], `khoản 6 Điều 5 ${ND20}`)],
  'BTXH-7': [household(POOR_OR_NEAR, `khoản 7 Điều 5 ${ND20}`)],
  'BTXH-8': [household(POOR, `khoản 8 Điều 5 ${ND20}`)],
  'CS-1': [disability(['especially_severe'], `khoản 1 Điều 20 ${ND20}`, 'cared')],
  'CS-2': [disability(['especially_severe'], `khoản 2 Điều 20 ${ND20}`, 'cared')],
  'CS-3': [disability(['especially_severe'], `khoản 2 Điều 20 ${ND20}`, 'cared')],
  'CS-5D': [household(POOR, `khoản 2 Điều 20 ${ND20}`, 'cared')],
  'CS-6': [disability(['especially_severe', 'severe'], `khoản 1 Điều 20 ${ND20}`)],
  'HTXH-1': [{ ...household(POOR_OR_NEAR, 'Điều 21 Luật Bảo hiểm xã hội 2024'), ageBand: { min: 70, max: 75 } }],
};

/** What a group needs recorded (none for a code not listed). */
export function requirementsOf(groupCode: string | null): readonly Requirement[] {
  return (groupCode && GROUP_REQUIREMENTS[groupCode]) || [];
}

/** Requirements that apply at an age (HTXH's poor-household condition only from 70 to under 75). */
export function requirementsAt(groupCode: string | null, age: number | null): Requirement[] {
  return requirementsOf(groupCode).filter(
    (r) => !r.ageBand || age === null || (age >= r.ageBand.min && age < r.ageBand.max),
  );
}

/** Group codes that need any record: the review reads only entitlements in these. */
export const GROUPS_NEEDING_EVIDENCE: readonly string[] = Object.keys(GROUP_REQUIREMENTS);

export interface EvidenceFact {
  id: number;
  kind: EvidenceKind;
  level: EvidenceLevel;
  /** Household: the year of the list. */
  listYear: number | null;
  issuedDate: IsoDate | null;
  /** Last day the fact holds (household: 31/12 of the list's year); null: no end known (a certificate). */
  validUntil: IsoDate | null;
  /** Ended by the officer (withdrawn, revoked): not in force from this day. */
  endedDate: IsoDate | null;
}

/** A household fact holds for its list's year. */
export const householdValidUntil = (listYear: number): IsoDate => `${listYear}-12-31`;

const later = (a: EvidenceFact, b: EvidenceFact): boolean => {
  const ka = [a.listYear ?? 0, a.issuedDate ?? '', a.validUntil ?? '9999', a.id] as const;
  const kb = [b.listYear ?? 0, b.issuedDate ?? '', b.validUntil ?? '9999', b.id] as const;
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]! > kb[i]!;
  return false;
};

/**
 * The fact of a kind in force on a day: the latest recorded (list year, then issue date, then the latest
 * validity, then the latest record) among those not ended on or before that day. An expired fact is
 * still the latest: the review says it expired rather than that nothing was ever recorded. Households
 * checked against the list of `listYear`: a list of a later year (recorded ahead) counts only when no
 * list up to that year is recorded.
 */
export function currentFact(
  facts: readonly EvidenceFact[],
  kind: EvidenceKind,
  date: IsoDate,
  listYear?: number,
): EvidenceFact | undefined {
  let best: EvidenceFact | undefined;
  let bestUpTo: EvidenceFact | undefined;
  for (const f of facts) {
    if (f.kind !== kind || (f.endedDate !== null && f.endedDate <= date)) continue;
    if (!best || later(f, best)) best = f;
    if (
      kind === 'household' &&
      listYear !== undefined &&
      (f.listYear ?? 0) <= listYear &&
      (!bestUpTo || later(f, bestUpTo))
    )
      bestUpTo = f;
  }
  return bestUpTo ?? best;
}

export type FindingStatus = 'ok' | 'missing' | 'expired' | 'changed';

export interface Finding {
  requirement: Requirement;
  status: FindingStatus;
  fact?: EvidenceFact;
  /** In words, for the review list ('' when ok). */
  message: string;
}

const subjectWord = (r: Requirement) => (r.subject === 'cared' ? ' của người được chăm sóc' : '');

/**
 * Does the recorded evidence meet a requirement on `date`? A household fact must come from the list of
 * `listYear` (the list in force, or the new one being reviewed) or later; a certificate or student status
 * must not have passed its last valid day; the level must be one the group accepts.
 */
export function checkRequirement(
  r: Requirement,
  facts: readonly EvidenceFact[],
  date: IsoDate,
  listYear: number,
): Finding {
  const fact = currentFact(facts, r.kind, date, listYear);
  const what = EVIDENCE_KIND_LABELS[r.kind].toLowerCase() + subjectWord(r);
  if (!fact) {
    const missing =
      r.kind === 'household'
        ? `Chưa ghi danh sách hộ nghèo, cận nghèo năm ${listYear}${subjectWord(r)}`
        : `Chưa ghi ${what}`;
    return { requirement: r, status: 'missing', message: `${missing} (${r.basis}).` };
  }
  if (r.kind === 'household' && (fact.listYear ?? 0) < listYear)
    return {
      requirement: r,
      status: 'expired',
      fact,
      message: `Chỉ có danh sách hộ nghèo, cận nghèo năm ${fact.listYear}${subjectWord(r)}; chưa có trong danh sách năm ${listYear} (${r.basis}).`,
    };
  if (r.kind !== 'household' && fact.validUntil !== null && fact.validUntil < date)
    return {
      requirement: r,
      status: 'expired',
      fact,
      message: `${EVIDENCE_KIND_LABELS[r.kind]}${subjectWord(r)} hết hạn ngày ${formatDateVi(fact.validUntil)} (${r.basis}).`,
    };
  if (r.accepts.length && !r.accepts.includes(fact.level)) {
    const needed = r.accepts.map((l) => LEVEL_LABELS[l as Exclude<EvidenceLevel, ''>]).join(' hoặc ');
    const now = fact.level ? LEVEL_LABELS[fact.level] : '';
    const source = r.kind === 'household' ? `danh sách năm ${fact.listYear}` : 'giấy xác nhận mới nhất';
    return {
      requirement: r,
      status: 'changed',
      fact,
      message: `Theo ${source}${subjectWord(r)}: ${now.charAt(0).toLowerCase()}${now.slice(1)}; nhóm cần ${needed.toLowerCase()} (${r.basis}).`,
    };
  }
  return { requirement: r, status: 'ok', fact, message: '' };
}

/** The findings of a group on a date (every applicable requirement, each with its subject's facts). */
export function checkGroup(
  groupCode: string | null,
  facts: { self: readonly EvidenceFact[]; cared: readonly EvidenceFact[] },
  ages: { self: number | null; cared: number | null },
  date: IsoDate,
  listYear: number,
): Finding[] {
  return requirementsOf(groupCode)
    .filter((r) => {
      const age = r.subject === 'cared' ? ages.cared : ages.self;
      return !r.ageBand || age === null || (age >= r.ageBand.min && age < r.ageBand.max);
    })
    .map((r) => checkRequirement(r, r.subject === 'cared' ? facts.cared : facts.self, date, listYear));
}

export type Proposal =
  | { kind: 'stop'; effectiveMonth: Month; reason: string }
  | { kind: 'adjust'; groupCode: string; effectiveMonth: Month; reason: string };

// The disability groups by level, then by age: adults 16 to under 60 in 6A/6C, children and elders 6B/6D.
const DISABILITY_GROUPS: Partial<Record<DisabilityLevel, { adult: string; other: string }>> = {
  especially_severe: { adult: 'BTXH-6A', other: 'BTXH-6B' },
  severe: { adult: 'BTXH-6C', other: 'BTXH-6D' },
};
const OWN_DISABILITY = new Set(['BTXH-6A', 'BTXH-6B', 'BTXH-6C', 'BTXH-6D']);
const POOR_ELDERLY = new Set(['BTXH-5A1', 'BTXH-5A2']);
/** BTXH-5C: from 80, no pension or monthly social-insurance allowance (the officer confirms that). */
export const ELDERLY_WITHOUT_PENSION = 'BTXH-5C';

/** The first month a proposed decision takes effect: the month after the review date (the review's month is paid). */
export const proposalMonth = (date: IsoDate): Month => addMonths(monthOfDate(date), 1);

/**
 * What to propose for a group whose findings are not all ok (null when they are): a change of group
 * where the new fact fits another group the person's age allows (a disability certificate of the other
 * level → 6A/6B or 6C/6D; an elder of 80 or more no longer poor → BTXH-5C), else a stop. Both from the
 * month after the review date; the officer records it (or not) with the register's decision.
 */
export function proposeDecision(
  groupCode: string,
  findings: readonly Finding[],
  age: number | null,
  date: IsoDate,
): Proposal | null {
  const problems = findings.filter((f) => f.status !== 'ok');
  if (!problems.length) return null;
  const effectiveMonth = proposalMonth(date);
  const reason = problems.map((p) => p.message).join(' ');
  if (problems.length === 1) {
    const p = problems[0]!;
    if (
      p.status === 'changed' &&
      p.requirement.kind === 'disability' &&
      OWN_DISABILITY.has(groupCode) &&
      age !== null
    ) {
      const family = DISABILITY_GROUPS[p.fact!.level as DisabilityLevel];
      if (family) {
        const next = age >= 16 && age < 60 ? family.adult : family.other;
        if (next !== groupCode) return { kind: 'adjust', groupCode: next, effectiveMonth, reason };
      }
    }
    if (p.requirement.kind === 'household' && POOR_ELDERLY.has(groupCode) && age !== null && age >= 80)
      return {
        kind: 'adjust',
        groupCode: ELDERLY_WITHOUT_PENSION,
        effectiveMonth,
        reason: `${reason} Từ đủ 80 tuổi: chuyển nhóm ${ELDERLY_WITHOUT_PENSION} nếu không hưởng lương hưu, trợ cấp bảo hiểm xã hội hằng tháng.`,
      };
  }
  return { kind: 'stop', effectiveMonth, reason };
}

/**
 * The poverty list a review on `date` checks against: the list approved in December is the next year's
 * (the yearly review of households runs in the fourth quarter and its list applies from 1 January), so a
 * review in December checks the next year's list, any other month the current year's.
 */
export function defaultListYear(date: IsoDate): number {
  const year = Number(date.slice(0, 4));
  return date.slice(5, 7) === '12' ? year + 1 : year;
}
