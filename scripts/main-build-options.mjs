// esbuild options shared by scripts/build-main.mjs and the tests' build of the parse worker
// (tests/support/build-parse-worker.ts), so the worker the tests run is built exactly as the app's.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
// The build's day, shown in Cài đặt and written in export manifests; SOURCE_DATE_EPOCH makes it reproducible.
const epoch = process.env.SOURCE_DATE_EPOCH ? Number(process.env.SOURCE_DATE_EPOCH) * 1000 : Date.now();
const buildDate = new Date(epoch).toISOString().slice(0, 10);

export const mainBuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  outdir: 'dist/main',
  loader: { '.csv': 'text' },
  define: { __APP_VERSION__: JSON.stringify(pkg.version), __BUILD_DATE__: JSON.stringify(buildDate) },
  external: ['electron', 'better-sqlite3', 'exceljs', 'pdfmake', 'playwright-core', 'yauzl'],
  logLevel: 'warning',
  // The `@shared/*` import alias: esbuild reads `paths` from this tsconfig for every file (bench/ and
  // tests/support/ included, which have no tsconfig of their own).
  tsconfig: fileURLToPath(new URL('../tsconfig.base.json', import.meta.url)),
};

/**
 * The parse worker: its own entry (main/services/spreadsheet/run.ts finds it beside the main bundle),
 * self-contained — exceljs's two streaming readers and yauzl bundled in — so a worker starts in ~0.3 s
 * instead of ~0.8 s of resolving exceljs's many small files, and needs nothing from node_modules.
 */
export const parseWorkerBuild = {
  ...mainBuildOptions,
  entryPoints: { 'parse-worker': 'main/services/spreadsheet/worker.ts' },
  external: ['electron', 'better-sqlite3'],
};
