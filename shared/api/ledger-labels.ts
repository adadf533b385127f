import type { LedgerComponent, OverpaymentView, RecoveryMethod } from './ledger';

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

export const HEIR_METHOD_LABELS: Record<'CASH_WARD' | 'OWN_ACCOUNT', string> = {
  CASH_WARD: 'Tiền mặt tại UBND',
  OWN_ACCOUNT: 'Tài khoản của người thừa kế',
};

export const PAYOUT_METHOD_SHORT: Record<string, string> = {
  CASH_WARD: 'Tiền mặt',
  POST_OFFICE: 'Bưu điện',
  OWN_ACCOUNT: 'TK cá nhân',
  AUTHORIZED_ACCOUNT: 'TK ủy quyền',
};

/** A group code in a ledger label ("… — BTXH-6B") written as the group's legal name in words. */
export function withGroupNames(label: string, groups: ReadonlyMap<string, string>): string {
  return label.replace(/\b(?:BTXH|HTXH|NCC)(?:_[A-Z]+)?-[0-9A-Z]+\b/g, (code) => groups.get(code) ?? code);
}
