import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { openDatabase } from '../main/db/open';
import { insertSyntheticEntitlements, insertSyntheticRegister } from './synthetic-register';
import { addApprovedHistory } from './payroll';
import { benchCore, call, waitForJob } from './lib';
import { bareLinesCopy, bareRowsCopy, bareRowsCopyCold, renamePaidPeople } from './bare-floor';
import type { BuildResult } from '@shared/api/payroll';

// Payroll rebuild CPU against the bare INSERT…SELECT (as bench/payroll.ts measures it), on a register with
// 24 approved months kept in a file between runs (SPEED_BASE; built once, several minutes), so a change
// to the build can be measured in a minute: `npm run build:main && node dist/main/payroll-speed.js`.
const MONTH = '2026-11';
const base = process.env.SPEED_BASE ?? '/tmp/payroll-speed-base.sqlite';
const work = `${base}.work.sqlite`;
const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;

async function main(): Promise<void> {
  if (!existsSync(base)) {
    const tmp = `${base}.tmp`;
    rmSync(tmp, { force: true });
    const store = openDatabase(tmp, { appVersion: 'bench' }).store;
    insertSyntheticRegister(store, Number(process.env.BENCH_PEOPLE ?? 100_000));
    insertSyntheticEntitlements(store);
    store.close();
    await addApprovedHistory(tmp, MONTH, 24);
    const db = new Database(tmp);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.exec(`VACUUM INTO '${base}'`);
    db.close();
    for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) rmSync(f, { force: true });
  }
  for (const f of [work, `${work}-wal`, `${work}-shm`]) rmSync(f, { force: true });
  copyFileSync(base, work);
  const core = benchCore(work, 'officer');
  const runs = Number(process.env.SPEED_RUNS ?? 3);
  let result!: BuildResult;
  for (let i = 0; i < runs; i++) {
    const started = process.cpuUsage();
    const t = performance.now();
    const { jobId } = await call(core, 'payroll.build', { month: MONTH });
    result = await waitForJob(core, jobId);
    console.log(
      `${i === 0 ? 'first build' : 'rebuild'}: CPU ${cpuMs(process.cpuUsage(started)).toFixed(0)} ms, wall ${(performance.now() - t).toFixed(0)} ms, lines ${result.payrolls.reduce((s, p) => s + p.lineCount, 0)}`,
    );
  }
  const db = core.store!.sqlite;
  const payrollIds = result.payrolls.map((p) => p.id);
  for (let i = 0; i < 3; i++)
    console.log(`bare, lines rolled back: CPU ${bareLinesCopy(db, payrollIds).toFixed(0)} ms`);
  for (let i = 0; i < 3; i++)
    console.log(`bare, lines + months committed: CPU ${bareRowsCopy(db, payrollIds).toFixed(0)} ms`);
  for (let i = 0; i < 3; i++)
    console.log(`bare, lines + months committed, new log: CPU ${bareRowsCopyCold(db, payrollIds).toFixed(0)} ms`);
  // Fingerprint of what the build wrote (must not change).
  const ids = result.payrolls.map((p) => p.id).join(',');
  const fp = db
    .prepare(
      `SELECT COUNT(*) n, SUM(amount_vnd) s, SUM(length(coalesce(components_json,''))) c FROM payroll_lines WHERE payroll_id IN (${ids})`,
    )
    .get();
  const fm = db
    .prepare(
      `SELECT COUNT(*) n, SUM(amount_vnd) s, SUM(paid_before_vnd) pb FROM payroll_line_months WHERE payroll_id IN (${ids})`,
    )
    .get();
  console.log('lines', JSON.stringify(fp), 'months', JSON.stringify(fm));
  // Every column of every row written, a line named by its payroll and number rather than its id (a
  // rebuild keeps the ids of the lines it leaves as they were), to compare two versions of the build.
  const hash = createHash('sha256');
  const lineKey = new Map<number, string>();
  for (const r of db
    .prepare(`SELECT * FROM payroll_lines WHERE payroll_id IN (${ids}) ORDER BY payroll_id, line_no`)
    .iterate() as IterableIterator<Record<string, unknown>>) {
    lineKey.set(r.id as number, `${String(r.payroll_id)}/${String(r.line_no)}`);
    hash.update(JSON.stringify({ ...r, id: undefined }));
  }
  for (const r of db
    .prepare(
      `SELECT m.* FROM payroll_line_months m JOIN payroll_lines l ON l.id = m.line_id WHERE m.payroll_id IN (${ids}) ORDER BY m.payroll_id, l.line_no, m.service_month`,
    )
    .iterate() as IterableIterator<Record<string, unknown>>)
    hash.update(JSON.stringify({ ...r, id: undefined, line_id: lineKey.get(r.line_id as number) }));
  for (const r of db.prepare(`SELECT * FROM payroll_ledger_open WHERE payroll_id IN (${ids}) ORDER BY rowid`).iterate())
    hash.update(JSON.stringify(r));
  console.log('rows sha256', hash.digest('hex'));
  const renamed = renamePaidPeople(db, payrollIds, 1_000);
  const started = process.cpuUsage();
  const { jobId } = await call(core, 'payroll.build', { month: MONTH });
  await waitForJob(core, jobId);
  console.log(`rebuild after ${renamed} people renamed: CPU ${cpuMs(process.cpuUsage(started)).toFixed(0)} ms`);
  core.close();
}
void main();
