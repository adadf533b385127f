import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

// The layering is a lint rule (eslint.config.mjs, `layering/imports`), and `npm test` runs the linter
// before vitest. This test lints small sources as if they sat at a given path, through the project's
// own config, to show the rule catches each kind of bad import and lets the good ones through.

const ROOT = resolve(__dirname, '../..');
let eslint: ESLint;

// The first lint loads the parser and the config (seconds on a busy machine): done once, with room.
beforeAll(async () => {
  eslint = new ESLint({ cwd: ROOT, cache: false });
  await eslint.lintText('export {};', { filePath: join(ROOT, 'shared/warm-up.ts') });
}, 60_000);

/** The layering messages for `source` placed at `file` (repo-relative). */
async function layering(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: join(ROOT, file) });
  return result!.messages.filter((m) => m.ruleId === 'layering/imports').map((m) => m.message);
}

describe('the layering lint rule', () => {
  it('keeps shared/ to itself and zod', async () => {
    const file = 'shared/domain/example.ts';
    for (const spec of [
      '../../main/core',
      '../../renderer/src/errors',
      'node:fs',
      'path',
      'electron',
      'react',
      'better-sqlite3',
    ]) {
      expect(await layering(file, `import x from '${spec}';\nexport default x;`), spec).toHaveLength(1);
    }
    expect(await layering(file, "export { x } from '../../main/core';")).toHaveLength(1);
    expect(await layering(file, "export const m = () => import('node:os');")).toHaveLength(1);
    expect(await layering(file, "export const fs = require('fs');")).toHaveLength(1);
    const fine =
      "import { z } from 'zod';\nimport { fold } from './text';\nimport { t } from '@shared/domain/money';\nexport { z, fold, t };";
    expect(await layering(file, fine)).toEqual([]);
  });

  it('keeps the renderer out of main/', async () => {
    const file = 'renderer/src/screens/example.tsx';
    const [message] = await layering(
      file,
      "import type { Store } from '../../../main/db/store';\nexport type S = Store;",
    );
    expect(message).toContain('contract');
    expect(
      await layering(
        file,
        "import { api } from '../api/client';\nimport { fold } from '../../../shared/domain/text';\nexport { api, fold };",
      ),
    ).toEqual([]);
  });

  it('keeps services away from the dispatcher and Electron', async () => {
    const file = 'main/services/payroll/example.ts';
    for (const spec of ['../../api/dispatch', '../../electron/ipc', 'electron', '../../electron']) {
      expect(await layering(file, `import x from '${spec}';\nexport default x;`), spec).toHaveLength(1);
    }
    expect(
      await layering(
        file,
        "import { Store } from '../../db/store';\nimport { x } from '../../api/context';\nexport { Store, x };",
      ),
    ).toEqual([]);
  });

  it('keeps run-time code from importing a migration (later migrations may)', async () => {
    const source = "import { PEOPLE_WORDS_SQL } from '../../db/migrations/004-search';\nexport { PEOPLE_WORDS_SQL };";
    const [message] = await layering('main/services/register/example.ts', source);
    expect(message).toContain('frozen');
    expect(
      await layering(
        'main/db/migrations/099-example.ts',
        "import { PEOPLE_WORDS_SQL } from './004-search';\nexport { PEOPLE_WORDS_SQL };",
      ),
    ).toEqual([]);
    expect(
      await layering('main/db/example.ts', "import { MIGRATIONS } from './migrations';\nexport { MIGRATIONS };"),
    ).toEqual([]);
  });

  it("lets only main/electron/ import 'electron'", async () => {
    const source = "import { app } from 'electron';\nexport { app };";
    expect(await layering('main/core.ts', source)).toHaveLength(1);
    expect(await layering('main/server/serve.ts', source)).toHaveLength(1);
    expect(await layering('renderer/src/main.tsx', source)).toHaveLength(1);
    expect(await layering('main/electron/example.ts', source)).toEqual([]);
  });

  describe("keeps every service's SQL in its area's queries module", () => {
    const messages = async (file: string, source: string) => {
      const [result] = await eslint.lintText(source, { filePath: join(ROOT, file) });
      return result!.messages.filter((m) => m.ruleId === 'layering/sql-in-queries').map((m) => m.message);
    };
    const store = "import type { Store } from '../../db/store';\n";
    const literal = `${store}export const n = (s: Store) => s.prepare('SELECT COUNT(*) FROM users').pluck().get();`;

    it('refuses prepare(), exec() of SQL text, sql templates and kysely builder calls in a service', async () => {
      const raw = `${store}const SQL = \`SELECT 1\`;\nexport const one = (s: Store) => s.sqlite.prepare(SQL).get();`;
      const execLiteral = `${store}export const f = (s: Store) => s.sqlite.exec('DELETE FROM settings');`;
      const execTemplate = `${store}export const f = (s: Store, t: string) => s.sqlite.exec(\`DROP TABLE \${t}\`);`;
      const execConstant = `${store}const FILL_SQL = 'INSERT INTO x SELECT 1';\nexport const f = (s: Store) => s.sqlite.exec(FILL_SQL);`;
      const kyselyImport = "import { sql } from 'kysely';\nimport { qb } from '../../db/store';\n";
      const template = `${kyselyImport}export const q = sql<number>\`SELECT 1\`;`;
      const sqlRaw = `${kyselyImport}export const q = sql.raw('SELECT 1');`;
      const builders = ['selectFrom', 'insertInto', 'updateTable', 'deleteFrom', 'replaceInto'].map(
        (entry) => `${kyselyImport}export const q = () => qb.${entry}('settings');`,
      );
      for (const source of [literal, raw, execLiteral, execTemplate, execConstant, template, sqlRaw, ...builders]) {
        const found = await messages('main/services/auth/example.ts', source);
        expect(found, source).toHaveLength(1);
        expect(found[0]).toContain('queries module');
      }
      // Every service area is covered, the top-level services too, not only a list of converted ones.
      for (const file of [
        'main/services/new-area/example.ts',
        'main/services/campaign/trend.ts',
        'main/services/clock.ts',
        'main/services/register/search.ts',
        'main/services/ledger/plan.ts',
        'main/services/ledger-files/arrears-list.ts',
      ])
        expect(await messages(file, literal), file).toHaveLength(1);
    });

    it('lets queries modules and infrastructure hold SQL', async () => {
      for (const file of [
        'main/services/auth/queries.ts',
        'main/services/auth/queries/users.ts',
        'main/services/settings-queries.ts',
        'main/services/register/queries/search.ts',
        'main/services/ledger/queries/plan.ts',
        'main/db/example.ts',
        'main/db/migrations/099-example.ts',
        'bench/example.ts',
        'tests/integration/example.test.ts',
      ])
        expect(await messages(file, literal), file).toEqual([]);
    });

    it("does not take a regular expression's exec, or SQL replayed from the file, for SQL text", async () => {
      const fine = [
        // Calling a typed query.
        `${store}import { userCount } from './queries';\nexport const n = (s: Store) => userCount(s);`,
        // RegExp exec: on a literal, on a constant, on a new RegExp, even with a literal argument.
        "export const y = (s: string) => /(\\d{4})$/.exec(s)?.[1] ?? /a/.exec('a');",
        'const NAME = /^b-(\\d+)$/;\nexport const m = (name: string) => NAME.exec(name);',
        "export const m = (p: string) => new RegExp(p).exec('literal text');",
        // The restore replays the schema's own SQL read from the file (a member or a lowercase variable).
        `${store}export const replay = (s: Store, objects: Array<{ sql: string }>, fill: string) => { for (const o of objects) s.sqlite.exec(o.sql); s.sqlite.exec(fill); };`,
        // A pragma stays where it is used.
        `${store}export const p = (s: Store) => s.sqlite.pragma('foreign_keys = OFF');`,
      ];
      for (const source of fine) expect(await messages('main/services/auth/example.ts', source), source).toEqual([]);
    });
  });

  it('runs in npm test before vitest, failing on any warning', () => {
    const scripts = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts as Record<string, string>;
    expect(scripts.lint).toMatch(/^eslint .*--max-warnings 0/);
    const test = scripts.test!;
    expect(test).toContain('npm run lint');
    expect(test.indexOf('npm run lint')).toBeLessThan(test.indexOf('vitest'));
  });
});
