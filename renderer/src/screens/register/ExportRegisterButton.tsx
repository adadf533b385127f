import { api } from '../../api/client';
import { JobProgress } from '../../components/JobProgress';
import { useDownloadJob } from '../../components/useDownloadJob';
import { formatVnd } from '../../../../shared/domain/money';
import { toInput, type RegisterQuery } from './useRegisterSearch';

interface ExportedFile {
  fileName: string;
  contentBase64: string;
  count: number;
  totalVnd: number;
}

/** "Xuất Excel": the register under the current search and filters, as a job with progress and Huỷ. */
export function ExportRegisterButton({ query }: { query: RegisterQuery }) {
  const { running, job, message, start } = useDownloadJob<ExportedFile>({
    done: (file) => `Đã xuất ${file.count.toLocaleString('vi-VN')} người (tổng ${formatVnd(file.totalVnd)} đồng/tháng).`,
    cancelled: 'Đã huỷ xuất danh sách.',
    failed: 'Không xuất được danh sách.',
  });
  const exportNow = () =>
    start(() => {
      const { limit: _limit, offset: _offset, ...filters } = toInput(query);
      return api('register.export', filters);
    });

  return (
    <>
      <button type="button" className="btn btn-secondary" onClick={exportNow} disabled={running}>
        Xuất Excel
      </button>
      {running && (
        <div className="export-progress">
          <JobProgress status={job.status} label="Tiến độ xuất danh sách" unit="người" cancelling={job.cancelling} onCancel={job.cancel} />
        </div>
      )}
      {message && (
        <span className={message.error ? 'export-note export-note-error' : 'export-note'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </span>
      )}
    </>
  );
}
