import { z } from 'zod';
import { ADMIN, job, status } from './channel';

// The error log (main/log.ts) from the renderer's side:
//   diagnostics.reportError  a screen that failed to render says so; main writes it to the log file
//   diagnostics.saveLogs     a job: the log files as one text file for a support request (Cài đặt, admin)

/** The text of an error, cut to a size the log can take (main masks digit runs before writing). */
const errorText = (max: number) =>
  z
    .string()
    .max(100_000)
    .transform((s) => s.slice(0, max));

export const reportErrorSchema = z
  .object({
    /** Where it happened: the route (e.g. '#/chi-tra/12'), without any query. */
    where: errorText(200),
    message: errorText(2_000),
    stack: errorText(8_000).optional(),
    componentStack: errorText(8_000).optional(),
  })
  .strict();

export const saveLogsSchema = z
  .object({
    /** A folder to write into (the desktop app's folder dialog); none: the file comes back to download. */
    folder: z.string().trim().min(1).max(1000).optional(),
  })
  .strict();

export interface SavedLogs {
  fileName: string;
  /** Base64 of the text when no folder was given (the browser downloads it); '' when written to a folder. */
  contentBase64: string;
  /** Where it was written, or null. */
  path: string | null;
  /** How many log files went in (0: nothing was logged yet). */
  files: number;
  bytes: number;
}

export const diagnosticsChannels = {
  /** Any window, signed in or not (a screen may fail before sign-in); writes only to the log file. */
  'diagnostics.reportError': status<{ logged: true }>()(reportErrorSchema, 'public'),
  /** Starts a job; its result is SavedLogs. Audited with the counts, never the content. */
  'diagnostics.saveLogs': job<SavedLogs>()(saveLogsSchema, ADMIN),
} as const;
