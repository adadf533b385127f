import Database from 'better-sqlite3';
import { copyFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActingUser } from '../../main/api/context';
import { openDatabase } from '../../main/db/open';
import { Store } from '../../main/db/store';
import { JobCancelled, type JobSignal } from '../../main/jobs';
import { buildPayrolls } from '../../main/services/payroll/build';
import { buildInThread } from '../../main/services/payroll/build-thread';
import { insertSyntheticEntitlements, insertSyntheticRegister } from '../../bench/synthetic-register';
import { sha256File, tempDir } from '../support/temp';

// Issue 13: the payroll build runs in a worker thread with its own connection (build-thread.ts, the bundled
// dist/main/payroll-build-worker.js, as the app runs it). Its output must be the build on the core's
// thread, row for row; Cancel must leave nothing written.

const WORKER = resolve(__dirname, '../../dist/main/payroll-build-worker.js');
const MONTH = '2026-11';
const USER: ActingUser = { id: 1, username: 'admin', fullName: 'Quản trị', role: 'admin' };
const AT = '2026-11-20T03:00:00.000Z';

const { dir, cleanup } = tempDir();
const base = join(dir, 'base.sqlite');
let copies = 0;
const copy = () => {
  const path = join(dir, `copy-${++copies}.sqlite`);
  copyFileSync(base, path);
  return path;
};
const never: JobSignal = { cancelled: false, throwIfCancelled() {} };

/** What a build writes: the payrolls, their lines, service-month rows and open ledger rows, the audit entries. */
function written(path: string): Record<string, unknown[]> {
  const db = new Database(path, { readonly: true });
  try {
    const all = (sql: string) => db.prepare(sql).all();
    return {
      payrolls: all('SELECT * FROM payrolls ORDER BY id'),
      lines: all('SELECT * FROM payroll_lines ORDER BY id'),
      months: all('SELECT * FROM payroll_line_months ORDER BY rowid'),
      open: all('SELECT * FROM payroll_ledger_open ORDER BY rowid'),
      audit: all(
        "SELECT at, user_id, action, entity, entity_id, detail_json, prev_hash, hash FROM audit_log WHERE action = 'payroll.build' ORDER BY id",
      ),
    };
  } finally {
    db.close();
  }
}

beforeAll(() => {
  if (!existsSync(WORKER))
    throw new Error('run `npm run build` first: this test runs the bundled payroll build worker');
  const { store } = openDatabase(base, { appVersion: 'test' });
  insertSyntheticRegister(store, 2_000);
  insertSyntheticEntitlements(store);
  store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  store.close();
}, 60_000);
afterAll(() => cleanup());

describe('the payroll build in its own thread', () => {
  it('writes exactly what the build on the core’s thread writes, with progress', async () => {
    const inline = copy();
    const store = new Store(new Database(inline));
    const expected = await buildPayrolls(store, USER, new Date(AT), MONTH, undefined, () => {}, never);
    store.close();

    const threaded = copy();
    const steps: number[] = [];
    const result = await buildInThread(
      threaded,
      { month: MONTH, programmes: undefined, user: USER, at: AT },
      (done) => steps.push(done),
      never,
      WORKER,
    );
    expect(result).toEqual(expected);
    expect(expected.payrolls.reduce((n, p) => n + p.lineCount, 0)).toBeGreaterThan(1000);
    expect(steps.length).toBeGreaterThan(1);
    const a = written(inline);
    const b = written(threaded);
    expect(b.lines).toHaveLength(a.lines!.length);
    expect(b).toEqual(a);
  });

  it('a Cancel before the write leaves the register as it was', async () => {
    const path = copy();
    const db = new Database(path);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const before = sha256File(path);
    const cancelled: JobSignal = {
      cancelled: true,
      throwIfCancelled() {
        throw new JobCancelled();
      },
    };
    await expect(
      buildInThread(path, { month: MONTH, programmes: undefined, user: USER, at: AT }, () => {}, cancelled, WORKER),
    ).rejects.toBeInstanceOf(JobCancelled);
    expect(written(path).lines).toEqual([]);
    const after = new Database(path);
    after.pragma('wal_checkpoint(TRUNCATE)');
    after.close();
    expect(sha256File(path)).toBe(before);
  });
});
