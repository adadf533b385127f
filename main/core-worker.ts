import { parentPort, workerData } from 'node:worker_threads';
import { createAppCore } from './core';
import type { CoreWorkerData, HostToWorker, ShellRequest, WorkerToHost } from './core-protocol';
import { setPathPicker } from './services/files/pick';
import { setPdfOpener } from './documents/open';
import { setPdfPrinter, type PrintSpec } from './documents/print';
import { closePdfPool, usePdfPool } from './documents/pdf/pool';
import { setJobObserver } from './jobs';
import { logError } from './log';

// The core's thread (bundled as dist/main/core-worker.js): the same createAppCore as in tests, fed by the
// host's messages (core-host.ts, protocol in core-protocol.ts). Everything the app does with the register
// runs here; the Electron main process / the HTTP harness only relay calls and hold windows.

const port = parentPort;
if (!port) throw new Error('core-worker.ts runs only as a worker thread');
const data = workerData as CoreWorkerData;
const post = (message: WorkerToHost) => port.postMessage(message);

if (data.resourcesPath && !(process as { resourcesPath?: string }).resourcesPath) {
  (process as { resourcesPath?: string }).resourcesPath = data.resourcesPath;
}
if (data.pdfWorkerFile) usePdfPool(data.pdfWorkerFile);

// Shell services: asked of the host, answered by message id.
let nextShellId = 1;
const pendingShell = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
function askShell<T>(request: ShellRequest): Promise<T> {
  const id = nextShellId++;
  return new Promise<T>((resolve, reject) => {
    pendingShell.set(id, { resolve: resolve as (value: unknown) => void, reject });
    post({ type: 'shell', id, request });
  });
}
if (data.shell.pathPicker) setPathPicker((request) => askShell<string | null>({ kind: 'pickPath', request }));
if (data.shell.pdfDir)
  setPdfOpener({ dir: data.shell.pdfDir, open: (path) => askShell<string>({ kind: 'openPdf', path }) });
if (data.shell.printDir)
  setPdfPrinter({
    dir: data.shell.printDir,
    print: (path, spec: PrintSpec) => askShell<string>({ kind: 'printPdf', path, spec }),
  });

// Jobs: the host learns which are running, so that a job lost in a crash is reported failed, not hanging.
setJobObserver((status, owner, event) => {
  if (event === 'progress' && !data.jobProgressEvents) return;
  const { result: _result, ...light } = status;
  post({ type: 'job', status: light, owner });
});

// The first screen first: the quick_check and the month turn's summary refresh after it (core.ts).
const core = createAppCore({ backgroundStart: true, ...data.options });
post({ type: 'ready', dbStatus: core.dbStatus });

port.on('message', (message: HostToWorker) => {
  switch (message.type) {
    case 'call':
      core.call(message.channel, message.input, message.client).then(
        (result) => post({ type: 'result', id: message.id, result }),
        // dispatch never rejects; this is the last guard so the host never waits forever.
        (error: unknown) => {
          logError('core-worker', 'unexpected error', error);
          post({
            type: 'result',
            id: message.id,
            result: { ok: false, error: { code: 'INTERNAL', message: 'Đã xảy ra lỗi không mong muốn.' } },
          });
        },
      );
      break;
    case 'shellAnswer': {
      const waiting = pendingShell.get(message.id);
      pendingShell.delete(message.id);
      if (!waiting) break;
      if (message.ok) waiting.resolve(message.value);
      else waiting.reject(new Error(message.message));
      break;
    }
    case 'moveClient':
      core.moveClient(message.from, message.to);
      break;
    case 'close':
      core.close();
      void closePdfPool().finally(() => {
        post({ type: 'closed' });
        process.exit(0);
      });
  }
});
