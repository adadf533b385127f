import { parentPort } from 'node:worker_threads';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import { fromPlainDefinition } from './plain';
import { renderInThisThread } from './render';
import type { PoolAnswer } from './pool';
import { logError } from '../../log';

// A PDF pool thread (bundled as dist/main/pdf-worker.js): one definition in, the PDF's bytes out, with the
// same render code and fonts as a render in the core's own thread.

const port = parentPort;
if (!port) throw new Error('pool-worker.ts runs only as a worker thread');

port.on('message', (definition: TDocumentDefinitions) => {
  renderInThisThread(fromPlainDefinition(definition)).then(
    ({ buffer, pages }) => {
      const bytes = buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer;
      port.postMessage({ ok: true, buffer: bytes, pages } satisfies PoolAnswer, [bytes]);
    },
    (error: unknown) => {
      logError('pdf-worker', 'rendering failed', error);
      port.postMessage({
        ok: false,
        message: error instanceof Error ? error.message : String(error),
      } satisfies PoolAnswer);
    },
  );
});
