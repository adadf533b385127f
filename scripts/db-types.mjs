// `npm run db:types`: rewrites main/db/schema.ts from a freshly migrated database (the same code the
// drift test runs, told to write). Portable: no shell-specific environment syntax.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const vitest = fileURLToPath(new URL('../node_modules/vitest/vitest.mjs', import.meta.url));
const run = spawnSync(
  process.execPath,
  [vitest, 'run', '--project', 'integration', 'tests/integration/schema-types.test.ts'],
  {
    stdio: 'inherit',
    env: { ...process.env, UPDATE_SCHEMA_TYPES: '1' },
  },
);
process.exit(run.status ?? 1);
