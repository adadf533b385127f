import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ApiError } from '@shared/api/errors';
import type { ResultFormat } from '@shared/api/payroll-results';
import type { ParsedSheet } from '../import/workbook';
import type { ParsedResultFile } from '../payroll-results/result-file';
import { LIMIT_MESSAGES, SpreadsheetRefused, WORKER_LIMITS, type SpreadsheetLimits } from './limits';
import type { MainReply, WorkerReply, WorkerRequest } from './protocol';
import { logError } from '../../log';

// Main's side of the parse worker: every uploaded spreadsheet (register import, bank results) is read in
// a worker thread with V8 resourceLimits and a time limit, one file at a time. The app keeps answering
// while it reads (the wait is async); a file that makes the worker run out of memory or time ends the
// worker, and the caller gets a Vietnamese message (ApiError INVALID_INPUT), with nothing changed.
//
// What it does not protect: the bytes arrive in main first (capped at 20 MB by the API contract), and
// the parsed rows come back into main's memory (bounded by the row and cell limits); a crash of V8
// itself or of native code takes the process down as before.

export interface RunOptions {
  /** Progress of the reading (bytes inflated); may throw (a job's Cancel): the worker is then ended. */
  onProgress?: (done: number, total: number) => void;
  /** Tests only: tighter limits for the file checks and for the worker itself. */
  limits?: Partial<SpreadsheetLimits>;
  worker?: Partial<typeof WORKER_LIMITS>;
}

type Request =
  | { kind: 'register'; bytes: Buffer; fileName: string }
  | { kind: 'result'; bytes: Buffer; fileName: string; format: ResultFormat };
type Parsed<R extends Request> = R extends { kind: 'register' } ? ParsedSheet[] : ParsedResultFile;

const WORKER_FILE = 'parse-worker.js';

/**
 * Where the bundled worker is. Built code (dist/main/electron-main.js, serve.js, bench.js — also inside
 * app.asar, which Electron's worker threads can read) has it beside itself. Code run from TypeScript
 * sources (vitest) finds the repository's dist/main/parse-worker.js, which the integration tests' global
 * setup builds fresh before any test (tests/support/build-parse-worker.ts). SAS_PARSE_WORKER overrides.
 */
export function parseWorkerPath(): string {
  const candidates = [
    process.env.SAS_PARSE_WORKER,
    join(__dirname, WORKER_FILE),
    resolve(__dirname, '../../../dist/main', WORKER_FILE),
  ].filter((p): p is string => Boolean(p));
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`parse worker not found (looked in ${candidates.join(', ')}); run npm run build:main`);
  return found;
}

// One file at a time: two hostile files at once must not double the memory the workers may take.
let queue: Promise<unknown> = Promise.resolve();
let active = 0;

/** Workers running now (tests check that none is left behind). */
export const activeParseWorkers = (): number => active;

export function parseInWorker<R extends Request>(request: R, options: RunOptions = {}): Promise<Parsed<R>> {
  const run = queue.then(() => runOnce(request, options));
  queue = run.catch(() => undefined);
  return run as Promise<Parsed<R>>;
}

function runOnce(request: Request, options: RunOptions): Promise<unknown> {
  const limits = { ...WORKER_LIMITS, ...options.worker };
  const worker = new Worker(parseWorkerPath(), {
    resourceLimits: {
      maxOldGenerationSizeMb: limits.maxOldGenerationSizeMb,
      maxYoungGenerationSizeMb: limits.maxYoungGenerationSizeMb,
    },
    // The worker reads nothing from the environment or the command line of the app.
    env: {},
    execArgv: [],
    stdout: false,
    stderr: false,
  });
  active++;
  return new Promise((resolvePromise, reject) => {
    let settled = false;
    const finish = (error: unknown, value?: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate().finally(() => {
        active--;
      });
      if (error) reject(error);
      else resolvePromise(value);
    };
    // Slices of rows as they come (see protocol.ts), put back in place when the worker is done.
    const slices = new Map<number, unknown[][]>();
    const timer = setTimeout(
      () => finish(new SpreadsheetRefused(LIMIT_MESSAGES.workerTimeout(limits.timeoutMs))),
      limits.timeoutMs,
    );
    worker.on('message', (reply: WorkerReply) => {
      switch (reply.type) {
        case 'progress':
          try {
            options.onProgress?.(reply.done, reply.total);
          } catch (e) {
            finish(e);
          }
          break;
        case 'rows': {
          const list = slices.get(reply.target) ?? [];
          list.push(reply.rows);
          slices.set(reply.target, list);
          worker.postMessage({ type: 'more' } satisfies MainReply);
          break;
        }
        case 'done': {
          const joined = (target: number) => (slices.get(target) ?? []).flat();
          const value =
            request.kind === 'register'
              ? (reply.value as ParsedSheet[]).map((sheet, i) => ({ ...sheet, rows: joined(i) as ParsedSheet['rows'] }))
              : { ...(reply.value as ParsedResultFile), rows: joined(-1) as ParsedResultFile['rows'] };
          finish(null, value);
          break;
        }
        case 'refused':
          finish(ApiError.fromBody(reply.error));
          break;
        case 'crashed':
          logError('spreadsheet', 'the parse worker failed', reply.detail);
          finish(new SpreadsheetRefused(LIMIT_MESSAGES.workerFailed()));
          break;
      }
    });
    worker.on('error', (e: Error & { code?: string }) => {
      if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') finish(new SpreadsheetRefused(LIMIT_MESSAGES.workerMemory()));
      else {
        logError('spreadsheet', 'parse worker error', e);
        finish(new SpreadsheetRefused(LIMIT_MESSAGES.workerFailed()));
      }
    });
    worker.on('exit', () => finish(new SpreadsheetRefused(LIMIT_MESSAGES.workerFailed())));
    // A copy of the bytes is moved (not cloned twice) into the worker.
    const copy = new Uint8Array(request.bytes.byteLength);
    copy.set(request.bytes);
    const message: WorkerRequest =
      request.kind === 'register'
        ? { kind: 'register', bytes: copy, fileName: request.fileName, limits: options.limits }
        : { kind: 'result', bytes: copy, fileName: request.fileName, format: request.format, limits: options.limits };
    worker.postMessage(message, [copy.buffer]);
  });
}
