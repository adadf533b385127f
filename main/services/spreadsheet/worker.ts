import { parentPort } from 'node:worker_threads';
import { ApiError } from '@shared/api/errors';
import { parseRegisterWorkbook } from '../import/workbook';
import { parseResultFile } from '../payroll-results/result-file';
import { SPREADSHEET_LIMITS } from './limits';
import { ROWS_PER_MESSAGE, type WorkerReply, type WorkerRequest } from './protocol';

// The parse worker's entry (bundled on its own as dist/main/parse-worker.js by scripts/build-main.mjs).
// It reads one uploaded file and posts back plain rows, or the Vietnamese message of why it cannot.
// It runs with V8 resourceLimits and a time limit set by main (run.ts): if a file gets past every check
// and still needs too much memory or time, this thread dies, not the app.

const port = parentPort;
if (!port) throw new Error('parse-worker must run as a worker thread');

const post = (reply: WorkerReply) => port.postMessage(reply);

/** Sends rows in slices, each after main asked for more (see protocol.ts). */
async function sendRows(target: number, rows: unknown[]): Promise<void> {
  for (let at = 0; at < rows.length; at += ROWS_PER_MESSAGE) {
    const more = new Promise<void>((resolve) => port!.once('message', () => resolve()));
    post({ type: 'rows', target, rows: rows.slice(at, at + ROWS_PER_MESSAGE) });
    await more;
  }
}

port.once('message', (request: WorkerRequest) => {
  void (async () => {
    try {
      const bytes = Buffer.from(request.bytes.buffer, request.bytes.byteOffset, request.bytes.byteLength);
      const limits = { ...SPREADSHEET_LIMITS, ...request.limits };
      let lastPost = 0;
      const onProgress = (done: number, total: number) => {
        const now = Date.now();
        if (now - lastPost < 100) return;
        lastPost = now;
        post({ type: 'progress', done: Math.min(done, total), total });
      };
      if (request.kind === 'register') {
        const sheets = await parseRegisterWorkbook(bytes, request.fileName, limits);
        for (const [i, sheet] of sheets.entries()) await sendRows(i, sheet.rows);
        post({ type: 'done', value: sheets.map((sheet) => ({ ...sheet, rows: [] })) });
      } else {
        const parsed = await parseResultFile(bytes, request.fileName, request.format, onProgress, limits);
        await sendRows(-1, parsed.rows);
        post({ type: 'done', value: { ...parsed, rows: [] } });
      }
    } catch (e) {
      if (e instanceof ApiError) post({ type: 'refused', error: e.toBody() });
      else post({ type: 'crashed', detail: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    }
  })();
});
