import { appendFile, copyFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PdfPrinter, PrintSpec } from '../documents/print';

// The browser harness's printer (serve.js --print-to <folder>), standing in for Electron's print window
// so the print path runs end to end in tests: each job is recorded as one JSON line in
// <folder>/print-jobs.jsonl (document, page size, orientation, page count, the file it printed) and the
// PDF it would print is kept as <folder>/job-N.pdf. No dialog: every job "prints".

export interface RecordedPrintJob extends PrintSpec {
  job: number;
  file: string;
  bytes: number;
  at: string;
}

export const PRINT_JOBS_FILE = 'print-jobs.jsonl';

export function standInPrinter(folder: string): PdfPrinter {
  let jobs = 0;
  return {
    dir: join(folder, 'spool'),
    print: async (path, spec) => {
      await mkdir(folder, { recursive: true });
      const job = ++jobs;
      const file = join(folder, `job-${job}.pdf`);
      await copyFile(path, file);
      const bytes = (await readFile(file)).length;
      const record: RecordedPrintJob = { job, ...spec, file, bytes, at: new Date().toISOString() };
      await appendFile(join(folder, PRINT_JOBS_FILE), `${JSON.stringify(record)}\n`);
      return '';
    },
  };
}
