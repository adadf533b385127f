import { useEffect, useState } from 'react';
import type { JobId } from '@shared/api/channel';
import type { JobStatus } from '@shared/api/import';
import { ApiError } from '@shared/api/errors';
import { api } from '../api/client';
import { messageOf } from '../errors';

// Follows a long job (import, export…): polls jobs.get until it is no longer running; cancel asks the job
// to stop before it writes anything. The id names the job's result (a job channel's answer, e.g. held in
// `useState<JobIdOf<'payroll.build'>>()`), so a done status's `result` is typed.

const POLL_MS = 250;

export function useJob<R>(jobId: JobId<R> | undefined) {
  // A status is kept with the job it describes: a poll of the previous job that lands in the same render as
  // the new id (a busy PC) must never be read as the new job's outcome.
  const [polled, setPolled] = useState<{ jobId: string; status: JobStatus<R> } | undefined>();
  const status = polled && polled.jobId === jobId ? polled.status : undefined;
  const [pollError, setPollError] = useState<string | undefined>();
  const [cancelling, setCancelling] = useState(false);

  useEffect(() => {
    setCancelling(false);
    if (!jobId) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = () => {
      api('jobs.get', { jobId }).then(
        (s) => {
          if (!live) return;
          setPolled({ jobId, status: s });
          setPollError(undefined);
          if (s.state === 'running') timer = setTimeout(poll, POLL_MS);
        },
        (error: unknown) => {
          if (!live) return;
          // The job is gone (finished long ago, or the app's core restarted and lost it): polling again
          // would never end. Report it as failed with the reason.
          if (error instanceof ApiError && error.code === 'NOT_FOUND') {
            const now = new Date().toISOString();
            const failed: JobStatus<R> = {
              id: jobId,
              kind: '',
              state: 'failed',
              done: 0,
              total: 0,
              label: error.message,
              cancelRequested: false,
              startedAt: now,
              finishedAt: now,
              error: error.toBody(),
            };
            setPolled({ jobId, status: failed });
            return;
          }
          setPollError(messageOf(error));
          timer = setTimeout(poll, POLL_MS * 4);
        },
      );
    };
    poll();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [jobId]);

  const cancel = () => {
    if (!jobId) return;
    setCancelling(true);
    api('jobs.cancel', { jobId }).then(
      (s) => setPolled({ jobId, status: s }),
      (error: unknown) => setPollError(messageOf(error)),
    );
  };

  const finished = status !== undefined && status.state !== 'running';
  return { status, pollError, cancelling: cancelling || !!status?.cancelRequested, cancel, finished };
}
