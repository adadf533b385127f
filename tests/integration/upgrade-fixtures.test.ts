import Database from 'better-sqlite3';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../main/db/migrate';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../main/db/migrations';
import { openDatabase } from '../../main/db/open';
import type { Store } from '../../main/db/store';
import { verifyAuditChain } from '../../main/services/audit';
import { verifyPassword } from '../../main/services/auth/passwords';
import {
  FIXTURE_PASSWORD,
  columnsOf,
  expectedPath,
  fixtureName,
  fixturePath,
  measure,
  registerTables,
  type FixtureExpectation,
} from '../support/upgrade-fixtures';
import { sha256File, tempDir } from '../support/temp';

// The upgrade path, for real: a register made by each released schema version (tests/fixtures/upgrade/,
// written by `npm run fixtures:upgrade`) is opened with today's code, which migrates it; every row, every
// money total, every payroll's lines and the audit chain must come through. A new migration without its
// fixture fails here, so each future schema version gets one.

let dir: string;
let cleanup: () => void;
beforeAll(() => ({ dir, cleanup } = tempDir('so-an-sinh-upgrade-')));
afterAll(() => cleanup());

const MISSING = (version: number) =>
  `no upgrade fixture for schema version ${version} (migration ${String(version).padStart(3, '0')}): ` +
  `run \`npm run fixtures:upgrade\` and commit tests/fixtures/upgrade/${fixtureName(version)}.sqlite and .expected.json`;

type Rows = Array<Record<string, unknown>>;
const rowsOf = (db: Database.Database, table: string, columns: string[]): Rows =>
  db
    .prepare(`SELECT rowid AS __rowid, ${columns.map((c) => `"${c}"`).join(', ')} FROM "${table}" ORDER BY rowid`)
    .all() as Rows;

/**
 * What the migrations themselves do to a register that holds no data of the ward's, from `version` to
 * today: rows they add per table, and the rows (by rowid) they rewrite — the reference data they own.
 */
function migrationsOwnEffect(version: number, tables: string[]) {
  const db = new Database(':memory:');
  try {
    migrate(db, { appVersion: 'own-effect', target: version });
    const before = new Map(tables.map((t) => [t, rowsOf(db, t, columnsOf(db, t))]));
    migrate(db, { appVersion: 'own-effect' });
    const added: Record<string, number> = {};
    const rewritten: Record<string, Set<unknown>> = {};
    for (const table of tables) {
      const old = before.get(table)!;
      const now = new Map(rowsOf(db, table, columnsOf(db, table)).map((r) => [r.__rowid, r]));
      added[table] = now.size - old.length;
      rewritten[table] = new Set(
        old
          .filter((r) => JSON.stringify(r) !== JSON.stringify(pick(now.get(r.__rowid) ?? {}, Object.keys(r))))
          .map((r) => r.__rowid),
      );
    }
    return { added, rewritten };
  } finally {
    db.close();
  }
}
const pick = (row: Record<string, unknown>, keys: string[]) => Object.fromEntries(keys.map((k) => [k, row[k]]));

describe('upgrade fixtures', () => {
  it('exist for every schema version, the newest included', () => {
    for (const { version } of MIGRATIONS) {
      expect(existsSync(fixturePath(version)) && existsSync(expectedPath(version)), MISSING(version)).toBe(true);
    }
    expect(existsSync(fixturePath(LATEST_SCHEMA_VERSION)), MISSING(LATEST_SCHEMA_VERSION)).toBe(true);
  });

  for (const { version } of MIGRATIONS) {
    describe(`schema ${version} → today`, () => {
      const available = existsSync(fixturePath(version)) && existsSync(expectedPath(version));
      let expected: FixtureExpectation;
      let original: Database.Database;
      let migrated: Database.Database;
      let store: Store;
      let upgradedVersion: number;

      beforeAll(() => {
        if (!available) return;
        expected = JSON.parse(readFileSync(expectedPath(version), 'utf8')) as FixtureExpectation;
        const copy = join(dir, `${fixtureName(version)}.sqlite`);
        copyFileSync(fixturePath(version), copy);
        original = new Database(fixturePath(version), { readonly: true, fileMustExist: true });
        // Today's open path: checks, WAL, and the bundled migrations above the file's version.
        const opened = openDatabase(copy, { appVersion: 'upgrade-test' });
        upgradedVersion = opened.schemaVersion;
        store = opened.store;
        migrated = store.sqlite;
      });
      afterAll(() => {
        original?.close();
        migrated?.close();
      });

      it.runIf(available)('the fixture is the one its expectations describe, with data in every table', () => {
        expect(sha256File(fixturePath(version)), `${fixtureName(version)}.sqlite changed since it was made`).toBe(
          expected.sha256,
        );
        const facts = measure(original);
        expect(facts.schemaVersion).toBe(version);
        expect(facts.tables).toEqual(expected.tables);
        for (const [table, t] of Object.entries(facts.tables)) {
          if (t.rows === 0)
            expect(expected.emptyByDesign[table], `${table} is empty in ${fixtureName(version)}`).toBeTruthy();
        }
        if (version >= 2) expect(Object.keys(expected.emptyByDesign)).toEqual([]);
      });

      it.runIf(available)('migrates to the newest schema', () => {
        expect(upgradedVersion).toBe(LATEST_SCHEMA_VERSION);
        expect(migrated.pragma('foreign_key_check')).toEqual([]);
        expect(migrated.pragma('integrity_check', { simple: true })).toBe('ok');
      });

      it.runIf(available)(
        'keeps every row and every value it had (bar the reference rows the migrations rewrite)',
        () => {
          const tables = registerTables(original);
          const own = migrationsOwnEffect(version, tables);
          for (const table of tables) {
            const columns = columnsOf(original, table);
            const before = rowsOf(original, table, columns);
            const after = rowsOf(migrated, table, columns);
            expect(after.length, `${table}: rows after the upgrade`).toBe(before.length + own.added[table]!);
            const byRowid = new Map(after.map((r) => [r.__rowid, r]));
            for (const row of before) {
              if (own.rewritten[table]!.has(row.__rowid)) continue;
              expect(byRowid.get(row.__rowid), `${table} row ${String(row.__rowid)}`).toEqual(row);
            }
            // Money, column by column: the same totals, to the đồng.
            const now = measure(migrated).tables[table]!;
            for (const [column, total] of Object.entries(expected.tables[table]!.sums)) {
              if (own.added[table] === 0) expect(now.sums[column], `${table}.${column}`).toBe(total);
            }
          }
        },
      );

      it.runIf(available)('keeps each payroll: status, total, line count, and lines that add up to the total', () => {
        const after = measure(migrated).payrolls;
        expect(after).toEqual(expected.payrolls);
        expect(expected.payrolls.length).toBe(version >= 2 ? 5 : 0);
        for (const payroll of after) {
          expect(payroll.lineSumVnd, `payroll ${payroll.id} lines add up to its total`).toBe(payroll.totalVnd);
          expect(payroll.lines).toBe(payroll.lineCount);
        }
        // The ledger's paid side (migration 007 derives it from older lines): each approved payroll's
        // service-month rows add up to its lines, carried-over lines aside (they re-send, paying nothing new).
        for (const payroll of after.filter((p) => p.status === 'approved')) {
          const { months, lines } = migrated
            .prepare(
              `SELECT (SELECT coalesce(sum(amount_vnd), 0) FROM payroll_line_months WHERE payroll_id = @id) AS months,
                      (SELECT coalesce(sum(amount_vnd), 0) FROM payroll_lines WHERE payroll_id = @id AND kind <> 'carryover') AS lines`,
            )
            .get({ id: payroll.id }) as { months: number; lines: number };
          expect(months, `payroll ${payroll.id}: paid service months`).toBe(lines);
        }
      });

      it.runIf(available)("keeps the audit chain: it verifies with the app's own check, same length, same head", () => {
        const chain = verifyAuditChain(store);
        expect(chain).toEqual({ ok: true, entries: expected.audit.entries });
        const head = migrated.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get();
        expect(head).toEqual({ id: expected.audit.headId, hash: expected.audit.headHash });
        expect(expected.audit.entries).toBeGreaterThan(10);
      });

      it.runIf(available)('keeps the users and their passwords, and finds people by folded name', async () => {
        const admin = migrated
          .prepare(
            "SELECT password_hash FROM users WHERE role = 'admin' AND password_hash IS NOT NULL ORDER BY id LIMIT 1",
          )
          .get() as { password_hash: string } | undefined;
        expect(await verifyPassword(FIXTURE_PASSWORD, admin?.password_hash ?? null)).toBe(true);
        // "dang" finds "Đặng Minh Khôi": the search index is built (004) or carried over.
        const found = migrated
          .prepare("SELECT rowid FROM people_name_fts WHERE people_name_fts MATCH 'dang*'")
          .pluck()
          .all();
        expect(found).toContain(5);
      });
    });
  }
});
