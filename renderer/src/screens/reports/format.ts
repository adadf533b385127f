import { formatPercentVi } from '@shared/domain/campaign';
import { addMonths, formatMonthVi, parseMonthVi } from '@shared/domain/dates';
import { formatVnd } from '@shared/domain/money';

// Number words of the Báo cáo screen: counts and money as 1.234.567, percentages "34,4%".

export const count = (n: number) => n.toLocaleString('vi-VN');
export const vnd = (n: number | null) => (n === null ? '—' : formatVnd(n));
export const pct = formatPercentVi;

export function currentMonth(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
}

export { addMonths, formatMonthVi, parseMonthVi };
