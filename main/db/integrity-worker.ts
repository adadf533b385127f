import { parentPort, workerData } from 'node:worker_threads';
import { quickCheckFile } from './integrity';

// Entry of the worker thread that runs the register's quick_check after the first screen (bundled as
// dist/main/integrity-worker.js; main/db/integrity.ts starts it).

parentPort!.postMessage(quickCheckFile((workerData as { path: string }).path));
