import type { Channel, DbStatus } from '@shared/api/contract';
import type { ApiErrorBody, ApiResult } from '@shared/api/errors';
import type { JobStatusLight } from '@shared/api/import';
import type { AppCoreOptions } from './core';
import type { PickRequest } from './services/files/pick';
import type { PrintSpec } from './documents/print';

// The one message protocol between the shell (Electron's main process or the HTTP harness: core-host.ts)
// and the core running in a worker thread (core-worker.ts). A call carries the contract's channel name and
// the caller's raw input; the worker hands it to the same dispatcher the in-process core uses
// (createAppCore → dispatch), so there is no second handler table. What the core needs from the shell
// (a native file dialog, opening a PDF in the system viewer) goes the other way as a shell request.

/** What the host passes to a new worker (workerData). */
export interface CoreWorkerData {
  options: Omit<AppCoreOptions, 'clock'>;
  /** Which shell services the host offers (the worker installs a picker / PDF opener that asks the host). */
  shell: { pathPicker: boolean; pdfDir: string | undefined; printDir?: string };
  /** Electron's resources folder (fonts, templates), which a worker thread's `process` does not carry. */
  resourcesPath: string | undefined;
  /** The PDF pool's worker file, or undefined to render PDFs in the core's own thread. */
  pdfWorkerFile: string | undefined;
  /** Report every job's progress to the host (harness test hook), not only its start and end. */
  jobProgressEvents: boolean;
  /** How many times the core has been restarted before this one (0 for the first). */
  generation: number;
}

/** Shell services the worker may ask for. */
export type ShellRequest =
  | { kind: 'pickPath'; request: PickRequest }
  | { kind: 'openPdf'; path: string }
  | { kind: 'printPdf'; path: string; spec: PrintSpec };
export type ShellAnswer<R extends ShellRequest> = R extends { kind: 'pickPath' } ? string | null : string;

export type HostToWorker =
  | { type: 'call'; id: number; channel: Channel | string; input: unknown; client: string }
  | { type: 'shellAnswer'; id: number; ok: true; value: unknown }
  | { type: 'shellAnswer'; id: number; ok: false; message: string }
  /** The harness rotated a client's cookie at sign-in: its session moves with it (AppCore.moveClient). */
  | { type: 'moveClient'; from: string; to: string }
  | { type: 'close' };

export type WorkerToHost =
  | { type: 'ready'; dbStatus: DbStatus }
  | { type: 'result'; id: number; result: ApiResult<unknown> }
  | { type: 'shell'; id: number; request: ShellRequest }
  /** A job started, ended (or, with jobProgressEvents, moved): the host reports jobs lost in a crash as failed. */
  | { type: 'job'; status: JobStatusLight; owner: string | undefined }
  | { type: 'closed' };

// ---- what the user reads when the core dies --------------------------------------------------------

/** A call that was in flight when the core died. */
export const CORE_CRASHED_MESSAGE =
  'Phần xử lý của ứng dụng vừa gặp sự cố và đang được khởi động lại. Thao tác này chưa hoàn thành; dữ liệu đã lưu trước đó không bị mất. Hãy thử lại sau giây lát.';

/** The sign-in notice after a restart: sessions lived in the core's memory. */
export { CORE_RECONNECTED_MESSAGE } from '@shared/api/errors';

/** A job that was running when the core died. */
export const JOB_LOST_ERROR: ApiErrorBody = {
  code: 'INTERNAL',
  message:
    'Công việc không hoàn thành vì phần xử lý của ứng dụng gặp sự cố và đã được khởi động lại. Công việc chỉ ghi vào sổ ở bước cuối, trong một giao dịch, nên không có gì của nó được ghi dở. Hãy chạy lại.',
};

/** After several quick deaths in a row the host stops restarting. */
export const CORE_GAVE_UP_MESSAGE = (deaths: number, seconds: number) =>
  `Phần xử lý của ứng dụng gặp sự cố ${deaths} lần liên tiếp trong ${seconds} giây nên đã dừng khởi động lại. Dữ liệu đã lưu không bị mất. Hãy đóng và mở lại ứng dụng; nếu vẫn lỗi, hãy báo cán bộ kỹ thuật.`;

export const CORE_STARTING_MESSAGE = 'Phần xử lý của ứng dụng đang khởi động lại. Hãy thử lại sau giây lát.';
