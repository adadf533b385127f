import { z } from 'zod';
import './zod-vi';
import { job, PAYROLL_STAFF, query, type Access } from './channel';
import { idField, monthField, requiredText } from './fields';
import type { PrintedPdf } from './forms';
import type { ExportFilesResult } from './payroll-files';

// Printed and exported views of the money ledger (issue 11, shared/api/ledger.ts): a person's money
// history as a PDF for their file, and the ward-wide truy lĩnh / truy thu list of a payroll month as PDF
// or xlsx (a job, downloaded or written to a folder through the safe writer, like the payer's files).
// Each print or export is audited with its counts and totals, never the data.

/** Who may print a person's money history: everyone who reads the person page's money (not the admin). */
export const LEDGER_READERS: Access = ['officer', 'accountant', 'approver'];

export const personHistoryPdfSchema = z.object({ personId: idField }).strict();

export const arrearsListExportSchema = z
  .object({
    month: monthField('Tháng'),
    format: z.enum(['pdf', 'xlsx'], { error: 'Chọn định dạng: PDF hoặc Excel.' }),
    /** A folder (a USB stick) to write into; left out, the file is downloaded. */
    folder: requiredText('Thư mục lưu', 1000).optional(),
  })
  .strict();
export type ArrearsListExportInput = z.input<typeof arrearsListExportSchema>;

export const ledgerFileChannels = {
  /** The person's money history as a printable PDF (Decree 30 layout). */
  'ledgerFiles.personPdf': query<Promise<PrintedPdf>>()(personHistoryPdfSchema, LEDGER_READERS),
  /** Starts a job: jobs.get → ExportFilesResult (one file). */
  'ledgerFiles.arrearsList': job<ExportFilesResult>()(arrearsListExportSchema, PAYROLL_STAFF),
} as const;

export type { ExportFilesResult };
