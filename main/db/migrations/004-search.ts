import type { Migration } from './types';

// Search as you type (issue 4, main/services/register/search.ts): two FTS5 indexes over people, kept in
// sync by triggers so that every writer (services, bulk import, a repair script) keeps them current
// without knowing they exist, and an index to walk the register in the ward's order.
//
// people_name_fts: the words of people.search_key, the app's own folded name (foldForSearch: no marks,
//   đ→d, lower case). FTS5's remove_diacritics does not fold đ, so the index reads the folded column, not
//   full_name. Prefix indexes of 1–3 letters answer "ng*", "huo*" from one doclist. detail=none: only
//   "which rows contain a word starting with …" is ever asked (no phrases, no NEAR): a smaller index.
// people_digit_fts: citizen ID, old ID and phone (digits only) under the trigram tokenizer, so that any
//   fragment of 3+ digits ("the last 4 digits") is found by index; a phrase of trigrams is an exact
//   substring test.
// Both are contentless with contentless_delete: they keep no copy of the text, and a row is removed by its
// rowid alone (an external-content 'delete' needs the old text exactly, and corrupts the index if it differs).
// people_search_walk: sort_key order with the searched words, digits and neighbourhood, read without the row.
//
// Cost of the triggers: FTS5 flushes its pending terms at every statement savepoint, and a statement that
// writes people inside a bigger transaction opens one, so a bulk insert pays ~80 µs a person for the two
// indexes (100,000 people: ~10 s instead of ~3 s). This migration's INSERT … SELECT builds them over
// existing rows in one statement (~2 s for 100,000). Size at 100,000 people: ~20 MB of ~115 MB.
// WORD_SEPARATORS and both expressions are part of the schema, frozen here as the migration ran (later
// migrations that rebuild the index import them from here); run-time code has its own copy in
// main/db/search-index.ts (a lint rule keeps it from importing a migration; a test checks they agree). Changing them needs a new migration
// that rebuilds people_search_walk, or search stops using it (correct, but slow).

// Characters that separate the words of a name besides the space: ASCII punctuation that names and
// imported files carry ("Mai-Anh", "H'Hen", "Nguyễn Văn A (B)") and their typographic forms. All are
// separators to FTS5's unicode61 too, so every word found this way is also a word of the FTS index.
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

/** How each search index is filled from the people written under schema 3 (this migration's backfill). */
const SEARCH_INDEX_FILL: Readonly<Record<string, string>> = {
  people_name_fts: 'INSERT INTO people_name_fts (rowid, name) SELECT id, search_key FROM people',
  people_digit_fts: `INSERT INTO people_digit_fts (rowid, digits) SELECT p.id, ${PEOPLE_DIGITS_SQL('p.')} FROM people p`,
};

export const searchIndex: Migration = {
  version: 4,
  name: 'search: full-text indexes of folded names and ID/phone digits, kept by triggers',
  up: (db) => {
    db.exec(`
CREATE VIRTUAL TABLE people_name_fts USING fts5(
  name, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3', detail = none,
  content = '', contentless_delete = 1);
CREATE VIRTUAL TABLE people_digit_fts USING fts5(
  digits, tokenize = 'trigram', content = '', contentless_delete = 1);

CREATE TRIGGER people_search_insert AFTER INSERT ON people BEGIN
  INSERT INTO people_name_fts (rowid, name) VALUES (NEW.id, NEW.search_key);
  INSERT INTO people_digit_fts (rowid, digits) VALUES (NEW.id, ${PEOPLE_DIGITS_SQL('NEW.')});
END;
CREATE TRIGGER people_search_delete AFTER DELETE ON people BEGIN
  DELETE FROM people_name_fts WHERE rowid = OLD.id;
  DELETE FROM people_digit_fts WHERE rowid = OLD.id;
END;
-- Updates re-index only when the indexed text really changes (the person form rewrites every column).
CREATE TRIGGER people_search_update_name AFTER UPDATE OF id, search_key ON people
  WHEN NEW.id IS NOT OLD.id OR NEW.search_key IS NOT OLD.search_key BEGIN
  DELETE FROM people_name_fts WHERE rowid = OLD.id;
  INSERT INTO people_name_fts (rowid, name) VALUES (NEW.id, NEW.search_key);
END;
CREATE TRIGGER people_search_update_digits AFTER UPDATE OF id, citizen_id, legacy_id, phone ON people
  WHEN NEW.id IS NOT OLD.id OR ${PEOPLE_DIGITS_SQL('NEW.')} IS NOT ${PEOPLE_DIGITS_SQL('OLD.')} BEGIN
  DELETE FROM people_digit_fts WHERE rowid = OLD.id;
  INSERT INTO people_digit_fts (rowid, digits) VALUES (NEW.id, ${PEOPLE_DIGITS_SQL('NEW.')});
END;

-- Search in the ward's order: walking this index in sort_key order tests each person's words, digits and
-- neighbourhood without reading the row (a query must write the expressions exactly as here for SQLite
-- to read them from the index).
CREATE INDEX people_search_walk ON people (sort_key, id, ${PEOPLE_WORDS_SQL('search_key')}, ${PEOPLE_DIGITS_SQL('')}, neighbourhood_id);

`);
    // Backfill the people written under schema 3.
    for (const fill of Object.values(SEARCH_INDEX_FILL)) db.exec(fill);
  },
};
