// Bundles the main-process entry points with esbuild into dist/main/ (CommonJS, as Electron's sandboxed
// preload requires). Native and heavy modules stay external and ship in node_modules.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  outdir: 'dist/main',
  loader: { '.csv': 'text' },
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  external: ['electron', 'better-sqlite3', 'exceljs', 'pdfmake', 'playwright-core'],
  logLevel: 'warning',
};

await build({
  ...common,
  entryPoints: {
    'electron-main': 'main/electron/main.ts',
    preload: 'main/electron/preload.ts',
    serve: 'main/server/serve.ts',
    // The core's thread (main/core-host.ts starts it) and the PDF pool's threads (main/documents/pdf/pool.ts).
    'core-worker': 'main/core-worker.ts',
    'pdf-worker': 'main/documents/pdf/pool-worker.ts',
    bench: 'bench/run.ts',
  },
});
