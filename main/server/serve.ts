import { resolve } from 'node:path';
import { CoreHost } from '../core-host';
import { startHarnessServer } from './http-server';
import { APP_VERSION } from '../version';
import { logError, logWarning } from '../log';
import { standInPrinter } from './stand-in-printer';

// `npm run serve`: the whole app in a browser, on 127.0.0.1 only. For tests, development and demos on
// machines where Electron cannot start. The DB path comes from --db, or SO_AN_SINH_DB, or .local/.

function argValue(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  if (index >= 0) return process.argv[index + 1];
  const inline = process.argv.find((a) => a.startsWith(`${name}=`));
  return inline?.slice(name.length + 1);
}

async function main(): Promise<void> {
  const dbPath = resolve(argValue('--db') ?? process.env.SO_AN_SINH_DB ?? '.local/so-an-sinh.sqlite');
  const port = Number(argValue('--port') ?? process.env.PORT ?? 4310);
  const staticDir = resolve(__dirname, '../renderer');
  // Harness-only, for tests of the idle lock: lock sessions after N seconds instead of the setting.
  const idleSeconds = argValue('--idle-seconds');
  // Harness-only, for the crash test: terminate the core worker once a job of this kind is part-way.
  const killDuringJob = argValue('--kill-core-during-job');
  // Harness-only: a stand-in printer that records each print job in this folder (stand-in-printer.ts).
  const printTo = argValue('--print-to');
  // The core runs in a worker thread (core-host.ts), as in the desktop app; this process only serves HTTP.
  const core = new CoreHost({
    workerFile: resolve(__dirname, 'core-worker.js'),
    pdfWorkerFile: resolve(__dirname, 'pdf-worker.js'),
    core: {
      dbPath,
      appVersion: APP_VERSION,
      shell: 'browser-harness',
      autoBackup: true,
      ...(idleSeconds ? { idleMsOverride: Number(idleSeconds) * 1000 } : {}),
    },
    ...(killDuringJob ? { killDuringJob } : {}),
    ...(printTo ? { pdfPrinter: standInPrinter(resolve(printTo)) } : {}),
    onEvent: (event) => {
      if (event.type === 'restarted') logWarning('harness', `Phần xử lý đã khởi động lại (lần ${event.generation}).`);
    },
  });
  const dbStatus = await core.ready();
  if (dbStatus.state === 'error') logWarning('harness', dbStatus.message);
  const harness = await startHarnessServer(core, staticDir, port);
  // The one line tests and scripts wait for.
  // eslint-disable-next-line no-console -- stdout, not an error: not for the log file
  console.log(`Sổ An Sinh (trình duyệt thử nghiệm) đang chạy: ${harness.url} — dữ liệu: ${dbPath}`);
  const stop = async () => {
    await harness.close();
    await core.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error) => {
  logError('harness', 'Không khởi động được máy chủ thử nghiệm', error);
  process.exit(1);
});
