import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { JobProgress } from '../../components/JobProgress';
import { useJob } from '../../components/useJob';
import { downloadFile, XLSX_TYPE } from '../../download';
import { messageOf } from '../../errors';
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
  const [jobId, setJobId] = useState<string | undefined>();
  const [message, setMessage] = useState<{ text: string; error: boolean } | undefined>();
  const job = useJob(jobId);

  useEffect(() => {
    const status = job.status;
    if (!status || status.state === 'running') return;
    if (status.state === 'done') {
      const file = status.result as ExportedFile;
      downloadFile(file.fileName, file.contentBase64, XLSX_TYPE);
      setMessage({ text: `Đã xuất ${file.count.toLocaleString('vi-VN')} người (tổng ${formatVnd(file.totalVnd)} đồng/tháng).`, error: false });
    } else if (status.state === 'cancelled') {
      setMessage({ text: 'Đã huỷ xuất danh sách.', error: false });
    } else {
      setMessage({ text: status.error?.message ?? 'Không xuất được danh sách.', error: true });
    }
    setJobId(undefined);
  }, [job.status]);

  const start = async () => {
    setMessage(undefined);
    try {
      const { limit: _limit, offset: _offset, ...filters } = toInput(query);
      setJobId((await api('register.export', filters)).jobId);
    } catch (error) {
      setMessage({ text: messageOf(error), error: true });
    }
  };

  return (
    <>
      <button type="button" className="btn btn-secondary" onClick={start} disabled={jobId !== undefined}>
        Xuất Excel
      </button>
      {jobId && (
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
