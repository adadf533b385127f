import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import {
  DEFAULT_EXPORT_PROTECTION,
  ExportProtection,
  type ExportProtectionValue,
} from '../../components/ExportProtection';
import { JobProgress } from '../../components/JobProgress';
import { useDownloadJob } from '../../components/useDownloadJob';
import { formatVnd } from '@shared/domain/money';
import { toInput, type RegisterQuery } from './useRegisterSearch';
import { exportProtectionProblem } from '@shared/domain/passphrase';
import type { JobResult } from '@shared/api/contract';

/**
 * "Xuất Excel": the register under the current search and filters, as a job with progress and Huỷ. The file
 * holds full citizen IDs: encrypted under a passphrase unless the user explicitly chooses clear (issue 12).
 */
export function ExportRegisterButton({ query }: { query: RegisterQuery }) {
  const [asking, setAsking] = useState(false);
  const [protection, setProtection] = useState<ExportProtectionValue>(DEFAULT_EXPORT_PROTECTION);
  const [error, setError] = useState<string | undefined>();
  const { running, job, message, start } = useDownloadJob<JobResult<'register.export'>>({
    done: (file) =>
      `Đã xuất ${file.count.toLocaleString('vi-VN')} người (tổng ${formatVnd(file.totalVnd)} đồng/tháng)${file.encrypted ? ', tệp đã mã hoá' : ''}.`,
    cancelled: 'Đã huỷ xuất danh sách.',
    failed: 'Không xuất được danh sách.',
  });
  const exportNow = (event: FormEvent) => {
    event.preventDefault();
    const problem = exportProtectionProblem(protection);
    if (problem) {
      setError(problem);
      return;
    }
    setError(undefined);
    setAsking(false);
    void start(() => {
      const { limit: _limit, offset: _offset, ...filters } = toInput(query);
      return api('register.export', { ...filters, ...protection });
    });
    setProtection(DEFAULT_EXPORT_PROTECTION);
  };

  return (
    <>
      <button type="button" className="btn btn-secondary" onClick={() => setAsking(true)} disabled={running}>
        Xuất Excel
      </button>
      {asking && (
        <Dialog title="Xuất danh sách ra Excel" onClose={() => setAsking(false)}>
          <form onSubmit={exportNow} aria-label="Xuất danh sách ra Excel">
            <p>Tệp có họ tên, ngày sinh và số định danh đầy đủ của những người trong danh sách đang lọc.</p>
            <ExportProtection idPrefix="register-export" value={protection} onChange={setProtection} error={error} />
            <div className="report-actions">
              <button type="submit" className="btn btn-primary">
                {protection.clear ? 'Xuất không mã hoá' : 'Xuất tệp mã hoá'}
              </button>
              <button type="button" className="btn btn-secondary" onClick={() => setAsking(false)}>
                Huỷ
              </button>
            </div>
          </form>
        </Dialog>
      )}
      {running && (
        <div className="export-progress">
          <JobProgress
            status={job.status}
            label="Tiến độ xuất danh sách"
            unit="người"
            cancelling={job.cancelling}
            onCancel={job.cancel}
          />
        </div>
      )}
      {message && (
        <span
          className={message.error ? 'export-note export-note-error' : 'export-note'}
          role={message.error ? 'alert' : 'status'}
        >
          {message.text}
        </span>
      )}
    </>
  );
}
