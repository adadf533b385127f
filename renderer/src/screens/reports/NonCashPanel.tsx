import type { NonCashReport } from '@shared/api/reports';
import { METHOD_ORDER, METHOD_SHORT } from '@shared/domain/labels';
import { Bar } from './Bar';
import { formatDateVi } from '@shared/domain/dates';
import { count, formatMonthVi, pct, vnd } from './format';

// The non-cash progress report on screen: a bar per programme (% non-cash, % of target), then the table
// the PDF and xlsx print (same rows, same numbers): the monthly payrolls, the approved one-off rounds paid
// in the month, and the money approved in all.

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
      <RoundsTable report={report} />
      <div className="report-table-wrap">
        <table className="data-table report-table" data-testid="money-totals-table">
          <caption>Tổng số tiền đã duyệt chi trong tháng</caption>
          <thead>
            <tr>
              <th scope="col">Chế độ</th>
              <th scope="col" className="num">
                Bảng chi trả hằng tháng (đồng)
              </th>
              <th scope="col" className="num">
                Đợt chi một lần (đồng)
              </th>
              <th scope="col" className="num">
                Cộng (đồng)
              </th>
            </tr>
          </thead>
          <tbody>
            {report.moneyTotals.map((r) => (
              <tr key={r.programme ?? ''} className={r.programme === null ? 'report-row-strong' : undefined}>
                <th scope="row">{r.programmeName}</th>
                <td className="num">{vnd(r.payrollVnd)}</td>
                <td className="num">{vnd(r.roundsVnd)}</td>
                <td className="num">{vnd(r.totalVnd)}</td>
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

/** The approved one-off rounds paid in the month: the round's row (name, basis, date, total), then its programmes. */
function RoundsTable({ report }: { report: NonCashReport }) {
  if (report.rounds.length === 0)
    return <p className="report-notes">Không có đợt chi một lần đã phê duyệt có ngày chi trong tháng.</p>;
  return (
    <div className="report-table-wrap">
      <table className="data-table report-table" data-testid="rounds-table">
        <caption>Chi một lần theo đợt chi đã phê duyệt</caption>
        <thead>
          <tr>
            <th scope="col">Đợt chi / chế độ</th>
            <th scope="col">Căn cứ</th>
            <th scope="col">Ngày chi</th>
            <th scope="col" className="num">
              Số người nhận
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
              Đã duyệt (đồng)
            </th>
          </tr>
        </thead>
        <tbody>
          {report.rounds.map((r) => (
            <tr
              key={`${r.roundId}|${r.programme ?? ''}`}
              className={r.programme === null ? 'report-row-strong' : undefined}
            >
              <th scope="row">{r.programme === null ? r.name : r.programmeName}</th>
              <td>{r.programme === null ? r.basis : ''}</td>
              <td>{r.programme === null ? formatDateVi(r.roundDate) : ''}</td>
              <td className="num">{count(r.recipients)}</td>
              {METHOD_ORDER.map((m) => (
                <td key={m} className="num">
                  {count(r.byMethod[m])}
                </td>
              ))}
              <td className="num">{count(r.nonCash)}</td>
              <td className="num">{vnd(r.approvedVnd)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
