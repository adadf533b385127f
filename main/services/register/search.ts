import type { Store } from '../../db/store';
import type { PersonRow, SearchInput, SearchResult } from '@shared/api/register';
import { formatBirthDate } from '@shared/domain/dates';
import { foldForSearch } from '@shared/domain/text';
import {
  candidateSets,
  candidateStatement,
  drivenIds,
  idsOf,
  isIdShaped,
  pageRows,
  searchConditions,
  walkedIds,
  walkedIdsSorted,
  type Driver,
  type DriverName,
  type SearchRow,
  type Statement,
} from './queries/search';

export { isIdShaped, type Statement };

// Search as you type over the whole register, in the ward's order (given name, family, middle: sort_key).
//
// What matches is defined once, by SQL predicates on the person's row, whichever plan finds the rows:
//   - each word typed (folded like search_key: no marks, đ→d, lower case) starts a word of the name, in
//     any order: instr(words, ' ' || word), `words` being the folded name with punctuation turned into
//     spaces (PEOPLE_WORDS_SQL, main/db/search-index.ts);
//   - each group of digits occurs in the phone (separators ignored), or — 12 or 9 digits (isIdShaped) —
//     is the WHOLE citizen ID or the whole old ID (issue 12: a fragment of an ID never matches it, so a
//     masked ID cannot be rebuilt from what matches; the handler audits every ID-shaped search);
//   - the filters read register_summary (status, programmes, groups, method) and people.neighbourhood_id.
// Indexes only propose candidates and every candidate is tested, so both plans return the same rows
// (tests/integration/search.test.ts checks them against a plain oracle).
//
// Two plans. Figures at 100,000 people on a 2-core machine (bench/run.ts and measurements made for it):
//   DRIVE: from the smallest candidate set — the FTS5 index of name words (prefix indexes for 1–3
//     letters), the trigram index of digits (groups of 3+), all summary filters together, or the
//     neighbourhood — test the other predicates, sort every survivor by sort_key. ≈ 1–2 µs a candidate:
//     "on" (2,200 candidates) 2.7 ms, but "huong" (5,500) 12 ms, "n" 28 ms, "h" 34 ms.
//   WALK: read the index people_search_walk (sort_key, id, words, digits, neighbourhood_id, receiver_only) in order,
//     test those from the index itself, stop once enough rows match. ≈ 0.12 µs an entry, the whole
//     register ≈ 12 ms: "ng" 2.2 ms, "thi" 3.7 ms, because matches come at once.
//   The walk's cost depends on where the matches lie in the order, which no count tells: a family or
//   middle name is spread through it, a given name sits in one stretch ("huong", half-way: 7.5 ms). Its
//   worst case is bounded (the whole index), so: DRIVE when some candidate set has fewer than
//   DRIVE_LIMIT ids (≲ 3 ms), else WALK. Fetching each set's ids up to that limit is the measurement, and
//   DRIVE starts from those ids (an FTS5 query of several prefixes costs ~1 ms: it runs once).
//   The summary filters cost the walk one lookup per row that passes the rest: with filters only, the
//   limit is doubled (DRIVE_LIMIT_SUMMARY_ONLY); a rare filter with a common text, each too common to
//   drive from, walks the whole index (≲ 20 ms).
// The total: DRIVE sorts every match, so it knows it; WALK goes on past the page to the (TOTAL_CAP + 1)th
// match at most, so one statement gives both (counting from a candidate set instead was slower whenever
// filters are rare: ~20 ms for "n" in one neighbourhood with a group and a status).
// The predicates and both plans' statements are built in queries/search.ts; this file chooses.

/** The total is counted up to this many; beyond it the result says `totalCapped`. */
export const TOTAL_CAP = 1000;
/** Candidate sets smaller than this are driven from; when every set is larger, the query walks sort_key order. */
export const DRIVE_LIMIT = 3000;
/**
 * The same with filters on register_summary only: the walk then looks up every row it reads (13 ms to
 * reach 1,001 of 3,000 suspended people, where driving from all of them takes 6 ms).
 */
export const DRIVE_LIMIT_SUMMARY_ONLY = 2 * DRIVE_LIMIT;

export interface ParsedText {
  /** Folded word starts, each to start a word of the name. */
  words: string[];
  /** Digit groups, each to occur in the citizen ID, old ID or phone. */
  digits: string[];
  /** Text was typed but nothing in it can match a name or a number ("%", "*", "--"). */
  unmatchable: boolean;
}

/**
 * Splits typed text into word starts and digit groups. Text made only of digits and phone separators
 * ("0912 345 678", "+84.912") is one digit group. A word that starts another typed word is dropped
 * ("ng nguyen" asks no more than "nguyen"), as is a digit group inside another.
 */
export function parseSearchText(text: string): ParsedText {
  const folded = foldForSearch(text);
  if (folded === '') return { words: [], digits: [], unmatchable: false };
  if (/^[0-9 .+-]+$/.test(folded) && /[0-9]/.test(folded)) {
    return { words: [], digits: [folded.replace(/[^0-9]/g, '')], unmatchable: false };
  }
  const tokens = [...new Set(folded.split(/[^\p{L}\p{N}]+/u).filter(Boolean))];
  const isDigits = (t: string) => /^[0-9]+$/.test(t);
  const wordTokens = tokens.filter((t) => !isDigits(t));
  const digitTokens = tokens.filter(isDigits);
  const words = wordTokens.filter((w) => !wordTokens.some((o) => o !== w && o.startsWith(w)));
  const digits = digitTokens.filter((d) => !digitTokens.some((o) => o !== d && o.includes(d)));
  return { words, digits, unmatchable: words.length === 0 && digits.length === 0 };
}

export interface SearchPlan {
  strategy: 'none' | 'drive' | 'walk';
  /** The candidate set driven from (DRIVE). */
  driver: DriverName | null;
  /** The candidate sets' first DRIVE_LIMIT ids (or …_SUMMARY_ONLY), fetched to choose the plan, in the order they ran. */
  estimates: Array<{ driver: DriverName; count: number; statement: Statement }>;
  /**
   * The matches' ids in order: DRIVE, all of them; WALK, the first TOTAL_CAP + 1 when the page lies
   * within them (enough for the page and the capped total), else just the page (`paged`).
   */
  ids: Statement;
  /** `ids` yields the page itself (LIMIT/OFFSET in SQL): a page beyond the cap. */
  paged: boolean;
  limit: number;
  offset: number;
}

/**
 * Chooses the plan for a search and returns its statement; runs only the candidate-set queries that
 * decide it. `force` lets tests and the bench compare the plans on the same query.
 */
export function planSearch(store: Store, input: SearchInput, force?: 'drive' | 'walk'): SearchPlan {
  const limit = input.limit ?? 100;
  const offset = input.offset ?? 0;
  const parsed = parseSearchText(input.text ?? '');
  const conditions = searchConditions(parsed, input);
  if (!conditions)
    return { strategy: 'none', driver: null, estimates: [], ids: { sql: '', params: [] }, paged: false, limit, offset };

  // Each candidate set's ids, up to DRIVE_LIMIT: its size decides, and DRIVE then starts from these ids
  // (an FTS5 query of several prefixes costs about a millisecond: run it once).
  const estimates: SearchPlan['estimates'] = [];
  const choosing = conditions.filter((c) => !c.role);
  const driveLimit = choosing.length && choosing.every((c) => c.summary) ? DRIVE_LIMIT_SUMMARY_ONLY : DRIVE_LIMIT;
  let best: { driver: Driver; ids: number[] } | null = null;
  for (const driver of candidateSets(store, parsed, input, conditions)) {
    const statement = candidateStatement(driver, driveLimit);
    let ids: number[];
    try {
      ids = idsOf(store, statement);
    } catch (error) {
      // Text that FTS5 reads differently from us (a letter newer than its Unicode tables) cannot
      // drive; the predicates still decide, on the walk.
      if (error instanceof Error && /fts5/i.test(error.message)) continue;
      throw error;
    }
    estimates.push({ driver: driver.name, count: ids.length, statement });
    if (!best || ids.length < best.ids.length) best = { driver, ids };
    if (ids.length === 0) break;
  }
  const drive = force ? force === 'drive' && best !== null : best !== null && best.ids.length < driveLimit;
  const sort = input.sort ?? 'name';
  const desc = input.direction === 'desc';
  if (drive) {
    const from = best!.ids.length < driveLimit ? { ids: best!.ids } : { driver: best!.driver };
    const ids = drivenIds(conditions, from, sort, desc);
    return { strategy: 'drive', driver: best!.driver.name, estimates, ids, paged: false, limit, offset };
  }
  if (sort !== 'name') {
    // Another column: every match, sorted (the walk's early stop only holds in name order). Only when
    // the officer clicks a column header, so the usual search keeps its bounded walk.
    const ids = walkedIdsSorted(conditions, sort, desc);
    return { strategy: 'walk', driver: null, estimates, ids, paged: false, limit, offset };
  }
  // One walk serves the page and the capped total: it goes on to the (TOTAL_CAP + 1)th match at most.
  // A page beyond that (an export reading everything) is walked to with OFFSET, its ids alone returned.
  const paged = offset + limit > TOTAL_CAP + 1;
  const ids = walkedIds(conditions, desc, paged ? limit : TOTAL_CAP + 1, paged ? offset : 0);
  return { strategy: 'walk', driver: null, estimates, ids, paged, limit, offset };
}

const split = (list: string | null): string[] => (list ? list.split(',').filter(Boolean) : []);

function toPersonRow(r: SearchRow): PersonRow {
  return {
    id: r.id,
    fullName: r.full_name,
    birthText:
      r.birth_date && r.birth_precision !== 'unknown'
        ? formatBirthDate({ precision: r.birth_precision, value: r.birth_date })
        : '',
    gender: r.gender,
    citizenId: r.citizen_id,
    neighbourhood: r.neighbourhood ?? '',
    phone: r.phone,
    status: r.status ?? 'none',
    programmes: split(r.programmes),
    groupCodes: split(r.group_codes),
    method: r.method,
    monthlyVnd: r.monthly_vnd ?? 0,
  };
}

export function searchPeople(store: Store, input: SearchInput, force?: 'drive' | 'walk'): SearchResult {
  const plan = planSearch(store, input, force);
  if (plan.strategy === 'none') return { rows: [], total: 0, totalCapped: false };
  let ids = idsOf(store, plan.ids);
  let total: number;
  if (!plan.paged) {
    total = ids.length;
    ids = ids.slice(plan.offset, plan.offset + plan.limit);
  } else if (ids.length > 0) {
    total = plan.offset + ids.length; // past the cap: only "more than TOTAL_CAP" matters
  } else {
    // Nothing at that offset: count from the start, up to the cap (the same walk, its LIMIT and OFFSET changed).
    total = idsOf(store, { sql: plan.ids.sql, params: [...plan.ids.params.slice(0, -2), TOTAL_CAP + 1, 0] }).length;
  }
  const rows = ids.length ? pageRows(store, ids).map(toPersonRow) : [];
  return { rows, total: Math.min(total, TOTAL_CAP), totalCapped: total > TOTAL_CAP };
}
