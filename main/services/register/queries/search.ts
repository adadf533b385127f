import type { Store } from '../../../db/store';
import { PEOPLE_DIGITS_SQL, PEOPLE_WORDS_SQL } from '../../../db/search-index';
import type { PayoutMethodCode, PersonStatus, SearchInput } from '@shared/api/register';
import type { ParsedText } from '../search';

// The search's SQL (issue 13): the predicates of a match, the candidate sets, the DRIVE and WALK statements
// and the page's rows. register/search.ts parses the text and chooses the plan (the why is there). Hot:
// every statement is cached by the Store by its text, as before.

/**
 * A digit group that may match a citizen ID (12 digits) or an old CMND (9), and only as the whole value;
 * other groups (and ID-shaped ones that are no one's ID) match phones only.
 */
export const isIdShaped = (digits: string): boolean => digits.length === 12 || digits.length === 9;

type Param = string | number;

export interface Statement {
  sql: string;
  params: Param[];
}

export interface Condition {
  /** The test as the walk reads it: for words and digits, only columns of the index people_search_walk. */
  walk: Statement;
  /** The same test for rows read from the table: a cheap check first, the full one when it fails. */
  row: Statement;
  /** Reads register_summary, joined as s. */
  summary: boolean;
  /** Who the list shows (beneficiaries by default): never a reason to choose a plan. */
  role?: boolean;
}

export type DriverName = 'names' | 'digits' | 'summary' | 'neighbourhood' | 'receivers';

export interface Driver {
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
export function searchConditions(parsed: ParsedText, input: SearchInput): Condition[] | null {
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

/** The candidate sets a DRIVE could start from, in the order they are measured. */
export function candidateSets(
  store: Store,
  parsed: ParsedText,
  input: SearchInput,
  conditions: readonly Condition[],
): Driver[] {
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

/** A candidate set's first `limit` ids (the measurement that chooses the plan). */
export function candidateStatement(driver: Driver, limit: number): Statement {
  return { sql: `${driver.sql} LIMIT ${limit}`, params: driver.params };
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

export type SortColumn = NonNullable<SearchInput['sort']>;

const nameOrder = (desc: boolean) => (desc ? 'p.sort_key DESC, p.id DESC' : 'p.sort_key, p.id');

/**
 * ORDER BY for a column other than the name; ties (and unknown values, always last) in name order, so
 * the same people keep the same order from page to page.
 */
function otherOrder(sort: Exclude<SortColumn, 'name'>, desc: boolean): string {
  const dir = desc ? 'DESC' : 'ASC';
  const value = {
    birth: 'p.birth_date',
    amount: '(SELECT rs.monthly_vnd FROM register_summary AS rs WHERE rs.person_id = p.id)',
    // The statuses in the order the office reads them (as the status filter lists them).
    status: `(SELECT CASE rs.status WHEN 'active' THEN 1 WHEN 'suspended' THEN 2 WHEN 'stopped' THEN 3 WHEN 'deceased' THEN 4 ELSE 5 END FROM register_summary AS rs WHERE rs.person_id = p.id)`,
  }[sort];
  return `${value} IS NULL, ${value} ${dir}, p.sort_key, p.id`;
}

/** DRIVE: every match from the candidate ids (or the candidate set's query), sorted. */
export function drivenIds(
  conditions: readonly Condition[],
  from: { ids: number[] } | { driver: Driver },
  sort: SortColumn,
  desc: boolean,
): Statement {
  const source_ = source(conditions, from);
  return {
    sql: `SELECT p.id ${source_.sql} ORDER BY ${sort === 'name' ? nameOrder(desc) : otherOrder(sort, desc)}`,
    params: source_.params,
  };
}

/** WALK sorted by another column: every match, sorted. */
export function walkedIdsSorted(
  conditions: readonly Condition[],
  sort: Exclude<SortColumn, 'name'>,
  desc: boolean,
): Statement {
  const all = source(conditions, 'walk');
  return { sql: `SELECT p.id ${all.sql} ORDER BY ${otherOrder(sort, desc)}`, params: all.params };
}

/** WALK in name order, up to `limit` matches from `offset`: the last two parameters are LIMIT and OFFSET. */
export function walkedIds(conditions: readonly Condition[], desc: boolean, limit: number, offset: number): Statement {
  const walk = source(conditions, 'walk');
  return {
    sql: `SELECT p.id ${walk.sql} ORDER BY ${nameOrder(desc)} LIMIT ? OFFSET ?`,
    params: [...walk.params, limit, offset],
  };
}

/** Runs an id statement of the plan (a candidate set's or the matches'). */
export function idsOf(store: Store, statement: Statement): number[] {
  return store
    .prepare(statement.sql)
    .pluck()
    .all(...statement.params) as number[];
}

/** A page's rows from its ids (a JSON array), in that order. */
export const ROWS_SQL = `SELECT p.id, p.full_name, p.birth_date, p.birth_precision, p.gender, p.citizen_id,
    n.name AS neighbourhood, p.phone, s.status, s.programmes, s.group_codes, s.method, s.monthly_vnd
  FROM json_each(?) AS j CROSS JOIN people AS p ON p.id = j.value
  LEFT JOIN register_summary AS s ON s.person_id = p.id
  LEFT JOIN neighbourhoods AS n ON n.id = p.neighbourhood_id
  ORDER BY j.key`;

/** A row of the list: the person, their neighbourhood's name and their summary (null without one). */
export interface SearchRow {
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

export function pageRows(store: Store, ids: readonly number[]): SearchRow[] {
  return store.prepare(ROWS_SQL).all(JSON.stringify(ids)) as SearchRow[];
}
