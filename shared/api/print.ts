import { z } from 'zod';
import './zod-vi';
import { PAYROLL_STAFF, query } from './channel';
import { idField } from './fields';
import { FORM_PRINTERS } from './forms';
import { filesScopeSchema } from './payroll-files';

// Printing directly from the desktop app (issue 15): the system print dialog, A4, the document's own
// orientation; the PDF download stays for saving. Each channel renders its document as its PDF channel
// does, then hands it to main's printer (main/documents/print.ts). Audited with counts, never content.

export type PrintOrientation = 'portrait' | 'landscape';

export interface PrintResult {
  /** Sent to the printer (false: cancelled in the dialog, or no printer here: see message). */
  printed: boolean;
  message: string;
  document: string;
  pages: number;
  pageSize: 'A4';
  orientation: PrintOrientation;
}

export const printChannels = {
  /** One authorization's form (portrait). */
  'print.authorizationForm': query<Promise<PrintResult>>()(
    z.object({ authorizationId: idField }).strict(),
    FORM_PRINTERS,
  ),
  /** One PDF of an approved payroll's files (cash or post-office list: landscape; summary: portrait), by its plan key. */
  /** The quick guide for the office wall (portrait). */
  'print.quickGuide': query<Promise<PrintResult>>()(z.object({}).strict(), 'signed-in'),
  'print.payrollFile': query<Promise<PrintResult>>()(
    filesScopeSchema.extend({ fileKey: z.string().min(1).max(200) }).strict(),
    PAYROLL_STAFF,
  ),
} as const;
