import type { DifferenceRow, LineKind, LineStatus, PayrollStatus } from '../../../../shared/api/payroll';
import type { PayoutMethodCode } from '../../../../shared/api/register';

// The payroll's words: codes from the API → what the office reads.

export const PAYROLL_STATUS_LABELS: Record<PayrollStatus, string> = { draft: 'Nháp', approved: 'Đã duyệt' };

export const PROGRAMME_NAMES: Record<string, string> = {
  BTXH: 'Trợ cấp xã hội hằng tháng',
  BTXH_CARE: 'Hỗ trợ chăm sóc, nuôi dưỡng',
  NCC: 'Trợ cấp ưu đãi người có công',
  HTXH: 'Trợ cấp hưu trí xã hội',
};

export const METHOD_SHORT: Record<PayoutMethodCode, string> = {
  CASH_WARD: 'Tiền mặt',
  POST_OFFICE: 'Bưu điện',
  OWN_ACCOUNT: 'TK cá nhân',
  AUTHORIZED_ACCOUNT: 'TK ủy quyền',
};

export const KIND_LABELS: Record<LineKind, string> = {
  regular: 'Hằng tháng',
  care: 'Chăm sóc',
  arrears: 'Truy lĩnh',
  funeral: 'Mai táng',
  carryover: 'Chi bù',
  other: 'Điều chỉnh',
};

export const LINE_STATUS_LABELS: Record<LineStatus, string> = {
  pending: 'Chưa chi',
  sent: 'Đã gửi',
  paid: 'Đã chi',
  failed: 'Không thành công',
  not_collected: 'Không đến nhận',
  carried_over: 'Chuyển tháng sau',
  converted_to_cash: 'Chuyển tiền mặt',
};

export const CHANGE_LABELS: Record<DifferenceRow['change'], string> = { in: 'Mới vào', out: 'Ra khỏi', changed: 'Thay đổi' };

/** 'YYYY-MM' of the office PC's clock. */
export function thisMonth(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
}
