import type { Role } from '../../../../shared/api/auth';
import type { MethodCounts } from '../../../../shared/api/campaign';
import type { PayoutMethodCode } from '../../../../shared/api/register';
import { addMonths, formatMonthVi, parseMonthVi } from '../../../../shared/domain/dates';

// Words and small helpers of the Chuyển khoản section (types only from shared/api: no zod in the bundle).

export const METHOD_COLUMNS: Array<{ method: keyof MethodCounts; label: string }> = [
  { method: 'CASH_WARD', label: 'Tiền mặt tại UBND' },
  { method: 'POST_OFFICE', label: 'Qua Bưu điện' },
  { method: 'OWN_ACCOUNT', label: 'TK cá nhân' },
  { method: 'AUTHORIZED_ACCOUNT', label: 'TK ủy quyền' },
];

export const CASH_METHOD_LABELS: Partial<Record<PayoutMethodCode, string>> = {
  CASH_WARD: 'Tiền mặt tại UBND',
  POST_OFFICE: 'Qua Bưu điện',
};

/** Mirrors shared/api/campaign.ts TARGET_SETTERS and EXPORTERS (main checks; the screen only hides). */
export const canSetTarget = (role: Role) => role === 'officer' || role === 'admin';
export const canExport = (role: Role) => role === 'officer' || role === 'accountant';

export const count = (n: number) => n.toLocaleString('vi-VN');

export function currentMonth(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
}

export { addMonths, formatMonthVi, parseMonthVi };
