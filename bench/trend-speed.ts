import { createHash } from 'node:crypto';
import { copyFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../main/db/open';
import { campaignTrend } from '../main/services/campaign/trend';
import { keepSyntheticRegister } from './kept-register';

// The 12-month trend (campaignTrend) alone, on a register kept between runs (TREND_BASE; built once, about a
// minute), so a change to it can be measured in seconds: `npm run build:main && node dist/main/trend-speed.js`
// (TREND_RUNS=N, BENCH_PEOPLE=N). Prints CPU and wall per run and a hash of the figures (must not change).
const MONTH = '2026-11';
const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 100_000);
const base = process.env.TREND_BASE ?? join(tmpdir(), `trend-speed-base-${PEOPLE}.sqlite`);
const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;

keepSyntheticRegister(base, PEOPLE);
const work = `${base}.work.${process.pid}.sqlite`;
copyFileSync(base, work);
try {
  const store = openDatabase(work, { appVersion: 'bench' }).store;
  const runs = Number(process.env.TREND_RUNS ?? 3);
  for (let i = 0; i < runs; i++) {
    const started = process.cpuUsage();
    const t = performance.now();
    const trend = campaignTrend(store, MONTH);
    const cpu = cpuMs(process.cpuUsage(started));
    const hash = createHash('sha256').update(JSON.stringify(trend)).digest('hex').slice(0, 16);
    console.log(
      `${i === 0 ? 'first' : 'again'}: CPU ${cpu.toFixed(0)} ms, wall ${(performance.now() - t).toFixed(0)} ms, figures ${hash} (${trend.points.at(-1)!.all.total} in ${MONTH})`,
    );
  }
  store.close();
} finally {
  for (const f of [work, `${work}-wal`, `${work}-shm`]) rmSync(f, { force: true });
}
