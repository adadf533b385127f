import { z } from 'zod';
import './zod-vi';
import { job, query, type Access } from './channel';
import { idField, monthField } from './fields';
import { PAYOUT_METHODS } from './register';

// Printed forms of the payout work (issue 5): the authorization form (giấy ủy quyền), one or all pending
// ones in one PDF, and the change-of-method request (đơn đề nghị thay đổi hình thức nhận trợ cấp).
// Each print is audited with its counts (which record, how many pages), never the data printed.

/** The officer prints; the approver, who certifies authorizations, may print too. */
export const FORM_PRINTERS: Access = ['officer', 'approver'];

/** A printed PDF. In the desktop app main opens it in the system's PDF viewer (`opened`, no content
 * sent back); in the browser harness the renderer downloads `contentBase64`. */
export interface PrintedPdf {
  fileName: string;
  pages: number;
  /** How many forms the PDF holds. */
  count: number;
  opened: boolean;
  /** The PDF as base64; '' when main opened it. */
  contentBase64: string;
}

export interface PendingForms {
  /** Authorizations not yet certified (nor revoked, expired, or of a giver who has died). */
  count: number;
}

export const authorizationFormSchema = z.object({ authorizationId: idField }).strict();

export const changeRequestSchema = z
  .object({
    personId: idField,
    /** The method asked for; left out, the form shows every method to tick by hand. */
    method: z.enum(PAYOUT_METHODS).optional(),
    /** The account to be paid into, when already recorded. */
    bankAccountId: idField.optional(),
    fromMonth: monthField('Từ tháng').optional(),
  })
  .strict();

// The two single prints are async queries (render, then one audited write like a job's, then open):
// a form takes ~50 ms, no job needed. The batch can be hundreds of pages: a job.
export const formChannels = {
  /** One authorization's form. */
  'forms.authorization': query<Promise<PrintedPdf>>()(authorizationFormSchema, FORM_PRINTERS),
  /** How many authorizations wait for certification (the batch button's count). */
  'forms.pendingCount': query<PendingForms>()(z.object({}).strict(), FORM_PRINTERS),
  /** Every pending authorization's form in one PDF, as a job (jobs.get → PrintedPdf). */
  'forms.pendingAuthorizations': job<PrintedPdf>()(z.object({}).strict(), FORM_PRINTERS),
  /** The change-of-method request for one beneficiary, filled from the register. */
  'forms.changeRequest': query<Promise<PrintedPdf>>()(changeRequestSchema, FORM_PRINTERS),
} as const;
