import Database from 'better-sqlite3';
import { closeSync, copyFileSync, openSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore } from '../../main/core';
import { openDatabase } from '../../main/db/open';
import { Store } from '../../main/db/store';
import {
  finishSummaryRefresh,
  refreshSummary,
  refreshSummaryInBackground,
  summaryRefreshing,
  SUMMARY_SLICE,
} from '../../main/services/register/summary';
import { insertSyntheticEntitlements, insertSyntheticRegister } from '../../bench/synthetic-register';
import { sha256File, tempDir } from '../support/temp';

// Issue 18: the first screen does not wait for the register's quick_check nor for the month turn's
// refresh of everyone's summary (main/core.ts backgroundStart, main/db/integrity.ts, summary.ts). The
// refresh in slices must leave exactly what a refresh of everyone at once does, and a register damaged
// where the open does not look must still end on the recovery screen's status, with nothing written.

const PEOPLE = 3_000; // several slices
const OLD_MONTH = '2026-11';
// Far enough on that children age out of their groups and the old reach new ones.
const LATER_MONTH = '2036-06';

const { dir, cleanup } = tempDir();
const base = join(dir, 'base.sqlite');
let copies = 0;
/** A copy of the register whose summary is of OLD_MONTH, in WAL mode like a register in use. */
function copyOfBase(): string {
  const path = join(dir, `copy-${++copies}.sqlite`);
  copyFileSync(base, path);
  return path;
}

type SummaryRow = Record<string, unknown>;
const summaryOf = (sqlite: Database.Database): SummaryRow[] =>
  sqlite.prepare('SELECT * FROM register_summary ORDER BY person_id').all() as SummaryRow[];

/** All at once, as before issue 18: the reference for every other way. */
let expected: SummaryRow[];

beforeAll(() => {
  const { store } = openDatabase(base, { appVersion: 'test' });
  insertSyntheticRegister(store, PEOPLE);
  insertSyntheticEntitlements(store);
  refreshSummary(store, OLD_MONTH);
  store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  store.close();
  const reference = new Store(new Database(copyOfBase()));
  refreshSummary(reference, LATER_MONTH);
  expected = summaryOf(reference.sqlite);
  reference.close();
}, 60_000);
afterAll(() => cleanup());

describe('the month turn refresh in the background', () => {
  it('leaves every summary row as a refresh of everyone at once does (and the months differ)', async () => {
    const before = new Database(base, { readonly: true });
    const old = summaryOf(before);
    before.close();
    expect(expected).toHaveLength(PEOPLE);
    // The comparison means something: ages moved people between statuses, groups and amounts.
    const changed = expected.filter((row, i) =>
      ['status', 'group_codes', 'monthly_vnd'].some((c) => row[c] !== old[i]![c]),
    );
    expect(changed.length).toBeGreaterThan(50);

    const store = new Store(new Database(copyOfBase()));
    const errors: unknown[] = [];
    const done = refreshSummaryInBackground(store, LATER_MONTH, (e) => errors.push(e));
    expect(done).toBeDefined();
    // Started, not run: the caller's turn of the event loop is not held.
    expect(summaryRefreshing(store)).toBe(true);
    expect(summaryOf(store.sqlite).every((r) => r.as_of_month === OLD_MONTH)).toBe(true);
    await done;
    expect(errors).toEqual([]);
    expect(summaryRefreshing(store)).toBe(false);
    expect(summaryOf(store.sqlite)).toEqual(expected);
    // Nothing stale is left: a second call has nothing to do.
    expect(refreshSummaryInBackground(store, LATER_MONTH, (e) => errors.push(e))).toBeUndefined();
    store.close();
  });

  it('finishSummaryRefresh completes it on the spot, for lists that select by the summary', async () => {
    const store = new Store(new Database(copyOfBase()));
    const done = refreshSummaryInBackground(store, LATER_MONTH, () => {});
    finishSummaryRefresh(store);
    expect(summaryOf(store.sqlite)).toEqual(expected);
    await done;
    expect(summaryRefreshing(store)).toBe(false);
    store.close();
  });

  it('a refresh finished inside a transaction that rolls back is redone by the background loop', async () => {
    const store = new Store(new Database(copyOfBase()));
    const done = refreshSummaryInBackground(store, LATER_MONTH, () => {});
    // As a command that selects by the summary and then fails: its transaction takes the slices with it.
    expect(() =>
      store.transaction(() => {
        finishSummaryRefresh(store);
        throw new Error('the command failed');
      }),
    ).toThrow('the command failed');
    await done;
    expect(summaryOf(store.sqlite)).toEqual(expected);
    store.close();
  });

  it('a person changed between slices keeps the change (each slice reads and writes in one transaction)', async () => {
    const store = new Store(new Database(copyOfBase()));
    const last = store.sqlite.prepare('SELECT MAX(id) FROM people').pluck().get() as number;
    const done = refreshSummaryInBackground(store, LATER_MONTH, () => {});
    // The last slice has not run yet: a death recorded now (with its own refresh, as the services do).
    store.transaction(() => {
      store.sqlite.prepare("UPDATE people SET death_date = '2030-01-10' WHERE id = ?").run(last);
      refreshSummary(store, LATER_MONTH, [last]);
    });
    await done;
    const row = store.sqlite
      .prepare('SELECT status, as_of_month FROM register_summary WHERE person_id = ?')
      .get(last) as { status: string; as_of_month: string };
    expect(row).toEqual({ status: 'deceased', as_of_month: LATER_MONTH });
    expect(Math.ceil(PEOPLE / SUMMARY_SLICE)).toBeGreaterThan(2);
    store.close();
  });
});

describe('a core with backgroundStart (the app and the harness)', () => {
  const start = (dbPath: string, iso: string): AppCore =>
    createAppCore({
      dbPath,
      appVersion: 'test',
      shell: 'browser-harness',
      clock: () => new Date(iso),
      logFolder: null,
      backgroundStart: true,
    });

  it('opens before the refresh, then brings everyone to the month (same rows as all at once)', async () => {
    const path = copyOfBase();
    const core = start(path, '2036-06-03T08:00:00+07:00');
    try {
      expect(core.dbStatus.state).toBe('ok');
      // The first screen came first: nothing refreshed yet.
      expect(summaryOf(core.store!.sqlite).every((r) => r.as_of_month === OLD_MONTH)).toBe(true);
      const info = await core.call('app.info', {});
      expect(info.ok).toBe(true);
      const stale = core.store!.sqlite.prepare('SELECT COUNT(*) FROM register_summary WHERE as_of_month <> ?').pluck();
      const deadline = Date.now() + 60_000;
      while ((stale.get(LATER_MONTH) as number) > 0) {
        if (Date.now() > deadline) throw new Error('the summary was not refreshed in 60 s');
        await new Promise((r) => setTimeout(r, 10));
      }
      expect(summaryOf(core.store!.sqlite)).toEqual(expected);
    } finally {
      core.close();
    }
  });

  it('a register damaged where the open does not look: the check after the start closes it, calls get the recovery message, the file is untouched', async () => {
    const path = join(dir, 'damaged.sqlite');
    const { store } = openDatabase(path, { appVersion: 'test' });
    const insert = store.sqlite.prepare('INSERT INTO neighbourhoods (name, search_key) VALUES (?, ?)');
    store.transaction(() => {
      for (let i = 0; i < 3000; i++) insert.run(`Khu phố ${i}`, `khu pho ${i}`);
    });
    store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    store.close();
    // The last pages (the neighbourhoods' rows): the schema, read by the open, stays readable.
    const size = statSync(path).size;
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(4096 * 2, 0xa5), 0, 4096 * 2, size - 4096 * 3 + 100);
    closeSync(fd);
    const before = sha256File(path);

    const core = start(path, '2026-11-15T09:00:00+07:00');
    try {
      // Opened for the first screen: the check is deferred.
      expect(core.dbStatus.state).toBe('ok');
      const refused = await core.call('settings.getOffice', {});
      expect(refused.ok).toBe(false);
      if (refused.ok) return;
      expect(refused.error.code).toBe('DB_UNAVAILABLE');
      expect(refused.error.message).toContain('bị hỏng');
      expect(core.dbStatus).toMatchObject({ state: 'error', code: 'CORRUPT' });
      const info = await core.call('app.info', {});
      expect(info.ok && (info.value as { db: { state: string; code?: string } }).db).toMatchObject({
        state: 'error',
        code: 'CORRUPT',
      });
    } finally {
      core.close();
    }
    expect(sha256File(path)).toBe(before);
  });

  it('a register that needs a migration, or is not in WAL mode, is checked at open, before anything writes to it', () => {
    // A new file (every migration to run).
    const fresh = openDatabase(join(dir, 'fresh.sqlite'), { appVersion: 'test', quickCheck: 'when-migrating' });
    expect(fresh.quickCheckDeferred).toBe(false);
    fresh.store.close();
    const opened = openDatabase(copyOfBase(), { appVersion: 'test', quickCheck: 'when-migrating' });
    expect(opened.quickCheckDeferred).toBe(true);
    opened.store.close();
    // Not in WAL mode (as an older app may leave it): checked at open.
    const rollback = join(dir, 'rollback.sqlite');
    copyFileSync(base, rollback);
    const db = new Database(rollback);
    db.pragma('journal_mode = DELETE');
    db.close();
    const reopened = openDatabase(rollback, { appVersion: 'test', quickCheck: 'when-migrating' });
    expect(reopened.quickCheckDeferred).toBe(false);
    reopened.store.close();
  });
});
