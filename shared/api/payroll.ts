import { z } from 'zod';
import './zod-vi';
import { APPROVER, command, job, OFFICER, PAYROLL_STAFF, query } from './channel';
import type { Role } from './auth';
import { idField, monthField, requiredText } from './fields';
import { PAYOUT_METHODS, PROGRAMME_CODES, type PayoutMethodCode } from './register';
import type { PrintedPdf } from './forms';

// The monthly payroll (issue 6): build a month's payroll per programme from the register, review it
// (totals, differences from last month, lines needing attention), approve it (approver only), the
// suspension watch, and corrections after approval (a new 'other' line in a later month).

/** Who reads payrolls: the payroll staff and the approver who reviews them. */
export const PAYROLL_READERS: readonly Role[] = ['officer', 'accountant', 'approver'];

export type PayrollStatus = 'draft' | 'approved';
/**
 * Where a payroll is in its review (issue 14): draft → submitted (rebuilt and frozen for the approver) →
 * approved, or returned with the approver's comment (the officer rebuilds and submits again).
 */
export const REVIEW_STATES = ['draft', 'submitted', 'returned', 'approved'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];
export const LINE_KINDS = ['regular', 'arrears', 'funeral', 'care', 'carryover', 'other'] as const;
export type LineKind = (typeof LINE_KINDS)[number];
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

export interface PayrollView {
  id: number;
  month: string;
  programme: string;
  programmeName: string;
  status: PayrollStatus;
  lineCount: number;
  totalVnd: number;
  /** Lines with an attention note (fallback to cash, account missing, not collected…). */
  attentionCount: number;
  builtAt: string;
  builtBy: string;
  approvedAt: string | null;
  approvedBy: string | null;
  review: ReviewState;
  submittedAt: string | null;
  submittedBy: string | null;
  /** The approver's last return comment (kept after a rebuild, so the officer sees what to fix). */
  returnComment: string | null;
  returnedAt: string | null;
  returnedBy: string | null;
}

/** What changed after a payroll was submitted (from the audit log since its fingerprint). */
export interface ReviewChanges {
  /** True when the payroll cannot be approved as it stands: rebuild and submit again. */
  stale: boolean;
  /** People whose records changed after submission, with what was done (in words). */
  people: Array<{ personId: number; fullName: string; actions: string[] }>;
  /** Changes not about one person (an import, a new standard level, another payroll approved…). */
  general: string[];
  /** One sentence for the screen ("3 người thay đổi sau khi trình: …"); empty when nothing changed. */
  message: string;
}

export interface BuildResult {
  month: string;
  payrolls: Array<{ id: number; programme: string; lineCount: number; totalVnd: number; replaced: boolean }>;
  /** Programmes not built, and why (already approved). */
  skipped: Array<{ programme: string; reason: string }>;
}

export interface AmountComponent {
  kind: string;
  label: string;
  amountVnd: number;
}

export interface PayrollLineView {
  id: number;
  lineNo: number;
  personId: number;
  kind: LineKind;
  fullName: string;
  birthText: string;
  /** Masked in lists. */
  citizenId: string;
  neighbourhood: string;
  address: string;
  groupCode: string | null;
  groupLabel: string;
  coefficientMilli: number | null;
  standardVnd: number | null;
  components: AmountComponent[];
  amountVnd: number;
  method: PayoutMethodCode;
  registeredMethod: PayoutMethodCode;
  bankCode: string | null;
  /** Masked in lists. */
  accountNumber: string;
  holderName: string;
  receiverName: string;
  note: string;
  attentionNote: string;
  status: LineStatus;
  carriedFromLineId: number | null;
}

export interface PayrollLinesResult {
  total: number;
  rows: PayrollLineView[];
}

export interface TotalRow {
  key: string;
  label: string;
  count: number;
  amountVnd: number;
}

export interface PayrollReview {
  payroll: PayrollView;
  byMethod: TotalRow[];
  byNeighbourhood: TotalRow[];
  byKind: TotalRow[];
  /** The month's payrolls, one per programme (for totals by programme). */
  monthPayrolls: PayrollView[];
  people: number;
}

export const DIFF_REASONS = [
  'started',
  'resumed',
  'stopped',
  'suspended',
  'died',
  'moved',
  'age_transition',
  'group_change',
  'standard_level',
  'components',
  'coefficient',
  'arrears',
  'funeral',
  'carryover',
  'other',
  'one_off_ended',
] as const;
export type DiffReason = (typeof DIFF_REASONS)[number];

export interface DifferenceRow {
  personId: number;
  fullName: string;
  neighbourhood: string;
  change: 'in' | 'out' | 'changed';
  beforeVnd: number;
  afterVnd: number;
  reasons: DiffReason[];
  /** The reasons in words, with the figures ("Chuyển nhóm theo tuổi: BTXH-1A → BTXH-1B"). */
  explanation: string;
}

export interface PayrollDifferences {
  previous: { month: string; payrollId: number | null; source: 'approved' | 'draft' | 'register' };
  counts: { in: number; out: number; changed: number };
  rows: DifferenceRow[];
}

export interface SuspensionWatchRow {
  personId: number;
  fullName: string;
  neighbourhood: string;
  programme: string;
  entitlementId: number | null;
  /** Consecutive months not collected, oldest first. */
  months: string[];
  lastMonth: string;
  /** The entitlement's state now (a suspension may already be decided). */
  entitlementStatus: 'active' | 'suspended' | 'stopped' | 'none';
}

export interface AttemptView {
  id: number;
  attemptNo: number;
  status: 'sent' | 'paid' | 'failed' | 'not_collected';
  at: string;
  reason: string;
  reference: string;
  source: string;
}

export interface MoneyHistoryRow {
  lineId: number;
  payrollId: number;
  month: string;
  programme: string;
  payrollStatus: PayrollStatus;
  kind: LineKind;
  amountVnd: number;
  method: PayoutMethodCode;
  status: LineStatus;
  note: string;
  carriedFromLineId: number | null;
  carriedToLineId: number | null;
  attempts: AttemptView[];
}

const programmes = z.enum(PROGRAMME_CODES, { error: 'Chọn chế độ.' });
const byPayroll = z.object({ payrollId: idField }).strict();

/** The approver's explicit confirmation: what the screen showed, checked by main against the payroll. */
export const approveSchema = z
  .object({
    payrollId: idField,
    confirm: z
      .object({
        month: monthField('Tháng'),
        programme: programmes,
        lineCount: z.number().int().min(0),
        totalVnd: z.number().int().min(0),
      })
      .strict(),
  })
  .strict();

export const returnSchema = z.object({ payrollId: idField, comment: requiredText('Lý do trả lại', 1000) }).strict();

export const buildPayrollSchema = z
  .object({
    month: monthField('Tháng chi trả'),
    /** Absent or empty: every programme with something to pay that month. */
    programmes: z.array(programmes).max(PROGRAMME_CODES.length).optional(),
  })
  .strict();

export const payrollLinesSchema = z
  .object({
    payrollId: idField,
    text: z.string().max(100).optional(),
    /** 'attention': only lines with an attention note. */
    only: z.enum(['all', 'attention']).optional(),
    method: z.enum(PAYOUT_METHODS).optional(),
    offset: z.number().int().min(0).optional(),
    limit: z.number().int().min(1).max(1000).optional(),
  })
  .strict();

export const correctionSchema = z
  .object({
    personId: idField,
    programme: programmes,
    dueMonth: monthField('Chi trong tháng'),
    amountVnd: z
      .number({ error: 'Số tiền: cần nhập số tiền.' })
      .int({ error: 'Số tiền: số nguyên (đồng).' })
      .min(1, { error: 'Số tiền: phải lớn hơn 0 (khoản thu hồi xử lý ngoài bảng lương).' })
      .max(1_000_000_000, { error: 'Số tiền: vượt quá 1 tỷ đồng — kiểm tra lại.' }),
    note: requiredText('Lý do điều chỉnh', 300),
  })
  .strict();

export const payrollChannels = {
  /** Starts the build as a job (jobs.get → progress, then BuildResult); a draft of the month is replaced. */
  'payroll.build': job<BuildResult>()(buildPayrollSchema, PAYROLL_STAFF),
  'payroll.list': query<PayrollView[]>()(z.object({ month: monthField('Tháng').optional() }).strict(), PAYROLL_READERS),
  'payroll.get': query<PayrollView>()(byPayroll, PAYROLL_READERS),
  'payroll.lines': query<PayrollLinesResult>()(payrollLinesSchema, PAYROLL_READERS),
  'payroll.review': query<PayrollReview>()(byPayroll, PAYROLL_READERS),
  'payroll.differences': query<PayrollDifferences>()(byPayroll, PAYROLL_READERS),
  /** The officer submits a draft for approval: a job that rebuilds it and freezes it (jobs.get → PayrollView). */
  'payroll.submit': job<PayrollView>()(byPayroll, OFFICER),
  /** The draft (bản dự thảo) summary as a PDF, for the chairman to sign before approval. */
  'payroll.draftPdf': query<Promise<PrintedPdf>>()(byPayroll, PAYROLL_READERS),
  /** What changed after submission (the approval is refused while `stale`). */
  'payroll.reviewChanges': query<ReviewChanges>()(byPayroll, PAYROLL_READERS),
  /** The approver sends a submitted payroll back with a comment. */
  'payroll.return': command<PayrollView>()(returnSchema, APPROVER),
  /** The approver only, a submitted payroll, confirming its month, programme, count and total: it becomes immutable. */
  'payroll.approve': command<PayrollView>()(approveSchema, APPROVER),
  'payroll.discardDraft': command<{ discarded: true }>()(byPayroll, PAYROLL_STAFF),
  /** A correction after approval: an 'other' item paid in a later month's payroll. */
  'payroll.addCorrection': command<{ itemId: number }>()(correctionSchema, PAYROLL_STAFF),
  'payroll.suspensionWatch': query<SuspensionWatchRow[]>()(z.object({}).strict(), PAYROLL_READERS),
  'payroll.personHistory': query<MoneyHistoryRow[]>()(z.object({ personId: idField }).strict(), PAYROLL_READERS),
} as const;
