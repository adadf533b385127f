import { z } from 'zod';
import { ADMIN, command, job, PAYROLL_STAFF, query } from './channel';
import { idField, requiredText, text } from './fields';
import { PAYOUT_METHODS, type PayoutMethodCode } from './register';
import type { Role } from './auth';

// Payment results of an approved payroll (issue 6, "Results and reconciliation"):
//   payrollResults.lines            the payroll's lines with their payment status (masked accounts)
//   payrollResults.previewImport    a job: the bank's result file → what would be marked; writes nothing
//   payrollResults.commitImport     starts a job that marks the previewed lines in one audited transaction
//   payrollResults.markCash         cash lines paid / not collected, in bulk or one by one
//   payrollResults.decideCarry      failed / not-collected lines → carried over, or paid as cash next month
//   payrollResults.reconciliation   the figures the payer returns before the 20th
//   payrollResults.exportReconciliation  the same as xlsx or PDF (a job; audited with counts)
//   payrollResults.getFormat / saveFormat  where the bank's result file keeps each field

/** Payment status of a payroll line (001 schema). */
export const LINE_STATUSES = [
  'pending',
  'sent',
  'paid',
  'failed',
  'not_collected',
  'carried_over',
  'converted_to_cash',
] as const;
export type LineStatus = (typeof LINE_STATUSES)[number];

export { LINE_STATUS_LABELS } from '../domain/labels';

/** Methods whose money goes out as cash against a signature (the signed list comes back). */
export const CASH_METHODS: readonly PayoutMethodCode[] = ['CASH_WARD', 'POST_OFFICE'];

const MAX_FILE_BYTES = 30 * 1024 * 1024;
const MAX_BASE64_CHARS = Math.ceil(MAX_FILE_BYTES / 3) * 4 + 4;

/** A field's place in the result file: its header text, or a column letter ("C"). */
const columnSpec = (label: string) => text(label, 100);

export const resultFormatSchema = z.object({
  account: columnSpec('Cột số tài khoản').pipe(z.string().min(1, { error: 'Cột số tài khoản: không được để trống.' })),
  amount: columnSpec('Cột số tiền').pipe(z.string().min(1, { error: 'Cột số tiền: không được để trống.' })),
  status: columnSpec('Cột trạng thái').pipe(z.string().min(1, { error: 'Cột trạng thái: không được để trống.' })),
  reason: columnSpec('Cột lý do'),
  reference: columnSpec('Cột mã giao dịch'),
  /** Extra words (besides the built-in Vietnamese and English ones) meaning success / failure. */
  paidWords: z.array(text('Từ chỉ thành công', 50)).max(30),
  failedWords: z.array(text('Từ chỉ thất bại', 50)).max(30),
});
export type ResultFormat = z.output<typeof resultFormatSchema>;

export const DEFAULT_RESULT_FORMAT: ResultFormat = {
  account: 'Số tài khoản',
  amount: 'Số tiền',
  status: 'Trạng thái',
  reason: 'Lý do',
  reference: 'Mã giao dịch',
  paidWords: [],
  failedWords: [],
};

const payrollIdInput = z.object({ payrollId: idField }).strict();

export const linesSchema = z.object({
  payrollId: idField,
  status: z.enum(LINE_STATUSES).optional(),
  /** 'cash': CASH_WARD + POST_OFFICE; 'bank': the account methods. */
  channel: z.enum(['cash', 'bank']).optional(),
  method: z.enum(PAYOUT_METHODS).optional(),
  neighbourhood: z.string().max(200).optional(),
  text: z.string().max(100).optional(),
  limit: z.number().int().min(1).max(1000).default(200),
  offset: z.number().int().min(0).default(0),
});

export const previewImportSchema = z.object({
  payrollId: idField,
  fileName: z.string().trim().min(1, { error: 'Chưa chọn tệp.' }).max(255, { error: 'Tên tệp quá dài.' }),
  contentBase64: z
    .string({ error: 'Chưa có nội dung tệp.' })
    .max(MAX_BASE64_CHARS, { error: 'Tệp quá lớn: chỉ nhận tệp đến 30 MB.' })
    .regex(/^[A-Za-z0-9+/=\r\n]*$/, { error: 'Nội dung tệp gửi lên không hợp lệ.' }),
  /** Overrides the saved format for this file only. */
  format: resultFormatSchema.optional(),
});

export const commitImportSchema = z.object({ token: z.string().min(8).max(64) }).strict();

const selectionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }),
  z.object({ kind: z.literal('neighbourhood'), neighbourhood: z.string().max(200) }),
  z.object({
    kind: z.literal('lines'),
    lineIds: z.array(idField).min(1, { error: 'Chưa chọn dòng nào.' }).max(200_000),
  }),
]);
export type LineSelection = z.output<typeof selectionSchema>;

export const markCashSchema = z.object({
  payrollId: idField,
  outcome: z.enum(['paid', 'not_collected']),
  selection: selectionSchema,
});

export const decideCarrySchema = z.object({
  payrollId: idField,
  decision: z.enum(['carried_over', 'converted_to_cash']),
  /** 'all' = every failed and not-collected line not yet decided. */
  selection: selectionSchema,
});

export const exportReconciliationSchema = z
  .object({
    payrollId: idField,
    format: z.enum(['xlsx', 'pdf']),
    /** The folder to write to (a USB stick). Absent: the file is returned for download. */
    folder: requiredText('Thư mục lưu', 1000, { allowFormulaStart: true }).optional(),
  })
  .strict();

// ---- outputs --------------------------------------------------------------------------------------

export interface ResultLineView {
  id: number;
  fullName: string;
  neighbourhood: string;
  method: PayoutMethodCode;
  /** Masked (first 3, last 4). */
  account: string;
  receiverName: string;
  kind: string;
  amountVnd: number;
  status: LineStatus;
  /** Reason of the latest failed attempt, if any. */
  reason: string;
  /** Whether a later payroll already took this line over (carried_from_line_id). */
  pickedUp: boolean;
}

export interface PayrollResultSummary {
  payroll: {
    id: number;
    month: string;
    programme: string;
    status: 'draft' | 'approved';
    lineCount: number;
    totalVnd: number;
  };
  counts: Record<LineStatus, { lines: number; amountVnd: number }>;
  neighbourhoods: string[];
}

export interface ResultLinesPage {
  rows: ResultLineView[];
  total: number;
  totalVnd: number;
}

export type ImportOutcome = 'paid' | 'failed' | 'already' | 'conflict' | 'unmatched' | 'ambiguous' | 'invalid';

export const IMPORT_OUTCOME_LABELS: Record<ImportOutcome, string> = {
  paid: 'Sẽ ghi: đã chi trả',
  failed: 'Sẽ ghi: không thành công',
  already: 'Đã nhập từ tệp này trước đó',
  conflict: 'Không ghi được',
  unmatched: 'Không khớp dòng nào',
  ambiguous: 'Khớp nhiều dòng (không đoán)',
  invalid: 'Dòng không đọc được',
};

export interface ImportRowView {
  /** Row number in the file (as the spreadsheet shows it). */
  row: number;
  /** Masked in previews. */
  account: string;
  amountVnd: number | null;
  statusText: string;
  reason: string;
  reference: string;
  outcome: ImportOutcome;
  /** Why it is listed (unmatched, ambiguous, conflict, invalid). */
  note: string;
  /** The payroll line's name when matched, or the candidate names when ambiguous. */
  names: string[];
}

export interface ImportPreview {
  token: string;
  fileName: string;
  sha256: string;
  /** When this very file was already imported into this payroll (ISO), else null. */
  importedBefore: string | null;
  rows: number;
  counts: Record<ImportOutcome, number>;
  amounts: { paidVnd: number; failedVnd: number };
  /** Where each field was found ("B: Số tài khoản"). */
  columns: Record<'account' | 'amount' | 'status' | 'reason' | 'reference', string>;
  /** Every row that will not be written (unmatched, ambiguous, conflict, invalid), up to LISTED_ROWS. */
  problems: ImportRowView[];
  /** The first rows that will be written, up to LISTED_ROWS. */
  toMark: ImportRowView[];
  /** Bank lines of the payroll that are still without a result and not in this file. */
  missingFromFile: number;
}

export const LISTED_ROWS = 1000;

/** Who reads results and the reconciliation: the payroll staff and the approver. */
const READERS: readonly Role[] = ['officer', 'accountant', 'approver'];

export interface ImportResult {
  fileName: string;
  sha256: string;
  paid: number;
  failed: number;
  /** Rows skipped because this file had already been imported. */
  already: number;
  /** Listed, not written. */
  unmatched: number;
  ambiguous: number;
  conflict: number;
  invalid: number;
  /** True when nothing changed (e.g. the same file a second time). */
  unchanged: boolean;
  message: string;
}

export interface MarkResult {
  changed: number;
  amountVnd: number;
  skipped: Array<{ lineId: number; fullName: string; reason: string }>;
}

export interface ReconciliationRow {
  key: string;
  label: string;
  lines: number;
  /** Handed to the payer. */
  amountVnd: number;
  paid: { lines: number; amountVnd: number };
  failed: { lines: number; amountVnd: number };
  notCollected: { lines: number; amountVnd: number };
  carriedOver: { lines: number; amountVnd: number };
  convertedToCash: { lines: number; amountVnd: number };
  pending: { lines: number; amountVnd: number };
  /** amountVnd − paid. */
  balanceVnd: number;
}

export interface Reconciliation {
  payroll: PayrollResultSummary['payroll'];
  unitName: string;
  byMethod: ReconciliationRow[];
  byProgramme: ReconciliationRow[];
  total: ReconciliationRow;
  /** Whether the total equals the approved payroll's total to the đồng, and every breakdown sums to it. */
  reconciles: boolean;
  /** Lines not paid (failed, not collected, carried, converted, pending), for the carry-over list. */
  unpaid: Array<{
    fullName: string;
    neighbourhood: string;
    method: PayoutMethodCode;
    amountVnd: number;
    status: LineStatus;
    reason: string;
  }>;
}

export interface ReconciliationFile {
  fileName: string;
  /** Empty when the file was written to a folder. */
  contentBase64: string;
  /** Where it was written (and read back), when a folder was given. */
  path: string | null;
  lines: number;
  totalVnd: number;
  paidVnd: number;
}

export const payrollResultChannels = {
  'payrollResults.summary': query<PayrollResultSummary>()(payrollIdInput, READERS),
  'payrollResults.lines': query<ResultLinesPage>()(linesSchema, READERS),
  // Starts a job (jobs.get → progress over the file's bytes, Huỷ, then ImportPreview); writes nothing.
  'payrollResults.previewImport': job<ImportPreview>()(previewImportSchema, PAYROLL_STAFF),
  // Starts a job (jobs.get → ImportResult) whose single write is one audited transaction (main/jobs.ts).
  'payrollResults.commitImport': job<ImportResult>()(commitImportSchema, PAYROLL_STAFF),
  'payrollResults.markCash': command<MarkResult>()(markCashSchema, PAYROLL_STAFF),
  'payrollResults.decideCarry': command<MarkResult>()(decideCarrySchema, PAYROLL_STAFF),
  'payrollResults.reconciliation': query<Reconciliation>()(payrollIdInput, READERS),
  // Starts a job (jobs.get → ReconciliationFile); audited with counts at the end.
  'payrollResults.exportReconciliation': job<ReconciliationFile>()(exportReconciliationSchema, READERS),
  'payrollResults.getFormat': query<ResultFormat>()(z.object({}).strict(), PAYROLL_STAFF),
  'payrollResults.saveFormat': command<ResultFormat>()(resultFormatSchema, [...PAYROLL_STAFF, ...ADMIN]),
} as const;
