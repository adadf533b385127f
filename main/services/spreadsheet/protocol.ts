import type { ApiErrorBody } from '@shared/api/errors';
import type { ResultFormat } from '@shared/api/payroll-results';
import type { SpreadsheetLimits } from './limits';

// Messages between main (run.ts) and the parse worker (worker.ts). Plain data only (structured clone).

export type WorkerRequest = {
  bytes: Uint8Array;
  fileName: string;
  /** Tests tighten limits to reach them with small files; the app always uses SPREADSHEET_LIMITS. */
  limits?: Partial<SpreadsheetLimits>;
} & ({ kind: 'register' } | { kind: 'result'; format: ResultFormat });

/**
 * Rows come back in slices (`rows`), each sent after main has taken the previous one (`more`): copying
 * a message into main's heap blocks main while it runs (≈ 2.5 s for 1.5 million cells in one message
 * here), so slices of a few thousand rows keep each pause short and let other calls in between.
 * `target` is the sheet's index (register) or -1 (the result file's rows).
 */
export type WorkerReply =
  | { type: 'progress'; done: number; total: number }
  | { type: 'rows'; target: number; rows: unknown[] }
  | { type: 'done'; value: unknown }
  | { type: 'refused'; error: ApiErrorBody }
  | { type: 'crashed'; detail: string };

/** Main → worker after each slice of rows. */
export type MainReply = { type: 'more' };

export const ROWS_PER_MESSAGE = 2_000;
