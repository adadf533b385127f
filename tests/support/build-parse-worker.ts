import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
// @ts-expect-error plain .mjs build script without types
import { parseWorkerBuild } from '../../scripts/main-build-options.mjs';

// Vitest global setup: tests run main/ from TypeScript sources, but a worker thread needs a JavaScript
// file. Build the parse worker into dist/main/parse-worker.js (where main/services/spreadsheet/run.ts
// looks when run from sources) before any test, so tests never run a stale or missing worker.
export default async function setup(): Promise<void> {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  await build({ ...parseWorkerBuild, absWorkingDir: root });
}
