import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import { ApiError } from '@shared/api/errors';
import { toPlainDefinition } from './plain';
import { setPdfRenderer, type RenderedPdf } from './render';
import { logError } from '../../log';

// A small pool of worker threads that lay out PDFs (pool-worker.ts, bundled as dist/main/pdf-worker.js),
// so that a 2,000-page cash list or a 1,000-form batch never blocks the core's answers. Each render runs
// in a thread with a heap limit (resourceLimits) and a time limit: a runaway document ends its thread with
// a Vietnamese message, and the next render gets a fresh thread. The definition travels as data
// (plain.ts); the bytes come back as a transferred buffer. Idle threads exit after a while (fonts are
// read again when one starts: ~50 ms).

export interface PdfPoolOptions {
  /** Threads at most (default: cores − 1, at least 1, at most 2: the core and the UI need the rest). */
  size?: number;
  /** Heap limit of each thread in MB (a 9,000-page list peaks near 1.3 GB). */
  maxOldGenerationSizeMb?: number;
  /** Time limit of one render (default 10 minutes, or SO_AN_SINH_PDF_TIME_LIMIT_MS). */
  timeLimitMs?: number;
  idleMs?: number;
}

interface Task {
  definition: TDocumentDefinitions;
  resolve: (pdf: RenderedPdf) => void;
  reject: (error: unknown) => void;
}

interface Slot {
  worker: Worker;
  task: Task | undefined;
  timer: ReturnType<typeof setTimeout> | undefined;
  idle: ReturnType<typeof setTimeout> | undefined;
  /** Why the thread was ended by the pool (time limit), for the message. */
  ended: string | undefined;
}

export type PoolAnswer = { ok: true; buffer: ArrayBuffer; pages: number } | { ok: false; message: string };

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
    if (this.closed) return Promise.reject(new Error('PDF pool closed'));
    return new Promise<RenderedPdf>((resolve, reject) => {
      this.queue.push({ definition: toPlainDefinition(definition), resolve, reject });
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
      if (answer.ok) task.resolve({ buffer: Buffer.from(answer.buffer), pages: answer.pages });
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
    try {
      slot.worker.postMessage(task.definition);
    } catch (error) {
      // A definition with something that cannot be copied (a function): a programming error.
      this.settle(slot);
      task.reject(error);
    }
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
  setPdfRenderer((definition) => current.render(definition));
  return current;
}

export function closePdfPool(): Promise<void> {
  setPdfRenderer(undefined);
  const current = pool;
  pool = undefined;
  return current?.close() ?? Promise.resolve();
}
