import type { Role } from '@shared/api/auth';
import type { MethodCounts } from '@shared/api/campaign';
import { addMonths, formatMonthVi, parseMonthVi } from '@shared/domain/dates';
import { METHOD_ORDER, METHOD_SHORT } from '@shared/domain/labels';

// Words and small helpers of the Chuyển khoản section (types only from shared/api: no zod in the bundle).

export const METHOD_COLUMNS: Array<{ method: keyof MethodCounts; label: string }> = METHOD_ORDER.map((method) => ({
  method,
  label: METHOD_SHORT[method],
}));

/** Mirrors shared/api/campaign.ts TARGET_SETTERS and EXPORTERS (main checks; the screen only hides). */
export const canSetTarget = (role: Role) => role === 'officer' || role === 'admin';
export const canExport = (role: Role) => role === 'officer' || role === 'accountant';

export const count = (n: number) => n.toLocaleString('vi-VN');

export function currentMonth(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
}

export { addMonths, formatMonthVi, parseMonthVi };
