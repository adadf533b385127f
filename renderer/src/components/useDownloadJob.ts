import { useEffect, useState } from 'react';
import type { JobId, JobStarted } from '@shared/api/channel';
import { downloadFile, XLSX_TYPE } from '../download';
import { messageOf } from '../errors';
import { useJob } from './useJob';

// An export that runs as a job (progress, Huỷ) and ends in a download: the register, the audit log,
// the campaign work list. The caller says how to start it and what to tell the user; T is the job's
// result (`JobResult<'register.export'>`), which the channel that `start` calls must promise.

export interface DownloadedFile {
  fileName: string;
  contentBase64: string;
}

export interface DownloadJobWords<T> {
  done: (file: T) => string;
  cancelled: string;
  failed: string;
}

export function useDownloadJob<T extends DownloadedFile>(words: DownloadJobWords<T>, type = XLSX_TYPE) {
  const [jobId, setJobId] = useState<JobId<T>>();
  const [message, setMessage] = useState<{ text: string; error: boolean } | undefined>();
  const job = useJob(jobId);

  useEffect(() => {
    const status = job.status;
    if (!status || status.state === 'running') return;
    if (status.state === 'done') {
      const file = status.result;
      // An encrypted export (.sasbak, the backup format) is not a spreadsheet until it is opened.
      downloadFile(
        file.fileName,
        file.contentBase64,
        file.fileName.endsWith('.sasbak') ? 'application/octet-stream' : type,
      );
      setMessage({ text: words.done(file), error: false });
    } else if (status.state === 'cancelled') {
      setMessage({ text: words.cancelled, error: false });
    } else {
      setMessage({ text: status.error?.message ?? words.failed, error: true });
    }
    setJobId(undefined);
    // `words` is read when the job ends; only the job's status drives this effect.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [job.status]);

  /** Starts the export (`begin` calls the channel that starts the job). */
  const start = async (begin: () => Promise<JobStarted<T>>) => {
    setMessage(undefined);
    try {
      setJobId((await begin()).jobId);
    } catch (error) {
      setMessage({ text: messageOf(error), error: true });
    }
  };

  return { running: jobId !== undefined, job, message, start };
}
