import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { ApiError } from '@shared/api/errors';
import { Store } from '../../db/store';
import { JobCancelled, type JobSignal } from '../../jobs';
import { buildPayrolls } from './build';
import type { BuildWorkerData, BuildWorkerMessage } from './build-thread';

// Entry of the payroll build's worker thread (bundled as dist/main/payroll-build-worker.js; build-thread.ts
// starts it): its own connection to the register, set up as the core's (main/db/open.ts), then the build.

const data = workerData as BuildWorkerData;
const post = (message: BuildWorkerMessage) => parentPort!.postMessage(message);
const flag = new Int32Array(data.cancel);
const signal: JobSignal = {
  get cancelled() {
    return Atomics.load(flag, 0) === 1;
  },
  throwIfCancelled() {
    if (Atomics.load(flag, 0) === 1) throw new JobCancelled();
  },
};

async function run(): Promise<void> {
  // The same busy timeout as the core's connection: the write waits for a command being written.
  const sqlite = new Database(data.dbPath, { timeout: 5000, fileMustExist: true });
  const store = new Store(sqlite);
  try {
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('synchronous = FULL');
    const chosen = data.programmes?.length ? new Set(data.programmes) : undefined;
    const result = await buildPayrolls(
      store,
      data.user,
      new Date(data.at),
      data.month,
      chosen,
      (done, total, text) => post({ type: 'progress', done, total, text }),
      signal,
    );
    post({ type: 'done', result });
  } finally {
    store.close();
  }
}

run().catch((error: unknown) => {
  if (error instanceof JobCancelled) post({ type: 'cancelled' });
  else if (error instanceof ApiError) post({ type: 'failed', api: error.toBody(), message: error.message });
  else {
    const code = (error as { code?: unknown } | undefined)?.code;
    post({
      type: 'failed',
      message: error instanceof Error ? (error.stack ?? error.message) : String(error),
      ...(typeof code === 'string' ? { code } : {}),
    });
  }
});
