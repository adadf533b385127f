// Writes the upgrade fixtures (tests/fixtures/upgrade/vNNN.sqlite + vNNN.expected.json): one register per
// schema version, made by the bundled migrations stopped at that version and filled with a ward's data in
// every table (tests/support/upgrade-fixtures.ts). By default only the versions that have no fixture yet
// are written — the fixtures of released versions are history and must not change; `--force` rewrites
// all, `--version N` one. Run as `npm run fixtures:upgrade` after adding a migration.
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mainBuildOptions } from './main-build-options.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const force = args.includes('--force');
const only = args.includes('--version') ? Number(args[args.indexOf('--version') + 1]) : undefined;

// Inside the project, so the bundle's external better-sqlite3 resolves from node_modules.
mkdirSync(join(root, 'node_modules/.cache'), { recursive: true });
const out = mkdtempSync(join(root, 'node_modules/.cache/upgrade-fixtures-'));
try {
  // The generator imports the app's TypeScript (migrations, audit, text folding): bundle it like main/.
  await build({
    ...mainBuildOptions,
    absWorkingDir: root,
    entryPoints: { generator: 'tests/support/upgrade-fixtures.ts' },
    outdir: out,
    sourcemap: false,
    define: { ...mainBuildOptions.define, __dirname: JSON.stringify(join(root, 'tests/support')) },
  });
  const require = createRequire(join(root, 'package.json'));
  const generator = require(join(out, 'generator.js'));
  const versions = generator.schemaVersions();
  let written = 0;
  for (const version of versions) {
    if (only !== undefined && version !== only) continue;
    if (!force && only === undefined && generator.fixtureExists(version)) continue;
    const expected = generator.writeFixture(version);
    writeFileSync(generator.expectedPath(version), `${JSON.stringify(expected, null, 2)}\n`);
    written++;
    const rows = Object.values(expected.tables).reduce((n, t) => n + t.rows, 0);
    console.log(
      `${relative(root, generator.fixturePath(version))}: schema ${version}, ${Object.keys(expected.tables).length} tables, ${rows} rows, audit ${expected.audit.entries} entries`,
    );
  }
  if (!written) console.log(`every schema version (1..${versions.at(-1)}) has its fixture; --force rewrites them`);
} finally {
  rmSync(out, { recursive: true, force: true });
}
