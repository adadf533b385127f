import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ActingUser } from '../../api/context';
import { ApiError, type ApiErrorBody } from '@shared/api/errors';
import type { BuildResult } from '@shared/api/payroll';
import type { Month } from '@shared/domain/dates';
import { JobCancelled, type JobProgress, type JobSignal } from '../../jobs';

// The payroll build in a worker thread of its own (issue 13: on the core's thread its ~2 s write
// transaction and its planning chunks held up every other call; search as you type waited). The worker
// opens its own connection to the register (WAL: the core's reads go on beside the build's reads and its
// one write transaction; SQLite lets one writer at a time, and the core's writes wait for the build's
// commit within the busy timeout). The same code builds (build.ts buildPayrolls), so the lines are the
// same; the job stays the core's (progress, Cancel, jobs.get), the worker reports to it.

/** The bundled worker (dist/main/payroll-build-worker.js); absent when running from sources (tests): inline. */
const WORKER_FILE = join(__dirname, 'payroll-build-worker.js');

export const buildThreadAvailable = (): boolean => existsSync(WORKER_FILE);

export interface BuildThreadInput {
  month: Month;
  programmes: string[] | undefined;
  user: ActingUser;
  /** The build's time (ISO), as the core's clock gave it. */
  at: string;
}

export interface BuildWorkerData extends BuildThreadInput {
  dbPath: string;
  /** Int32Array over it: 1 once Cancel was asked (checked between planning chunks, as on the core's thread). */
  cancel: SharedArrayBuffer;
}

export type BuildWorkerMessage =
  | { type: 'progress'; done: number; total: number; text?: string | undefined }
  | { type: 'done'; result: BuildResult }
  | { type: 'cancelled' }
  | { type: 'failed'; api?: ApiErrorBody; message: string; code?: string };

/** How often the core passes a Cancel on to the worker. */
const CANCEL_POLL_MS = 50;

export function buildInThread(
  dbPath: string,
  input: BuildThreadInput,
  progress: JobProgress,
  signal: JobSignal,
  workerFile = WORKER_FILE,
): Promise<BuildResult> {
  const cancel = new SharedArrayBuffer(4);
  const flag = new Int32Array(cancel);
  const data: BuildWorkerData = { ...input, dbPath, cancel };
  return new Promise<BuildResult>((resolve, reject) => {
    const worker = new Worker(workerFile, { workerData: data });
    let settled = false;
    const poll = setInterval(() => {
      if (signal.cancelled) Atomics.store(flag, 0, 1);
    }, CANCEL_POLL_MS);
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearInterval(poll);
      fn();
    };
    worker.on('message', (message: BuildWorkerMessage) => {
      switch (message.type) {
        case 'progress':
          progress(message.done, message.total, message.text);
          break;
        case 'done':
          settle(() => resolve(message.result));
          break;
        case 'cancelled':
          settle(() => reject(new JobCancelled()));
          break;
        case 'failed':
          settle(() =>
            reject(
              message.api
                ? ApiError.fromBody(message.api)
                : Object.assign(new Error(message.message), message.code ? { code: message.code } : {}),
            ),
          );
      }
    });
    worker.on('error', (error) => settle(() => reject(error)));
    // A worker that ends without a word (killed, out of memory) wrote nothing: its transaction never committed.
    worker.on('exit', (code) => settle(() => reject(new Error(`the payroll build's thread ended (${code})`))));
  });
}
