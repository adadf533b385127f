import type { SummaryReport } from '@shared/api/reports';
import { Notes } from './NonCashPanel';
import { count, formatMonthVi, vnd } from './format';

// A form 10a/10c/10d summary on screen: the same rows as the printed form.

export function SummaryPanel({ report }: { report: SummaryReport }) {
  const period = `${formatMonthVi(report.from)}–${formatMonthVi(report.to)}`;
  return (
    <>
      <div className="report-table-wrap">
        <table className="data-table report-table" data-testid={`${report.form}-table`}>
          <caption className="sr-only">Kỳ {period}</caption>
          <thead>
            <tr>
              <th scope="col">STT</th>
              <th scope="col">Nhóm đối tượng</th>
              <th scope="col" className="num">
                Số đối tượng tháng {formatMonthVi(report.to)}
              </th>
              <th scope="col" className="num">
                Số người trong kỳ
              </th>
              <th scope="col" className="num">
                Kinh phí trong kỳ (đồng)
              </th>
              <th scope="col" className="num">
                Số người lũy kế năm
              </th>
              <th scope="col" className="num">
                Kinh phí lũy kế năm (đồng)
              </th>
            </tr>
          </thead>
          <tbody>
            {report.rows.map((r) => (
              <tr key={`${r.no}|${r.label}`} className={r.level === 'item' ? undefined : 'report-row-strong'}>
                <td>{r.no}</td>
                <th scope="row">{r.label}</th>
                <td className="num">{count(r.people)}</td>
                <td className="num">{count(r.peoplePeriod)}</td>
                <td className="num">{vnd(r.fundsPeriodVnd)}</td>
                <td className="num">{count(r.peopleYear)}</td>
                <td className="num">{vnd(r.fundsYearVnd)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Notes notes={report.notes} />
    </>
  );
}
