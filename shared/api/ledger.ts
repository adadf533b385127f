import { z } from 'zod';
import './zod-vi';
import { command, OFFICER, query } from './channel';
import { dateField, idField, monthField, requiredText, text } from './fields';
import type { PayoutMethodCode } from './register';

// The money ledger (issue 11): for every person, component and SERVICE month, what the register owes
// now against what approved payroll lines paid for that month. Each payroll pays owed − paid: the
// month's own amount plus, for earlier months, positive differences as arrears lines naming their
// period; negative differences are overpayments (truy thu) listed for recovery, never netted silently.
// Money owed to someone who has died is held until the officer names the heir.
//
// In the database (migration 007): payroll_line_months (line_id, payroll_id, person_id, component,
// entitlement_id, service_month, amount_vnd, paid_before_vnd) says which service month(s) each line
// pays; an arrears line (kind 'arrears') also carries period_from, period_to, period_months and
// ledger_reason (a LedgerReason) on payroll_lines, and heir_id when it is paid to a deceased's heir.

/**
 * What a ledger row is about: a programme's monthly money ('allowance' = BTXH social allowance,
 * 'care' = care support paid to a caregiver, 'pension' = social pension HTXH, 'ncc' = meritorious
 * service) or a one-off item ('funeral', 'other').
 */
export const LEDGER_COMPONENTS = ['allowance', 'care', 'pension', 'ncc', 'funeral', 'other'] as const;
export type LedgerComponent = (typeof LEDGER_COMPONENTS)[number];

/** Why an arrears line or an overpayment arose (the register's change that made owed ≠ paid). */
export const LEDGER_REASONS = [
  'late_decision',
  'backdated_change',
  'resumed',
  'death',
  'moved',
  'stopped',
  'suspended',
  'unpaid_month',
  'correction',
] as const;
export type LedgerReason = (typeof LEDGER_REASONS)[number];

export interface LedgerPayment {
  payrollId: number;
  /** The month of the payroll that paid it (not the service month). */
  payrollMonth: string;
  programme: string;
  lineId: number;
  /** Negative for an overpayment recovered by deduction from a later line. */
  amountVnd: number;
}

export interface LedgerRow {
  /** 'YYYY-MM': the month the money is for. */
  serviceMonth: string;
  component: LedgerComponent;
  /** The entitlement owed (or paid) that month; null for a one-off item without one. */
  entitlementId: number | null;
  /** In Vietnamese: the programme/group or the item ("Trợ cấp xã hội hằng tháng — BTXH-1A"). */
  label: string;
  owedVnd: number;
  /** Paid by approved payrolls for this service month, net of recovered overpayments. */
  paidVnd: number;
  /** owed − paid: > 0 still owed (arrears to come, or held for the heir), < 0 overpaid. */
  differenceVnd: number;
  paidBy: LedgerPayment[];
}

/** Money owed to a deceased person, held until an heir is named (then paid to the heir). */
export interface HeldItem {
  component: LedgerComponent;
  programme: string;
  fromMonth: string;
  toMonth: string;
  months: number;
  amountVnd: number;
  /** 'held': no heir named yet; 'to_heir': an heir is named, the next payroll pays them. */
  status: 'held' | 'to_heir';
}

export const RECOVERY_METHODS = ['refund', 'deduct', 'waive'] as const;
/** refund: paid back (receipt); deduct: taken from the next payrolls of the same component; waive: forgiven by decision. */
export type RecoveryMethod = (typeof RECOVERY_METHODS)[number];

export interface RecoveryView {
  id: number;
  method: RecoveryMethod;
  amountVnd: number;
  /** For 'deduct': how much later payroll lines have taken so far (approved). */
  appliedVnd: number;
  paperNumber: string;
  paperDate: string | null;
  note: string;
  createdAt: string;
  createdBy: string;
}

/** An overpayment (truy thu) of one person and component over a run of service months. */
export interface OverpaymentView {
  personId: number;
  component: LedgerComponent;
  programme: string;
  fromMonth: string;
  toMonth: string;
  months: number;
  /** Paid beyond what was owed, over the months (> 0). */
  amountVnd: number;
  /** Recovered or waived so far (refunds, approved deductions, waivers). */
  recoveredVnd: number;
  /** amount − recovered. */
  openVnd: number;
  status: 'open' | 'recovering' | 'recovered' | 'waived';
  reason: LedgerReason;
  reasonText: string;
  recoveries: RecoveryView[];
}

export interface HeirView {
  id: number;
  /** The deceased. */
  personId: number;
  fullName: string;
  relationship: string;
  citizenId: string;
  paperKind: string;
  paperNumber: string;
  paperDate: string;
  method: Extract<PayoutMethodCode, 'CASH_WARD' | 'OWN_ACCOUNT'>;
  bankCode: string | null;
  accountNumber: string | null;
  holderName: string | null;
  branch: string | null;
  note: string;
  createdAt: string;
  createdBy: string;
}

export interface PersonLedger {
  personId: number;
  months: LedgerRow[];
  totals: { owedVnd: number; paidVnd: number; arrearsVnd: number; overpaidVnd: number };
  heldForHeir: HeldItem[];
  overpayments: OverpaymentView[];
  /** The heir named for a deceased person, if any. */
  heir: HeirView | null;
}

/** An arrears line of a month's payroll (draft or approved), with its period. */
export interface ArrearsListRow {
  payrollId: number;
  payrollStatus: 'draft' | 'approved';
  lineId: number;
  personId: number;
  fullName: string;
  neighbourhood: string;
  programme: string;
  component: LedgerComponent;
  fromMonth: string;
  toMonth: string;
  months: number;
  amountVnd: number;
  reason: LedgerReason;
  reasonText: string;
  /** Who receives it (the heir for a deceased person). */
  receiverName: string;
  method: PayoutMethodCode;
}

export interface OverpaymentListRow extends OverpaymentView {
  fullName: string;
  neighbourhood: string;
}

export interface HeldListRow extends HeldItem {
  personId: number;
  fullName: string;
  neighbourhood: string;
  deathDate: string | null;
}

export interface ArrearsList {
  month: string;
  arrears: ArrearsListRow[];
  overpayments: OverpaymentListRow[];
  held: HeldListRow[];
  totals: {
    arrearsVnd: number;
    arrearsCount: number;
    overpaidOpenVnd: number;
    overpaymentCount: number;
    heldVnd: number;
    heldCount: number;
  };
}

const component = z.enum(LEDGER_COMPONENTS, { error: 'Chọn khoản.' });

export const nameHeirSchema = z
  .object({
    /** The deceased beneficiary. */
    personId: idField,
    fullName: requiredText('Họ tên người thừa kế / người lo mai táng', 100),
    relationship: requiredText('Quan hệ với người đã mất', 50),
    citizenId: text('Số CCCD của người nhận', 20).optional(),
    /** E.g. "Văn bản thỏa thuận phân chia di sản", "Giấy xác nhận người lo mai táng". */
    paperKind: requiredText('Loại giấy tờ chứng minh', 150),
    paperNumber: requiredText('Số giấy tờ', 50),
    paperDate: dateField('Ngày giấy tờ'),
    method: z.enum(['CASH_WARD', 'OWN_ACCOUNT'], {
      error: 'Chọn: tiền mặt tại UBND hoặc tài khoản của người thừa kế.',
    }),
    bankCode: text('Ngân hàng', 20).optional(),
    branch: text('Chi nhánh', 100).optional(),
    accountNumber: z
      .string()
      .transform((s) => s.replace(/[\s.]/g, ''))
      .pipe(z.string().regex(/^\d{6,19}$/, { error: 'Số tài khoản: chỉ gồm chữ số (6–19 số).' }))
      .optional(),
    holderName: text('Chủ tài khoản', 100).optional(),
    note: text('Ghi chú', 300).optional(),
  })
  .strict();
export type NameHeirInput = z.input<typeof nameHeirSchema>;

export const recordRecoverySchema = z
  .object({
    personId: idField,
    component,
    /** The overpayment's run of months, as listed (fromMonth..toMonth). */
    fromMonth: monthField('Từ tháng'),
    toMonth: monthField('Đến tháng'),
    method: z.enum(RECOVERY_METHODS, { error: 'Chọn cách thu hồi: nộp lại, trừ vào kỳ sau, hoặc miễn thu hồi.' }),
    /** Receipt (refund) or decision (deduct, waive) that records it. */
    paperNumber: requiredText('Số biên lai / quyết định', 50),
    paperDate: dateField('Ngày biên lai / quyết định'),
    note: text('Ghi chú', 300).optional(),
  })
  .strict();
export type RecordRecoveryInput = z.input<typeof recordRecoverySchema>;

export const ledgerChannels = {
  /** A person's money history month by month (owed, paid, difference by component). */
  'ledger.person': query<PersonLedger>()(z.object({ personId: idField }).strict()),
  /** The ward-wide truy lĩnh / truy thu list for a payroll month (its draft or approved payrolls). */
  'ledger.arrearsList': query<ArrearsList>()(z.object({ month: monthField('Tháng') }).strict()),
  /** Names the heir of a deceased person: held money goes to them in the next payroll. */
  'ledger.nameHeir': command<HeirView>()(nameHeirSchema, OFFICER),
  /** Records how an overpayment is recovered (the only way one is ever taken from a later payment). */
  'ledger.recordRecovery': command<OverpaymentView>()(recordRecoverySchema, OFFICER),
} as const;
