import { formatMonthVi } from '@shared/domain/dates';
import { formatVnd } from '@shared/domain/money';
import { useApi } from '../../../api/query';
import { CHANGE_LABELS, PAYROLL_STATUS_LABELS } from '../labels';
import type { PayrollTabProps } from '../tabs';

// So với tháng trước: who came in, who left, whose amount changed, and why.

const SOURCES = {
  approved: `bảng ${PAYROLL_STATUS_LABELS.approved.toLowerCase()}`,
  draft: `bảng ${PAYROLL_STATUS_LABELS.draft.toLowerCase()}`,
  register: 'sổ đối tượng (chưa có bảng chi trả)',
} as const;

export function DifferencesTab({ payrollId }: PayrollTabProps) {
  const { state } = useApi('payroll.differences', { payrollId });
  if (state.status === 'loading') return <p role="status">Đang so sánh với tháng trước…</p>;
  if (state.status === 'failed')
    return (
      <p className="message message-error" role="alert">
        {state.message}
      </p>
    );
  const d = state.value;
  return (
    <>
      <p className="lead">
        So với tháng {formatMonthVi(d.previous.month)} ({SOURCES[d.previous.source]}): {d.counts.in} người mới vào,{' '}
        {d.counts.out} người ra khỏi, {d.counts.changed} người thay đổi số tiền.
      </p>
      {d.rows.length > 0 && (
        <table className="data-table" aria-label="Thay đổi so với tháng trước">
          <thead>
            <tr>
              <th scope="col">Họ và tên</th>
              <th scope="col">Khu phố</th>
              <th scope="col">Thay đổi</th>
              <th scope="col" className="num">
                Tháng trước (đồng)
              </th>
              <th scope="col" className="num">
                Tháng này (đồng)
              </th>
              <th scope="col">Lý do</th>
            </tr>
          </thead>
          <tbody>
            {d.rows.map((r) => (
              <tr key={r.personId}>
                <th scope="row">{r.fullName}</th>
                <td>{r.neighbourhood}</td>
                <td>{CHANGE_LABELS[r.change]}</td>
                <td className="num">{formatVnd(r.beforeVnd)}</td>
                <td className="num">{formatVnd(r.afterVnd)}</td>
                <td>{r.explanation}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
