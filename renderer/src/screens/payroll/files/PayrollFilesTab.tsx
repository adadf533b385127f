import { useEffect, useState } from 'react';
import { formatFileSize } from '@shared/domain/format';
import type { FilesPlan } from '@shared/api/payroll-files';
import { PAYROLL_FILE_KIND_LABELS, type PayrollFileKind } from '@shared/api/payroll-files-text';
import { formatVnd } from '@shared/domain/money';
import { formatMonthVi } from '@shared/domain/dates';
import { PrintButton } from '../../../components/PrintButton';
import { api } from '../../../api/client';
import { useApi } from '../../../api/query';
import { FolderPicker } from '../../../components/FolderPicker';
import { JobProgress } from '../../../components/JobProgress';
import { useJob } from '../../../components/useJob';
import { downloadFile } from '../../../download';
import { issuesOf, messageOf } from '../../../errors';
import type { PayrollTabProps } from '../tabs';
import './payroll-files.css';
import type { JobIdOf } from '@shared/api/contract';

// "Tệp chi trả" on an approved payroll's page: the files for the payer (bank batches, cash and post-office
// lists, the monthly summary), chosen, then written to a folder (a USB stick) as a job with progress and
// Huỷ; or one file downloaded. Totals of every file are shown next to the payroll's total.

type Outcome =
  | { kind: 'none' }
  | { kind: 'ok'; text: string; files?: Array<{ fileName: string; path: string }> }
  | { kind: 'error'; text: string };

const KIND_ORDER: PayrollFileKind[] = ['bank', 'cash-pdf', 'cash-xlsx', 'post-pdf', 'post-xlsx', 'summary-pdf'];

export function PayrollFilesTab({ payrollId, month }: PayrollTabProps) {
  const [allProgrammes, setAllProgrammes] = useState(false);
  const [listsBy, setListsBy] = useState<'neighbourhood' | 'ward'>('neighbourhood');
  const planQuery = useApi('payrollFiles.plan', { payrollId, allProgrammes, listsBy });
  const plan: FilesPlan | undefined = planQuery.value;
  const loadError = planQuery.state.status === 'failed' ? planQuery.state.message : undefined;
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [folder, setFolder] = useState('');
  const [folderError, setFolderError] = useState<string | undefined>();
  const [jobId, setJobId] = useState<JobIdOf<'payrollFiles.export'>>();
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'none' });
  const job = useJob(jobId);

  // Every file of a new plan starts chosen (the same plan again keeps the user's choice: the cache
  // hands back the same object when nothing changed).
  useEffect(() => {
    if (plan) setChosen(new Set(plan.files.map((f) => f.key)));
  }, [plan]);

  useEffect(() => {
    const status = job.status;
    if (!status || status.state === 'running') return;
    if (status.state === 'done') {
      const result = status.result;
      if (result.destination === 'download') {
        downloadFile(result.fileName, result.contentBase64, result.mimeType);
        setOutcome({
          kind: 'ok',
          text: `Đã tải về ${result.fileName} (${result.count.toLocaleString('vi-VN')} dòng, ${formatVnd(result.totalVnd)} đồng).`,
        });
      } else {
        const total = result.files.reduce((s, f) => s + f.bytes, 0);
        setOutcome({
          kind: 'ok',
          text: `Đã ghi và kiểm tra lại ${result.files.length} tệp (${formatFileSize(total)}) vào ${result.folder}.`,
          files: result.files,
        });
      }
    } else if (status.state === 'cancelled') {
      setOutcome({ kind: 'ok', text: 'Đã huỷ: không có tệp nào được ghi.' });
    } else {
      setOutcome({ kind: 'error', text: status.error?.message ?? 'Không lập được tệp chi trả.' });
    }
    setJobId(undefined);
  }, [job.status]);

  const start = async (files: string[], toFolder: boolean) => {
    setOutcome({ kind: 'none' });
    setFolderError(undefined);
    try {
      const { jobId: id } = await api('payrollFiles.export', {
        payrollId,
        allProgrammes,
        listsBy,
        files,
        ...(toFolder ? { folder } : {}),
      });
      setJobId(id);
    } catch (error) {
      const issue = issuesOf(error).find((i) => i.path === 'folder');
      if (issue) setFolderError(issue.message);
      setOutcome({ kind: 'error', text: messageOf(error) });
    }
  };

  const toggle = (key: string) =>
    setChosen((old) => {
      const next = new Set(old);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });

  const busy = jobId !== undefined;
  const files = plan ? [...plan.files].sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind)) : [];
  const sumOf = (kind: PayrollFileKind) => files.filter((f) => f.kind === kind).reduce((s, f) => s + f.totalVnd, 0);

  return (
    <section className="payroll-files" aria-labelledby="payroll-files-heading">
      <h2 id="payroll-files-heading">Tệp chi trả tháng {formatMonthVi(month)}</h2>
      <fieldset className="payroll-files-options" disabled={busy}>
        <legend>Phạm vi</legend>
        <label>
          <input type="checkbox" checked={allProgrammes} onChange={(e) => setAllProgrammes(e.target.checked)} /> Gộp tất
          cả chế độ đã phê duyệt của tháng
        </label>
        <span role="radiogroup" aria-label="Danh sách chi trả">
          <label>
            <input
              type="radio"
              name="lists-by"
              checked={listsBy === 'neighbourhood'}
              onChange={() => setListsBy('neighbourhood')}
            />{' '}
            Danh sách theo từng khu phố
          </label>
          <label>
            <input type="radio" name="lists-by" checked={listsBy === 'ward'} onChange={() => setListsBy('ward')} /> Một
            danh sách toàn phường/xã
          </label>
        </span>
      </fieldset>

      {loadError && (
        <div className="message message-error" role="alert">
          <p>{loadError}</p>
        </div>
      )}
      {!plan && !loadError && <p role="status">Đang tính các tệp…</p>}
      {plan && (
        <>
          <p className="payroll-files-total">
            Bảng chi trả đã phê duyệt: <strong>{plan.payrollCount.toLocaleString('vi-VN')}</strong> dòng, tổng{' '}
            <strong>{formatVnd(plan.payrollTotalVnd)}</strong> đồng. Chuyển khoản {formatVnd(sumOf('bank'))} + tiền mặt{' '}
            {formatVnd(sumOf('cash-pdf'))} + bưu điện {formatVnd(sumOf('post-pdf'))} ={' '}
            <strong>{formatVnd(sumOf('bank') + sumOf('cash-pdf') + sumOf('post-pdf'))}</strong> đồng.
          </p>
          {plan.warnings.map((w) => (
            <div key={w} className="message message-error" role="alert">
              <p>{w}</p>
            </div>
          ))}
          <table className="payroll-files-table">
            <caption className="sr-only">Các tệp chi trả</caption>
            <thead>
              <tr>
                <th scope="col">Chọn</th>
                <th scope="col">Loại tệp</th>
                <th scope="col">Phạm vi</th>
                <th scope="col">Tên tệp</th>
                <th scope="col" className="num">
                  Số dòng
                </th>
                <th scope="col" className="num">
                  Số tiền (đồng)
                </th>
                <th scope="col">Tải về / In</th>
              </tr>
            </thead>
            <tbody>
              {files.map((f) => (
                <tr key={f.key}>
                  <td>
                    <input
                      type="checkbox"
                      checked={chosen.has(f.key)}
                      onChange={() => toggle(f.key)}
                      disabled={busy}
                      aria-label={`Chọn ${f.fileName}`}
                    />
                  </td>
                  <td>{PAYROLL_FILE_KIND_LABELS[f.kind]}</td>
                  <td>{f.label}</td>
                  <td className="payroll-files-name">{f.fileName}</td>
                  <td className="num">{f.count.toLocaleString('vi-VN')}</td>
                  <td className="num">{formatVnd(f.totalVnd)}</td>
                  <td>
                    <button
                      type="button"
                      className="btn btn-secondary btn-small"
                      disabled={busy}
                      onClick={() => void start([f.key], false)}
                      aria-label={`Tải về ${f.fileName}`}
                    >
                      Tải về
                    </button>
                    {f.fileName.endsWith('.pdf') && (
                      <PrintButton
                        className="btn btn-secondary btn-small"
                        label={`In ${f.fileName} ra máy in (khổ A4)`}
                        print={async () =>
                          await api('print.payrollFile', { payrollId, allProgrammes, listsBy, fileKey: f.key })
                        }
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>

          <div className="payroll-files-write">
            <FolderPicker
              id="payroll-files-folder"
              label="Thư mục lưu (USB)"
              value={folder}
              onChange={setFolder}
              required
              error={folderError}
            />
            <button
              type="button"
              className="btn btn-primary"
              disabled={busy || chosen.size === 0}
              onClick={() => void start([...chosen], true)}
            >
              Ghi {chosen.size} tệp vào thư mục
            </button>
          </div>
        </>
      )}

      {busy && (
        <div className="payroll-files-progress">
          <JobProgress
            status={job.status}
            label="Tiến độ lập tệp chi trả"
            unit="dòng"
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
          {outcome.kind === 'ok' && outcome.files && (
            <ul className="payroll-files-written" aria-label="Các tệp đã ghi">
              {outcome.files.map((f) => (
                <li key={f.path}>{f.path}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
