import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../main/db/migrate';
import { PEOPLE_DIGITS_SQL, PEOPLE_WORDS_SQL, SEARCH_INDEX_FILL } from '../../main/db/search-index';

// Live code's copy of the search expressions (main/db/search-index.ts) against what migration 004 stored in
// a register: if either side changes alone, search silently stops reading its index (or restore rebuilds
// an index with other text than the triggers write), so this fails first.

const schemaSql = (db: Database.Database, name: string): string =>
  db.prepare('SELECT sql FROM sqlite_master WHERE name = ?').pluck().get(name) as string;

describe('search index SQL', () => {
  const db = new Database(':memory:');
  migrate(db, { appVersion: 'test' });

  it('the walk index holds the words and digits expressions exactly as search writes them', () => {
    const index = schemaSql(db, 'people_search_walk');
    expect(index).toContain(PEOPLE_WORDS_SQL('search_key'));
    expect(index).toContain(PEOPLE_DIGITS_SQL(''));
  });

  it("the triggers index the digits restore's rebuild fills", () => {
    expect(schemaSql(db, 'people_search_insert')).toContain(PEOPLE_DIGITS_SQL('NEW.'));
    expect(schemaSql(db, 'people_search_update_digits')).toContain(PEOPLE_DIGITS_SQL('NEW.'));
    expect(Object.keys(SEARCH_INDEX_FILL).sort()).toEqual(['people_digit_fts', 'people_name_fts']);
    for (const fill of Object.values(SEARCH_INDEX_FILL)) expect(() => db.exec(fill)).not.toThrow();
  });

  it('a search over the walk index uses it', () => {
    const plan = db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT p.id FROM people p INDEXED BY people_search_walk
         WHERE instr(${PEOPLE_WORDS_SQL('p.search_key')}, ' ng') > 0 ORDER BY p.sort_key, p.id`,
      )
      .all() as Array<{ detail: string }>;
    expect(plan.map((r) => r.detail).join(' ')).toMatch(/COVERING INDEX people_search_walk/);
  });
});
