import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import { ApiError } from '@shared/api/errors';
import { toPlainDefinition } from './plain';
import { setPdfRenderer, type BuiltPdf, type RenderedPdf } from './render';
import { logError } from '../../log';

// A small pool of worker threads that lay out PDFs (pool-worker.ts, bundled as dist/main/pdf-worker.js),
// so that a 2,000-page cash list or a 1,000-form batch never blocks the core's answers. Each render runs
// in a thread with a heap limit (resourceLimits) and a time limit: a runaway document ends its thread with
// a Vietnamese message, and the next render gets a fresh thread. The definition travels as data
// (plain.ts); the bytes come back as a transferred buffer. Idle threads exit after a while (fonts are
// read again when one starts: ~50 ms). A long list is sent as its rows and built there by a named builder
// (render.ts, renderBuilt): the rows cross in slices, each slice copied between two turns of the core's
// event loop, so no single copy holds it.

export interface PdfPoolOptions {
  /** Threads at most (default: cores − 1, at least 1, at most 2: the core and the UI need the rest). */
  size?: number;
  /** Heap limit of each thread in MB (a 9,000-page list peaks near 1.3 GB). */
  maxOldGenerationSizeMb?: number;
  /** Time limit of one render (default 10 minutes, or SO_AN_SINH_PDF_TIME_LIMIT_MS). */
  timeLimitMs?: number;
  idleMs?: number;
}

type Work =
  | { kind: 'definition'; definition: TDocumentDefinitions }
  | { kind: 'build'; builder: string; input: unknown; rows: readonly unknown[] };

interface Task {
  work: Work;
  resolve: (pdf: BuiltPdf<unknown>) => void;
  reject: (error: unknown) => void;
}

/** What a pool thread is sent: rows first (zero or more slices), then what to render. */
export type PoolMessage =
  | { type: 'rows'; rows: unknown[] }
  | { type: 'render'; definition: TDocumentDefinitions }
  | { type: 'build'; builder: string; input: unknown };

/** Rows per message: a slice of a list is copied in about a millisecond. */
const ROWS_PER_MESSAGE = 250;

interface Slot {
  worker: Worker;
  task: Task | undefined;
  timer: ReturnType<typeof setTimeout> | undefined;
  idle: ReturnType<typeof setTimeout> | undefined;
  /** Why the thread was ended by the pool (time limit), for the message. */
  ended: string | undefined;
}

export type PoolAnswer =
  { ok: true; buffer: ArrayBuffer; pages: number; meta?: unknown } | { ok: false; message: string };

const TOO_BIG =
  'Tài liệu PDF quá lớn, vượt giới hạn bộ nhớ dành cho việc tạo PDF, nên đã dừng. Không có gì được ghi vào sổ; hãy in ít hơn mỗi lần (ví dụ theo từng khu phố).';
const TOO_LONG = (minutes: number) =>
  `Tạo tài liệu PDF mất quá ${minutes} phút nên đã dừng. Không có gì được ghi vào sổ; hãy in ít hơn mỗi lần (ví dụ theo từng khu phố).`;
const FAILED = 'Không tạo được tài liệu PDF do lỗi không mong muốn. Không có gì được ghi vào sổ; hãy thử lại.';

export class PdfPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private readonly size: number;
  private readonly heapMb: number;
  private readonly timeLimitMs: number;
  private readonly idleMs: number;
  private closed = false;

  constructor(
    private readonly workerFile: string,
    options: PdfPoolOptions = {},
  ) {
    this.size = options.size ?? Math.max(1, Math.min(2, availableParallelism() - 1));
    this.heapMb = options.maxOldGenerationSizeMb ?? 2048;
    this.timeLimitMs = options.timeLimitMs ?? (Number(process.env.SO_AN_SINH_PDF_TIME_LIMIT_MS) || 10 * 60_000);
    this.idleMs = options.idleMs ?? 30_000;
  }

  render(definition: TDocumentDefinitions): Promise<RenderedPdf> {
    return this.enqueue({ kind: 'definition', definition: toPlainDefinition(definition) });
  }

  /** Builds the definition in the pool thread with the builder of that name (render.ts) from `input` and `rows`. */
  build(builder: string, input: unknown, rows: readonly unknown[]): Promise<BuiltPdf<unknown>> {
    return this.enqueue({ kind: 'build', builder, input, rows });
  }

  private enqueue(work: Work): Promise<BuiltPdf<unknown>> {
    if (this.closed) return Promise.reject(new Error('PDF pool closed'));
    return new Promise<BuiltPdf<unknown>>((resolve, reject) => {
      this.queue.push({ work, resolve, reject });
      this.pump();
    });
  }

  close(): Promise<void> {
    this.closed = true;
    for (const task of this.queue.splice(0)) task.reject(new Error('PDF pool closed'));
    return Promise.all(this.slots.splice(0).map((slot) => slot.worker.terminate())).then(() => undefined);
  }

  private pump(): void {
    while (this.queue.length) {
      let slot = this.slots.find((s) => !s.task);
      if (!slot && this.slots.length < this.size) slot = this.spawn();
      if (!slot) return;
      this.run(slot, this.queue.shift()!);
    }
  }

  private spawn(): Slot {
    const worker = new Worker(this.workerFile, { resourceLimits: { maxOldGenerationSizeMb: this.heapMb } });
    const slot: Slot = { worker, task: undefined, timer: undefined, idle: undefined, ended: undefined };
    this.slots.push(slot);
    let failure: unknown;
    worker.on('message', (answer: PoolAnswer) => {
      const task = slot.task;
      if (!task) return;
      this.settle(slot);
      if (answer.ok) task.resolve({ buffer: Buffer.from(answer.buffer), pages: answer.pages, meta: answer.meta });
      else task.reject(new Error(answer.message));
      this.pump();
    });
    worker.on('error', (error) => (failure = error));
    worker.on('exit', () => {
      const index = this.slots.indexOf(slot);
      if (index >= 0) this.slots.splice(index, 1);
      const task = slot.task;
      clearTimeout(slot.timer);
      clearTimeout(slot.idle);
      slot.task = undefined;
      if (task) {
        const oom = (failure as { code?: string } | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY';
        if (!oom && !slot.ended) logError('pdf-pool', 'a PDF thread stopped', failure);
        task.reject(new ApiError('INTERNAL', slot.ended ?? (oom ? TOO_BIG : FAILED)));
      }
      this.pump();
    });
    return slot;
  }

  private run(slot: Slot, task: Task): void {
    clearTimeout(slot.idle);
    slot.task = task;
    slot.timer = setTimeout(() => {
      slot.ended = TOO_LONG(Math.max(1, Math.round(this.timeLimitMs / 60_000)));
      void slot.worker.terminate();
    }, this.timeLimitMs);
    void this.send(slot, task).catch((error: unknown) => {
      // A definition with something that cannot be copied (a function): a programming error.
      if (slot.task !== task) return;
      this.settle(slot);
      task.reject(error);
      this.pump();
    });
  }

  /** Posts the task's rows in slices, yielding to the event loop between them, then what to render. */
  private async send(slot: Slot, task: Task): Promise<void> {
    const post = (message: PoolMessage) => slot.worker.postMessage(message);
    const { work } = task;
    if (work.kind === 'definition') return post({ type: 'render', definition: work.definition });
    for (let i = 0; i < work.rows.length; i += ROWS_PER_MESSAGE) {
      if (i > 0) await new Promise((resolve) => setImmediate(resolve));
      // The thread ended (time limit, heap) or the pool closed meanwhile: its exit already answered.
      if (slot.task !== task) return;
      post({ type: 'rows', rows: work.rows.slice(i, i + ROWS_PER_MESSAGE) });
    }
    if (slot.task === task) post({ type: 'build', builder: work.builder, input: work.input });
  }

  private settle(slot: Slot): void {
    clearTimeout(slot.timer);
    slot.task = undefined;
    slot.idle = setTimeout(() => void slot.worker.terminate(), this.idleMs);
    slot.idle.unref();
  }
}

let pool: PdfPool | undefined;

/** From now on renderPdf lays out in the pool (the core worker calls this at start). */
export function usePdfPool(workerFile: string, options?: PdfPoolOptions): PdfPool {
  void pool?.close();
  pool = new PdfPool(workerFile, options);
  const current = pool;
  setPdfRenderer(
    (definition) => current.render(definition),
    (builder, input, rows) => current.build(builder, input, rows),
  );
  return current;
}

export function closePdfPool(): Promise<void> {
  setPdfRenderer(undefined);
  const current = pool;
  pool = undefined;
  return current?.close() ?? Promise.resolve();
}
