import type { LedgerComponent, OverpaymentView, RecoveryMethod } from './ledger';
import { METHOD_LABELS, METHOD_SHORT } from '../domain/labels';

// Vietnamese words of the ledger's codes, zod-free so the renderer's bundle can import them (as
// payroll-files-text.ts does): on the person's money history, its PDF and the truy lĩnh / truy thu list.

export const LEDGER_COMPONENT_LABELS: Record<LedgerComponent, string> = {
  allowance: 'Trợ cấp xã hội hằng tháng',
  care: 'Hỗ trợ kinh phí chăm sóc',
  pension: 'Trợ cấp hưu trí xã hội',
  ncc: 'Trợ cấp người có công',
  funeral: 'Hỗ trợ mai táng',
  other: 'Khoản khác',
};

export const RECOVERY_METHOD_LABELS: Record<RecoveryMethod, string> = {
  refund: 'Nộp lại',
  deduct: 'Trừ vào kỳ chi sau',
  waive: 'Miễn thu hồi',
};

export const OVERPAYMENT_STATUS_LABELS: Record<OverpaymentView['status'], string> = {
  open: 'Chưa thu hồi',
  recovering: 'Đang thu hồi',
  recovered: 'Đã thu hồi',
  waived: 'Được miễn thu hồi',
};

export const HELD_STATUS_LABELS: Record<'held' | 'to_heir', string> = {
  held: 'Đang giữ lại, chờ xác định người thừa kế',
  to_heir: 'Chi cho người thừa kế ở kỳ chi tới',
};

/** Paid to an heir: cash as any payment, or the heir's own account (not the beneficiary's: its own words). */
const HEIR_ACCOUNT = 'Tài khoản của người thừa kế';
export const HEIR_METHOD_LABELS: Record<'CASH_WARD' | 'OWN_ACCOUNT', string> = {
  CASH_WARD: METHOD_LABELS.CASH_WARD,
  OWN_ACCOUNT: HEIR_ACCOUNT,
};

/** By any method code (shared/domain/labels.ts names them once). */
export const PAYOUT_METHOD_SHORT: Readonly<Record<string, string>> = METHOD_SHORT;

/** A group code in a ledger label ("… — BTXH-6B") written as the group's legal name in words. */
export function withGroupNames(label: string, groups: ReadonlyMap<string, string>): string {
  return label.replace(/\b(?:BTXH|HTXH|NCC)(?:_[A-Z]+)?-[0-9A-Z]+\b/g, (code) => groups.get(code) ?? code);
}
