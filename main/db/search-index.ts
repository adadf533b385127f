// The SQL of the people search indexes as live code writes it (search, restore's rebuild). Migration 004
// created the indexes and triggers from the same text and keeps its own frozen copy, so a change here
// never rewrites a migration: tests/integration/search-index-sql.test.ts checks that what a migrated
// register holds still contains these expressions exactly (SQLite reads an expression from an index only
// when the query spells it the same). Changing them needs a new migration that rebuilds the index.

// Characters that separate the words of a name besides the space (see migration 004).
const WORD_SEPARATORS = [
  '-',
  '.',
  ',',
  "'",
  '"',
  '(',
  ')',
  '/',
  '\\',
  '_',
  ';',
  ':',
  '!',
  '?',
  '&',
  '+',
  '\u2018',
  '\u2019',
  '\u201c',
  '\u201d',
  '\u2013',
  '\u2014',
];

/**
 * The folded name as searched word by word: a leading space, then search_key with the separators above
 * turned into spaces, so that "word w starts a word of the name" is `instr(words, ' ' || w) > 0`.
 */
export const PEOPLE_WORDS_SQL = (searchKey: string): string =>
  `(' ' || ${WORD_SEPARATORS.reduce((sql, c) => `replace(${sql}, '${c.replace(/'/g, "''")}', ' ')`, searchKey)})`;

/**
 * The digits searched for a person: citizen ID, old ID, phone without its separators (' ', '.', '+', '-').
 * `p` prefixes the columns: 'NEW.', 'p.', or '' in the index.
 */
export const PEOPLE_DIGITS_SQL = (p: string): string =>
  `(coalesce(${p}citizen_id, '') || ' ' || coalesce(${p}legacy_id, '') || ' ' || ` +
  `replace(replace(replace(replace(coalesce(${p}phone, ''), ' ', ''), '.', ''), '+', ''), '-', ''))`;

/** How each search index is filled from people: restore copies a backup's rows and rebuilds every index. */
export const SEARCH_INDEX_FILL: Readonly<Record<string, string>> = {
  people_name_fts: 'INSERT INTO people_name_fts (rowid, name) SELECT id, search_key FROM people',
  people_digit_fts: `INSERT INTO people_digit_fts (rowid, digits) SELECT p.id, ${PEOPLE_DIGITS_SQL('p.')} FROM people p`,
};
