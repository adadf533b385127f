import { useEffect, useState } from 'react';
import type { JobId, JobStarted } from '@shared/api/channel';
import type { ExportFilesResult } from '@shared/api/payroll-files';
import { downloadFile } from '../download';
import { issuesOf, messageOf } from '../errors';
import { useJob } from './useJob';

// An export that runs as a job and ends in files (ExportFilesResult): downloaded, or written to a folder
// (a USB stick) by the safe writer and read back. Holds the folder field, its error, the job and what to
// tell the user; the caller says which channel starts it.

export type FilesOutcome = { kind: 'none' } | { kind: 'ok'; text: string } | { kind: 'error'; text: string };

export function useFilesJob(failed: string) {
  const [folder, setFolder] = useState('');
  const [folderError, setFolderError] = useState<string | undefined>();
  const [jobId, setJobId] = useState<JobId<ExportFilesResult>>();
  const [outcome, setOutcome] = useState<FilesOutcome>({ kind: 'none' });
  const job = useJob(jobId);

  useEffect(() => {
    const status = job.status;
    if (!status || status.state === 'running') return;
    if (status.state === 'done') {
      const result = status.result;
      if (result.destination === 'download') {
        downloadFile(result.fileName, result.contentBase64, result.mimeType);
        setOutcome({ kind: 'ok', text: `Đã tải về ${result.fileName}.` });
      } else {
        setOutcome({ kind: 'ok', text: `Đã ghi và kiểm tra lại ${result.files.map((f) => f.path).join(', ')}.` });
      }
    } else if (status.state === 'cancelled') {
      setOutcome({ kind: 'ok', text: 'Đã huỷ: không có tệp nào được ghi.' });
    } else {
      setOutcome({ kind: 'error', text: status.error?.message ?? failed });
    }
    setJobId(undefined);
    // `failed` is read when the job ends; only the job's status drives this effect.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [job.status]);

  /** Starts the export: `begin` gets the folder to write to (undefined: a download) and calls the channel. */
  const start = async (
    begin: (folder: string | undefined) => Promise<JobStarted<ExportFilesResult>>,
    toFolder: boolean,
  ) => {
    setOutcome({ kind: 'none' });
    setFolderError(undefined);
    try {
      setJobId((await begin(toFolder ? folder : undefined)).jobId);
    } catch (error) {
      const issue = issuesOf(error).find((i) => i.path === 'folder');
      if (issue) setFolderError(issue.message);
      setOutcome({ kind: 'error', text: messageOf(error) });
    }
  };

  return { folder, setFolder, folderError, job, outcome, start, busy: jobId !== undefined };
}
