import { useEffect, useState } from 'react';
import {
  LINE_STATUS_LABELS,
  LINE_STATUSES,
  type Reconciliation,
  type ReconciliationRow,
} from '@shared/api/payroll-results';
import { formatMonthVi } from '@shared/domain/dates';
import { formatVnd } from '@shared/domain/money';
import { api } from '../../../api/client';
import { useApi } from '../../../api/query';
import { useCan } from '../../../auth/session';
import { JobProgress } from '../../../components/JobProgress';
import { useJob } from '../../../components/useJob';
import { downloadFile, XLSX_TYPE } from '../../../download';
import { issuesOf, messageOf } from '../../../errors';
import { FolderPicker } from '../../../components/FolderPicker';
import type { PayrollTabProps } from '../tabs';
import { ImportPanel } from './ImportPanel';
import { LinesPanel } from './LinesPanel';
import './results.css';
import type { JobIdOf } from '@shared/api/contract';

// "Kết quả chi trả" on an approved payroll's page: the payer's answer (bank result file, signed cash
// lists), the officer's decisions on what was not paid, and the reconciliation report (xlsx, PDF) whose
// figures partition the payroll's total to the đồng.

export function ResultsTab({ payrollId, month, onChanged }: PayrollTabProps) {
  // Loaded again by the data layer after each mark, decision or imported result (command or job).
  const summaryQuery = useApi('payrollResults.summary', { payrollId });
  const recQuery = useApi('payrollResults.reconciliation', { payrollId });
  const summary = summaryQuery.value;
  const rec = recQuery.value;
  const failed = [summaryQuery.state, recQuery.state].find((s) => s.status === 'failed');
  const error = failed?.status === 'failed' ? failed.message : undefined;
  const [exportJob, setExportJob] = useState<JobIdOf<'payrollResults.exportReconciliation'>>();
  const [exportNote, setExportNote] = useState<{ kind: 'ok' | 'error'; text: string } | undefined>();
  const [folder, setFolder] = useState('');
  const [folderError, setFolderError] = useState<string | undefined>();
  const job = useJob(exportJob);

  useEffect(() => {
    const status = job.status;
    if (!status || status.state === 'running') return;
    if (status.state === 'done') {
      const file = status.result;
      if (file.path) setExportNote({ kind: 'ok', text: `Đã ghi và kiểm tra lại ${file.path}.` });
      else {
        downloadFile(file.fileName, file.contentBase64, file.fileName.endsWith('.pdf') ? 'application/pdf' : XLSX_TYPE);
        setExportNote({ kind: 'ok', text: `Đã tải về ${file.fileName}.` });
      }
    } else if (status.state === 'failed') {
      setFolderError(status.error?.issues?.find((i) => i.path === 'folder')?.message);
      setExportNote({ kind: 'error', text: status.error?.message ?? 'Không lập được báo cáo.' });
    }
    setExportJob(undefined);
  }, [job.status]);

  // The payroll's header follows too (its status may change when every line has a result).
  const changed = onChanged;

  const startExport = async (format: 'xlsx' | 'pdf', toFolder = false) => {
    setExportNote(undefined);
    setFolderError(undefined);
    try {
      setExportJob(
        (await api('payrollResults.exportReconciliation', { payrollId, format, ...(toFolder ? { folder } : {}) }))
          .jobId,
      );
    } catch (e) {
      setFolderError(issuesOf(e).find((i) => i.path === 'folder')?.message);
      setExportNote({ kind: 'error', text: messageOf(e) });
    }
  };

  const staff = useCan('payrollResults.markCash');
  return (
    <div className="payroll-results">
      <section className="panel" aria-labelledby="results-summary-heading">
        <h2 id="results-summary-heading">Kết quả chi trả tháng {formatMonthVi(month)}</h2>
        {error && (
          <div className="message message-error" role="alert">
            <p>{error}</p>
          </div>
        )}
        {summary && (
          <ul className="results-counts" aria-label="Số dòng theo tình trạng">
            {LINE_STATUSES.filter((s) => summary.counts[s].lines > 0).map((s) => (
              <li key={s}>
                {LINE_STATUS_LABELS[s]}: <strong>{summary.counts[s].lines.toLocaleString('vi-VN')}</strong> dòng,{' '}
                {formatVnd(summary.counts[s].amountVnd)} đồng
              </li>
            ))}
          </ul>
        )}
        {rec && <ReconciliationTable rec={rec} />}
        <div className="results-actions">
          <button
            type="button"
            className="btn btn-secondary"
            disabled={exportJob !== undefined}
            onClick={() => void startExport('xlsx')}
          >
            Báo cáo đối chiếu (Excel)
          </button>
          <button
            type="button"
            className="btn btn-secondary"
            disabled={exportJob !== undefined}
            onClick={() => void startExport('pdf')}
          >
            Báo cáo đối chiếu (PDF)
          </button>
        </div>
        <div className="results-actions">
          <FolderPicker
            id="results-folder"
            label="Thư mục lưu (USB)"
            value={folder}
            onChange={setFolder}
            error={folderError}
          />
          <button
            type="button"
            className="btn btn-secondary"
            disabled={exportJob !== undefined || !folder.trim()}
            onClick={() => void startExport('xlsx', true)}
          >
            Ghi bản Excel vào thư mục
          </button>
          <button
            type="button"
            className="btn btn-secondary"
            disabled={exportJob !== undefined || !folder.trim()}
            onClick={() => void startExport('pdf', true)}
          >
            Ghi bản PDF vào thư mục
          </button>
        </div>
        {exportJob && (
          <JobProgress
            status={job.status}
            label="Tiến độ lập báo cáo đối chiếu"
            unit="phần"
            cancelling={job.cancelling}
            onCancel={job.cancel}
          />
        )}
        {exportNote && (
          <div
            className={exportNote.kind === 'error' ? 'message message-error' : 'message message-info'}
            role={exportNote.kind === 'error' ? 'alert' : 'status'}
          >
            <p>{exportNote.text}</p>
          </div>
        )}
      </section>
      {staff && <ImportPanel payrollId={payrollId} onWritten={changed} />}
      {staff && summary && (
        <LinesPanel payrollId={payrollId} neighbourhoods={summary.neighbourhoods} onChanged={changed} />
      )}
    </div>
  );
}

function ReconciliationTable({ rec }: { rec: Reconciliation }) {
  const cell = (b: { lines: number; amountVnd: number }) => (b.lines ? `${formatVnd(b.amountVnd)} (${b.lines})` : '—');
  const line = (r: ReconciliationRow, bold = false) => (
    <tr key={r.key} className={bold ? 'results-total' : undefined}>
      <th scope="row">{r.label}</th>
      <td className="num">{cell({ lines: r.lines, amountVnd: r.amountVnd })}</td>
      <td className="num">{cell(r.paid)}</td>
      <td className="num">{cell(r.failed)}</td>
      <td className="num">{cell(r.notCollected)}</td>
      <td className="num">{cell(r.carriedOver)}</td>
      <td className="num">{cell(r.convertedToCash)}</td>
      <td className="num">{cell(r.pending)}</td>
      <td className="num">{formatVnd(r.balanceVnd)}</td>
    </tr>
  );
  return (
    <>
      <div className="table-scroll">
        <table className="results-table">
          <caption>Đối chiếu theo hình thức chi trả (đồng, số dòng)</caption>
          <thead>
            <tr>
              <th scope="col">Hình thức</th>
              <th scope="col">Chuyển chi trả</th>
              <th scope="col">Đã chi trả</th>
              <th scope="col">Không thành công</th>
              <th scope="col">Chưa nhận</th>
              <th scope="col">Chuyển tháng sau</th>
              <th scope="col">Chuyển tiền mặt</th>
              <th scope="col">Chưa có kết quả</th>
              <th scope="col">Số dư</th>
            </tr>
          </thead>
          <tbody>
            {rec.byMethod.map((r) => line(r))}
            {line(rec.total, true)}
          </tbody>
        </table>
      </div>
      {!rec.reconciles && (
        <div className="message message-error" role="alert">
          <p>Tổng các dòng không khớp với tổng bảng lương đã phê duyệt: hãy báo cán bộ kỹ thuật.</p>
        </div>
      )}
    </>
  );
}
