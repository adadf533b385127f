import { api } from '../../../api/client';
import { JobProgress } from '../../../components/JobProgress';
import { useDownloadJob } from '../../../components/useDownloadJob';
import type { AuditFilter } from './AuditPage';
import type { JobResult } from '@shared/api/contract';

/** "Xuất Excel": the log under the filter in use, as a job with progress and Huỷ, then a download. */
export function AuditExportButton({ filter }: { filter: AuditFilter }) {
  const { running, job, message, start } = useDownloadJob<JobResult<'audit.export'>>({
    done: (file) => `Đã xuất ${file.count.toLocaleString('vi-VN')} mục nhật ký ra tệp ${file.fileName}.`,
    cancelled: 'Đã huỷ xuất nhật ký.',
    failed: 'Không xuất được nhật ký.',
  });

  return (
    <>
      <button
        type="button"
        className="btn btn-secondary"
        onClick={() => start(() => api('audit.export', filter))}
        disabled={running}
      >
        Xuất Excel
      </button>
      {running && (
        <JobProgress
          status={job.status}
          label="Tiến độ xuất nhật ký"
          unit="mục"
          cancelling={job.cancelling}
          onCancel={job.cancel}
        />
      )}
      {message && (
        <p
          className={message.error ? 'outcome outcome-error' : 'outcome outcome-ok'}
          role={message.error ? 'alert' : 'status'}
        >
          {message.text}
        </p>
      )}
    </>
  );
}
