import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import { fromPlainDefinition } from './plain';
import { pdfBuilderNamed, renderInThisThread, type RenderedPdf } from './render';
import type { PoolAnswer, PoolMessage } from './pool';
import { logError } from '../../log';

// A PDF pool thread's loop (main/pdf-worker.ts is the bundle's entry, dist/main/pdf-worker.js): a definition
// in, or rows and the name of the builder that makes the definition from them (render.ts, renderBuilt);
// the PDF's bytes out, with the same render code and fonts as a render in the core's own thread.

const port = parentPort;
if (!port) throw new Error('pool-worker.ts runs only as a worker thread');

// Layout is pure CPU and holds no lock, so this thread gives way to the core's (a search typed while a long
// list lays out on a 2-core PC): on Linux a thread's nice value is its own, and setPriority(0) sets only
// this thread's. Not on Windows, where it would set the whole app's priority class (no per-thread
// priority is reachable from Node there). Measured in README "Responsiveness".
const PDF_THREAD_NICE = 10;
if (process.platform === 'linux') {
  try {
    setPriority(0, PDF_THREAD_NICE);
  } catch {
    // Not allowed here (a container's policy): the thread keeps the normal priority.
  }
}

let rows: unknown[] = [];

function answer(work: () => Promise<RenderedPdf & { meta?: unknown }>): void {
  work().then(
    ({ buffer, pages, meta }) => {
      const bytes = buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer;
      port!.postMessage({ ok: true, buffer: bytes, pages, meta } satisfies PoolAnswer, [bytes]);
    },
    (error: unknown) => {
      logError('pdf-worker', 'rendering failed', error);
      port!.postMessage({
        ok: false,
        message: error instanceof Error ? error.message : String(error),
      } satisfies PoolAnswer);
    },
  );
}

port.on('message', (message: PoolMessage) => {
  switch (message.type) {
    case 'rows':
      for (const row of message.rows) rows.push(row);
      break;
    case 'render':
      rows = [];
      answer(() => renderInThisThread(fromPlainDefinition(message.definition as TDocumentDefinitions)));
      break;
    case 'build': {
      const received = rows;
      rows = [];
      answer(async () => {
        const { definition, meta } = pdfBuilderNamed(message.builder).build(message.input, received);
        return { ...(await renderInThisThread(definition)), meta };
      });
      break;
    }
  }
});
