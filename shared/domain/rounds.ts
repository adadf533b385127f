import { foldForSearch } from './text';

// One-off rounds (đợt chi một lần, issue 16): the President's Tết gifts for người có công by category,
// the province's Tết gifts for BTXH, 27/7 gifts… A round's rules pick recipients from the register; the
// officer adds or removes people by hand with a reason. The pure rules live here: who a rule picks, the
// one amount each person gets, and the totals. Main gathers the facts (who is alive, resident and paid
// what on the round's date) and stores what this returns.

/** What a rule says: one programme, optionally some groups (BTXH) or categories (NCC), and the amount. */
export interface RoundRule {
  ruleNo: number;
  programme: string;
  /** Allowance group codes or families ('BTXH-1' covers BTXH-1A and BTXH-1B); empty: any group. */
  groups: readonly string[];
  /** NCC categories as written on the decision ('Thương binh' picks 'Thương binh 61%'); empty: any. */
  categories: readonly string[];
  amountVnd: number;
}

/** One entitlement of a candidate, active on the round's date (main filters alive and resident). */
export interface RoundCandidate {
  personId: number;
  programme: string;
  groupCode: string | null;
  /** The group's family (allowance_groups.family), for age-dependent groups. */
  groupFamily: string | null;
  categoryLabel: string;
}

/** A change by hand: add someone (with the amount and programme) or remove someone picked by the rules. */
export type RoundAdjustment =
  { kind: 'add'; personId: number; programme: string; amountVnd: number } | { kind: 'remove'; personId: number };

export interface RoundLinePlan {
  personId: number;
  programme: string;
  /** The rule that picked the person; null for someone added by hand. */
  ruleNo: number | null;
  amountVnd: number;
  /** The candidate fact the rule matched (group code or NCC category), for the list. */
  matched: string;
}

export interface RoundPlan {
  lines: RoundLinePlan[];
  /** People the rules picked who already are in another round of the same legal basis (left out). */
  alreadyInBasis: number[];
  /** People the rules picked who were removed by hand. */
  removed: number[];
}

/** The largest amount one line may pay: a gift is far below; a typo (an extra zero or three) is not. */
export const ROUND_MAX_AMOUNT_VND = 100_000_000;

const categoryMatches = (label: string, wanted: readonly string[]): boolean => {
  if (wanted.length === 0) return true;
  const folded = foldForSearch(label);
  return wanted.some((w) => {
    const f = foldForSearch(w);
    // Whole words from the start, without accents or case: 'Thương binh' picks 'Thương binh 61%', not 'Thương binhxyz'.
    return f !== '' && (folded === f || folded.startsWith(`${f} `));
  });
};

/** Does the rule pick this entitlement? */
export function ruleMatches(rule: RoundRule, c: RoundCandidate): boolean {
  if (rule.programme !== c.programme) return false;
  if (
    rule.groups.length &&
    !rule.groups.some((g) => g === c.groupCode || (c.groupFamily !== null && g === c.groupFamily))
  )
    return false;
  return categoryMatches(c.categoryLabel, rule.categories);
}

/**
 * The round's lines: each person once, under the matching rule with the highest amount (the lower rule
 * number on a tie) — someone who qualifies several ways gets one gift; nobody already in another round of
 * the same legal basis; removals by hand taken out; additions by hand in (refused by main when the person
 * is in another round of the basis). Sorted by person id: the caller orders for print.
 */
export function planRound(
  rules: readonly RoundRule[],
  candidates: readonly RoundCandidate[],
  adjustments: readonly RoundAdjustment[],
  inOtherRoundOfBasis: ReadonlySet<number>,
): RoundPlan {
  const best = new Map<number, RoundLinePlan>();
  const ordered = [...rules].sort((a, b) => a.ruleNo - b.ruleNo);
  for (const c of candidates) {
    for (const rule of ordered) {
      if (!ruleMatches(rule, c)) continue;
      const known = best.get(c.personId);
      if (
        !known ||
        rule.amountVnd > known.amountVnd ||
        (rule.amountVnd === known.amountVnd && rule.ruleNo < (known.ruleNo ?? Infinity))
      ) {
        best.set(c.personId, {
          personId: c.personId,
          programme: c.programme,
          ruleNo: rule.ruleNo,
          amountVnd: rule.amountVnd,
          matched: c.categoryLabel || c.groupCode || '',
        });
      }
    }
  }
  const alreadyInBasis: number[] = [];
  const removed: number[] = [];
  const removals = new Set(adjustments.filter((a) => a.kind === 'remove').map((a) => a.personId));
  for (const id of [...best.keys()]) {
    if (inOtherRoundOfBasis.has(id)) {
      alreadyInBasis.push(id);
      best.delete(id);
    } else if (removals.has(id)) {
      removed.push(id);
      best.delete(id);
    }
  }
  for (const a of adjustments) {
    if (a.kind !== 'add' || inOtherRoundOfBasis.has(a.personId) || removals.has(a.personId)) continue;
    // An addition by hand replaces what the rules gave the person (the officer decided the amount).
    best.set(a.personId, {
      personId: a.personId,
      programme: a.programme,
      ruleNo: null,
      amountVnd: a.amountVnd,
      matched: '',
    });
  }
  return {
    lines: [...best.values()].sort((a, b) => a.personId - b.personId),
    alreadyInBasis: alreadyInBasis.sort((a, b) => a - b),
    removed: removed.sort((a, b) => a - b),
  };
}

export interface RoundTotals {
  count: number;
  totalVnd: number;
}

export function roundTotals(lines: ReadonlyArray<{ amountVnd: number }>): RoundTotals {
  let totalVnd = 0;
  for (const l of lines) totalVnd += l.amountVnd;
  return { count: lines.length, totalVnd };
}

/**
 * The key that makes two rounds "of the same legal basis": the decision's number, date and issuer,
 * compared without accents, case, spaces or punctuation ("05/QĐ-UBND" = "05/qđ-ubnd" = "05 / QD - UBND").
 */
export function basisKey(number: string, date: string, issuer: string): string {
  const squeeze = (s: string) => foldForSearch(s).replace(/[^a-z0-9]/g, '');
  return `${squeeze(number)}|${date}|${squeeze(issuer)}`;
}
