import { z } from 'zod';
import './zod-vi';
import { command, job, PAYROLL_STAFF, query } from './channel';
import { dateField, idField, requiredText, text } from './fields';
import type { PayoutMethodCode } from './register';
import type { ReviewState } from './payroll';
import { previewImportSchema, type ImportPreview, type ImportResult, type ReconciliationFile } from './payroll-results';
import { ROUND_READERS } from './rounds';

// Payment results of an approved one-off round (issue 16, "results and reconciliation as for the
// payroll"), migration 020:
//   roundResults.lines           the round's lines with their payment status (masked accounts)
//   roundResults.record          the officer's or accountant's marks: cash "đã nhận" / "không đến nhận"
//                                (one by one or a neighbourhood at once), account paid / failed with a reason
//   roundResults.previewImport   a job: the bank's result file (the payroll's reader and matching) → what
//                                would be marked on the round's account lines; writes nothing
//   roundResults.commitImport    a job writing the previewed marks in one audited transaction
//   roundResults.reconciliation  paid + failed + not collected + pending = the round's total, to the đồng
//   roundResults.exportReconciliation  the same printed (PDF, Decree 30) or as xlsx, with the lines not
//                                paid (a job like the payroll's; audited with counts)
// Officer and accountant record, the approver reads (as payroll results).

export const ROUND_LINE_STATUSES = ['pending', 'paid', 'failed', 'not_collected'] as const;
export type RoundLineStatus = (typeof ROUND_LINE_STATUSES)[number];

export { ROUND_LINE_STATUS_LABELS } from '../domain/labels';

/** Where an attempt came from. */
export const ROUND_RESULT_SOURCE_LABELS: Record<'manual' | 'cash-list' | 'file', string> = {
  manual: 'ghi tay',
  'cash-list': 'danh sách ký nhận',
  file: 'tệp kết quả ngân hàng',
};

const selectionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }).strict(),
  z.object({ kind: z.literal('neighbourhood'), neighbourhood: z.string().max(200) }).strict(),
  z
    .object({
      kind: z.literal('lines'),
      lineIds: z.array(idField).min(1, { error: 'Chưa chọn dòng nào.' }).max(200_000),
    })
    .strict(),
]);
export type RoundLineSelection = z.output<typeof selectionSchema>;

export const roundResultLinesSchema = z
  .object({
    roundId: idField,
    status: z.enum(ROUND_LINE_STATUSES).optional(),
    /** 'cash': at the ward or the post office (signature list); 'bank': into an account. */
    channel: z.enum(['cash', 'bank']).optional(),
    neighbourhood: z.string().max(200).optional(),
    text: z.string().max(100).optional(),
    limit: z.number().int().min(1).max(1000).default(200),
    offset: z.number().int().min(0).default(0),
  })
  .strict();

export const recordRoundResultSchema = z
  .object({
    roundId: idField,
    /** Cash lines: paid ("đã nhận") or not collected ("không đến nhận"); account lines: paid or failed. */
    outcome: z.enum(['paid', 'failed', 'not_collected'], { error: 'Chọn kết quả.' }),
    /** Which lines: chosen ones, or (cash marks only) every open cash line of a neighbourhood or of the round. */
    selection: selectionSchema,
    /** The day it happened (dd/mm/yyyy); left out: today. */
    onDate: dateField('Ngày chi trả').optional(),
    /** Required for a failed transfer (the bank's reason). */
    reason: text('Lý do', 300).default(''),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.outcome === 'failed' && !v.reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'Lý do: ghi lý do ngân hàng báo không thành công.' });
    if (v.outcome === 'failed' && v.selection.kind !== 'lines')
      ctx.addIssue({
        code: 'custom',
        path: ['selection'],
        message: 'Chuyển khoản không thành công: chọn từng dòng (không ghi cả khu phố).',
      });
  });

export const roundPreviewImportSchema = previewImportSchema.omit({ payrollId: true }).extend({ roundId: idField });

const byRound = z.object({ roundId: idField }).strict();

export const exportRoundReconciliationSchema = z
  .object({
    roundId: idField,
    format: z.enum(['xlsx', 'pdf']),
    /** The folder to write to (a USB stick). Absent: the file is returned for download. */
    folder: requiredText('Thư mục lưu', 1000, { allowFormulaStart: true }).optional(),
  })
  .strict();

// ---- outputs --------------------------------------------------------------------------------------

export interface RoundResultLineView {
  id: number;
  lineNo: number;
  personId: number;
  fullName: string;
  neighbourhood: string;
  method: PayoutMethodCode;
  /** Masked (first 3, last 4). */
  account: string;
  amountVnd: number;
  status: RoundLineStatus;
  /** The latest attempt's day, reason (failed, not collected) and source; null/'' while pending. */
  onDate: string | null;
  reason: string;
  source: keyof typeof ROUND_RESULT_SOURCE_LABELS | '';
  /** How many answers were recorded (the history's length). */
  attempts: number;
}

export interface RoundResultLinesPage {
  rows: RoundResultLineView[];
  total: number;
  totalVnd: number;
}

export interface RoundRecordResult {
  changed: number;
  amountVnd: number;
  skipped: Array<{ lineId: number; fullName: string; reason: string }>;
}

export interface RoundResultBucket {
  lines: number;
  amountVnd: number;
}

export interface RoundReconciliationRow {
  key: string;
  label: string;
  lines: number;
  amountVnd: number;
  paid: RoundResultBucket;
  failed: RoundResultBucket;
  notCollected: RoundResultBucket;
  pending: RoundResultBucket;
  /** amountVnd − paid: what is still not in people's hands. */
  balanceVnd: number;
}

export interface RoundReconciliation {
  round: { id: number; name: string; review: ReviewState; lineCount: number; totalVnd: number };
  total: RoundReconciliationRow;
  byMethod: RoundReconciliationRow[];
  byNeighbourhood: RoundReconciliationRow[];
  /** The total equals the approved round's count and total to the đồng, and every breakdown sums to it. */
  reconciles: boolean;
}

export const roundResultChannels = {
  'roundResults.lines': query<RoundResultLinesPage>()(roundResultLinesSchema, ROUND_READERS),
  'roundResults.reconciliation': query<RoundReconciliation>()(byRound, ROUND_READERS),
  /** Starts a job (jobs.get → ReconciliationFile, as the payroll's); audited with counts at the end. */
  'roundResults.exportReconciliation': job<ReconciliationFile>()(exportRoundReconciliationSchema, ROUND_READERS),
  /** Marks chosen lines (or a neighbourhood's open cash lines): one transaction, one audit entry with the counts. */
  'roundResults.record': command<RoundRecordResult>()(recordRoundResultSchema, PAYROLL_STAFF),
  /** Reads and matches the bank's result file against the round's account lines (a job; writes nothing). */
  'roundResults.previewImport': job<ImportPreview>()(roundPreviewImportSchema, PAYROLL_STAFF),
  /** Writes the previewed file's marks (a job; one audited transaction). */
  'roundResults.commitImport': job<ImportResult>()(
    z.object({ token: z.string().min(8).max(64) }).strict(),
    PAYROLL_STAFF,
  ),
} as const;
