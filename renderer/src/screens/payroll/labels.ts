import type { DifferenceRow, LineKind } from '@shared/api/payroll';
import { PROGRAMME_LABELS } from '@shared/domain/labels';

// The payroll's words: codes from the API → what the office reads.

// Methods, statuses and programmes are named once for the whole app, in shared/domain/labels.ts.
export { LINE_STATUS_LABELS, METHOD_SHORT, PAYROLL_STATUS_LABELS, REVIEW_STATE_LABELS } from '@shared/domain/labels';

/** By any programme code the API returns (unknown codes fall back to the code). */
export const PROGRAMME_NAMES: Readonly<Record<string, string>> = PROGRAMME_LABELS;

export const KIND_LABELS: Record<LineKind, string> = {
  regular: 'Hằng tháng',
  care: 'Chăm sóc',
  arrears: 'Truy lĩnh',
  funeral: 'Mai táng',
  carryover: 'Chi bù',
  other: 'Điều chỉnh',
};

export const CHANGE_LABELS: Record<DifferenceRow['change'], string> = {
  in: 'Mới vào',
  out: 'Ra khỏi',
  changed: 'Thay đổi',
};

/** 'YYYY-MM' of the office PC's clock. */
export function thisMonth(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
}
