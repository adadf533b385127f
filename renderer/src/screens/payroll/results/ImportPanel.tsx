import { FilePicker } from '../../../components/FilePicker';
import { useEffect, useState } from 'react';
import {
  DEFAULT_RESULT_FORMAT,
  IMPORT_OUTCOME_LABELS,
  type ImportOutcome,
  type ImportPreview,
  type ImportResult,
  type ResultFormat,
} from '@shared/api/payroll-results';
import { formatDateVi } from '@shared/domain/dates';
import { formatVnd } from '@shared/domain/money';
import { api } from '../../../api/client';
import { useApi } from '../../../api/query';
import { JobProgress } from '../../../components/JobProgress';
import { useJob } from '../../../components/useJob';
import { messageOf } from '../../../errors';
import { readFileBase64 } from '../../../components/readFile';
import type { JobIdOf } from '@shared/api/contract';

// Import of the bank's result file: choose the file → preview (what will be marked, what cannot be
// placed and why; nothing written) → "Ghi kết quả" runs the write as a job with progress and Huỷ.
// "Định dạng tệp kết quả" says where the bank puts each field, and can be saved as the default.

const SHOWN_COUNTS: ImportOutcome[] = ['paid', 'failed', 'already', 'unmatched', 'ambiguous', 'conflict', 'invalid'];

type FormatText = Record<keyof ResultFormat, string>;
const toText = (f: ResultFormat): FormatText => ({
  ...f,
  paidWords: f.paidWords.join(', '),
  failedWords: f.failedWords.join(', '),
});
const words = (s: string) =>
  s
    .split(',')
    .map((w) => w.trim())
    .filter(Boolean);
const fromText = (t: FormatText): ResultFormat => ({
  ...t,
  paidWords: words(t.paidWords),
  failedWords: words(t.failedWords),
});

const FORMAT_FIELDS: Array<[keyof ResultFormat, string]> = [
  ['account', 'Cột số tài khoản'],
  ['amount', 'Cột số tiền'],
  ['status', 'Cột trạng thái'],
  ['reason', 'Cột lý do'],
  ['reference', 'Cột mã giao dịch'],
  ['paidWords', 'Từ chỉ thành công (thêm, cách nhau dấu phẩy)'],
  ['failedWords', 'Từ chỉ thất bại (thêm, cách nhau dấu phẩy)'],
];

export function ImportPanel({ payrollId, onWritten }: { payrollId: number; onWritten: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [inputKey, setInputKey] = useState(0);
  const [preview, setPreview] = useState<ImportPreview | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<ImportResult | undefined>();
  const [jobId, setJobId] = useState<JobIdOf<'payrollResults.commitImport'>>();
  const [previewJobId, setPreviewJobId] = useState<JobIdOf<'payrollResults.previewImport'>>();
  const [format, setFormat] = useState<FormatText>(toText(DEFAULT_RESULT_FORMAT));
  const [formatNote, setFormatNote] = useState<string | undefined>();
  const job = useJob(jobId);
  const previewJob = useJob(previewJobId);

  // The saved format fills the form when it arrives (and again after it is saved: the same values).
  const saved = useApi('payrollResults.getFormat', {}).value;
  useEffect(() => {
    if (saved) setFormat(toText(saved));
  }, [saved]);

  useEffect(() => {
    const status = job.status;
    if (!status || status.state === 'running') return;
    if (status.state === 'done') {
      setDone(status.result);
      setPreview(undefined);
      setFile(null);
      setInputKey((k) => k + 1);
      onWritten();
    } else if (status.state === 'cancelled') setError('Đã huỷ: không có kết quả nào được ghi.');
    else setError(status.error?.message ?? 'Không ghi được kết quả.');
    setJobId(undefined);
    // Only the job's end drives this; `onWritten` is the parent's reload, read when it ends.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [job.status]);

  useEffect(() => {
    const status = previewJob.status;
    if (!status || status.state === 'running') return;
    if (status.state === 'done') setPreview(status.result);
    else if (status.state === 'cancelled') setError('Đã huỷ đọc tệp: không có gì được ghi.');
    else setError(status.error?.message ?? 'Không đọc được tệp kết quả.');
    setPreviewJobId(undefined);
    setBusy(false);
  }, [previewJob.status]);

  const runPreview = async () => {
    if (!file) return;
    setBusy(true);
    setError(undefined);
    setDone(undefined);
    setPreview(undefined);
    try {
      const contentBase64 = await readFileBase64(file);
      setPreviewJobId(
        (
          await api('payrollResults.previewImport', {
            payrollId,
            fileName: file.name,
            contentBase64,
            format: fromText(format),
          })
        ).jobId,
      );
    } catch (e) {
      setError(messageOf(e));
      setBusy(false);
    }
  };

  const commit = async () => {
    if (!preview) return;
    setError(undefined);
    try {
      setJobId((await api('payrollResults.commitImport', { token: preview.token })).jobId);
    } catch (e) {
      setError(messageOf(e));
    }
  };

  const saveFormat = async () => {
    setFormatNote(undefined);
    try {
      setFormat(toText(await api('payrollResults.saveFormat', fromText(format))));
      setFormatNote('Đã lưu định dạng làm mặc định.');
    } catch (e) {
      setFormatNote(messageOf(e));
    }
  };

  const writing = jobId !== undefined;
  const toWrite = preview ? preview.counts.paid + preview.counts.failed : 0;

  return (
    <section className="panel results-import" aria-labelledby="results-import-heading">
      <h3 id="results-import-heading">Nhập tệp kết quả của ngân hàng</h3>
      <p className="hint">
        Mỗi dòng của tệp được khớp với dòng bảng lương theo <strong>số tài khoản và số tiền</strong>. Dòng không khớp
        hoặc khớp nhiều dòng được liệt kê, không tự đoán. Nhập lại cùng một tệp không thay đổi gì.
      </p>
      <div className="results-import-pick">
        <span className="field-label" aria-hidden="true">
          Tệp kết quả (.xlsx, .csv)
        </span>
        <FilePicker
          key={inputKey}
          label="Tệp kết quả (.xlsx, .csv)"
          accept=".xlsx,.csv,.txt"
          disabled={busy || writing}
          onPick={setFile}
        />
        <button
          type="button"
          className="btn btn-primary"
          disabled={!file || busy || writing}
          onClick={() => void runPreview()}
        >
          {busy ? 'Đang đọc tệp…' : 'Xem trước'}
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
      <details className="results-format">
        <summary>Định dạng tệp kết quả</summary>
        <p className="hint">Ghi tên tiêu đề cột như trong tệp của ngân hàng, hoặc chữ cái của cột (ví dụ B).</p>
        <div className="results-format-fields">
          {FORMAT_FIELDS.map(([key, label]) => (
            <label key={key}>
              {label}
              <input
                type="text"
                value={format[key]}
                onChange={(e) => setFormat({ ...format, [key]: e.target.value })}
              />
            </label>
          ))}
        </div>
        <button type="button" className="btn btn-secondary" onClick={() => void saveFormat()}>
          Lưu làm mặc định
        </button>
        {formatNote && <p role="status">{formatNote}</p>}
      </details>

      {error && (
        <div className="message message-error" role="alert">
          <p>{error}</p>
        </div>
      )}
      {done && (
        <div className="message message-info" role="status" aria-label="Kết quả nhập tệp">
          <p>{done.message}</p>
        </div>
      )}

      {preview && (
        <div className="results-preview" aria-label="Xem trước kết quả">
          <p>
            Tệp <strong>{preview.fileName}</strong>: {preview.rows.toLocaleString('vi-VN')} dòng. Cột: số tài khoản{' '}
            {preview.columns.account}, số tiền {preview.columns.amount}, trạng thái {preview.columns.status}
            {preview.columns.reason && `, lý do ${preview.columns.reason}`}
            {preview.columns.reference && `, mã giao dịch ${preview.columns.reference}`}.
          </p>
          {preview.importedBefore && (
            <div className="message message-info" role="status">
              <p>
                Tệp này đã được nhập ngày {formatDateVi(preview.importedBefore.slice(0, 10))}: những dòng đã ghi sẽ
                không thay đổi.
              </p>
            </div>
          )}
          <ul className="results-counts">
            {SHOWN_COUNTS.filter((k) => preview.counts[k] > 0).map((k) => (
              <li key={k}>
                {IMPORT_OUTCOME_LABELS[k]}: <strong>{preview.counts[k].toLocaleString('vi-VN')}</strong>
                {k === 'paid' && ` (${formatVnd(preview.amounts.paidVnd)} đồng)`}
                {k === 'failed' && ` (${formatVnd(preview.amounts.failedVnd)} đồng)`}
              </li>
            ))}
          </ul>
          {preview.missingFromFile > 0 && (
            <p>
              {preview.missingFromFile.toLocaleString('vi-VN')} dòng chuyển khoản của bảng lương chưa có kết quả và
              không có trong tệp này.
            </p>
          )}
          {preview.problems.length > 0 && (
            <div className="table-scroll">
              <table className="results-table">
                <caption>Các dòng không ghi được</caption>
                <thead>
                  <tr>
                    <th scope="col">Dòng</th>
                    <th scope="col">Số tài khoản</th>
                    <th scope="col" className="num">
                      Số tiền
                    </th>
                    <th scope="col">Trạng thái</th>
                    <th scope="col">Vì sao</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.problems.map((r) => (
                    <tr key={r.row}>
                      <td>{r.row}</td>
                      <td>{r.account}</td>
                      <td className="num">{r.amountVnd === null ? '' : formatVnd(r.amountVnd)}</td>
                      <td>{r.statusText}</td>
                      <td>
                        {IMPORT_OUTCOME_LABELS[r.outcome]}: {r.note}
                        {r.names.length > 0 && ` (${r.names.join(', ')})`}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {preview.toMark.length > 0 && (
            <details>
              <summary>
                Các dòng sẽ ghi
                {toWrite > preview.toMark.length ? ` (${preview.toMark.length.toLocaleString('vi-VN')} dòng đầu)` : ''}
              </summary>
              <div className="table-scroll">
                <table className="results-table">
                  <caption className="sr-only">Các dòng sẽ ghi</caption>
                  <thead>
                    <tr>
                      <th scope="col">Dòng</th>
                      <th scope="col">Người hưởng</th>
                      <th scope="col">Số tài khoản</th>
                      <th scope="col" className="num">
                        Số tiền
                      </th>
                      <th scope="col">Sẽ ghi</th>
                      <th scope="col">Lý do, mã giao dịch</th>
                    </tr>
                  </thead>
                  <tbody>
                    {preview.toMark.map((r) => (
                      <tr key={r.row}>
                        <td>{r.row}</td>
                        <td>{r.names.join(', ')}</td>
                        <td>{r.account}</td>
                        <td className="num">{r.amountVnd === null ? '' : formatVnd(r.amountVnd)}</td>
                        <td>{r.outcome === 'paid' ? 'Đã chi trả' : 'Không thành công'}</td>
                        <td>{[r.reason, r.reference].filter(Boolean).join(' · ')}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </details>
          )}
          {writing ? (
            <JobProgress
              status={job.status}
              label="Tiến độ ghi kết quả"
              unit="dòng"
              cancelling={job.cancelling}
              onCancel={job.cancel}
            />
          ) : (
            <div className="results-actions">
              <button type="button" className="btn btn-primary" disabled={toWrite === 0} onClick={() => void commit()}>
                Ghi kết quả ({toWrite.toLocaleString('vi-VN')} dòng)
              </button>
              <button type="button" className="btn btn-secondary" onClick={() => setPreview(undefined)}>
                Bỏ qua tệp này
              </button>
            </div>
          )}
        </div>
      )}
    </section>
  );
}
