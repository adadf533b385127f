import type { HandlerTable } from '../../api/handlers';
import { cancelJob, getJob, jobOwnerOf } from '../../jobs';
import { analyzeImport } from './analyze';
import { previewImport, startImportCommit } from './commit';
import { dropSession } from './sessions';

// The import and job channels' handlers, spread into the handler table (main/api/handlers.ts).
// import.commit is a 'job'-kind channel on purpose: the call only checks the token and config and
// starts a job; it writes nothing itself. The job's single write runs in auditedWrite (main/jobs.ts): one
// transaction that must append its audit entry or roll back — the same rule the dispatcher applies to a
// 'command'. A 'command' here would have to audit a change that has not happened yet (and would leave
// that entry behind when the import is cancelled), and its return would suggest the register had changed.

type ImportChannels =
  'import.analyze' | 'import.preview' | 'import.commit' | 'import.discard' | 'jobs.get' | 'jobs.cancel';

export const importHandlers: Pick<HandlerTable, ImportChannels> = {
  'import.analyze': (ctx, input) => analyzeImport(ctx, input),
  'import.preview': (ctx, input) => previewImport(ctx, input),
  'import.commit': (ctx, input) => startImportCommit(ctx, input),
  'import.discard': (_ctx, { token }) => ({ discarded: dropSession(token) }),
  'jobs.get': (ctx, { jobId }) => getJob(jobId, jobOwnerOf(ctx)),
  'jobs.cancel': (ctx, { jobId }) => cancelJob(jobId, jobOwnerOf(ctx)),
};
