import { useMemo, useState } from 'react';
import type { ImportPreview, ImportRowStatus } from '@shared/api/import';
import { formatMonthVi } from '@shared/domain/dates';
import { formatVnd } from '@shared/domain/money';
import { formatCount } from '../labels';
import { STATUS_LABELS } from './importState';
import { PreviewGrid } from './PreviewGrid';

// Step 4: what the import would do, before anything is written: counts, totals (computed from the rows
// and compared with the file's own total row), and every row with its status and reasons.

type Filter = 'all' | ImportRowStatus;
const FILTERS: Filter[] = ['all', 'error', 'warning', 'ok', 'exists'];

export function PreviewStep({
  preview,
  cashChosen,
  onChooseCash,
}: {
  preview: ImportPreview;
  cashChosen: boolean;
  onChooseCash: (on: boolean) => void;
}) {
  const [filter, setFilter] = useState<Filter>('all');
  const rows = useMemo(
    () => (filter === 'all' ? preview.rows : preview.rows.filter((r) => r.status === filter)),
    [preview, filter],
  );
  const c = preview.counts;
  const countOf = (f: Filter) => (f === 'all' ? c.rows : c[f]);
  return (
    <>
      <section className="panel" aria-labelledby="import-summary-heading">
        <h2 id="import-summary-heading">Kết quả kiểm tra — danh sách tháng {formatMonthVi(preview.asOfMonth)}</h2>
        <ul className="import-counts">
          <li className="count-add">
            <strong>{formatCount(c.toAdd)}</strong> người sẽ được thêm vào sổ
          </li>
          <li className="count-ok">
            <strong>{formatCount(c.ok)}</strong> hợp lệ
          </li>
          <li className="count-warning">
            <strong>{formatCount(c.warning)}</strong> có cảnh báo (vẫn nhập)
          </li>
          <li className="count-error">
            <strong>{formatCount(c.error)}</strong> lỗi (không nhập)
          </li>
          <li className="count-exists">
            <strong>{formatCount(c.exists)}</strong> đã có trong sổ (bỏ qua)
          </li>
        </ul>
        <table className="data-table totals-table">
          <thead>
            <tr>
              <th scope="col">Trang tính</th>
              <th scope="col" className="num">
                Số dòng
              </th>
              <th scope="col" className="num">
                Cộng từng dòng của tệp
              </th>
              <th scope="col" className="num">
                Dòng tổng cộng của tệp
              </th>
              <th scope="col" className="num">
                Sổ tính theo quy định
              </th>
            </tr>
          </thead>
          <tbody>
            {preview.sheets.map((s) => (
              <tr key={s.name}>
                <th scope="row">{s.name}</th>
                <td className="num">{formatCount(s.rows)}</td>
                <td className="num">{formatVnd(s.fileRowsTotalVnd)}</td>
                <td className={s.totalMessage ? 'num total-differs' : 'num'}>
                  {s.fileStatedTotalVnd !== null
                    ? `${formatVnd(s.fileStatedTotalVnd)} (dòng ${s.fileStatedTotalRow})`
                    : 'không có'}
                </td>
                <td className="num">
                  <strong>{formatVnd(s.computedTotalVnd)}</strong>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {preview.messages.length > 0 && (
          <div className="message message-warning import-messages">
            {preview.messages.map((m) => (
              <p key={m}>{m}</p>
            ))}
          </div>
        )}
      </section>

      {preview.blockingMessage && (
        <div className="message message-error" role="alert" data-testid="import-blocking">
          <p>{preview.blockingMessage}</p>
        </div>
      )}
      {preview.unpayableRows.length > 0 && (
        <section className="panel" aria-labelledby="import-unpayable-heading" data-testid="import-unpayable">
          <h2 id="import-unpayable-heading">
            Dòng không chi được theo hình thức ghi trong tệp ({formatCount(preview.unpayableRows.length)})
          </h2>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Trang, dòng</th>
                <th scope="col">Họ và tên</th>
                <th scope="col">Lý do</th>
              </tr>
            </thead>
            <tbody>
              {preview.unpayableRows.map((r) => (
                <tr key={`${r.sheet}-${r.row}`}>
                  <td>
                    {r.sheet}, dòng {r.row}
                  </td>
                  <td>{r.fullName}</td>
                  <td>{r.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <label className="checkbox-line">
            <input type="checkbox" checked={cashChosen} onChange={(e) => onChooseCash(e.target.checked)} /> Ghi tiền
            mặt, sửa sau — cho {formatCount(preview.unpayableRows.length)} dòng trên (ghi vào nhật ký; sửa hình thức
            nhận của từng người sau khi nhập)
          </label>
        </section>
      )}

      <section className="panel" aria-labelledby="import-rows-heading">
        <div className="import-rows-head">
          <h2 id="import-rows-heading">Từng dòng của tệp</h2>
          <div className="filter-buttons" role="group" aria-label="Lọc theo trạng thái">
            {FILTERS.map((f) => (
              <button
                key={f}
                type="button"
                className="btn btn-filter"
                aria-pressed={filter === f}
                onClick={() => setFilter(f)}
              >
                {f === 'all' ? 'Tất cả' : STATUS_LABELS[f]} ({formatCount(countOf(f))})
              </button>
            ))}
          </div>
        </div>
        {rows.length === 0 ? (
          <p className="empty-note">Không có dòng nào ở trạng thái này.</p>
        ) : (
          <PreviewGrid rows={rows} />
        )}
      </section>
    </>
  );
}
