import type { ChannelOutput } from '@shared/api/contract';
import type { HandlerContext } from '../../api/context';
import type { ResultFormat } from '@shared/api/payroll-results';
import type { Store } from '../../db/store';
import { fileSource, recordAttemptsInBulk } from './attempts';
import { accountLines, firstAttemptFrom, linesWithAttemptFrom } from './queries';
import type { MatchLine } from './match';
import { approvedPayroll } from './payroll';
import { startCommit, startPreview, type ImportJobs, type ImportTarget } from './import-flow';

// The bank's result file for an approved payroll (the flow: import-flow.ts).

const JOBS: ImportJobs = {
  preview: 'payrollResults.preview',
  commit: 'payrollResults.import',
  committing: 'Đang đối chiếu kết quả…',
};

/** The payroll's lines that carry an account number, with whether this file already wrote to them. */
export function matchLines(store: Store, payrollId: number, sha256: string): MatchLine[] {
  const done = new Set(linesWithAttemptFrom(store, payrollId, fileSource(sha256)));
  const rows = accountLines(store, payrollId);
  return rows.map((r) => ({ ...r, fromThisFile: done.has(r.id) }));
}

export const payrollTarget = (payrollId: number): ImportTarget => ({
  kind: 'payroll',
  id: payrollId,
  check: (store) => void approvedPayroll(store, payrollId),
  matchLines: (store, sha256) => matchLines(store, payrollId, sha256),
  importedBefore: (store, sha256) => firstAttemptFrom(store, payrollId, fileSource(sha256)),
  write(store, ctx, items, audit, detail) {
    const payroll = approvedPayroll(store, payrollId);
    recordAttemptsInBulk(store, payrollId, items, ctx.now.toISOString(), fileSource(detail.sha256 as string));
    audit({
      action: 'payrollResults.import',
      entity: 'payroll',
      entityId: payroll.id,
      detail: { month: payroll.month, programme: payroll.programme, ...detail },
    });
  },
});

export function startResultPreview(
  ctx: HandlerContext,
  input: { payrollId: number; fileName: string; contentBase64: string; format?: ResultFormat | undefined },
): ChannelOutput<'payrollResults.previewImport'> {
  return startPreview(ctx, payrollTarget(input.payrollId), input, JOBS);
}

export function startResultCommit(ctx: HandlerContext, token: string): ChannelOutput<'payrollResults.commitImport'> {
  return startCommit(ctx, token, 'payroll', JOBS);
}
