import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { DbOpenError } from './errors';
import { assertIntact } from './open';

// The register's `quick_check` after the first screen (issue 18): on a file the open did not write to
// (main/db/open.ts, quickCheck 'when-migrating'), the check runs in a worker thread on a read-only
// connection of its own (WAL: it reads a snapshot while the core answers calls), so it costs the first
// screen nothing. The core holds every call but status calls until it has passed (main/core.ts), and a
// failure takes the app to the recovery screen like a file found corrupt at open.

/** The bundled worker (dist/main/integrity-worker.js); absent when running from sources (tests): then inline. */
const WORKER_FILE = join(__dirname, 'integrity-worker.js');

/** 'corrupt': quick_check found damage; 'unknown': the check itself could not run (e.g. no read-only open). */
export type IntegrityVerdict = 'ok' | 'corrupt' | 'unknown';

/** quick_check of an open connection. */
export function quickCheckOf(sqlite: Database.Database, path: string): IntegrityVerdict {
  try {
    assertIntact(sqlite, path);
    return 'ok';
  } catch (error) {
    return isCorruption(error) ? 'corrupt' : 'unknown';
  }
}

/** quick_check on a read-only connection of its own (the worker's body). */
export function quickCheckFile(path: string): IntegrityVerdict {
  let sqlite: Database.Database | undefined;
  try {
    sqlite = new Database(path, { readonly: true, fileMustExist: true, timeout: 5000 });
    return quickCheckOf(sqlite, path);
  } catch (error) {
    return isCorruption(error) ? 'corrupt' : 'unknown';
  } finally {
    sqlite?.close();
  }
}

function isCorruption(error: unknown): boolean {
  if (error instanceof DbOpenError) return error.problem === 'CORRUPT';
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB');
}

/**
 * quick_check in a worker thread where the bundle has one; else, or when the worker could not do it,
 * `inline` (the core's own connection) after the current turn of the event loop.
 */
export function checkIntegrityInBackground(
  path: string,
  inline: () => IntegrityVerdict,
  workerFile = WORKER_FILE,
): Promise<IntegrityVerdict> {
  const later = () => new Promise<IntegrityVerdict>((resolve) => setImmediate(() => resolve(inline())));
  if (!existsSync(workerFile)) return later();
  return new Promise<IntegrityVerdict>((resolve) => {
    let settled = false;
    const settle = (verdict: IntegrityVerdict) => {
      if (settled) return;
      settled = true;
      if (verdict === 'unknown') void later().then(resolve);
      else resolve(verdict);
    };
    let worker: Worker;
    try {
      worker = new Worker(workerFile, { workerData: { path } });
    } catch {
      settle('unknown');
      return;
    }
    worker.unref();
    worker.once('message', (verdict: IntegrityVerdict) => settle(verdict));
    worker.once('error', () => settle('unknown'));
    worker.once('exit', () => settle('unknown'));
  });
}
