import { randomUUID } from 'node:crypto';
import { ApiError, type ApiErrorBody } from '@shared/api/errors';
import type { JobId } from '@shared/api/channel';
import type { JobStatus } from '@shared/api/import';
import { apiCodeForProblem, messageForProblem, storageProblemOf } from './db/errors';
import type { Store } from './db/store';
import type { ActingUser } from './api/context';
import { appendAudit, type AuditInput } from './services/audit';
import { logError } from './log';

// A small in-process job runner for work that can take more than ~2 s (import; next: payroll build,
// exports, backup): the renderer gets a job id at once, polls `jobs.get` for a determinate progress bar
// (done/total + a Vietnamese label) and may call `jobs.cancel`.
//
// How a job stays all-or-nothing: its long part (reading and checking rows) is async, in chunks, and
// between chunks it reports progress and checks the cancel flag (signal.throwIfCancelled). Its write is
// ONE synchronous better-sqlite3 transaction at the very end (auditedWrite below): no await inside, so
// no other call and no cancel can interleave, and any error rolls it all back. A cancel before the write
// leaves nothing written; a cancel that arrives during the write is seen after it (the job is then done).
//
// How a job's write is audited: the dispatcher runs a 'command' in a transaction that must append an
// audit entry or is rolled back. A job writes after its channel call has returned, outside the
// dispatcher, so auditedWrite gives it the very same guarantee: one IMMEDIATE transaction, the audit
// entries appended inside it through appendAudit, and a write that appends none is rolled back.

export interface JobProgress {
  (done: number, total: number, label?: string): void;
}

export interface JobSignal {
  readonly cancelled: boolean;
  /** Throws JobCancelled when Cancel was asked; call between chunks and right before the write. */
  throwIfCancelled(): void;
}

export class JobCancelled extends Error {
  constructor() {
    super('job cancelled');
    this.name = 'JobCancelled';
  }
}

interface Job {
  status: JobStatus;
  cancel: boolean;
  /**
   * The sign-in session that started it (set by the dispatcher: jobOwnerOf); only that session can read
   * the result or cancel. Sign-out ends the session and drops its jobs (dropJobsOf), so the next user of
   * the same window never reads them.
   */
  owner: string | undefined;
}

let currentOwner: string | undefined;

/** Told when a job starts, moves and ends: the core worker forwards it to its host (main/core-worker.ts). */
export type JobObserver = (status: JobStatus, owner: string | undefined, event: 'start' | 'progress' | 'end') => void;
let observer: JobObserver | undefined;

export function setJobObserver(fn: JobObserver | undefined): void {
  observer = fn;
}

/** Runs `start` (a handler that may call startJob synchronously) with jobs owned by `owner` (jobOwnerOf). */
export function asJobOwner<T>(owner: string, start: () => T): T {
  const previous = currentOwner;
  currentOwner = owner;
  try {
    return start();
  } finally {
    currentOwner = previous;
  }
}

/**
 * Who owns the jobs a call starts, and may read them: the caller's current sign-in session (a new id at
 * every sign-in), else the bare client for calls made before anyone signed in.
 */
export function jobOwnerOf(ctx: {
  client: string;
  now: Date;
  sessions: { current(client: string, now: number): { id: string } | undefined };
}): string {
  const session = ctx.sessions.current(ctx.client, ctx.now.getTime());
  return session ? `session:${session.id}` : `client:${ctx.client}`;
}

/** A session ended (sign-out, disabled user): its finished jobs are forgotten, its running ones readable by no one. */
export function dropJobsOf(owner: string): void {
  for (const [id, job] of jobs) {
    if (job.owner !== owner) continue;
    if (job.status.state === 'running') job.owner = DROPPED;
    else jobs.delete(id);
  }
}
const DROPPED = 'dropped';

const jobs = new Map<string, Job>();
/** Finished jobs are kept this long for the renderer to read their result, and at most this many. */
const KEEP_FINISHED_MS = 60 * 60 * 1000;
const MAX_FINISHED = 50;

const CANCELLED_LABEL = 'Đã hủy: không có gì được ghi vào sổ.';

function prune(now = Date.now()): void {
  const finished = [...jobs.values()].filter((j) => j.status.state !== 'running');
  for (const j of finished) {
    if (now - Date.parse(j.status.finishedAt ?? j.status.startedAt) > KEEP_FINISHED_MS) jobs.delete(j.status.id);
  }
  const left = [...jobs.values()].filter((j) => j.status.state !== 'running');
  for (const j of left.slice(0, Math.max(0, left.length - MAX_FINISHED))) jobs.delete(j.status.id);
}

function toErrorBody(error: unknown): ApiErrorBody {
  if (error instanceof ApiError) return error.toBody();
  const problem = storageProblemOf(error);
  if (problem) return { code: apiCodeForProblem(problem), message: messageForProblem(problem, 'tệp dữ liệu') };
  logError('job', 'unexpected error in a job', error);
  return {
    code: 'INTERNAL',
    message:
      'Đã xảy ra lỗi không mong muốn; không có gì được ghi vào sổ. Hãy thử lại, nếu vẫn lỗi hãy báo cán bộ kỹ thuật.',
  };
}

/** Lets pending I/O and calls (jobs.get, jobs.cancel) run between two chunks of a job. */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Starts `run` on the next turn of the event loop and returns its id at once. `run` reports progress
 * and must check the signal between chunks; its result (or error) is kept for `jobs.get`.
 */
export function startJob<T>(
  kind: string,
  label: string,
  run: (progress: JobProgress, signal: JobSignal) => Promise<T>,
): JobId<T> {
  prune();
  const id = randomUUID();
  const job: Job = {
    cancel: false,
    owner: currentOwner,
    status: {
      id,
      kind,
      state: 'running',
      done: 0,
      total: 0,
      label,
      cancelRequested: false,
      startedAt: new Date().toISOString(),
      finishedAt: null,
    },
  };
  jobs.set(id, job);
  observer?.(snapshot(job), job.owner, 'start');
  const progress: JobProgress = (done, total, text) => {
    if (job.status.state !== 'running') return;
    job.status.done = Math.max(0, Math.min(done, total));
    job.status.total = Math.max(0, total);
    if (text) job.status.label = text;
    observer?.(snapshot(job), job.owner, 'progress');
  };
  const signal: JobSignal = {
    get cancelled() {
      return job.cancel;
    },
    throwIfCancelled() {
      if (job.cancel) throw new JobCancelled();
    },
  };
  const finish = (patch: Partial<JobStatus<T>>) => {
    Object.assign(job.status, patch, { finishedAt: new Date().toISOString() });
    observer?.(snapshot(job), job.owner, 'end');
  };
  setImmediate(() => {
    run(progress, signal).then(
      (result) => finish({ state: 'done', result, done: job.status.total }),
      (error: unknown) => {
        if (error instanceof JobCancelled) finish({ state: 'cancelled', label: CANCELLED_LABEL });
        else
          finish({
            state: 'failed',
            error: toErrorBody(error),
            label: 'Không hoàn thành: không có gì được ghi vào sổ.',
          });
      },
    );
  });
  // The id names the result's type (phantom): the job channel's contract checks it is the promised one.
  return id as JobId<T>;
}

const snapshot = (job: Job): JobStatus => ({ ...job.status });

const NO_JOB = 'Không tìm thấy công việc này (có thể đã xong từ lâu hoặc ứng dụng đã khởi động lại).';

/** The job, if it exists and `owner` may see it (another window's or another sign-in's job is as good as absent). */
function jobFor(id: string, owner: string | undefined): Job {
  const job = jobs.get(id);
  if (!job || (job.owner !== undefined && owner !== undefined && job.owner !== owner) || job.owner === DROPPED)
    throw new ApiError('NOT_FOUND', NO_JOB);
  return job;
}

export function getJob(id: string, owner?: string): JobStatus {
  return snapshot(jobFor(id, owner));
}

/** Asks a running job to stop; it stops at its next check, before its write. Finished jobs are unchanged. */
export function cancelJob(id: string, owner?: string): JobStatus {
  const job = jobFor(id, owner);
  if (job.status.state === 'running') {
    job.cancel = true;
    job.status.cancelRequested = true;
    job.status.label = 'Đang hủy…';
  }
  return snapshot(job);
}

/** A running job of this kind, if any (e.g. only one import at a time). */
export function runningJobOf(kind: string): JobStatus | undefined {
  const job = [...jobs.values()].find((j) => j.status.kind === kind && j.status.state === 'running');
  return job ? snapshot(job) : undefined;
}

/**
 * A job's write: one synchronous IMMEDIATE transaction in which `fn` writes and appends its audit
 * entries (through the `audit` it receives, which calls appendAudit in this same transaction). As
 * for a dispatched command, a write that appends no audit entry is rolled back, and so is any write
 * that throws.
 */
export function auditedWrite<T>(
  handle: Store,
  user: ActingUser,
  at: Date,
  fn: (audit: (entry: AuditInput) => void) => T,
): T {
  // A query's read-only handle names the writable store: an audited write is the one write a query may
  // make (a print recorded in the log), on the writer, with the same rule.
  const store = handle.writer ?? handle;
  return store.transaction(() => {
    let audited = 0;
    const result = fn((entry) => {
      appendAudit(store, user, entry, at);
      audited++;
    });
    if (result instanceof Promise) throw new Error('an audited write must be synchronous');
    if (audited === 0) throw new Error('a job write appended no audit entry');
    return result;
  });
}
