import Database from 'better-sqlite3';
import { existsSync, writeFileSync, openSync, writeSync, closeSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/db/open';
import { DbOpenError } from '../../main/db/errors';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../main/db/migrations';
import { parseCsvRecords } from '@shared/domain/csv';
import groupsCsv from '@shared/reference/allowance-groups.csv';
import levelsCsv from '@shared/reference/standard-levels.csv';
import { sha256File, tempDir } from '../support/temp';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

const open = (path: string) => openDatabase(path, { appVersion: 'test' });

function openError(path: string): DbOpenError {
  try {
    open(path).store.close();
  } catch (error) {
    if (error instanceof DbOpenError) return error;
    throw error;
  }
  throw new Error('expected the open to fail');
}

describe('opening the register file', () => {
  it('creates a new file in WAL mode with synchronous=FULL and foreign keys on', () => {
    const path = join(dir, 'new.sqlite');
    const { store, schemaVersion } = open(path);
    expect(schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(store.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.sqlite.pragma('synchronous', { simple: true })).toBe(2); // 2 = FULL
    expect(store.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
    store.close();
    // WAL is persistent in the file: a plain connection sees it too.
    const plain = new Database(path, { readonly: true });
    expect(plain.pragma('journal_mode', { simple: true })).toBe('wal');
    plain.close();
  });

  it('records each bundled migration once and does not re-run them on reopen', () => {
    const path = join(dir, 'reopen.sqlite');
    open(path).store.close();
    const { store } = open(path);
    const rows = store.sqlite.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as Array<{
      version: number;
    }>;
    expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(store.sqlite.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(store.sqlite.prepare('SELECT COUNT(*) AS n FROM programmes').get()).toEqual({ n: 4 });
    store.close();
  });

  it('seeds groups, coefficients and standard levels from the reference CSVs', () => {
    const { store } = open(join(dir, 'seed.sqlite'));
    const groups = parseCsvRecords(groupsCsv);
    for (const g of groups) {
      const row = store.sqlite
        .prepare(
          `SELECT c.coefficient_milli AS milli, g.label_vi AS label FROM allowance_groups g
           JOIN group_coefficients c ON c.group_code = g.code WHERE g.code = ?`,
        )
        .get(g.code) as { milli: number; label: string };
      expect(row.milli).toBe(Math.round(Number(g.coefficient) * 1000));
      expect(row.label).toBe(g.label_vi);
    }
    const levels = parseCsvRecords(levelsCsv);
    for (const l of levels) {
      const row = store.sqlite
        .prepare(
          "SELECT amount_vnd FROM standard_levels WHERE programme_code = ? AND effective_from = ? AND scope = 'national'",
        )
        .get(l.programme, l.effective_from!.slice(0, 7)) as { amount_vnd: number };
      expect(row.amount_vnd).toBe(Number(l.amount_vnd));
    }
    expect(store.sqlite.prepare("SELECT napas_bin FROM banks WHERE code = 'AGRIBANK'").get()).toEqual({
      napas_bin: '970405',
    });
    store.close();
  });

  it('refuses a file that is not SQLite, with a Vietnamese message, and leaves it byte-for-byte unchanged', () => {
    const path = join(dir, 'not-a-db.sqlite');
    writeFileSync(path, 'Đây là một tệp văn bản, không phải cơ sở dữ liệu.\n'.repeat(200));
    const before = sha256File(path);
    const error = openError(path);
    expect(error.problem).toBe('NOT_SQLITE');
    expect(error.message).toContain('không phải là tệp dữ liệu của Sổ An Sinh');
    expect(sha256File(path)).toBe(before);
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it('refuses a corrupt file (quick_check fails) without writing to it', () => {
    const path = join(dir, 'corrupt.sqlite');
    const { store } = open(path);
    const insert = store.sqlite.prepare('INSERT INTO neighbourhoods (name, search_key) VALUES (?, ?)');
    store.transaction(() => {
      for (let i = 0; i < 3000; i++) insert.run(`Khu phố ${i}`, `khu pho ${i}`);
    });
    store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    store.close();
    // Overwrite a run of bytes in the middle of the file: page contents and b-tree structure break.
    const size = statSync(path).size;
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(4096 * 3, 0xa5), 0, 4096 * 3, Math.floor(size / 2 / 4096) * 4096 + 100);
    closeSync(fd);
    const before = sha256File(path);
    const error = openError(path);
    expect(error.problem).toBe('CORRUPT');
    expect(error.message).toContain('bị hỏng');
    expect(sha256File(path)).toBe(before);
  });

  it('refuses a file made by a newer app version, naming both versions, and changes nothing', () => {
    const path = join(dir, 'newer.sqlite');
    const { store } = open(path);
    store.sqlite.prepare("INSERT INTO schema_migrations VALUES (99, 'from the future', '2030-01-01', '9.0.0')").run();
    store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    store.close();
    const before = sha256File(path);
    const error = openError(path);
    expect(error.problem).toBe('TOO_NEW');
    expect(error.message).toContain('phiên bản Sổ An Sinh mới hơn');
    expect(error.message).toContain('99');
    expect(error.message).toContain(String(LATEST_SCHEMA_VERSION));
    expect(sha256File(path)).toBe(before);
  });

  it('refuses a folder given as the file', () => {
    expect(openError(dir).problem).toBe('CANNOT_OPEN');
  });
});
