import type { ApiErrorBody } from '../../../shared/api/errors';
import type { ResultFormat } from '../../../shared/api/payroll-results';
import type { SpreadsheetLimits } from './limits';

// Messages between main (run.ts) and the parse worker (worker.ts). Plain data only (structured clone).

export type WorkerRequest = {
  bytes: Uint8Array;
  fileName: string;
  /** Tests tighten limits to reach them with small files; the app always uses SPREADSHEET_LIMITS. */
  limits?: Partial<SpreadsheetLimits>;
} & ({ kind: 'register' } | { kind: 'result'; format: ResultFormat });

export type WorkerReply =
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; value: unknown }
  | { type: 'refused'; error: ApiErrorBody }
  | { type: 'crashed'; detail: string };
