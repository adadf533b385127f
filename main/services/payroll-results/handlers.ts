import type { HandlerTable } from '../../api/handlers';
import type { payrollResultChannels } from '@shared/api/payroll-results';
import { decideCarry, markCash } from './decisions';
import { startReconciliationExport } from './export';
import { getResultFormat, saveResultFormat } from './format';
import { startResultCommit, startResultPreview } from './import';
import { resultLines, resultSummary } from './lines';
import { reconciliation } from './reconciliation';

// This area's handlers: plain functions over the context (main/api/context.ts), spread into main/api/handlers.ts.
export const payrollResultHandlers: Pick<HandlerTable, keyof typeof payrollResultChannels> = {
  'payrollResults.summary': (ctx, { payrollId }) => resultSummary(ctx.store, payrollId),
  'payrollResults.lines': (ctx, input) => resultLines(ctx.store, input),
  'payrollResults.previewImport': (ctx, input) => startResultPreview(ctx, input),
  'payrollResults.commitImport': (ctx, { token }) => startResultCommit(ctx, token),
  'payrollResults.markCash': (ctx, input) => markCash(ctx, input),
  'payrollResults.decideCarry': (ctx, input) => decideCarry(ctx, input),
  'payrollResults.reconciliation': (ctx, { payrollId }) => reconciliation(ctx.store, payrollId),
  'payrollResults.exportReconciliation': (ctx, input) => startReconciliationExport(ctx, input),
  'payrollResults.getFormat': (ctx) => getResultFormat(ctx.store),
  'payrollResults.saveFormat': (ctx, input) => saveResultFormat(ctx, input),
};
