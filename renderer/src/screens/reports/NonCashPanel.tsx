import type { NonCashReport } from '@shared/api/reports';
import { METHOD_ORDER, METHOD_SHORT } from '@shared/domain/labels';
import { Bar } from './Bar';
import { count, formatMonthVi, pct, vnd } from './format';

// The non-cash progress report on screen: a bar per programme (% non-cash, % of target), then the table
// the PDF and xlsx print (same rows, same numbers).

export function NonCashPanel({ report }: { report: NonCashReport }) {
  const programmes = report.rows.filter((r) => r.groupKey === null);
  return (
    <>
      <div className="report-bars">
        {programmes.map((p) => (
          <div key={p.programme}>
            <Bar
              label={`${p.programmeName}: không dùng tiền mặt`}
              tenths={p.nonCashTenths}
              text={`${count(p.nonCash)}/${count(p.total)} (${pct(p.nonCashTenths)})`}
            />
            {p.target !== null && (
              <Bar
                label={`${p.programmeName}: so với chỉ tiêu ${count(p.target)}`}
                tenths={p.ofTargetTenths}
                text={pct(p.ofTargetTenths)}
              />
            )}
          </div>
        ))}
      </div>
      <div className="report-table-wrap">
        <table className="data-table report-table" data-testid="noncash-table">
          <caption className="sr-only">Tiến độ chi trả không dùng tiền mặt tháng {formatMonthVi(report.month)}</caption>
          <thead>
            <tr>
              <th scope="col">Chế độ / nhóm đối tượng</th>
              <th scope="col" className="num">
                Tổng số
              </th>
              {METHOD_ORDER.map((m) => (
                <th key={m} scope="col" className="num">
                  {METHOD_SHORT[m]}
                </th>
              ))}
              <th scope="col" className="num">
                Không dùng tiền mặt
              </th>
              <th scope="col" className="num">
                Tỷ lệ
              </th>
              <th scope="col" className="num">
                Chỉ tiêu
              </th>
              <th scope="col" className="num">
                Đạt
              </th>
              <th scope="col" className="num">
                Phải chi (đồng)
              </th>
              <th scope="col" className="num" title="Số tiền trong bảng chi trả đã phê duyệt">
                Đã duyệt (đồng)
              </th>
              <th scope="col" className="num" title="Số tiền đã ghi nhận chi trả thực tế">
                Đã chi (đồng)
              </th>
            </tr>
          </thead>
          <tbody>
            {report.rows.map((r) => (
              <tr
                key={`${r.programme}|${r.groupKey ?? ''}`}
                className={r.groupKey === null ? 'report-row-strong' : undefined}
              >
                <th scope="row">{r.groupKey === null ? r.programmeName : r.groupLabel}</th>
                <td className="num">{count(r.total)}</td>
                <td className="num">{count(r.byMethod.CASH_WARD)}</td>
                <td className="num">{count(r.byMethod.POST_OFFICE)}</td>
                <td className="num">{count(r.byMethod.OWN_ACCOUNT)}</td>
                <td className="num">{count(r.byMethod.AUTHORIZED_ACCOUNT)}</td>
                <td className="num">{count(r.nonCash)}</td>
                <td className="num">{pct(r.nonCashTenths)}</td>
                <td className="num">{r.target === null ? '' : count(r.target)}</td>
                <td className="num">{r.target === null ? '' : pct(r.ofTargetTenths)}</td>
                <td className="num">{vnd(r.dueVnd)}</td>
                <td className="num">{vnd(r.approvedVnd)}</td>
                <td className="num">{vnd(r.paidVnd)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Notes notes={report.notes} />
    </>
  );
}

export function Notes({ notes }: { notes: string[] }) {
  if (notes.length === 0) return null;
  return (
    <ul className="report-notes">
      {notes.map((n) => (
        <li key={n}>{n}</li>
      ))}
    </ul>
  );
}
