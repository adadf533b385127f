// Bundles the main-process entry points with esbuild into dist/main/ (CommonJS, as Electron's sandboxed
// preload requires). Native and heavy modules stay external and ship in node_modules. The spreadsheet
// parse worker is an entry of its own (dist/main/parse-worker.js): a worker thread loads a file.
import { build } from 'esbuild';
import { mainBuildOptions, parseWorkerBuild } from './main-build-options.mjs';

await build({
  ...mainBuildOptions,
  entryPoints: {
    'electron-main': 'main/electron/main.ts',
    preload: 'main/electron/preload.ts',
    serve: 'main/server/serve.ts',
    // The core's thread (main/core-host.ts starts it) and the PDF pool's threads (main/documents/pdf/pool.ts).
    'core-worker': 'main/core-worker.ts',
    'pdf-worker': 'main/pdf-worker.ts',
    // The backup rebuild's worker thread (main/services/backup/rebuild.ts loads it by this name).
    'restore-worker': 'main/services/backup/rebuild-worker.ts',
    // The register's quick_check after the first screen (main/db/integrity.ts loads it by this name).
    'integrity-worker': 'main/db/integrity-worker.ts',
    // The payroll build's thread (main/services/payroll/build-thread.ts loads it by this name).
    'payroll-build-worker': 'main/services/payroll/build-worker.ts',
    bench: 'bench/run.ts',
    // The payroll rebuild alone on a kept register (bench/payroll-speed.ts).
    'payroll-speed': 'bench/payroll-speed.ts',
    // The start to first screen alone on a kept register (bench/startup-speed.ts).
    'startup-speed': 'bench/startup-speed.ts',
    // The responsiveness figures alone on a kept register (bench/responsiveness-speed.ts).
    'responsiveness-speed': 'bench/responsiveness-speed.ts',
    // The 12-month trend alone on a kept register (bench/trend-speed.ts).
    'trend-speed': 'bench/trend-speed.ts',
    // The receiving office: 150 wards × 12 months received and consolidated (bench/receiving.ts).
    'bench-receiving': 'bench/receiving.ts',
  },
});
await build(parseWorkerBuild);
