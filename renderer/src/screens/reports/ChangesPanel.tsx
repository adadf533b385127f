import type { ChangesReport } from '@shared/api/reports';
import { CHANGE_LABELS } from '@shared/api/report-labels';
import { Notes } from './NonCashPanel';
import { count, formatMonthVi, vnd } from './format';

// Increases and decreases of the month: the balance per programme, then the people with the decision
// numbers (citizen IDs are not shown here: they appear only in the files the user produces).

export function ChangesPanel({ report }: { report: ChangesReport }) {
  const groupName = (code: string | null) => (code === null ? null : (report.groupLabels[code] ?? code));
  return (
    <>
      <div className="report-table-wrap">
        <table className="data-table report-table" data-testid="changes-summary">
          <caption className="sr-only">Tổng hợp tăng, giảm tháng {formatMonthVi(report.month)}</caption>
          <thead>
            <tr>
              <th scope="col">Chế độ</th>
              <th scope="col" className="num">
                Tháng trước
              </th>
              <th
                scope="col"
                className="num"
                title="Người đang hưởng đưa vào sổ từ tệp Excel: số chuyển sang, không phải tăng mới"
              >
                Đầu kỳ (nhập sổ)
              </th>
              <th scope="col" className="num">
                Tăng
              </th>
              <th scope="col" className="num">
                Giảm
              </th>
              <th scope="col" className="num">
                Tháng này
              </th>
              <th scope="col" className="num">
                Chết
              </th>
              <th scope="col" className="num">
                Chuyển đi
              </th>
              <th scope="col" className="num">
                Thôi hưởng khác
              </th>
              <th scope="col" className="num">
                Tạm dừng
              </th>
              <th scope="col" className="num">
                Điều chỉnh mức
              </th>
            </tr>
          </thead>
          <tbody>
            {report.summary.map((s) => (
              <tr key={s.programme}>
                <th scope="row">{s.programmeName}</th>
                <td className="num">{count(s.opening)}</td>
                <td className="num">{count(s.imported)}</td>
                <td className="num">{count(s.increases)}</td>
                <td className="num">{count(s.decreases)}</td>
                <td className="num">{count(s.closing)}</td>
                <td className="num">{count(s.byKind.stopped_death)}</td>
                <td className="num">{count(s.byKind.stopped_moved)}</td>
                <td className="num">{count(s.byKind.stopped_other)}</td>
                <td className="num">{count(s.byKind.suspended)}</td>
                <td className="num">{count(s.byKind.level)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {report.lines.length > 0 && (
        <details>
          <summary>Danh sách {count(report.lines.length)} biến động</summary>
          <div className="report-table-wrap">
            <table className="data-table report-table">
              <thead>
                <tr>
                  <th scope="col">Họ và tên</th>
                  <th scope="col">Chế độ</th>
                  <th scope="col">Biến động</th>
                  <th scope="col">Nhóm</th>
                  <th scope="col" className="num">
                    Mức cũ
                  </th>
                  <th scope="col" className="num">
                    Mức mới
                  </th>
                  <th scope="col">Số quyết định</th>
                </tr>
              </thead>
              <tbody>
                {report.lines.map((l, i) => (
                  <tr key={i}>
                    <th scope="row">{l.fullName}</th>
                    <td>{l.programme}</td>
                    <td>{CHANGE_LABELS[l.kind]}</td>
                    <td>
                      {l.groupBefore === l.groupAfter
                        ? groupName(l.groupAfter)
                        : `${groupName(l.groupBefore) ?? '—'} → ${groupName(l.groupAfter) ?? '—'}`}
                    </td>
                    <td className="num">{vnd(l.amountBeforeVnd)}</td>
                    <td className="num">{vnd(l.amountAfterVnd)}</td>
                    <td>{l.decisionNumber || l.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      )}
      <Notes notes={report.notes} />
    </>
  );
}
