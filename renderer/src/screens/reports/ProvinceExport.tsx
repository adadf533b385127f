import { useEffect, useState, type FormEvent } from 'react';
import { formatFileSize } from '@shared/domain/format';
import type { ProvinceExportResult } from '@shared/api/reports';
import { PERSONAL_DATA_REPORTS, REPORT_KINDS, REPORT_TITLES, type ReportKind } from '@shared/api/report-labels';
import { api } from '../../api/client';
import { useApi } from '../../api/query';
import { Dialog } from '../../components/Dialog';
import { FolderPicker } from '../../components/FolderPicker';
import { JobProgress } from '../../components/JobProgress';
import {
  DEFAULT_EXPORT_PROTECTION,
  ExportProtection,
  type ExportProtectionValue,
} from '../../components/ExportProtection';
import { useJob } from '../../components/useJob';
import { issuesOf, messageOf } from '../../errors';
import { count, formatMonthVi } from './format';
import { exportProtectionProblem } from '@shared/domain/passphrase';
import type { JobIdOf } from '@shared/api/contract';

// "Xuất báo cáo gửi tỉnh": the chosen reports (PDF + Excel), a manifest and SHA-256 checksums, in one new
// folder on the chosen drive (a USB stick). Reports that name people with citizen IDs are confirmed
// first. The write is a job with progress and Huỷ; main writes to a temp folder, renames it, reads it
// back and verifies it, so a stick pulled out leaves nothing that looks complete.

export function ProvinceExport({ month, from }: { month: string; from: string }) {
  const [selected, setSelected] = useState<ReportKind[]>([...REPORT_KINDS]);
  const [folder, setFolder] = useState('');
  const [folderError, setFolderError] = useState<string | undefined>();
  const [protection, setProtection] = useState<ExportProtectionValue>(DEFAULT_EXPORT_PROTECTION);
  const [passphraseError, setPassphraseError] = useState<string | undefined>();
  const [confirming, setConfirming] = useState(false);
  const [jobId, setJobId] = useState<JobIdOf<'reports.exportProvince'>>();
  const [message, setMessage] = useState<{ text: string; error: boolean } | undefined>();
  const [result, setResult] = useState<ProvinceExportResult | undefined>();
  const job = useJob(jobId);
  // Issue 17: each report goes with a data file for the receiving office, which needs the ward's code.
  const office = useApi('settings.getOffice', {}).value;
  const wardCodeMissing = office ? !office.wardCode : false;
  const personal = selected.filter((r) => PERSONAL_DATA_REPORTS.includes(r));

  useEffect(() => {
    const status = job.status;
    if (!status || status.state === 'running') return;
    if (status.state === 'done') {
      const r = status.result;
      setResult(r);
      setMessage({ text: `Đã ghi và kiểm tra ${count(r.files.length)} tệp vào thư mục ${r.folder}.`, error: false });
    } else if (status.state === 'cancelled') {
      setMessage({ text: 'Đã huỷ: không có thư mục báo cáo nào được tạo.', error: false });
    } else {
      setMessage({ text: status.error?.message ?? 'Không xuất được bộ báo cáo.', error: true });
    }
    setJobId(undefined);
  }, [job.status]);

  const toggle = (kind: ReportKind, on: boolean) =>
    setSelected((s) => REPORT_KINDS.filter((k) => (k === kind ? on : s.includes(k))));

  const start = async (confirmPersonalData: boolean) => {
    setConfirming(false);
    setMessage(undefined);
    setResult(undefined);
    setFolderError(undefined);
    setPassphraseError(undefined);
    try {
      setJobId(
        (
          await api('reports.exportProvince', {
            month,
            from,
            folder,
            reports: selected,
            confirmPersonalData,
            ...protection,
          })
        ).jobId,
      );
    } catch (error) {
      const issues = issuesOf(error);
      setFolderError(issues.find((i) => i.path === 'folder')?.message);
      setPassphraseError(issues.find((i) => i.path === 'passphrase')?.message);
      setMessage({ text: messageOf(error), error: true });
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!folder.trim()) {
      setFolderError('Thư mục lưu: chọn ổ đĩa hoặc thư mục.');
      return;
    }
    const problem = exportProtectionProblem(protection);
    if (problem) {
      setPassphraseError(problem);
      return;
    }
    if (personal.length > 0) setConfirming(true);
    else void start(false);
  };

  return (
    <form className="report-export" onSubmit={submit} aria-label="Xuất báo cáo gửi tỉnh">
      <fieldset>
        <legend>
          Các báo cáo (tháng {formatMonthVi(month)}; kỳ tổng hợp {formatMonthVi(from)}–{formatMonthVi(month)})
        </legend>
        {REPORT_KINDS.map((kind) => (
          <label key={kind} className="check">
            <input type="checkbox" checked={selected.includes(kind)} onChange={(e) => toggle(kind, e.target.checked)} />{' '}
            {REPORT_TITLES[kind]}
            {PERSONAL_DATA_REPORTS.includes(kind) && <span className="muted"> (có số định danh cá nhân)</span>}
          </label>
        ))}
      </fieldset>
      <FolderPicker
        id="report-export-folder"
        label="Thư mục lưu (ổ USB)"
        value={folder}
        onChange={setFolder}
        required
        error={folderError}
      />
      {wardCodeMissing && (
        <p className="hint" data-testid="ward-code-missing">
          Chưa nhập mã đơn vị hành chính (Cài đặt → Thông tin đơn vị): mỗi báo cáo vẫn kèm tệp dữ liệu, nhưng đơn vị
          tổng hợp sẽ không nhận được bộ báo cáo cho đến khi có mã.
        </p>
      )}
      <ExportProtection idPrefix="report-export" value={protection} onChange={setProtection} error={passphraseError} />
      <div className="report-actions">
        <button type="submit" className="btn btn-primary" disabled={jobId !== undefined || selected.length === 0}>
          Xuất báo cáo gửi tỉnh
        </button>
        {jobId && (
          <JobProgress
            status={job.status}
            label="Tiến độ xuất báo cáo gửi tỉnh"
            unit="bước"
            cancelling={job.cancelling}
            onCancel={job.cancel}
          />
        )}
      </div>
      {message && (
        <p
          className={message.error ? 'message message-error' : 'message message-info'}
          role={message.error ? 'alert' : 'status'}
        >
          {message.text}
        </p>
      )}
      {result && (
        <ul className="report-files" aria-label="Các tệp đã ghi">
          {result.files.map((f) => (
            <li key={f.name}>
              {plainFileName(f.name)} — {formatFileSize(f.bytes)}
            </li>
          ))}
        </ul>
      )}
      {confirming && (
        <Dialog title="Bộ báo cáo có dữ liệu cá nhân" onClose={() => setConfirming(false)}>
          <p>
            {personal.map((r) => `«${REPORT_TITLES[r]}»`).join(', ')} có họ tên, ngày sinh và{' '}
            <strong>số định danh cá nhân</strong> của đối tượng. Chỉ ghi ra ổ USB dùng để nộp cho cơ quan cấp trên, và
            xoá khỏi USB sau khi nộp.
          </p>
          <div className="report-actions">
            <button type="button" className="btn btn-primary" onClick={() => void start(true)}>
              Đồng ý, ghi ra ổ đĩa
            </button>
            <button type="button" className="btn btn-secondary" onClick={() => setConfirming(false)}>
              Huỷ
            </button>
          </div>
        </Dialog>
      )}
    </form>
  );
}

/** The folder's machine files in plain words (the report files keep their names: the office looks for them). */
function plainFileName(name: string): string {
  if (name === 'manifest.json') return 'Tệp kê khai cho máy đọc';
  if (name === 'SHA256SUMS') return 'Tệp mã kiểm tra';
  if (name === 'DOC-TOI.txt') return 'Tệp giới thiệu bộ báo cáo (DOC-TOI.txt)';
  return name;
}
