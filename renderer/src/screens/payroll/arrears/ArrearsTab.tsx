import type { ArrearsList } from '@shared/api/ledger';
import {
  HELD_STATUS_LABELS,
  LEDGER_COMPONENT_LABELS,
  OVERPAYMENT_STATUS_LABELS,
  PAYOUT_METHOD_SHORT,
} from '@shared/api/ledger-labels';
import { formatDateVi, formatMonthVi } from '@shared/domain/dates';
import { formatVnd } from '@shared/domain/money';
import { api } from '../../../api/client';
import { useApi } from '../../../api/query';
import { FolderPicker } from '../../../components/FolderPicker';
import { JobProgress } from '../../../components/JobProgress';
import { useFilesJob } from '../../../components/useFilesJob';
import { hrefFor } from '../../../routing';
import { personPagePath } from '../../register/paths';
import type { PayrollTabProps } from '../tabs';
import { LoadStatus } from '../../../components/LoadStatus';

// "Truy lĩnh, truy thu" on a payroll's page: for the payroll's month, every arrears line of the month's
// payrolls with its period and reason, the overpayments to recover, and the money held for heirs not yet
// named (ledger.arrearsList); exported as PDF or xlsx (ledgerFiles.arrearsList, a job: downloaded, or
// written to a folder through the safe writer like the payer's files).

const range = (from: string, to: string) =>
  from === to ? formatMonthVi(from) : `${formatMonthVi(from)}–${formatMonthVi(to)}`;

export function ArrearsTab({ month }: PayrollTabProps) {
  const { state } = useApi('ledger.arrearsList', { month }, { keepPrevious: true });
  const {
    folder,
    setFolder,
    folderError,
    job,
    outcome,
    start: startJob,
    busy,
  } = useFilesJob('Không lập được danh sách truy lĩnh, truy thu.');
  const start = (format: 'pdf' | 'xlsx', toFolder: boolean) =>
    startJob(
      (target: string | undefined) =>
        api('ledgerFiles.arrearsList', { month, format, ...(target !== undefined ? { folder: target } : {}) }),
      toFolder,
    );

  return (
    <section className="payroll-files" aria-labelledby="arrears-heading">
      <h2 id="arrears-heading">Truy lĩnh, truy thu tháng {formatMonthVi(month)}</h2>
      <div className="payroll-files-write">
        <button type="button" className="btn btn-secondary" disabled={busy} onClick={() => void start('pdf', false)}>
          Tải danh sách (PDF)
        </button>
        <button type="button" className="btn btn-secondary" disabled={busy} onClick={() => void start('xlsx', false)}>
          Tải danh sách (Excel)
        </button>
      </div>
      <div className="payroll-files-write">
        <FolderPicker
          id="arrears-folder"
          label="Thư mục lưu (USB)"
          value={folder}
          onChange={setFolder}
          error={folderError}
        />
        <button type="button" className="btn btn-secondary" disabled={busy} onClick={() => void start('pdf', true)}>
          Ghi PDF vào thư mục
        </button>
        <button type="button" className="btn btn-secondary" disabled={busy} onClick={() => void start('xlsx', true)}>
          Ghi Excel vào thư mục
        </button>
      </div>
      {busy && (
        <div className="payroll-files-progress">
          <JobProgress
            status={job.status}
            label="Tiến độ lập danh sách truy lĩnh, truy thu"
            unit="bước"
            cancelling={job.cancelling}
            onCancel={job.cancel}
          />
        </div>
      )}
      {outcome.kind !== 'none' && (
        <div
          className={outcome.kind === 'error' ? 'message message-error' : 'message message-info'}
          role={outcome.kind === 'error' ? 'alert' : 'status'}
        >
          <p>{outcome.text}</p>
        </div>
      )}

      <LoadStatus state={state} />
      {state.status === 'loaded' && <ArrearsTables list={state.value} />}
    </section>
  );
}

function ArrearsTables({ list }: { list: ArrearsList }) {
  const t = list.totals;
  const person = (id: number, name: string) => <a href={hrefFor(personPagePath(id))}>{name}</a>;
  return (
    <>
      <h3 id="arrears-lines-heading">
        Truy lĩnh: {t.arrearsCount.toLocaleString('vi-VN')} khoản, {formatVnd(t.arrearsVnd)} đồng
      </h3>
      {list.arrears.length === 0 ? (
        <p className="empty-note">Không có khoản truy lĩnh nào.</p>
      ) : (
        <table className="data-table" aria-labelledby="arrears-lines-heading">
          <thead>
            <tr>
              <th scope="col">Họ và tên</th>
              <th scope="col">Chế độ</th>
              <th scope="col">Thời gian</th>
              <th scope="col" className="num">
                Số tiền
              </th>
              <th scope="col">Lý do</th>
              <th scope="col">Người nhận</th>
            </tr>
          </thead>
          <tbody>
            {list.arrears.map((r) => (
              <tr key={r.lineId}>
                <td>
                  {person(r.personId, r.fullName)}
                  {r.neighbourhood ? ` (${r.neighbourhood})` : ''}
                </td>
                <td>{LEDGER_COMPONENT_LABELS[r.component]}</td>
                <td>
                  {range(r.fromMonth, r.toMonth)} ({r.months} tháng)
                </td>
                <td className="num">{formatVnd(r.amountVnd)}</td>
                <td>{r.reasonText}</td>
                <td>
                  {r.receiverName} — {PAYOUT_METHOD_SHORT[r.method] ?? r.method}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h3 id="overpaid-lines-heading">
        Truy thu: {t.overpaymentCount.toLocaleString('vi-VN')} khoản, còn phải thu {formatVnd(t.overpaidOpenVnd)} đồng
      </h3>
      {list.overpayments.length === 0 ? (
        <p className="empty-note">Không có khoản chi thừa nào.</p>
      ) : (
        <table className="data-table" aria-labelledby="overpaid-lines-heading">
          <thead>
            <tr>
              <th scope="col">Họ và tên</th>
              <th scope="col">Khoản, thời gian</th>
              <th scope="col" className="num">
                Chi thừa
              </th>
              <th scope="col" className="num">
                Còn phải thu
              </th>
              <th scope="col">Lý do</th>
              <th scope="col">Tình trạng</th>
            </tr>
          </thead>
          <tbody>
            {list.overpayments.map((o) => (
              <tr key={`${o.personId}-${o.component}-${o.fromMonth}`}>
                <td>{person(o.personId, o.fullName)}</td>
                <td>
                  {LEDGER_COMPONENT_LABELS[o.component]}, {range(o.fromMonth, o.toMonth)} ({o.months} tháng)
                </td>
                <td className="num">{formatVnd(o.amountVnd)}</td>
                <td className="num">{formatVnd(o.openVnd)}</td>
                <td>{o.reasonText}</td>
                <td>{OVERPAYMENT_STATUS_LABELS[o.status]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h3 id="held-lines-heading">
        Giữ lại chờ người thừa kế: {t.heldCount.toLocaleString('vi-VN')} khoản, {formatVnd(t.heldVnd)} đồng
      </h3>
      {list.held.length === 0 ? (
        <p className="empty-note">Không có khoản nào giữ lại.</p>
      ) : (
        <table className="data-table" aria-labelledby="held-lines-heading">
          <thead>
            <tr>
              <th scope="col">Họ và tên</th>
              <th scope="col">Ngày mất</th>
              <th scope="col">Khoản, thời gian</th>
              <th scope="col" className="num">
                Số tiền
              </th>
              <th scope="col">Tình trạng</th>
            </tr>
          </thead>
          <tbody>
            {list.held.map((h) => (
              <tr key={`${h.personId}-${h.component}-${h.fromMonth}`}>
                <td>{person(h.personId, h.fullName)}</td>
                <td>{h.deathDate ? formatDateVi(h.deathDate) : ''}</td>
                <td>
                  {LEDGER_COMPONENT_LABELS[h.component]}, {range(h.fromMonth, h.toMonth)} ({h.months} tháng)
                </td>
                <td className="num">{formatVnd(h.amountVnd)}</td>
                <td>{HELD_STATUS_LABELS[h.status]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
