import Database from 'better-sqlite3';
import { existsSync, rmSync } from 'node:fs';
import type { Month } from '@shared/domain/dates';
import { openDatabase } from '../main/db/open';
import { refreshSummary } from '../main/services/register/summary';
import { insertSyntheticEntitlements, insertSyntheticRegister } from './synthetic-register';

/**
 * The *-speed benches' synthetic register, kept at `base` between runs: built once (about a minute at
 * 100,000 people) with its entitlements and, given `summaryMonth`, everyone's summary for that month, then
 * compacted into `base` by VACUUM INTO (so it is in rollback mode: a copy in use is put into WAL).
 */
export function keepSyntheticRegister(base: string, people: number, summaryMonth?: Month): void {
  if (existsSync(base)) return;
  const tmp = `${base}.tmp`;
  rmSync(tmp, { force: true });
  const store = openDatabase(tmp, { appVersion: 'bench' }).store;
  insertSyntheticRegister(store, people);
  insertSyntheticEntitlements(store);
  if (summaryMonth) refreshSummary(store, summaryMonth);
  store.close();
  const db = new Database(tmp);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.exec(`VACUUM INTO '${base.replace(/'/g, "''")}'`);
  db.close();
  for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) rmSync(f, { force: true });
}
