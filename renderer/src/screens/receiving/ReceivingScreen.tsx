import { Fragment, useEffect, useState, type FormEvent } from 'react';
import type {
  ConsolidatedView,
  ReceivedExportView,
  ReceiveResult,
  ReceiveStatus,
  WardView,
} from '@shared/api/receiving';
import type { ProducedReport } from '@shared/api/reports';
import { REPORT_TITLES, type ReportKind } from '@shared/api/report-labels';
import { formatPercentVi } from '@shared/domain/campaign';
import { formatMonthVi, parseMonthVi } from '@shared/domain/dates';
import { formatLocalDateTime } from '@shared/domain/format';
import { formatVnd } from '@shared/domain/money';
import { api } from '../../api/client';
import { useApi } from '../../api/query';
import { FolderPicker } from '../../components/FolderPicker';
import { JobProgress } from '../../components/JobProgress';
import { MonthField, currentMonthOf } from '../../components/MonthField';
import { ScreenTitle } from '../../components/ScreenTitle';
import { TextField } from '../../components/TextField';
import { useJob } from '../../components/useJob';
import { downloadFile } from '../../download';
import { messageOf } from '../../errors';
import { ExpectedWardForm } from './ExpectedWardForm';
import { ShareOverTime, WardShareBars } from './ShareChart';
import './receiving.css';

// Tổng hợp các phường (issue 17): the receiving office's one screen. Receive a ward folder or a whole USB
// stick (each ward folder is checked before anything is kept; refused ones are listed with the reason),
// see a month's figures added up across wards (ranked non-cash progress, tăng/giảm, forms 10a/10c/10d,
// wards that have not reported, charts), download them as PDF or Excel, and see each ward's history.

const STATUS_LABELS: Record<ReceiveStatus, string> = {
  received: 'Đã nhận',
  replaced: 'Đã nhận (thay bộ cũ)',
  already: 'Đã có',
  refused: 'Không nhận',
};
const previousMonth = () => {
  const m = currentMonthOf();
  const [y, mo] = [Number(m.slice(0, 4)), Number(m.slice(5, 7))];
  return mo === 1 ? `${y - 1}-12` : `${y}-${String(mo - 1).padStart(2, '0')}`;
};

// The panels below reload by themselves when a receipt is done (the data layer: a writing job).
export function ReceivingScreen() {
  return (
    <>
      <ScreenTitle>Tổng hợp các phường</ScreenTitle>
      <ReceivePanel />
      <ConsolidatedPanel />
      <WardsPanel />
    </>
  );
}

function ReceivePanel() {
  const [folder, setFolder] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [jobId, setJobId] = useState<string | undefined>();
  const [result, setResult] = useState<ReceiveResult | undefined>();
  const [error, setError] = useState<string | undefined>();
  const job = useJob(jobId);
  useEffect(() => {
    const status = job.status;
    if (!status || status.state === 'running') return;
    if (status.state === 'done') {
      setResult(status.result as ReceiveResult);
    } else if (status.state === 'cancelled') setError('Đã huỷ: các bộ báo cáo đã lưu trước khi huỷ vẫn được giữ.');
    else setError(status.error?.message ?? 'Không nhận được.');
    setJobId(undefined);
  }, [job.status]);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    setResult(undefined);
    try {
      setJobId((await api('receiving.receive', { folder, passphrase })).jobId);
    } catch (e) {
      setError(messageOf(e));
    }
  };
  return (
    <section className="panel" aria-labelledby="receive-heading">
      <h2 id="receive-heading">Nhận báo cáo từ USB</h2>
      <form className="receive-form" onSubmit={(e) => void submit(e)}>
        <FolderPicker
          id="receive-folder"
          label="Thư mục của phường hoặc cả ổ USB"
          value={folder}
          onChange={setFolder}
          required
          hint="Chọn một thư mục «bao-cao-gui-tinh-…» hoặc thư mục chứa nhiều phường."
        />
        <TextField
          id="receive-passphrase"
          label="Cụm mật khẩu (nếu phường mã hoá)"
          value={passphrase}
          onChange={setPassphrase}
          type="password"
          hint="Phường gửi riêng, không ghi trên USB."
        />
        <div className="report-actions">
          <button type="submit" className="btn btn-primary" disabled={jobId !== undefined}>
            Nhận báo cáo
          </button>
        </div>
      </form>
      {jobId && (
        <JobProgress
          status={job.status}
          label="Tiến độ nhận báo cáo"
          unit="bước"
          cancelling={job.cancelling}
          onCancel={job.cancel}
        />
      )}
      {error && (
        <p role="alert" className="outcome outcome-error">
          {error}
        </p>
      )}
      {result && (
        <>
          <p role="status" className="outcome" data-testid="receive-summary">
            Đã nhận {result.received + result.replaced} bộ ({result.replaced} bộ sửa lại), {result.already} bộ đã có,{' '}
            {result.refused} bộ không nhận.
          </p>
          <div className="table-scroll">
            <table className="data-table" data-testid="receive-results">
              <thead>
                <tr>
                  <th>Thư mục</th>
                  <th>Phường, xã</th>
                  <th>Tháng</th>
                  <th>Kết quả</th>
                  <th>Chi tiết</th>
                </tr>
              </thead>
              <tbody>
                {result.folders.map((f) => (
                  <tr key={f.folder} className={f.status === 'refused' ? 'row-refused' : undefined}>
                    <td>{f.folder}</td>
                    <td>{f.wardName ? `${f.wardName} (${f.wardCode})` : '—'}</td>
                    <td>{f.month ? formatMonthVi(f.month) : '—'}</td>
                    <td>{STATUS_LABELS[f.status]}</td>
                    <td>{f.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

function ConsolidatedPanel() {
  const [month, setMonth] = useState(previousMonth());
  const [monthText, setMonthText] = useState(formatMonthVi(previousMonth()));
  const [monthError, setMonthError] = useState<string | undefined>();
  // The previous month's figures stay on screen until the new month's arrive.
  const consolidated = useApi('receiving.consolidate', { month }, { keepPrevious: true });
  const view = consolidated.value;
  const error = consolidated.error ? messageOf(consolidated.error) : undefined;
  const change = (text: string) => {
    setMonthText(text);
    const m = parseMonthVi(text);
    if (m) {
      setMonth(m);
      setMonthError(undefined);
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const m = parseMonthVi(monthText);
    if (!m) setMonthError('Tháng tổng hợp: nhập theo dạng tháng/năm, ví dụ 10/2024.');
    else setMonth(m);
  };
  const t = view?.nonCashTotal;
  return (
    <section className="panel" aria-labelledby="consolidated-heading">
      <h2 id="consolidated-heading">Số liệu tổng hợp tháng {formatMonthVi(month)}</h2>
      <form className="report-period" onSubmit={submit} aria-label="Chọn tháng tổng hợp">
        <MonthField
          id="consolidated-month"
          label="Tháng tổng hợp"
          value={monthText}
          onChange={change}
          fallbackMonth={month}
          error={monthError}
        />
        <button type="submit" className="btn btn-primary">
          Xem
        </button>
      </form>
      {error && (
        <p role="alert" className="outcome outcome-error">
          {error}
        </p>
      )}
      {view && t && (
        <>
          <p data-testid="consolidated-summary">
            {view.wardsReported}/{view.wardsKnown} phường, xã đã gửi báo cáo. Toàn đơn vị: {formatVnd(t.nonCash)}/
            {formatVnd(t.total)} đối tượng nhận không dùng tiền mặt ({formatPercentVi(t.nonCashTenths)}).
          </p>
          <ProduceConsolidated month={month} />
          <h3>Tiến độ không dùng tiền mặt theo phường, xã (xếp hạng)</h3>
          <div className="table-scroll">
            <table className="data-table" data-testid="consolidated-wards">
              <thead>
                <tr>
                  <th>Hạng</th>
                  <th>Phường, xã</th>
                  <th className="num">Tổng số</th>
                  <th className="num">Không dùng tiền mặt</th>
                  <th className="num">Tỷ lệ</th>
                  <th className="num">Chỉ tiêu</th>
                  <th className="num">Đạt chỉ tiêu</th>
                </tr>
              </thead>
              <tbody>
                {view.nonCashByWard.map((w) => (
                  <tr key={w.code}>
                    <td>{w.rank}</td>
                    <td>
                      {w.name} ({w.code})
                    </td>
                    <td className="num">{formatVnd(w.total)}</td>
                    <td className="num">{formatVnd(w.nonCash)}</td>
                    <td className="num">{formatPercentVi(w.nonCashTenths)}</td>
                    <td className="num">{w.target === null ? '—' : formatVnd(w.target)}</td>
                    <td className="num">{formatPercentVi(w.ofTargetTenths)}</td>
                  </tr>
                ))}
                <tr className="row-total">
                  <td />
                  <td>Tổng cộng</td>
                  <td className="num">{formatVnd(t.total)}</td>
                  <td className="num">{formatVnd(t.nonCash)}</td>
                  <td className="num">{formatPercentVi(t.nonCashTenths)}</td>
                  <td className="num">{t.target === null ? '—' : formatVnd(t.target)}</td>
                  <td className="num">{formatPercentVi(t.ofTargetTenths)}</td>
                </tr>
              </tbody>
            </table>
          </div>
          {view.nonCashByWard.length > 0 && <WardShareBars rows={view.nonCashByWard} />}
          <ShareOverTime history={view.history} />
          <h3>Theo chế độ và tăng, giảm</h3>
          <div className="table-scroll">
            <table className="data-table" data-testid="consolidated-programmes">
              <thead>
                <tr>
                  <th>Chế độ</th>
                  <th className="num">Số phường</th>
                  <th className="num">Tổng số</th>
                  <th className="num">Tỷ lệ không dùng tiền mặt</th>
                  <th className="num">Tăng</th>
                  <th className="num">Giảm</th>
                </tr>
              </thead>
              <tbody>
                {view.nonCashByProgramme.map((p) => {
                  const c = view.changes.find((x) => x.programme === p.programme);
                  return (
                    <tr key={p.programme}>
                      <td>{p.programmeName}</td>
                      <td className="num">{p.wards}</td>
                      <td className="num">{formatVnd(p.total)}</td>
                      <td className="num">{formatPercentVi(p.nonCashTenths)}</td>
                      <td className="num">{c ? formatVnd(c.increases) : '—'}</td>
                      <td className="num">{c ? formatVnd(c.decreases) : '—'}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <ConsolidatedRounds view={view} />
          <h3>Mẫu 10a, 10c, 10d cộng các phường (dòng tổng)</h3>
          <ul className="receiving-forms">
            {(['form10a', 'form10c', 'form10d'] as const).map((k) => {
              const f = view.forms[k];
              const top = f.rows[0];
              return (
                <li key={k}>
                  {REPORT_TITLES[k as ReportKind]}: {f.wards} phường
                  {top
                    ? `; ${formatVnd(top.people)} đối tượng; kinh phí trong kỳ ${formatVnd(top.fundsPeriodVnd)} đồng`
                    : ''}
                </li>
              );
            })}
          </ul>
          <h3>Phường, xã chưa gửi báo cáo ({view.notReported.length})</h3>
          {view.notReported.length === 0 ? (
            <p>Tất cả các phường, xã đã gửi báo cáo tháng này.</p>
          ) : (
            <ul data-testid="not-reported">
              {view.notReported.map((w) => (
                <li key={w.code}>
                  {w.name} ({w.code})
                </li>
              ))}
            </ul>
          )}
          {view.notes.map((n) => (
            <p key={n} className="hint">
              {n}
            </p>
          ))}
        </>
      )}
    </section>
  );
}

function ProduceConsolidated({ month }: { month: string }) {
  const [jobId, setJobId] = useState<string | undefined>();
  const [message, setMessage] = useState<{ text: string; error: boolean } | undefined>();
  const job = useJob(jobId);
  useEffect(() => {
    const status = job.status;
    if (!status || status.state === 'running') return;
    if (status.state === 'done') {
      const file = status.result as ProducedReport;
      downloadFile(file.fileName, file.contentBase64, file.mime);
      setMessage({ text: `Đã tạo tệp ${file.fileName}.`, error: false });
    } else if (status.state === 'cancelled') setMessage({ text: 'Đã huỷ.', error: false });
    else setMessage({ text: status.error?.message ?? 'Không tạo được báo cáo.', error: true });
    setJobId(undefined);
  }, [job.status]);
  const start = async (format: 'pdf' | 'xlsx') => {
    setMessage(undefined);
    try {
      setJobId((await api('receiving.produce', { month, format })).jobId);
    } catch (e) {
      setMessage({ text: messageOf(e), error: true });
    }
  };
  return (
    <div className="report-actions">
      <button
        type="button"
        className="btn btn-primary"
        onClick={() => void start('pdf')}
        disabled={jobId !== undefined}
      >
        Tải PDF báo cáo tổng hợp
      </button>
      <button
        type="button"
        className="btn btn-secondary"
        onClick={() => void start('xlsx')}
        disabled={jobId !== undefined}
      >
        Tải Excel
      </button>
      {jobId && (
        <JobProgress
          status={job.status}
          label="Tiến độ tạo báo cáo tổng hợp"
          unit="bước"
          cancelling={job.cancelling}
          onCancel={job.cancel}
        />
      )}
      {message && (
        <span
          className={message.error ? 'export-note export-note-error' : 'export-note'}
          role={message.error ? 'alert' : 'status'}
        >
          {message.text}
        </span>
      )}
    </div>
  );
}

function WardsPanel() {
  const [open, setOpen] = useState<string | undefined>();
  const wards: WardView[] = useApi('receiving.wards', {}).value ?? [];
  // Another ward's history stays until this one's arrives; a failure shows none.
  const history: ReceivedExportView[] =
    useApi('receiving.history', { code: open ?? '' }, { enabled: !!open, keepPrevious: true }).value ?? [];
  return (
    <section className="panel" aria-labelledby="wards-heading">
      <h2 id="wards-heading">Các phường, xã ({wards.length})</h2>
      <div className="table-scroll">
        <table className="data-table" data-testid="wards-table">
          <thead>
            <tr>
              <th>Mã</th>
              <th>Phường, xã</th>
              <th className="num">Số bộ đã nhận</th>
              <th>Tháng gần nhất</th>
              <th>Nhận lúc</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {wards.map((w) => (
              <tr key={w.code}>
                <td>{w.code}</td>
                <td>{w.name}</td>
                <td className="num">{w.exports}</td>
                <td>{w.lastMonth ? formatMonthVi(w.lastMonth) : '—'}</td>
                <td>{w.lastReceivedAt ? formatLocalDateTime(w.lastReceivedAt) : '—'}</td>
                <td>
                  <button
                    type="button"
                    className="btn btn-secondary btn-small"
                    onClick={() => setOpen(open === w.code ? undefined : w.code)}
                    aria-expanded={open === w.code}
                  >
                    {open === w.code ? 'Ẩn lịch sử' : 'Lịch sử'}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ExpectedWardForm />
      {open && (
        <div className="table-scroll">
          <h3>Lịch sử nhận của {wards.find((w) => w.code === open)?.name ?? open}</h3>
          <table className="data-table" data-testid="ward-history">
            <thead>
              <tr>
                <th>Tháng</th>
                <th>Phường xuất lúc</th>
                <th>Nhận lúc</th>
                <th>Báo cáo</th>
                <th>Mốc neo nhật ký</th>
                <th>Trạng thái</th>
              </tr>
            </thead>
            <tbody>
              {history.map((h) => (
                <tr key={h.id}>
                  <td>{formatMonthVi(h.month)}</td>
                  <td>{formatLocalDateTime(h.createdAt)}</td>
                  <td>
                    {formatLocalDateTime(h.receivedAt)} {h.receivedBy && `(${h.receivedBy})`}
                  </td>
                  <td>{h.reports.length}</td>
                  <td>{h.anchor ? `mục số ${h.anchor.seq}` : '—'}</td>
                  <td>{h.replaced ? 'Đã được thay bằng bộ sửa lại' : 'Đang dùng'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/**
 * The wards' one-off rounds approved with a date in the month (each ward's own round rows, per programme)
 * and the month's approved money per programme: monthly payrolls + rounds = total, as the PDF's III and IV.
 */
function ConsolidatedRounds({ view }: { view: ConsolidatedView }) {
  const r = view.roundsTotal;
  return (
    <>
      <h3>Chi một lần theo đợt chi đã phê duyệt trong tháng</h3>
      {view.roundsByWard.length === 0 && <p>Không phường nào có đợt chi một lần đã phê duyệt trong tháng.</p>}
      <div className="table-scroll">
        <table className="data-table" data-testid="consolidated-rounds">
          <thead>
            <tr>
              <th>Phường, xã / chế độ</th>
              <th className="num">Số đợt chi</th>
              <th className="num">Số người nhận</th>
              <th className="num">Không dùng tiền mặt</th>
              <th className="num">Số tiền đã duyệt (đồng)</th>
            </tr>
          </thead>
          <tbody>
            {view.roundsByWard.map((w) => (
              <Fragment key={w.code}>
                <tr className="row-ward">
                  <td>
                    {w.name} ({w.code})
                  </td>
                  <td className="num">{w.rounds}</td>
                  <td className="num">{formatVnd(w.recipients)}</td>
                  <td className="num">{formatVnd(w.nonCash)}</td>
                  <td className="num">{formatVnd(w.approvedVnd)}</td>
                </tr>
                {w.byProgramme.map((p) => (
                  <tr key={p.programme}>
                    <td className="indent">{p.programmeName}</td>
                    <td />
                    <td className="num">{formatVnd(p.recipients)}</td>
                    <td className="num">{formatVnd(p.nonCash)}</td>
                    <td className="num">{formatVnd(p.approvedVnd)}</td>
                  </tr>
                ))}
              </Fragment>
            ))}
            <tr className="row-total">
              <td>Cộng các phường, xã</td>
              <td className="num">{r.rounds}</td>
              <td className="num">{formatVnd(r.recipients)}</td>
              <td className="num">{formatVnd(r.nonCash)}</td>
              <td className="num">{formatVnd(r.approvedVnd)}</td>
            </tr>
          </tbody>
        </table>
      </div>
      <h3>Tổng số tiền đã duyệt chi trong tháng</h3>
      <div className="table-scroll">
        <table className="data-table" data-testid="consolidated-money">
          <thead>
            <tr>
              <th>Chế độ</th>
              <th className="num">Bảng chi trả hằng tháng (đồng)</th>
              <th className="num">Đợt chi một lần (đồng)</th>
              <th className="num">Cộng (đồng)</th>
            </tr>
          </thead>
          <tbody>
            {view.money.map((m) => (
              <tr key={m.programme} className={m.programme === '' ? 'row-total' : undefined}>
                <td>{m.programmeName}</td>
                <td className="num">{m.payrollVnd === null ? '—' : formatVnd(m.payrollVnd)}</td>
                <td className="num">{formatVnd(m.roundsVnd)}</td>
                <td className="num">{formatVnd(m.totalVnd)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
