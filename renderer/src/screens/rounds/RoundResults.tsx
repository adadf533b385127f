import { useEffect, useState, type FormEvent } from 'react';
import type { JobIdOf, JobResult } from '@shared/api/contract';
import { IMPORT_OUTCOME_LABELS, type ImportOutcome, type ImportPreview } from '@shared/api/payroll-results';
import type {
  RoundLineSelection,
  RoundLineStatus,
  RoundReconciliation,
  RoundReconciliationRow,
  RoundResultLineView,
} from '@shared/api/round-results';
import type { RoundView } from '@shared/api/rounds';
import { formatDateVi, parseDateVi } from '@shared/domain/dates';
import { METHOD_SHORT, ROUND_LINE_STATUS_LABELS } from '@shared/domain/labels';
import { formatVnd } from '@shared/domain/money';
import { api } from '../../api/client';
import { useApi } from '../../api/query';
import { useCan } from '../../auth/session';
import { Dialog } from '../../components/Dialog';
import { FilePicker } from '../../components/FilePicker';
import { FolderPicker } from '../../components/FolderPicker';
import { JobProgress } from '../../components/JobProgress';
import { LoadStatus } from '../../components/LoadStatus';
import { readFileBase64 } from '../../components/readFile';
import { TextField } from '../../components/TextField';
import { useCheckedForm } from '../../components/useCheckedForm';
import { useJob } from '../../components/useJob';
import { downloadFile, XLSX_TYPE } from '../../download';
import { issuesOf, messageOf } from '../../errors';
import { hrefFor } from '../../routing';
import { personPagePath } from '../register/paths';

// An approved round's payment results (Kết quả chi trả): the reconciliation (paid + failed + not collected
// + pending = the round's total, to the đồng), a neighbourhood's signed list marked at once, each line's
// status with its own marks (cash: đã nhận / không đến nhận; transfer: đã chi trả / không thành công with
// the bank's reason), and the bank's result file matched by the payroll's reader. Officer and accountant
// record; the approver sees the same figures.

const PAGE = 100;
const CASH = new Set(['CASH_WARD', 'POST_OFFICE']);

type Outcome = 'paid' | 'failed' | 'not_collected';
interface MarkForm {
  onDate: string;
  neighbourhood: string;
}

const localMarkErrors = (v: MarkForm): Partial<Record<keyof MarkForm, string>> => ({
  ...(v.onDate.trim() && !parseDateVi(v.onDate)
    ? { onDate: 'Ngày chi trả: nhập theo dạng ngày/tháng/năm, ví dụ 21/01/2027.' }
    : {}),
});

function resultText(l: RoundResultLineView): string {
  if (l.status === 'pending') return ROUND_LINE_STATUS_LABELS.pending;
  const label = l.status === 'paid' && CASH.has(l.method) ? 'Đã nhận' : ROUND_LINE_STATUS_LABELS[l.status];
  const reason = l.status !== 'paid' && l.reason && l.reason !== label ? `: ${l.reason}` : '';
  return `${label}${l.onDate ? ` ngày ${formatDateVi(l.onDate)}` : ''}${reason}`;
}

type ReconciliationFile = JobResult<'roundResults.exportReconciliation'>;

const fileWords = (f: ReconciliationFile) =>
  `${formatVnd(f.lines)} dòng, tổng ${formatVnd(f.totalVnd)} đồng, đã chi trả ${formatVnd(f.paidVnd)} đồng.`;

/**
 * The printed reconciliation (as the payroll's): a PDF to sign, or the same figures as Excel, downloaded
 * or written to a folder (a USB stick) through main's safe writer and read back, as on the payroll's
 * Kết quả chi trả: the same folder field (FolderPicker, with the system's folder dialog in the desktop app)
 * and the same job channel with its `folder`.
 */
function ReconciliationPrint({ roundId }: { roundId: number }) {
  const [jobId, setJobId] = useState<JobIdOf<'roundResults.exportReconciliation'>>();
  const [message, setMessage] = useState<{ text: string; error: boolean } | undefined>();
  const [folder, setFolder] = useState('');
  const [folderError, setFolderError] = useState<string | undefined>();
  const job = useJob(jobId);
  const running = jobId !== undefined;

  useEffect(() => {
    const status = job.status;
    if (!status || status.state === 'running') return;
    if (status.state === 'done') {
      const f = status.result;
      if (f.path) setMessage({ text: `Đã ghi và kiểm tra lại ${f.path}: ${fileWords(f)}`, error: false });
      else {
        downloadFile(f.fileName, f.contentBase64, f.fileName.endsWith('.pdf') ? 'application/pdf' : XLSX_TYPE);
        setMessage({ text: `Đã tải về ${f.fileName}: ${fileWords(f)}`, error: false });
      }
    } else if (status.state === 'cancelled') {
      setMessage({ text: 'Đã huỷ lập báo cáo đối chiếu: không có tệp nào được ghi.', error: false });
    } else {
      setFolderError(status.error?.issues?.find((i) => i.path === 'folder')?.message);
      setMessage({ text: status.error?.message ?? 'Không lập được báo cáo đối chiếu.', error: true });
    }
    setJobId(undefined);
  }, [job.status]);

  const start = async (format: 'pdf' | 'xlsx', toFolder = false) => {
    setMessage(undefined);
    setFolderError(undefined);
    try {
      setJobId(
        (await api('roundResults.exportReconciliation', { roundId, format, ...(toFolder ? { folder } : {}) })).jobId,
      );
    } catch (e) {
      setFolderError(issuesOf(e).find((i) => i.path === 'folder')?.message);
      setMessage({ text: messageOf(e), error: true });
    }
  };
  return (
    <div className="round-results-print">
      <div className="round-inline">
        <button type="button" className="btn btn-secondary" disabled={running} onClick={() => void start('pdf')}>
          In báo cáo đối chiếu (PDF)
        </button>
        <button type="button" className="btn btn-secondary" disabled={running} onClick={() => void start('xlsx')}>
          Báo cáo đối chiếu (Excel)
        </button>
      </div>
      <div className="round-inline">
        <FolderPicker
          id="round-results-folder"
          label="Thư mục lưu (USB)"
          value={folder}
          onChange={setFolder}
          error={folderError}
        />
        <button
          type="button"
          className="btn btn-secondary"
          disabled={running || !folder.trim()}
          onClick={() => void start('pdf', true)}
        >
          Ghi bản PDF vào thư mục
        </button>
        <button
          type="button"
          className="btn btn-secondary"
          disabled={running || !folder.trim()}
          onClick={() => void start('xlsx', true)}
        >
          Ghi bản Excel vào thư mục
        </button>
      </div>
      {running && (
        <JobProgress
          status={job.status}
          label="Tiến độ lập báo cáo đối chiếu"
          unit="phần"
          cancelling={job.cancelling}
          onCancel={job.cancel}
        />
      )}
      {message && (
        <p
          className={message.error ? 'message message-error' : 'message message-info'}
          role={message.error ? 'alert' : 'status'}
        >
          {message.text}
        </p>
      )}
    </div>
  );
}

export function RoundResults({ round }: { round: RoundView }) {
  const rec = useApi('roundResults.reconciliation', { roundId: round.id }).state;
  const canRecord = useCan('roundResults.record');
  const form = useCheckedForm<MarkForm>({ onDate: '', neighbourhood: '' }, localMarkErrors, (path) =>
    path === 'onDate' ? 'onDate' : path.startsWith('selection') ? 'neighbourhood' : undefined,
  );
  const [message, setMessage] = useState<{ kind: 'info' | 'error'; text: string } | undefined>();
  const [busy, setBusy] = useState(false);
  const [failing, setFailing] = useState<RoundResultLineView | undefined>();

  /** One mark: the date typed above (today when empty). Returns whether it was written. */
  const record = async (outcome: Outcome, selection: RoundLineSelection, reason = ''): Promise<boolean> => {
    form.showAll();
    if (form.hasLocalErrors) return false;
    setBusy(true);
    setMessage(undefined);
    try {
      const r = await api('roundResults.record', {
        roundId: round.id,
        outcome,
        selection,
        reason,
        ...(form.value.onDate.trim() ? { onDate: form.value.onDate.trim() } : {}),
      });
      const skipped = r.skipped.length ? ` ${formatVnd(r.skipped.length)} dòng không ghi: ${r.skipped[0]!.reason}` : '';
      setMessage({
        kind: 'info',
        text: `Đã ghi ${formatVnd(r.changed)} dòng, ${formatVnd(r.amountVnd)} đồng.${skipped}`,
      });
      return true;
    } catch (e) {
      form.takeIssues(issuesOf(e));
      setMessage({ kind: 'error', text: messageOf(e) });
      return false;
    } finally {
      setBusy(false);
    }
  };

  // The select shows the first neighbourhood until one is picked: mark that one.
  const neighbourhoods = rec.status === 'loaded' ? rec.value.byNeighbourhood : [];
  const neighbourhood = neighbourhoods.some((n) => n.key === form.value.neighbourhood)
    ? form.value.neighbourhood
    : (neighbourhoods[0]?.key ?? '');

  return (
    <section className="panel" aria-labelledby="round-results-title">
      <h2 id="round-results-title">Kết quả chi trả, đối chiếu</h2>
      <LoadStatus state={rec} />
      {rec.status === 'loaded' && <Reconciliation rec={rec.value} />}
      {rec.status === 'loaded' && <ReconciliationPrint roundId={round.id} />}
      {canRecord && rec.status === 'loaded' && (
        <form
          className="round-inline round-results-mark"
          aria-label="Ghi kết quả theo khu phố"
          noValidate
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            void record('paid', { kind: 'neighbourhood', neighbourhood });
          }}
        >
          <TextField
            id="round-results-date"
            label="Ngày chi trả"
            hint="Để trống: hôm nay"
            value={form.value.onDate}
            onChange={(v) => form.change({ ...form.value, onDate: v }, 'onDate')}
            onBlur={() => form.blur('onDate')}
            error={form.errors.onDate}
            placeholder="ngày/tháng/năm"
          />
          <div className="field">
            <label htmlFor="round-results-neighbourhood">Khu phố (danh sách ký nhận đã ký)</label>
            <select
              id="round-results-neighbourhood"
              value={neighbourhood}
              onChange={(e) => form.change({ ...form.value, neighbourhood: e.target.value }, 'neighbourhood')}
            >
              {neighbourhoods.map((n) => (
                <option key={n.key} value={n.key}>
                  {n.label} — {formatVnd(n.pending.lines)} người chưa có kết quả
                </option>
              ))}
            </select>
            {form.errors.neighbourhood && <p className="field-error">{form.errors.neighbourhood}</p>}
          </div>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            Ghi đã nhận cho cả khu phố (tiền mặt)
          </button>
        </form>
      )}
      {canRecord && (
        <p className="hint">
          Ghi cả khu phố chỉ ghi những người nhận tiền mặt chưa có kết quả: ghi «Không đến nhận» cho người chưa ký
          trước, rồi ghi cả khu phố.
        </p>
      )}
      {message && (
        <p
          className={message.kind === 'error' ? 'message message-error' : 'message message-info'}
          role={message.kind === 'error' ? 'alert' : 'status'}
        >
          {message.text}
        </p>
      )}
      <ResultLines
        roundId={round.id}
        canRecord={canRecord}
        busy={busy}
        onMark={(l, outcome) => void record(outcome, { kind: 'lines', lineIds: [l.id] })}
        onFail={setFailing}
      />
      {canRecord && <ResultImport roundId={round.id} />}
      {failing && (
        <FailDialog
          line={failing}
          onClose={() => setFailing(undefined)}
          onSubmit={async (reason) => {
            if (await record('failed', { kind: 'lines', lineIds: [failing.id] }, reason)) setFailing(undefined);
          }}
        />
      )}
    </section>
  );
}

function Reconciliation({ rec }: { rec: RoundReconciliation }) {
  const t = rec.total;
  const rows: Array<[string, { lines: number; amountVnd: number }]> = [
    ['Đã chi trả', t.paid],
    ['Không thành công (chuyển khoản)', t.failed],
    ['Không đến nhận (tiền mặt)', t.notCollected],
    ['Chưa có kết quả', t.pending],
  ];
  return (
    <>
      <table className="data-table round-table" aria-label="Đối chiếu kết quả chi trả">
        <thead>
          <tr>
            <th scope="col">Kết quả</th>
            <th scope="col" className="num">
              Số người
            </th>
            <th scope="col" className="num">
              Số tiền (đồng)
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, b]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td className="num">{formatVnd(b.lines)}</td>
              <td className="num">{formatVnd(b.amountVnd)}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">Cộng (bằng tổng đợt chi)</th>
            <td className="num">{formatVnd(t.lines)}</td>
            <td className="num" data-testid="round-results-total">
              {formatVnd(t.amountVnd)}
            </td>
          </tr>
        </tbody>
      </table>
      <p
        className={rec.reconciles ? 'hint' : 'message message-error'}
        role={rec.reconciles ? undefined : 'alert'}
        data-testid="round-results-check"
      >
        {rec.reconciles
          ? `Khớp: đã chi ${formatVnd(t.paid.amountVnd)} + chưa chi ${formatVnd(t.balanceVnd)} = ${formatVnd(rec.round.totalVnd)} đồng (tổng đợt chi đã duyệt).`
          : `Không khớp tổng đợt chi đã duyệt (${formatVnd(rec.round.totalVnd)} đồng): báo người quản trị.`}
      </p>
      <details>
        <summary>Theo hình thức chi trả và theo khu phố</summary>
        <BreakdownTable caption="Theo hình thức chi trả" rows={rec.byMethod} />
        <BreakdownTable caption="Theo khu phố" rows={rec.byNeighbourhood} />
      </details>
    </>
  );
}

function BreakdownTable({ caption, rows }: { caption: string; rows: RoundReconciliationRow[] }) {
  return (
    <table className="data-table round-table" aria-label={caption}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col"></th>
          <th scope="col" className="num">
            Tổng (đồng)
          </th>
          <th scope="col" className="num">
            Đã chi trả
          </th>
          <th scope="col" className="num">
            Không thành công
          </th>
          <th scope="col" className="num">
            Không đến nhận
          </th>
          <th scope="col" className="num">
            Chưa có kết quả
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">
              {r.label} ({formatVnd(r.lines)})
            </th>
            <td className="num">{formatVnd(r.amountVnd)}</td>
            <td className="num">{formatVnd(r.paid.amountVnd)}</td>
            <td className="num">{formatVnd(r.failed.amountVnd)}</td>
            <td className="num">{formatVnd(r.notCollected.amountVnd)}</td>
            <td className="num">{formatVnd(r.pending.amountVnd)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ResultLines({
  roundId,
  canRecord,
  busy,
  onMark,
  onFail,
}: {
  roundId: number;
  canRecord: boolean;
  busy: boolean;
  onMark: (l: RoundResultLineView, outcome: Outcome) => void;
  onFail: (l: RoundResultLineView) => void;
}) {
  const [status, setStatus] = useState<RoundLineStatus | ''>('');
  const [channel, setChannel] = useState<'cash' | 'bank' | ''>('');
  const [text, setText] = useState('');
  const [offset, setOffset] = useState(0);
  const lines = useApi(
    'roundResults.lines',
    {
      roundId,
      offset,
      limit: PAGE,
      ...(status ? { status } : {}),
      ...(channel ? { channel } : {}),
      ...(text.trim() ? { text: text.trim() } : {}),
    },
    { keepPrevious: true },
  ).state;
  return (
    <>
      <div className="round-inline">
        <div className="field">
          <label htmlFor="round-results-status">Kết quả</label>
          <select
            id="round-results-status"
            value={status}
            onChange={(e) => {
              setStatus(e.target.value as RoundLineStatus | '');
              setOffset(0);
            }}
          >
            <option value="">Tất cả</option>
            {(Object.keys(ROUND_LINE_STATUS_LABELS) as RoundLineStatus[]).map((s) => (
              <option key={s} value={s}>
                {ROUND_LINE_STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="round-results-channel">Hình thức</label>
          <select
            id="round-results-channel"
            value={channel}
            onChange={(e) => {
              setChannel(e.target.value as 'cash' | 'bank' | '');
              setOffset(0);
            }}
          >
            <option value="">Tất cả</option>
            <option value="cash">Tiền mặt, bưu điện</option>
            <option value="bank">Chuyển khoản</option>
          </select>
        </div>
        <TextField
          id="round-results-search"
          label="Tìm"
          value={text}
          onChange={(v) => {
            setText(v);
            setOffset(0);
          }}
          placeholder="tên, 4 số cuối tài khoản"
        />
      </div>
      <LoadStatus state={lines} />
      {lines.status === 'loaded' && (
        <>
          <table className="data-table round-table" aria-label="Kết quả từng người">
            <thead>
              <tr>
                <th scope="col">STT</th>
                <th scope="col">Họ và tên</th>
                <th scope="col">Khu phố</th>
                <th scope="col">Hình thức</th>
                <th scope="col" className="num">
                  Số tiền (đồng)
                </th>
                <th scope="col">Kết quả</th>
                {canRecord && <th scope="col">Ghi kết quả</th>}
              </tr>
            </thead>
            <tbody>
              {lines.value.rows.map((l) => {
                const cash = CASH.has(l.method);
                return (
                  <tr key={l.id}>
                    <td>{l.lineNo}</td>
                    <th scope="row">
                      <a href={hrefFor(personPagePath(l.personId))}>{l.fullName}</a>
                    </th>
                    <td>{l.neighbourhood}</td>
                    <td>
                      {METHOD_SHORT[l.method]}
                      {l.account ? ` ${l.account}` : ''}
                    </td>
                    <td className="num">{formatVnd(l.amountVnd)}</td>
                    <td data-testid="round-result-status">{resultText(l)}</td>
                    {canRecord && (
                      <td>
                        <div className="round-result-actions">
                          {l.status !== 'paid' && (
                            <button
                              type="button"
                              className="btn btn-secondary"
                              disabled={busy}
                              aria-label={`${cash ? 'Đã nhận' : 'Đã chi trả'}: ${l.fullName}`}
                              onClick={() => onMark(l, 'paid')}
                            >
                              {cash ? 'Đã nhận' : 'Đã chi trả'}
                            </button>
                          )}
                          {cash && l.status === 'pending' && (
                            <button
                              type="button"
                              className="btn"
                              disabled={busy}
                              aria-label={`Không đến nhận: ${l.fullName}`}
                              onClick={() => onMark(l, 'not_collected')}
                            >
                              Không đến nhận
                            </button>
                          )}
                          {!cash && l.status !== 'paid' && (
                            <button
                              type="button"
                              className="btn"
                              disabled={busy}
                              aria-label={`Không thành công: ${l.fullName}`}
                              onClick={() => onFail(l)}
                            >
                              Không thành công…
                            </button>
                          )}
                        </div>
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
          <p className="hint">
            {lines.value.total === 0
              ? 'Không có dòng nào.'
              : `Dòng ${formatVnd(offset + 1)}–${formatVnd(Math.min(offset + PAGE, lines.value.total))} trong ${formatVnd(lines.value.total)}, ${formatVnd(lines.value.totalVnd)} đồng.`}{' '}
            {offset > 0 && (
              <button type="button" className="btn" onClick={() => setOffset(Math.max(0, offset - PAGE))}>
                Trang trước
              </button>
            )}{' '}
            {offset + PAGE < lines.value.total && (
              <button type="button" className="btn" onClick={() => setOffset(offset + PAGE)}>
                Trang sau
              </button>
            )}
          </p>
        </>
      )}
    </>
  );
}

function FailDialog({
  line,
  onClose,
  onSubmit,
}: {
  line: RoundResultLineView;
  onClose: () => void;
  onSubmit: (reason: string) => Promise<void>;
}) {
  const form = useCheckedForm<{ reason: string }>({ reason: '' }, (v) =>
    v.reason.trim() ? {} : { reason: 'Lý do: ghi lý do ngân hàng báo không thành công.' },
  );
  const [busy, setBusy] = useState(false);
  return (
    <Dialog title={`Chuyển khoản không thành công — ${line.fullName}`} onClose={onClose}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          form.showAll();
          if (form.hasLocalErrors) return;
          setBusy(true);
          void onSubmit(form.value.reason.trim()).finally(() => setBusy(false));
        }}
      >
        <TextField
          id="round-fail-reason"
          label="Lý do (theo ngân hàng)"
          required
          value={form.value.reason}
          onChange={(v) => form.change({ reason: v }, 'reason')}
          onBlur={() => form.blur('reason')}
          error={form.errors.reason}
        />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            Ghi không thành công
          </button>
          <button type="button" className="btn" onClick={onClose}>
            Huỷ
          </button>
        </div>
      </form>
    </Dialog>
  );
}

const SHOWN: ImportOutcome[] = ['paid', 'failed', 'already', 'unmatched', 'ambiguous', 'conflict', 'invalid'];

/** The bank's result file for the round's transfers: preview (nothing written), then Ghi kết quả. */
function ResultImport({ roundId }: { roundId: number }) {
  const [file, setFile] = useState<File | null>(null);
  const [pickerKey, setPickerKey] = useState(0);
  const [preview, setPreview] = useState<ImportPreview | undefined>();
  const [note, setNote] = useState<{ kind: 'info' | 'error'; text: string } | undefined>();
  const [previewJobId, setPreviewJobId] = useState<JobIdOf<'roundResults.previewImport'>>();
  const [commitJobId, setCommitJobId] = useState<JobIdOf<'roundResults.commitImport'>>();
  const previewJob = useJob(previewJobId);
  const commitJob = useJob(commitJobId);

  useEffect(() => {
    const s = previewJob.status;
    if (!s || s.state === 'running') return;
    if (s.state === 'done') setPreview(s.result);
    else setNote({ kind: 'error', text: s.state === 'cancelled' ? 'Đã huỷ đọc tệp.' : (s.error?.message ?? '') });
    setPreviewJobId(undefined);
  }, [previewJob.status]);

  useEffect(() => {
    const s = commitJob.status;
    if (!s || s.state === 'running') return;
    if (s.state === 'done') {
      setNote({ kind: 'info', text: s.result.message });
      setPreview(undefined);
      setFile(null);
      setPickerKey((k) => k + 1);
    } else setNote({ kind: 'error', text: s.error?.message ?? 'Không ghi được kết quả.' });
    setCommitJobId(undefined);
  }, [commitJob.status]);

  const busy = previewJobId !== undefined || commitJobId !== undefined;
  const start = async () => {
    if (!file) return;
    setNote(undefined);
    setPreview(undefined);
    try {
      const contentBase64 = await readFileBase64(file);
      setPreviewJobId((await api('roundResults.previewImport', { roundId, fileName: file.name, contentBase64 })).jobId);
    } catch (e) {
      setNote({ kind: 'error', text: messageOf(e) });
    }
  };
  const commit = async () => {
    if (!preview) return;
    try {
      setCommitJobId((await api('roundResults.commitImport', { token: preview.token })).jobId);
    } catch (e) {
      setNote({ kind: 'error', text: messageOf(e) });
    }
  };
  return (
    <details className="round-results-import">
      <summary>Nhập tệp kết quả của ngân hàng (chuyển khoản)</summary>
      <p className="hint">
        Khớp theo số tài khoản và số tiền, như bảng lương (định dạng tệp kết quả đặt ở Bảng lương → Kết quả). Dòng không
        khớp được liệt kê, không tự đoán; nhập lại cùng tệp không thay đổi gì.
      </p>
      <div className="round-inline">
        <FilePicker
          key={pickerKey}
          label="Tệp kết quả (.xlsx, .csv)"
          accept=".xlsx,.csv,.txt"
          disabled={busy}
          onPick={setFile}
        />
        <button type="button" className="btn btn-secondary" disabled={!file || busy} onClick={() => void start()}>
          Xem trước
        </button>
      </div>
      {previewJobId && (
        <JobProgress
          status={previewJob.status}
          label="Tiến độ đọc tệp kết quả"
          unit="phần"
          cancelling={previewJob.cancelling}
          onCancel={previewJob.cancel}
        />
      )}
      {preview && (
        <div aria-label="Xem trước kết quả">
          <ul>
            {SHOWN.filter((k) => preview.counts[k] > 0).map((k) => (
              <li key={k}>
                {IMPORT_OUTCOME_LABELS[k]}: <strong>{formatVnd(preview.counts[k])}</strong>
                {k === 'paid' && ` (${formatVnd(preview.amounts.paidVnd)} đồng)`}
                {k === 'failed' && ` (${formatVnd(preview.amounts.failedVnd)} đồng)`}
              </li>
            ))}
          </ul>
          {preview.problems.slice(0, 20).map((r) => (
            <p key={r.row} className="hint">
              Dòng {r.row} ({r.account}): {r.note}
            </p>
          ))}
          <button
            type="button"
            className="btn btn-primary"
            disabled={busy || preview.counts.paid + preview.counts.failed === 0}
            onClick={() => void commit()}
          >
            Ghi kết quả
          </button>
        </div>
      )}
      {note && (
        <p
          className={note.kind === 'error' ? 'message message-error' : 'message message-info'}
          role={note.kind === 'error' ? 'alert' : 'status'}
        >
          {note.text}
        </p>
      )}
    </details>
  );
}
