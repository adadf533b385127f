import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

// The app's error log: small rotating text files under the data folder (<data>/nhat-ky/so-an-sinh.log for
// the core's thread, so-an-sinh-cua-so.log for the main process), so a packaged app keeps what went wrong
// for a support request (Cài đặt → Nhật ký lỗi shows both). Every line also goes to the console.
//
// What it never holds: call inputs (callers pass a context and an error, nothing else), and digit runs of
// 9 or more (citizen IDs, account numbers, phone numbers) — masked in every line before it is written.
// A person's name inside an error message can still appear: callers log errors, not records.
//
// Writes are synchronous: errors are rare, lines stay in order, and a line is on disk before a crash.

export const LOG_FILE_NAME = 'so-an-sinh.log';
/** The main process's own file: two threads rotating one file could race, so each writes its own. */
export const HOST_LOG_FILE_NAME = 'so-an-sinh-cua-so.log';
export const LOG_FOLDER_NAME = 'nhat-ky';

export interface LogOptions {
  /** Rotate when the current file would pass this many bytes (default 1 MB). */
  maxBytes?: number;
  /** Files kept, the current one included (default 3: so-an-sinh.log, so-an-sinh.1.log, so-an-sinh.2.log). */
  keep?: number;
  /** Also write to the console (default true; tests turn it off). */
  console?: boolean;
  /** The file this thread writes (default LOG_FILE_NAME: the core's). */
  file?: string;
}

let folder: string | undefined;
const DEFAULTS: Required<LogOptions> = { maxBytes: 1024 * 1024, keep: 3, console: true, file: LOG_FILE_NAME };
let options = DEFAULTS;

/** Starts writing the log under `dataFolder`/nhat-ky (the folder of the register file). */
export function configureLog(dataFolder: string, opts: LogOptions = {}): string {
  folder = join(dataFolder, LOG_FOLDER_NAME);
  options = { ...DEFAULTS, ...opts };
  return folder;
}

/** The `i`-th older file of `base` (0: the current one). */
const rotated = (base: string, i: number) => (i === 0 ? base : base.replace(/\.log$/, `.${i}.log`));

/** One thread's log files (the core's by default), newest first (those that exist). */
export function logFiles(base = options.file): string[] {
  if (!folder) return [];
  const names = Array.from({ length: options.keep }, (_, i) => rotated(base, i));
  return names.map((name) => join(folder!, name)).filter((path) => existsSync(path));
}

/** Citizen IDs, account and phone numbers: any run of 9 or more digits becomes `#########`. */
export function maskDigits(text: string): string {
  return text.replace(/\d{9,}/g, (run) => '#'.repeat(run.length));
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const head = `${error.name}${typeof code === 'string' ? ` (${code})` : ''}: ${error.message}`;
    const stack = error.stack?.split('\n').slice(1).join('\n') ?? '';
    return stack ? `${head}\n${stack}` : head;
  }
  if (error === undefined) return '';
  return typeof error === 'string' ? error : safeJson(error);
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function rotate(dir: string): void {
  const path = (i: number) => join(dir, rotated(options.file, i));
  rmSync(path(options.keep - 1), { force: true });
  for (let i = options.keep - 2; i >= 0; i--) if (existsSync(path(i))) renameSync(path(i), path(i + 1));
}

function write(level: 'ERROR' | 'WARN' | 'INFO', context: string, message: string, error?: unknown): void {
  const detail = describe(error);
  const line =
    maskDigits(`${new Date().toISOString()} ${level} [${context}] ${message}${detail ? ` — ${detail}` : ''}`) + '\n';
  if (options.console) (level === 'INFO' ? console.log : console.error)(line.trimEnd());
  if (!folder) return;
  try {
    mkdirSync(folder, { recursive: true });
    const current = join(folder, options.file);
    const size = existsSync(current) ? statSync(current).size : 0;
    if (size > 0 && size + Buffer.byteLength(line) > options.maxBytes) rotate(folder);
    appendFileSync(current, line, 'utf8');
  } catch (problem) {
    // A full or read-only disk must not turn one error into two: say it on the console only.
    if (options.console) console.error('[log] could not write the log file', problem);
  }
}

/** An unexpected failure: where (`context`, e.g. 'dispatch'), what, and the error with its stack. */
export function logError(context: string, message: string, error?: unknown): void {
  write('ERROR', context, message, error);
}

export function logWarning(context: string, message: string, error?: unknown): void {
  write('WARN', context, message, error);
}

export function logInfo(context: string, message: string): void {
  write('INFO', context, message);
}

/** Both threads' log files' text, oldest first, with a heading per file: what Cài đặt saves for a support request. */
export function logsForSupport(heading: string): { text: string; files: number } {
  const files = [...logFiles(HOST_LOG_FILE_NAME).reverse(), ...logFiles(LOG_FILE_NAME).reverse()];
  const parts = files.map((path) => `===== ${path.slice(folder!.length + 1)} =====\n${readFileSync(path, 'utf8')}`);
  return { text: `${heading}\n\n${parts.join('\n') || '(Chưa có lỗi nào được ghi.)\n'}`, files: files.length };
}
