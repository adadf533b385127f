import { useEffect, useState } from 'react';
import { PERSONAL_DATA_REPORTS, REPORT_TITLES, type ReportFormat, type ReportKind } from '@shared/api/report-labels';
import { api } from '../../api/client';
import { JobProgress } from '../../components/JobProgress';
import { useJob } from '../../components/useJob';
import { downloadFile } from '../../download';
import { messageOf } from '../../errors';
import type { JobIdOf } from '@shared/api/contract';

// "Tải PDF" / "Tải Excel" for one report: a job (the summaries read months of the register) with a
// progress bar and Huỷ; the file downloads when it is done.

export function ProduceButtons({ report, month, from }: { report: ReportKind; month: string; from: string }) {
  const [jobId, setJobId] = useState<JobIdOf<'reports.produce'>>();
  const [message, setMessage] = useState<{ text: string; error: boolean } | undefined>();
  const job = useJob(jobId);
  const title = REPORT_TITLES[report];

  useEffect(() => {
    const status = job.status;
    if (!status || status.state === 'running') return;
    if (status.state === 'done') {
      const file = status.result;
      downloadFile(file.fileName, file.contentBase64, file.mime);
      setMessage({ text: `Đã tạo tệp ${file.fileName}.`, error: false });
    } else if (status.state === 'cancelled') {
      setMessage({ text: 'Đã huỷ.', error: false });
    } else {
      setMessage({ text: status.error?.message ?? 'Không tạo được báo cáo.', error: true });
    }
    setJobId(undefined);
  }, [job.status]);

  const start = async (format: ReportFormat) => {
    setMessage(undefined);
    try {
      setJobId((await api('reports.produce', { report, format, month, from })).jobId);
    } catch (error) {
      setMessage({ text: messageOf(error), error: true });
    }
  };

  return (
    <div className="report-actions">
      <button
        type="button"
        className="btn btn-primary"
        onClick={() => void start('pdf')}
        disabled={jobId !== undefined}
        aria-label={`Tải PDF: ${title}`}
      >
        Tải PDF
      </button>
      <button
        type="button"
        className="btn btn-secondary"
        onClick={() => void start('xlsx')}
        disabled={jobId !== undefined}
        aria-label={`Tải Excel: ${title}`}
      >
        Tải Excel
      </button>
      {PERSONAL_DATA_REPORTS.includes(report) && (
        <span className="hint">Tệp tải về có họ tên và số định danh cá nhân: chỉ lưu ở nơi được phép.</span>
      )}
      {jobId && (
        <JobProgress
          status={job.status}
          label={`Tiến độ tạo ${title}`}
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
