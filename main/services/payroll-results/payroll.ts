import { ApiError } from '@shared/api/errors';
import type { PayrollResultSummary } from '@shared/api/payroll-results';
import type { Store } from '../../db/store';
import { payrollHeader } from './queries';

// The payroll a result call works on: it must exist, and results are recorded on approved payrolls only
// (a draft has not gone to the payer; it can still be rebuilt).

export type PayrollHeader = PayrollResultSummary['payroll'];

export function loadPayroll(store: Store, id: number): PayrollHeader {
  const row = payrollHeader(store, id);
  if (!row) throw new ApiError('NOT_FOUND', 'Không tìm thấy bảng lương này.');
  return row;
}

export function approvedPayroll(store: Store, id: number): PayrollHeader {
  const payroll = loadPayroll(store, id);
  if (payroll.status !== 'approved') {
    throw new ApiError(
      'CONFLICT',
      'Bảng lương chưa được phê duyệt: chỉ ghi kết quả chi trả cho bảng lương đã phê duyệt và đã gửi cho đơn vị chi trả.',
    );
  }
  return payroll;
}
