// `npm run soak`: the crash test with 200 kills instead of 15. A script rather than `CRASH_RUNS=200 vitest`
// in package.json, because that environment syntax does not run in Windows' shell.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const vitest = createRequire(import.meta.url).resolve('vitest/vitest.mjs');
const run = spawnSync(
  process.execPath,
  [vitest, 'run', '--project', 'integration', 'tests/integration/crash.test.ts'],
  {
    stdio: 'inherit',
    env: { ...process.env, CRASH_RUNS: process.env.CRASH_RUNS ?? '200' },
  },
);
process.exit(run.status ?? 1);
