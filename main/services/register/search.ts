import type { Store } from '../../db/store';
import { PEOPLE_DIGITS_SQL, PEOPLE_WORDS_SQL } from '../../db/search-index';
import type { PayoutMethodCode, PersonRow, PersonStatus, SearchInput, SearchResult } from '@shared/api/register';
import { formatBirthDate } from '@shared/domain/dates';
import { foldForSearch } from '@shared/domain/text';

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

/** The total is counted up to this many; beyond it the result says `totalCapped`. */
export const TOTAL_CAP = 1000;
/** Candidate sets smaller than this are driven from; when every set is larger, the query walks sort_key order. */
export const DRIVE_LIMIT = 3000;
/**
 * The same with filters on register_summary only: the walk then looks up every row it reads (13 ms to
 * reach 1,001 of 3,000 suspended people, where driving from all of them takes 6 ms).
 */
export const DRIVE_LIMIT_SUMMARY_ONLY = 2 * DRIVE_LIMIT;

/**
 * A digit group that may match a citizen ID (12 digits) or an old CMND (9), and only as the whole value;
 * other groups (and ID-shaped ones that are no one's ID) match phones only.
 */
export const isIdShaped = (digits: string): boolean => digits.length === 12 || digits.length === 9;

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

type Param = string | number;

export interface Statement {
  sql: string;
  params: Param[];
}

interface Condition {
  /** The test as the walk reads it: for words and digits, only columns of the index people_search_walk. */
  walk: Statement;
  /** The same test for rows read from the table: a cheap check first, the full one when it fails. */
  row: Statement;
  /** Reads register_summary, joined as s. */
  summary: boolean;
  /** Who the list shows (beneficiaries by default): never a reason to choose a plan. */
  role?: boolean;
}

type DriverName = 'names' | 'digits' | 'summary' | 'neighbourhood' | 'receivers';

interface Driver {
  name: DriverName;
  /** Yields candidate ids as column `id`. */
  sql: string;
  params: Param[];
}

const WORDS = PEOPLE_WORDS_SQL('p.search_key');
const DIGITS = PEOPLE_DIGITS_SQL('p.');
// DIGITS is "citizen ID, space, old ID, space, phone digits" (migration 004), stored in people_search_walk:
// the walk reads both tests below from the index. The phone part is what follows the second space (IDs are
// digits only, as citizen-id.ts and the legacy-ID check store them: ltrim of the digits skips each); a
// whole ID is a word that a space follows in ' ' || DIGITS (the phone, last, has none after it).
const PHONE_PART = `substr(ltrim(substr(ltrim(${DIGITS}, '0123456789'), 2), '0123456789'), 2)`;
const PHONE_DIGITS = `replace(replace(replace(replace(coalesce(p.phone, ''), ' ', ''), '.', ''), '+', ''), '-', '')`;
const wrap = (code: string) => `,${code},`;
const RECEIVES_SQL = 'EXISTS (SELECT 1 FROM authorizations AS au WHERE au.receiver_person_id = p.id)';

/** The predicates for the input, or null when nothing can match. */
function conditionsOf(parsed: ParsedText, input: SearchInput): Condition[] | null {
  if (parsed.unmatchable) return null;
  const conditions: Condition[] = [];
  const plain = (sql: string, params: Param[], summary = true): Condition => ({
    walk: { sql, params },
    row: { sql, params },
    summary,
  });
  for (const word of parsed.words) {
    // ' ' || search_key shows a subset of the word starts of WORDS, and most names have no punctuation.
    const start = ` ${word}`;
    conditions.push({
      walk: { sql: `instr(${WORDS}, ?) > 0`, params: [start] },
      row: { sql: `(instr(' ' || p.search_key, ?) > 0 OR instr(${WORDS}, ?) > 0)`, params: [start, start] },
      summary: false,
    });
  }
  for (const digits of parsed.digits) {
    // The cheap instr over all digits first (most rows fail it), then the exact rule.
    conditions.push(
      isIdShaped(digits)
        ? {
            walk: {
              sql: `(instr(${DIGITS}, ?) > 0 AND (instr(${PHONE_PART}, ?) > 0 OR instr(' ' || ${DIGITS}, ?) > 0))`,
              params: [digits, digits, ` ${digits} `],
            },
            row: {
              sql: `(p.citizen_id = ? OR p.legacy_id = ? OR instr(${PHONE_DIGITS}, ?) > 0)`,
              params: [digits, digits, digits],
            },
            summary: false,
          }
        : {
            walk: { sql: `(instr(${DIGITS}, ?) > 0 AND instr(${PHONE_PART}, ?) > 0)`, params: [digits, digits] },
            row: { sql: `(instr(p.phone, ?) > 0 OR instr(${PHONE_DIGITS}, ?) > 0)`, params: [digits, digits] },
            summary: false,
          },
    );
  }
  if (input.programme) conditions.push(plain('instr(s.programmes, ?) > 0', [wrap(input.programme)]));
  const groupCode = input.groupCode?.trim() ?? '';
  if (groupCode.includes(',')) return null; // never a code: it would match across the list's commas
  if (groupCode) conditions.push(plain('instr(s.group_codes, ?) > 0', [wrap(groupCode)]));
  if (input.neighbourhoodId !== undefined)
    conditions.push(plain('p.neighbourhood_id = ?', [input.neighbourhoodId], false));
  if (input.method) conditions.push(plain('s.method = ?', [input.method]));
  // Issue 14: the default list is the beneficiaries; someone who only receives for another (an authorized
  // relative, a person record of their own) is listed under the receivers' filter. Both tests read the
  // walk index (receiver_only is in it; the receivers' EXISTS looks up authorizations_receiver by p.id).
  const role = input.role ?? 'beneficiaries';
  if (role === 'beneficiaries') conditions.push({ ...plain('p.receiver_only = 0', [], false), role: true });
  if (role === 'receivers') conditions.push({ ...plain(RECEIVES_SQL, [], false), role: true });
  if (input.status) {
    // Someone without a summary row yet counts as 'none', as in the rows returned.
    conditions.push(
      input.status === 'none'
        ? plain("(s.status IS NULL OR s.status = 'none')", [])
        : plain('s.status = ?', [input.status]),
    );
  }
  return conditions;
}

/** register_summary.person_id is a key referencing people: equal counts mean a row for everyone. */
function everyoneHasSummary(store: Store): boolean {
  return (
    store.prepare('SELECT (SELECT count(*) FROM people) = (SELECT count(*) FROM register_summary)').pluck().get() === 1
  );
}

function driversOf(store: Store, parsed: ParsedText, input: SearchInput, conditions: readonly Condition[]): Driver[] {
  const drivers: Driver[] = [];
  if (parsed.words.length) {
    drivers.push({
      name: 'names',
      sql: 'SELECT rowid AS id FROM people_name_fts WHERE people_name_fts MATCH ?',
      // Each word quoted: FTS5 syntax typed as text ("AND", "NEAR", "*", "(") is only ever a word.
      params: [parsed.words.map((w) => `"${w}"*`).join(' AND ')],
    });
  }
  const long = parsed.digits.filter((d) => d.length >= 3);
  if (long.length) {
    drivers.push({
      name: 'digits',
      sql: 'SELECT rowid AS id FROM people_digit_fts WHERE people_digit_fts MATCH ?',
      params: [long.map((d) => `"${d}"`).join(' AND ')],
    });
  }
  if (input.role === 'receivers') {
    drivers.push({
      name: 'receivers',
      sql: 'SELECT DISTINCT receiver_person_id AS id FROM authorizations',
      params: [],
    });
  }
  if (input.neighbourhoodId !== undefined) {
    drivers.push({
      name: 'neighbourhood',
      sql: 'SELECT id FROM people WHERE neighbourhood_id = ?',
      params: [input.neighbourhoodId],
    });
  }
  // All the summary filters at once: their intersection, however common each is alone. Status 'none' is
  // also met by someone without a summary row, whom this set would miss: only when everyone has one (as
  // the summary services keep it). Most of a register is 'active': reading the status index for it would
  // fetch nearly every row one by one, so '+' keeps SQLite to a plain scan of the table there.
  const summary = conditions.filter((c) => c.summary);
  if (summary.length && (input.status !== 'none' || everyoneHasSummary(store))) {
    const tests = summary.map((c) =>
      input.status === 'active' ? c.row.sql.replace('s.status = ?', '+s.status = ?') : c.row.sql,
    );
    drivers.push({
      name: 'summary',
      sql: `SELECT s.person_id AS id FROM register_summary AS s WHERE ${tests.join(' AND ')}`,
      params: summary.flatMap((c) => c.row.params),
    });
  }
  return drivers;
}

/**
 * FROM … WHERE … over people p (s joined when a predicate reads it): from candidate ids (a JSON array),
 * from a candidate set's query, or along the walk index.
 */
function source(conditions: readonly Condition[], from: { ids: number[] } | { driver: Driver } | 'walk'): Statement {
  const params: Param[] = [];
  let sql: string;
  if (from === 'walk') sql = 'FROM people AS p INDEXED BY people_search_walk';
  else if ('ids' in from) {
    sql = 'FROM json_each(?) AS c CROSS JOIN people AS p ON p.id = c.value';
    params.push(JSON.stringify(from.ids));
  } else {
    sql = `FROM (${from.driver.sql}) AS c CROSS JOIN people AS p ON p.id = c.id`;
    params.push(...from.driver.params);
  }
  if (conditions.some((c) => c.summary)) sql += ' LEFT JOIN register_summary AS s ON s.person_id = p.id';
  const tests = conditions.map((c) => (from === 'walk' ? c.walk : c.row));
  if (tests.length) sql += ` WHERE ${tests.map((t) => t.sql).join(' AND ')}`;
  for (const t of tests) params.push(...t.params);
  return { sql, params };
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
  const conditions = conditionsOf(parsed, input);
  if (!conditions)
    return { strategy: 'none', driver: null, estimates: [], ids: { sql: '', params: [] }, paged: false, limit, offset };

  // Each candidate set's ids, up to DRIVE_LIMIT: its size decides, and DRIVE then starts from these ids
  // (an FTS5 query of several prefixes costs about a millisecond: run it once).
  const estimates: SearchPlan['estimates'] = [];
  const choosing = conditions.filter((c) => !c.role);
  const driveLimit = choosing.length && choosing.every((c) => c.summary) ? DRIVE_LIMIT_SUMMARY_ONLY : DRIVE_LIMIT;
  let best: { driver: Driver; ids: number[] } | null = null;
  for (const driver of driversOf(store, parsed, input, conditions)) {
    const statement = { sql: `${driver.sql} LIMIT ${driveLimit}`, params: driver.params };
    let ids: number[];
    try {
      ids = store
        .prepare(statement.sql)
        .pluck()
        .all(...statement.params) as number[];
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
  const nameOrder = desc ? 'p.sort_key DESC, p.id DESC' : 'p.sort_key, p.id';
  if (drive) {
    const from = source(conditions, best!.ids.length < driveLimit ? { ids: best!.ids } : { driver: best!.driver });
    const ids = {
      sql: `SELECT p.id ${from.sql} ORDER BY ${sort === 'name' ? nameOrder : otherOrder(sort, desc)}`,
      params: from.params,
    };
    return { strategy: 'drive', driver: best!.driver.name, estimates, ids, paged: false, limit, offset };
  }
  if (sort !== 'name') {
    // Another column: every match, sorted (the walk's early stop only holds in name order). Only when
    // the officer clicks a column header, so the usual search keeps its bounded walk.
    const all = source(conditions, 'walk');
    return {
      strategy: 'walk',
      driver: null,
      estimates,
      ids: { sql: `SELECT p.id ${all.sql} ORDER BY ${otherOrder(sort, desc)}`, params: all.params },
      paged: false,
      limit,
      offset,
    };
  }
  // One walk serves the page and the capped total: it goes on to the (TOTAL_CAP + 1)th match at most.
  // A page beyond that (an export reading everything) is walked to with OFFSET, its ids alone returned.
  const walk = source(conditions, 'walk');
  const paged = offset + limit > TOTAL_CAP + 1;
  const ids = {
    sql: `SELECT p.id ${walk.sql} ORDER BY ${nameOrder} LIMIT ? OFFSET ?`,
    params: [...walk.params, ...(paged ? [limit, offset] : [TOTAL_CAP + 1, 0])],
  };
  return { strategy: 'walk', driver: null, estimates, ids, paged, limit, offset };
}

/**
 * ORDER BY for a column other than the name; ties (and unknown values, always last) in name order, so
 * the same people keep the same order from page to page.
 */
function otherOrder(sort: 'birth' | 'amount' | 'status', desc: boolean): string {
  const dir = desc ? 'DESC' : 'ASC';
  const value = {
    birth: 'p.birth_date',
    amount: '(SELECT rs.monthly_vnd FROM register_summary AS rs WHERE rs.person_id = p.id)',
    // The statuses in the order the office reads them (as the status filter lists them).
    status: `(SELECT CASE rs.status WHEN 'active' THEN 1 WHEN 'suspended' THEN 2 WHEN 'stopped' THEN 3 WHEN 'deceased' THEN 4 ELSE 5 END FROM register_summary AS rs WHERE rs.person_id = p.id)`,
  }[sort];
  return `${value} IS NULL, ${value} ${dir}, p.sort_key, p.id`;
}

/** A page's rows from its ids (a JSON array), in that order. */
export const ROWS_SQL = `SELECT p.id, p.full_name, p.birth_date, p.birth_precision, p.gender, p.citizen_id,
    n.name AS neighbourhood, p.phone, s.status, s.programmes, s.group_codes, s.method, s.monthly_vnd
  FROM json_each(?) AS j CROSS JOIN people AS p ON p.id = j.value
  LEFT JOIN register_summary AS s ON s.person_id = p.id
  LEFT JOIN neighbourhoods AS n ON n.id = p.neighbourhood_id
  ORDER BY j.key`;

interface RowDb {
  id: number;
  full_name: string;
  birth_date: string | null;
  birth_precision: 'day' | 'year' | 'unknown';
  gender: 'male' | 'female' | null;
  citizen_id: string | null;
  neighbourhood: string | null;
  phone: string;
  status: PersonStatus | null;
  programmes: string | null;
  group_codes: string | null;
  method: PayoutMethodCode | null;
  monthly_vnd: number | null;
}

const split = (list: string | null): string[] => (list ? list.split(',').filter(Boolean) : []);

function toPersonRow(r: RowDb): PersonRow {
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
  const statement = store.prepare(plan.ids.sql).pluck();
  let ids = statement.all(...plan.ids.params) as number[];
  let total: number;
  if (!plan.paged) {
    total = ids.length;
    ids = ids.slice(plan.offset, plan.offset + plan.limit);
  } else if (ids.length > 0) {
    total = plan.offset + ids.length; // past the cap: only "more than TOTAL_CAP" matters
  } else {
    // Nothing at that offset: count from the start, up to the cap.
    total = (statement.all(...plan.ids.params.slice(0, -2), TOTAL_CAP + 1, 0) as number[]).length;
  }
  const rows = ids.length ? (store.prepare(ROWS_SQL).all(JSON.stringify(ids)) as RowDb[]).map(toPersonRow) : [];
  return { rows, total: Math.min(total, TOTAL_CAP), totalCapped: total > TOTAL_CAP };
}
