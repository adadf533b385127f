import type { TotalRow } from '@shared/api/payroll';
import { formatVnd } from '@shared/domain/money';
import { useApi } from '../../../api/query';
import { PAYROLL_STATUS_LABELS } from '../labels';
import type { PayrollTabProps } from '../tabs';

// Tổng hợp: totals by method, neighbourhood and kind of line, and the month's payrolls by programme.

export function SummaryTab({ payrollId }: PayrollTabProps) {
  const { state } = useApi('payroll.review', { payrollId });
  if (state.status === 'loading') return <p role="status">Đang tổng hợp…</p>;
  if (state.status === 'failed')
    return (
      <p className="message message-error" role="alert">
        {state.message}
      </p>
    );
  const r = state.value;
  return (
    <div className="payroll-summary">
      <p className="lead">
        {formatVnd(r.people)} người, {formatVnd(r.payroll.lineCount)} dòng, tổng {formatVnd(r.payroll.totalVnd)} đồng.
      </p>
      <Totals title="Theo hình thức chi trả" rows={r.byMethod} />
      <Totals title="Theo khu phố" rows={r.byNeighbourhood} />
      <Totals title="Theo loại khoản" rows={r.byKind} />
      <Totals
        title="Các chế độ trong tháng"
        rows={r.monthPayrolls.map((p) => ({
          key: String(p.id),
          label: `${p.programmeName} (${PAYROLL_STATUS_LABELS[p.status]})`,
          count: p.lineCount,
          amountVnd: p.totalVnd,
        }))}
      />
    </div>
  );
}

function Totals({ title, rows }: { title: string; rows: TotalRow[] }) {
  const count = rows.reduce((s, r) => s + r.count, 0);
  const amount = rows.reduce((s, r) => s + r.amountVnd, 0);
  return (
    <table className="data-table payroll-totals" aria-label={title}>
      <caption>{title}</caption>
      <thead>
        <tr>
          <th scope="col" />
          <th scope="col" className="num">
            Số dòng
          </th>
          <th scope="col" className="num">
            Số tiền (đồng)
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">{r.label}</th>
            <td className="num">{formatVnd(r.count)}</td>
            <td className="num">{formatVnd(r.amountVnd)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">Cộng</th>
          <td className="num">{formatVnd(count)}</td>
          <td className="num">{formatVnd(amount)}</td>
        </tr>
      </tfoot>
    </table>
  );
}
