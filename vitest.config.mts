import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';
import { csvText } from './scripts/csv-text-plugin.mjs';

const root = fileURLToPath(new URL('.', import.meta.url));
// `@shared/…` imports the project's shared/ (the alias of tsconfig.base.json's `paths`), in every project.
const shared = { '@shared': `${root}shared` };

// Three kinds of test, one command (`npm test`):
// unit: pure shared/ rules; integration: main/ on real SQLite files, real readers;
// electron: main's Electron modules against a stand-in `electron`; e2e: real Chromium on `npm run serve`.
export default defineConfig({
  plugins: [csvText()],
  test: {
    projects: [
      {
        plugins: [csvText()],
        resolve: { alias: shared },
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' },
      },
      {
        plugins: [csvText()],
        resolve: { alias: shared },
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts', 'tests/packaging/**/*.test.ts'],
          environment: 'node',
          // main/ reads spreadsheets in a worker thread, which needs its bundled file (run.ts).
          globalSetup: ['tests/support/build-parse-worker.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        plugins: [csvText()],
        resolve: { alias: { ...shared, electron: `${root}tests/support/electron-stand-in.ts` } },
        test: { name: 'electron', include: ['tests/electron/**/*.test.ts'], environment: 'node' },
      },
      {
        plugins: [csvText()],
        resolve: { alias: shared },
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
