import type { OneOffView } from '@shared/api/register';
import { formatMonthVi } from '@shared/domain/dates';
import { formatVnd } from '@shared/domain/money';
import { ONE_OFF_LABELS } from '../labels';

/** Truy lĩnh, Mai táng phí…: paid once, in the month shown. */
export function OneOffTable({ items }: { items: readonly OneOffView[] }) {
  if (items.length === 0) return <p className="empty-note">Không có khoản chi một lần nào.</p>;
  return (
    <table className="data-table">
      <thead>
        <tr>
          <th scope="col">Khoản</th>
          <th scope="col" className="num">
            Số tiền (đồng)
          </th>
          <th scope="col">Người nhận</th>
          <th scope="col">Chi trong tháng</th>
          <th scope="col">Ghi chú</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={item.id}>
            <th scope="row">{ONE_OFF_LABELS[item.kind]}</th>
            <td className="num">{formatVnd(item.amountVnd)}</td>
            <td>{item.payeeName || 'Người hưởng'}</td>
            <td>{formatMonthVi(item.dueMonth)}</td>
            <td>{item.note}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
