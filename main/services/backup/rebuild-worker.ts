import { parentPort, workerData } from 'node:worker_threads';
import { RebuildProblem, rebuildInto } from './rebuild';

// Entry point of the worker thread that rebuilds a backup (bundled as dist/main/restore-worker.js): at
// 100,000 people the copy and the search indexes take seconds, which must not freeze the window.

const { source, target, version, appVersion } = workerData as {
  source: string;
  target: string;
  version: number;
  appVersion: string;
};
try {
  rebuildInto(source, target, version, appVersion);
  parentPort!.postMessage({ ok: true });
} catch (error) {
  if (error instanceof RebuildProblem) parentPort!.postMessage({ problem: { kind: error.kind, detail: error.detail } });
  else parentPort!.postMessage({ error: error instanceof Error ? error.message : String(error) });
}
