import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keepSyntheticRegister } from './kept-register';
import { benchStartup } from './startup';

// bench/startup.ts alone, on a 100,000-person register kept between runs (STARTUP_BASE; built once, about a
// minute), so a change to the start can be measured in a couple of minutes:
// `npm run build && node dist/main/startup-speed.js` (STARTUP_RUNS=N, BENCH_PEOPLE=N).
const MONTH = '2026-11';
const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 100_000);
const base = process.env.STARTUP_BASE ?? join(tmpdir(), `startup-speed-base-${PEOPLE}.sqlite`);

async function main(): Promise<void> {
  keepSyntheticRegister(base, PEOPLE, MONTH);
  const dir = mkdtempSync(join(tmpdir(), 'startup-speed-'));
  try {
    const registerPath = join(dir, 'so-an-sinh.sqlite');
    copyFileSync(base, registerPath);
    // A register in use is in WAL mode (the base was written by VACUUM INTO, in rollback mode).
    const db = new Database(registerPath);
    db.pragma('journal_mode = WAL');
    db.close();
    let n = 0;
    await benchStartup({
      registerPath,
      freshPath: () => join(dir, `fresh-${++n}.sqlite`),
      people: PEOPLE,
      month: MONTH,
      dir,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
