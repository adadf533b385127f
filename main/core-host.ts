import { Worker } from 'node:worker_threads';
import { dirname } from 'node:path';
import type { DbStatus } from '@shared/api/contract';
import type { ApiResult } from '@shared/api/errors';
import type { JobStatusLight } from '@shared/api/import';
import { LOCAL_CLIENT, type AppCoreOptions } from './core';
import {
  CORE_CRASHED_MESSAGE,
  CORE_GAVE_UP_MESSAGE,
  CORE_RECONNECTED_MESSAGE,
  JOB_LOST_ERROR,
  type CoreWorkerData,
  type HostToWorker,
  type ShellRequest,
  type WorkerToHost,
} from './core-protocol';
import type { PdfPrinter } from './documents/print';
import type { PathPicker } from './services/files/pick';
import { configureLog, HOST_LOG_FILE_NAME, logError, logWarning } from './log';

// The shell's side of the core (Electron's main process, the HTTP harness): starts the core in a worker
// thread (core-worker.ts) and relays calls to it with the same `call(channel, input, client)` the IPC
// layer and the HTTP server use for an in-process core. When the worker dies (uncaught exception, out of
// memory under its resourceLimits, terminated) the host:
//  - answers every call in flight with a Vietnamese error (nothing half-done: a command is one
//    transaction, a job writes once at its end; SQLite in WAL with synchronous=FULL keeps every commit);
//  - reports every job that was running as failed when its owner next asks `jobs.get`;
//  - starts a new worker on the same file, after a back-off; after `maxQuickDeaths` deaths within
//    `quickDeathWindowMs` it stops and answers every call with a clear message instead of looping;
//  - tells each client that was using the dead core, when the new core asks it to sign in again, that the
//    app reconnected (sessions live in the core's memory, so they are gone).

export interface CoreHostOptions {
  workerFile: string;
  core: Omit<AppCoreOptions, 'clock'>;
  /** The PDF pool's worker file (dist/main/pdf-worker.js); undefined renders in the core's thread. */
  pdfWorkerFile?: string;
  /** Native dialogs (Electron). */
  pathPicker?: PathPicker;
  /** Opening printed PDFs in the system viewer (Electron): the folder and the opener. */
  pdfOpener?: { dir: string; open: (path: string) => Promise<string> };
  /** Printing PDFs directly (Electron's hidden print window, or the harness's stand-in printer). */
  pdfPrinter?: PdfPrinter;
  resourcesPath?: string;
  /** The core thread's heap limit (MB). */
  maxOldGenerationSizeMb?: number;
  maxQuickDeaths?: number;
  quickDeathWindowMs?: number;
  /** Harness test hook: terminate the worker once a job of this kind reports progress part-way. */
  killDuringJob?: string;
  /** Told of every death and restart (logging). */
  onEvent?: (event: CoreHostEvent) => void;
}

export type CoreHostEvent =
  | { type: 'died'; generation: number; reason: string }
  | { type: 'restarted'; generation: number; dbStatus: DbStatus }
  | { type: 'gave-up'; deaths: number };

interface Pending {
  resolve: (result: ApiResult<unknown>) => void;
  client: string;
  channel: string;
}

interface KnownJob {
  /** The client that started it (undefined: its id never reached a client, so nobody polls it). */
  owner: string | undefined;
  status: JobStatusLight;
}

const DEFAULT_HEAP_MB = 2048;
const BACKOFF_MS = [0, 500, 2_000, 5_000];

const fail = (message: string, code: 'INTERNAL' | 'UNAUTHENTICATED' = 'INTERNAL'): ApiResult<unknown> => ({
  ok: false,
  error: { code, message },
});

export class CoreHost {
  private worker: Worker | undefined;
  private generation = 0;
  private nextId = 1;
  private pending = new Map<number, Pending>();
  /** Jobs running in the current worker. */
  private running = new Map<string, KnownJob>();
  /** Jobs that were running when a worker died: answered as failed to their owner. */
  private lost = new Map<string, KnownJob>();
  /** Clients that used a core that died: told once that the app reconnected. */
  private orphans = new Set<string>();
  /** Clients seen by the current worker. */
  private clients = new Set<string>();
  /** Which client started each job (the call that answered its id): the one that may poll it after a crash. */
  private jobClients = new Map<string, string>();
  private deaths: number[] = [];
  private gaveUp: string | undefined;
  private closing = false;
  private readyWaiters: Array<(status: DbStatus) => void> = [];
  private status: DbStatus | undefined;
  private restartTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: CoreHostOptions) {
    // This thread's errors (the worker's deaths, the harness's failed requests) go to a file of their own.
    const { logFolder, dbPath } = options.core;
    if (logFolder !== null) configureLog(logFolder ?? dirname(dbPath), { file: HOST_LOG_FILE_NAME });
    this.start();
  }

  /** The register's status once the (current) worker has opened it. */
  ready(): Promise<DbStatus> {
    if (this.status) return Promise.resolve(this.status);
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  get restarts(): number {
    return this.generation;
  }

  call(channel: unknown, input: unknown, client: string = LOCAL_CLIENT): Promise<ApiResult<unknown>> {
    if (this.gaveUp) return Promise.resolve(fail(this.gaveUp));
    if (this.closing) return Promise.resolve(fail('Ứng dụng đang đóng.'));
    // A job lost in a crash: its owner polls for it and gets a failure, not "not found" or a hang.
    if ((channel === 'jobs.get' || channel === 'jobs.cancel') && input && typeof input === 'object') {
      const id = (input as { jobId?: unknown }).jobId;
      const lost = typeof id === 'string' ? this.lost.get(id) : undefined;
      if (lost && lost.owner === client) return Promise.resolve({ ok: true, value: { ...lost.status } });
    }
    this.clients.add(client);
    const id = this.nextId++;
    return new Promise<ApiResult<unknown>>((resolve) => {
      this.pending.set(id, { resolve, client, channel: String(channel) });
      this.send({ type: 'call', id, channel: String(channel), input, client });
    });
  }

  /**
   * Moves a client's sign-in session to a new client name (the harness's cookie rotation at sign-in), in
   * the core and in what this host remembers of the client (a lost job, a reconnection notice).
   */
  moveClient(from: string, to: string): void {
    this.send({ type: 'moveClient', from, to });
    const rename = (set: Set<string>) => {
      if (set.delete(from)) set.add(to);
    };
    rename(this.clients);
    rename(this.orphans);
    for (const [id, client] of this.jobClients) if (client === from) this.jobClients.set(id, to);
    for (const job of this.lost.values()) if (job.owner === from) job.owner = to;
  }

  /** Stops the core: its store is closed in its own thread (WAL checkpoint), then the worker exits. */
  async close(): Promise<void> {
    this.closing = true;
    clearTimeout(this.restartTimer);
    const worker = this.worker;
    if (!worker) return;
    const exited = new Promise<void>((done) => worker.once('exit', () => done()));
    this.send({ type: 'close' });
    const timer = setTimeout(() => void worker.terminate(), 10_000);
    await exited;
    clearTimeout(timer);
  }

  /** Ends the current worker as if it had been killed (tests, and the harness's test hook). */
  kill(): Promise<number> {
    return this.worker?.terminate() ?? Promise.resolve(0);
  }

  /** Calls made while a new worker is being started wait here (a worker queues messages until it listens). */
  private queued: HostToWorker[] = [];

  private send(message: HostToWorker): void {
    if (this.worker) this.worker.postMessage(message);
    else if (message.type === 'call' || message.type === 'moveClient') this.queued.push(message);
  }

  private start(): void {
    const o = this.options;
    const data: CoreWorkerData = {
      options: o.core,
      shell: { pathPicker: !!o.pathPicker, pdfDir: o.pdfOpener?.dir, printDir: o.pdfPrinter?.dir },
      resourcesPath: o.resourcesPath,
      pdfWorkerFile: o.pdfWorkerFile,
      jobProgressEvents: !!o.killDuringJob,
      generation: this.generation,
    };
    const worker = new Worker(o.workerFile, {
      workerData: data,
      resourceLimits: { maxOldGenerationSizeMb: o.maxOldGenerationSizeMb ?? DEFAULT_HEAP_MB },
    });
    this.worker = worker;
    this.status = undefined;
    for (const message of this.queued.splice(0)) worker.postMessage(message);
    let lastError = '';
    worker.on('message', (message: WorkerToHost) => this.onMessage(worker, message));
    worker.on('error', (error) => {
      lastError =
        (error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? 'out of memory'
          : String(error?.stack ?? error);
      logError('core-host', 'the core worker failed', lastError);
    });
    worker.on('exit', (code) => this.onExit(worker, lastError || `exit code ${code}`));
  }

  private onMessage(worker: Worker, message: WorkerToHost): void {
    if (worker !== this.worker) return;
    switch (message.type) {
      case 'ready':
        this.status = message.dbStatus;
        if (this.generation > 0)
          this.options.onEvent?.({ type: 'restarted', generation: this.generation, dbStatus: message.dbStatus });
        for (const waiter of this.readyWaiters.splice(0)) waiter(message.dbStatus);
        break;
      case 'result': {
        const pending = this.pending.get(message.id);
        if (!pending) break;
        this.pending.delete(message.id);
        const jobId = message.result.ok ? (message.result.value as { jobId?: unknown } | null)?.jobId : undefined;
        if (typeof jobId === 'string') this.jobClients.set(jobId, pending.client);
        pending.resolve(this.afterRestart(pending, message.result));
        break;
      }
      case 'shell':
        void this.answerShell(worker, message.id, message.request);
        break;
      case 'job':
        if (message.status.state === 'running') {
          this.running.set(message.status.id, { owner: undefined, status: message.status });
          const kill = this.options.killDuringJob;
          if (
            kill &&
            message.status.kind === kill &&
            message.status.done > 0 &&
            message.status.done < message.status.total
          ) {
            this.options.killDuringJob = undefined;
            logWarning('core-host', `test hook: terminating the core during job ${kill}`);
            void worker.terminate();
          }
        } else {
          this.running.delete(message.status.id);
          this.jobClients.delete(message.status.id);
        }
        break;
      case 'closed':
        break;
    }
  }

  /** A client of a dead core asked to sign in again: say why. */
  private afterRestart(pending: Pending, result: ApiResult<unknown>): ApiResult<unknown> {
    if (!this.orphans.has(pending.client)) return result;
    if (!result.ok && result.error.code === 'UNAUTHENTICATED') {
      this.orphans.delete(pending.client);
      return fail(CORE_RECONNECTED_MESSAGE, 'UNAUTHENTICATED');
    }
    // Signed in again (or signed out on purpose): nothing more to say.
    if (pending.channel === 'auth.login' || pending.channel === 'auth.firstRun' || pending.channel === 'auth.logout')
      this.orphans.delete(pending.client);
    return result;
  }

  private async answerShell(worker: Worker, id: number, request: ShellRequest): Promise<void> {
    const answer = (message: HostToWorker) => {
      if (worker === this.worker) worker.postMessage(message);
    };
    try {
      let value: unknown;
      if (request.kind === 'pickPath') {
        if (!this.options.pathPicker) throw new Error('no path picker');
        value = await this.options.pathPicker(request.request);
      } else if (request.kind === 'printPdf') {
        if (!this.options.pdfPrinter) throw new Error('no printer');
        value = await this.options.pdfPrinter.print(request.path, request.spec);
      } else {
        if (!this.options.pdfOpener) throw new Error('no PDF opener');
        value = await this.options.pdfOpener.open(request.path);
      }
      answer({ type: 'shellAnswer', id, ok: true, value });
    } catch (error) {
      answer({ type: 'shellAnswer', id, ok: false, message: error instanceof Error ? error.message : String(error) });
    }
  }

  private onExit(worker: Worker, reason: string): void {
    if (worker !== this.worker) return;
    this.worker = undefined;
    if (this.closing) return;
    const generation = this.generation;
    logError('core-host', `the core worker stopped (${reason}); restarting`);
    this.options.onEvent?.({ type: 'died', generation, reason });
    for (const [, pending] of this.pending) pending.resolve(fail(CORE_CRASHED_MESSAGE));
    this.pending.clear();
    const finishedAt = new Date().toISOString();
    for (const [id, job] of this.running) {
      this.lost.set(id, {
        owner: this.jobClients.get(id),
        status: {
          ...job.status,
          state: 'failed',
          error: JOB_LOST_ERROR,
          label: 'Không hoàn thành: phần xử lý của ứng dụng đã khởi động lại.',
          finishedAt,
        },
      });
    }
    this.running.clear();
    this.jobClients.clear();
    for (const client of this.clients) if (client !== LOCAL_CLIENT) this.orphans.add(client);
    this.clients.clear();

    const now = Date.now();
    const windowMs = this.options.quickDeathWindowMs ?? 120_000;
    this.deaths = [...this.deaths.filter((t) => now - t < windowMs), now];
    const maxDeaths = this.options.maxQuickDeaths ?? 4;
    if (this.deaths.length >= maxDeaths) {
      this.gaveUp = CORE_GAVE_UP_MESSAGE(this.deaths.length, Math.round(windowMs / 1000));
      logError('core-host', `${this.deaths.length} deaths within ${windowMs} ms: not restarting again`);
      this.options.onEvent?.({ type: 'gave-up', deaths: this.deaths.length });
      for (const message of this.queued.splice(0))
        if (message.type === 'call') this.pending.get(message.id)?.resolve(fail(this.gaveUp));
      this.pending.clear();
      return;
    }
    const delay = BACKOFF_MS[Math.min(this.deaths.length - 1, BACKOFF_MS.length - 1)] ?? 0;
    this.generation++;
    this.restartTimer = setTimeout(() => {
      if (!this.closing) this.start();
    }, delay);
  }
}
