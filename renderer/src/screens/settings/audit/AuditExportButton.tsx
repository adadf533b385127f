import { useEffect, useState } from 'react';
import { api } from '../../../api/client';
import { JobProgress } from '../../../components/JobProgress';
import { useJob } from '../../../components/useJob';
import { downloadFile, XLSX_TYPE } from '../../../download';
import { messageOf } from '../../../errors';
import type { AuditFilter } from './AuditPage';

interface ExportedLog {
  fileName: string;
  contentBase64: string;
  count: number;
}

/** "Xuất Excel": the log under the filter in use, as a job with progress and Huỷ, then a download. */
export function AuditExportButton({ filter }: { filter: AuditFilter }) {
  const [jobId, setJobId] = useState<string | undefined>();
  const [message, setMessage] = useState<{ text: string; error: boolean } | undefined>();
  const job = useJob(jobId);

  useEffect(() => {
    const status = job.status;
    if (!status || status.state === 'running') return;
    if (status.state === 'done') {
      const file = status.result as ExportedLog;
      downloadFile(file.fileName, file.contentBase64, XLSX_TYPE);
      setMessage({ text: `Đã xuất ${file.count.toLocaleString('vi-VN')} mục nhật ký ra tệp ${file.fileName}.`, error: false });
    } else if (status.state === 'cancelled') {
      setMessage({ text: 'Đã huỷ xuất nhật ký.', error: false });
    } else {
      setMessage({ text: status.error?.message ?? 'Không xuất được nhật ký.', error: true });
    }
    setJobId(undefined);
  }, [job.status]);

  const start = async () => {
    setMessage(undefined);
    try {
      setJobId((await api('audit.export', filter)).jobId);
    } catch (error) {
      setMessage({ text: messageOf(error), error: true });
    }
  };

  return (
    <>
      <button type="button" className="btn btn-secondary" onClick={start} disabled={jobId !== undefined}>
        Xuất Excel
      </button>
      {jobId && <JobProgress status={job.status} label="Tiến độ xuất nhật ký" unit="mục" cancelling={job.cancelling} onCancel={job.cancel} />}
      {message && (
        <p className={message.error ? 'outcome outcome-error' : 'outcome outcome-ok'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </>
  );
}
