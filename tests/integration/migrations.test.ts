import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersionOf } from '../../main/db/migrate';
import { MIGRATIONS } from '../../main/db/migrations';
import { DbOpenError } from '../../main/db/errors';
import { Store } from '../../main/db/store';
import { searchPeople } from '../../main/services/register/search';
import { foldForSearch, nameSortKey, splitFullName } from '@shared/domain/text';
import { tempDir } from '../support/temp';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

const fresh = () => {
  const db = new Database(join(dir, 'm.sqlite'));
  db.pragma('foreign_keys = ON');
  return db;
};

describe('migrations', () => {
  it('are numbered 1..N without gaps, in order', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });

  // Migration 2 changes data (seeds reference rows): migrate to 1, insert, migrate to 2, compare.
  it('002 seeds reference data and keeps rows written under schema 1', () => {
    const db = fresh();
    expect(migrate(db, { appVersion: 'test', target: 1 })).toBe(1);
    expect(db.prepare('SELECT COUNT(*) AS n FROM programmes').get()).toEqual({ n: 0 });
    // A row written under schema 1: a settings value that references no user.
    db.prepare("INSERT INTO settings (key, value_json, updated_at) VALUES ('office', ?, '2026-01-01T00:00:00Z')").run(
      JSON.stringify({ unitName: 'UBND phường Đức Nghĩa' }),
    );
    db.prepare("INSERT INTO neighbourhoods (name, search_key) VALUES ('Khu phố 1', 'khu pho 1')").run();
    const before = db.prepare('SELECT * FROM settings').all();

    expect(migrate(db, { appVersion: 'test', target: 2 })).toBe(2);
    expect(db.prepare('SELECT * FROM settings').all()).toEqual(before);
    expect(db.prepare('SELECT name FROM neighbourhoods').all()).toEqual([{ name: 'Khu phố 1' }]);
    expect(db.prepare('SELECT code FROM programmes ORDER BY sort_order').all()).toEqual([
      { code: 'BTXH' },
      { code: 'BTXH_CARE' },
      { code: 'NCC' },
      { code: 'HTXH' },
    ]);
    // 17 groups from allowance-groups.csv + 7 care-support + 1 social pension, each with a coefficient.
    expect(db.prepare('SELECT COUNT(*) AS n FROM allowance_groups').get()).toEqual({ n: 25 });
    expect(db.prepare('SELECT COUNT(DISTINCT group_code) AS n FROM group_coefficients').get()).toEqual({ n: 25 });
    expect(
      db
        .prepare("SELECT amount_vnd FROM standard_levels WHERE programme_code='BTXH' AND effective_from='2024-07'")
        .get(),
    ).toEqual({
      amount_vnd: 500000,
    });
    expect(db.prepare("SELECT coefficient_milli FROM group_coefficients WHERE group_code='BTXH-1A'").get()).toEqual({
      coefficient_milli: 2500,
    });
    expect(db.prepare('SELECT username, role, password_hash FROM users').all()).toEqual([
      { username: 'quantri', role: 'admin', password_hash: null },
    ]);
    db.close();
  });

  // Migration 3 changes data (sets each group's age family): migrate to 2, insert, migrate to 3, compare.
  it('003 puts age-dependent groups into families and keeps existing terms', () => {
    const db = fresh();
    migrate(db, { appVersion: 'test', target: 2 });
    db.exec(`INSERT INTO people (id, full_name, given_name, search_key, sort_key, created_at, updated_at)
               VALUES (1, 'Lê Thị Hường', 'Hường', 'le thi huong', 'k', 'now', 'now');
             INSERT INTO decisions (id, person_id, programme_code, kind, effective_month, created_at)
               VALUES (1, 1, 'BTXH', 'grant', '2024-10', 'now');
             INSERT INTO entitlements (id, person_id, programme_code, start_month, grant_decision_id, created_at)
               VALUES (1, 1, 'BTXH', '2024-10', 1, 'now');
             INSERT INTO entitlement_terms (entitlement_id, effective_from, status, group_code, decision_id)
               VALUES (1, '2024-10', 'active', 'BTXH-1A', 1);`);
    const groupsBefore = db
      .prepare('SELECT group_code, coefficient_milli FROM group_coefficients ORDER BY group_code')
      .all();
    migrate(db, { appVersion: 'test', target: 3 });
    const family = (code: string) =>
      (db.prepare('SELECT family FROM allowance_groups WHERE code = ?').get(code) as { family: string }).family;
    expect([family('BTXH-1A'), family('BTXH-1B')]).toEqual(['BTXH-1', 'BTXH-1']);
    expect([family('BTXH-6A'), family('BTXH-6B'), family('BTXH-6C'), family('BTXH-6D')]).toEqual([
      'BTXH-6DBN',
      'BTXH-6DBN',
      'BTXH-6N',
      'BTXH-6N',
    ]);
    expect([family('BTXH-5C'), family('BTXH-4'), family('CS-1')]).toEqual(['BTXH-5C', 'BTXH-4', 'CS-1']);
    expect(db.prepare('SELECT group_code, multiplier, category_label FROM entitlement_terms').all()).toEqual([
      { group_code: 'BTXH-1A', multiplier: 1, category_label: '' },
    ]);
    expect(
      db.prepare('SELECT group_code, coefficient_milli FROM group_coefficients ORDER BY group_code').all(),
    ).toEqual(groupsBefore);
    db.close();
  });

  // Migration 4 builds search indexes over existing rows: migrate to 3, insert, migrate to 4, search.
  it('004 indexes the people already in the register, and keeps indexing new ones', () => {
    const db = fresh();
    migrate(db, { appVersion: 'test', target: 3 });
    const insert = db.prepare(
      `INSERT INTO people (full_name, family_name, middle_name, given_name, search_key, sort_key, citizen_id, phone, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'now', 'now')`,
    );
    const add = (fullName: string, citizenId: string | null, phone: string) => {
      const n = splitFullName(fullName);
      return Number(
        insert.run(n.full, n.family, n.middle, n.given, foldForSearch(n.full), nameSortKey(n), citizenId, phone)
          .lastInsertRowid,
      );
    };
    const on = add('Nguyễn Văn Ơn', '079040123456', '0912 345 678');
    const huong = add('Đặng Thị Hường', null, '');
    const peopleBefore = db.prepare('SELECT * FROM people ORDER BY id').all();

    expect(migrate(db, { appVersion: 'test', target: 4 })).toBe(4);
    expect(db.prepare('SELECT * FROM people ORDER BY id').all()).toEqual(peopleBefore);
    const store = new Store(db);
    // Schema 4 has no receiver_only: search every record.
    const find = (text: string) => searchPeople(store, { text, role: 'all' }).rows.map((r) => r.id);
    expect(find('nguyen van on')).toEqual([on]);
    expect(find('dang huong')).toEqual([huong]);
    expect(find('d')).toEqual([huong]);
    expect(find('3456')).toEqual([on]);
    expect(find('')).toEqual([huong, on]); // Hường before Ơn
    // Both indexes hold those rows: DRIVE starts from them, so a row missing there would never be found.
    expect(
      db
        .prepare(`SELECT rowid FROM people_name_fts WHERE people_name_fts MATCH '"nguyen" OR "dang"' ORDER BY rowid`)
        .pluck()
        .all(),
    ).toEqual([on, huong]);
    expect(
      db.prepare(`SELECT rowid FROM people_digit_fts WHERE people_digit_fts MATCH '"5678"'`).pluck().all(),
    ).toEqual([on]);
    // The triggers index people written after the migration.
    const lan = add('Võ Thị Lan', null, '0333222111');
    expect(find('lan')).toEqual([lan]);
    expect(find('2221')).toEqual([lan]);
    db.close();
  });

  it('a failing migration leaves the file at the previous version', () => {
    const db = fresh();
    migrate(db, { appVersion: 'test', target: 1 });
    const broken = [
      MIGRATIONS[0]!,
      {
        version: 2,
        name: 'broken',
        up: (d: Database.Database) => {
          d.exec('CREATE TABLE half_done (x INTEGER)');
          throw new Error('boom');
        },
      },
    ];
    expect(() => migrate(db, { appVersion: 'test', migrations: broken })).toThrow('boom');
    expect(schemaVersionOf(db)).toBe(1);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half_done'").get()).toBeUndefined();
    db.close();
  });

  it('refuses to run on a file newer than the app', () => {
    const db = fresh();
    migrate(db, { appVersion: 'test' });
    db.prepare("INSERT INTO schema_migrations VALUES (99, 'future', 'x', 'y')").run();
    expect(() => migrate(db, { appVersion: 'test' })).toThrow(DbOpenError);
    db.close();
  });
});
