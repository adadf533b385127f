import type { HandlerTable } from '../../api/handlers';
import { maskIdentifier } from '@shared/domain/masking';
import type { payrollChannels } from '@shared/api/payroll';
import { currentMonth } from '../clock';
import { moneyHistory } from './attempts';
import { startPayrollBuild } from './build';
import { payrollDifferences } from './differences';
import {
  addCorrection,
  approvePayroll,
  discardDraft,
  getPayroll,
  listPayrolls,
  payrollLines,
  reviewPayroll,
} from './payrolls';
import { printDraft } from './draft-pdf';
import { returnPayroll, reviewChanges, startPayrollSubmit } from './review';
import { suspensionWatch } from './watch';

// This area's handlers: plain functions over the context (main/api/context.ts), spread into main/api/handlers.ts.
export const payrollHandlers: Pick<HandlerTable, keyof typeof payrollChannels> = {
  'payroll.build': (ctx, input) => startPayrollBuild(ctx, input),
  'payroll.list': (ctx, { month }) => listPayrolls(ctx.store, month),
  'payroll.get': (ctx, { payrollId }) => getPayroll(ctx.store, payrollId),
  'payroll.lines': (ctx, input) => {
    const result = payrollLines(ctx.store, input);
    // A search by a whole citizen ID is on record, as in the register (issue 12).
    const ids = (input.text ?? '').split(/\s+/).filter((w) => /^(\d{9}|\d{12})$/.test(w));
    if (ids.length)
      ctx.auditRead?.({
        action: 'sensitive.searchId',
        entity: 'payroll',
        entityId: input.payrollId,
        detail: { list: 'payroll.lines', ids: ids.map(maskIdentifier), matched: result.total },
      });
    return result;
  },
  'payroll.review': (ctx, { payrollId }) => reviewPayroll(ctx.store, payrollId),
  'payroll.differences': (ctx, { payrollId }) => payrollDifferences(ctx.store, payrollId),
  'payroll.submit': (ctx, { payrollId }) => startPayrollSubmit(ctx, payrollId),
  'payroll.draftPdf': (ctx, { payrollId }) => printDraft(ctx, payrollId),
  'payroll.reviewChanges': (ctx, { payrollId }) => reviewChanges(ctx.store, payrollId),
  'payroll.return': (ctx, { payrollId, comment }) => returnPayroll(ctx, payrollId, comment),
  'payroll.approve': (ctx, { payrollId, confirm }) => approvePayroll(ctx, payrollId, confirm),
  'payroll.discardDraft': (ctx, { payrollId }) => discardDraft(ctx, payrollId),
  'payroll.addCorrection': (ctx, input) => addCorrection(ctx, input),
  'payroll.suspensionWatch': (ctx) => suspensionWatch(ctx.store, currentMonth(ctx.now)),
  'payroll.personHistory': (ctx, { personId }) => moneyHistory(ctx.store, personId),
};
