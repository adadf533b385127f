// House rules as lint (run by `npm run lint`, part of `npm test`). Syntax-only rules (no type-aware
// linting): typecheck already runs tsc, and the type-checked rule set would multiply the lint time.

import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import layering from './scripts/eslint-layering.mjs';

/**
 * The layering (README "Architecture"). Each row: files under `from` (minus `except`) may not import the
 * repo paths in `paths`, the packages in `packages`, nor (with `onlyPackages`) any other package.
 */
export const LAYERS = [
  {
    from: ['shared/'],
    paths: ['main/', 'renderer/', 'tests/', 'bench/', 'scripts/'],
    onlyPackages: ['zod'],
    why: 'shared/ runs in both the renderer and main; it imports only itself and zod.',
  },
  {
    from: ['renderer/'],
    paths: ['main/'],
    why: 'the renderer reaches main only through the contract in shared/api/.',
  },
  {
    from: ['main/services/'],
    paths: ['main/api/dispatch', 'main/electron/'],
    packages: ['electron'],
    why: 'services are called by the dispatcher and know nothing of it or of Electron (inject what you need).',
  },
  {
    from: ['main/', 'renderer/', 'shared/', 'bench/', 'scripts/'],
    except: ['main/db/migrations/'],
    paths: ['main/db/migrations/0'],
    why: 'a released migration is frozen: run-time code keeps its own copy of what it shares with one (e.g. main/db/search-index.ts), so a change never rewrites history.',
  },
  {
    from: [''],
    // tests/electron/ takes Electron's types to test main/electron/ against a stand-in.
    except: ['main/electron/', 'tests/electron/'],
    packages: ['electron'],
    why: "only main/electron/ imports 'electron', so the same core runs in the browser harness.",
  },
];

/**
 * Where SQL text may not be written (issue 13): every service under main/services/ keeps its SQL in its
 * area's queries module (`queries.ts`, `queries/`, or `<name>-queries.ts`); a `prepare(…)`, an `exec(…)` of
 * SQL text, an sql`…` template or a kysely builder call anywhere else there is a lint error. Infrastructure
 * outside main/services/ (main/db/, migrations, bench, tests) is free. The rule also takes an `except` list
 * of areas being converted; none is left.
 */
export const SQL_IN_QUERIES = { areas: ['main/services/'] };

export default defineConfig(
  { ignores: ['dist/', 'release/', 'coverage/', '.local/', 'node_modules/', 'tests/fixtures/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    plugins: { layering },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      'layering/imports': ['error', { layers: LAYERS }],
      'layering/sql-in-queries': ['error', SQL_IN_QUERIES],
      // Matching control characters on purpose is how this app keeps text safe (file names, safe text).
      'no-control-regex': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ['main/**', 'tests/**', 'bench/**', 'scripts/**', '*.mjs', '*.mts', 'renderer/vite.config.mts'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // Main reports through its logger (main/log.ts: a file the user can send, digit runs masked).
    files: ['main/**'],
    ignores: ['main/log.ts'],
    rules: { 'no-console': 'error' },
  },
  {
    files: ['renderer/src/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
);
