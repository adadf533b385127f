import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keepSyntheticRegister } from './kept-register';
import { runResponsivenessBench } from './responsiveness';

// bench/responsiveness.ts alone, on a register kept between runs (RESPONSIVE_BASE; built once), so that a
// change to what the core does during long work can be measured without the whole bench:
// `npm run build:main && node dist/main/responsiveness-speed.js` (BENCH_PEOPLE=N, default 100,000;
// BENCH_RESPONSIVE_CASH_LINES, BENCH_RESPONSIVE_FORMS as in the bench).
const MONTH = '2026-11';
const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 100_000);
const base = process.env.RESPONSIVE_BASE ?? join(tmpdir(), `responsiveness-base-${PEOPLE}.sqlite`);

async function main(): Promise<void> {
  keepSyntheticRegister(base, PEOPLE, MONTH);
  const dir = mkdtempSync(join(tmpdir(), 'responsiveness-speed-'));
  try {
    const registerPath = join(dir, 'so-an-sinh.sqlite');
    copyFileSync(base, registerPath);
    let n = 0;
    await runResponsivenessBench({
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
