import type { HandlerContext } from '../../api/context';
import { ApiError } from '@shared/api/errors';
import type { PrintedPdf } from '@shared/api/forms';
import { deliverPdf } from '../../documents';
import { auditedWrite } from '../../jobs';
import { today } from '../clock';
import { getOfficeSettings } from '../settings';
import { loadLines, type PayrollScope } from '../payroll-files/lines';
import { programmeNameRows } from '../payroll-files/queries';
import { renderSummaryPdf } from '../payroll-files/pdf';
import { planFiles } from '../payroll-files/plan';
import { getPayroll } from './payrolls';

// The printable draft (bản dự thảo) of a payroll not yet approved, for the chairman to sign before the
// approval (issue 14): the approved summary's layout (totals by programme and method, the other months
// paid, the amount in words, signatures), headed and watermarked BẢN DỰ THẢO, without the audit anchor
// (it is not the record of a payment).

export async function printDraft(ctx: HandlerContext, payrollId: number): Promise<PrintedPdf> {
  const p = getPayroll(ctx.store, payrollId);
  if (p.status === 'approved')
    throw new ApiError('CONFLICT', 'Bảng chi trả đã được phê duyệt: in bảng tổng hợp ở thẻ «Tệp chi trả».');
  if (p.lineCount === 0) throw new ApiError('CONFLICT', 'Bảng chi trả không có dòng nào: không có gì để in.');
  const programmeNames = Object.fromEntries(programmeNameRows(ctx.store).map((x) => [x.code, x.name_vi]));
  const scope: PayrollScope = {
    month: p.month,
    payrolls: [
      {
        id: p.id,
        programme: p.programme,
        programmeName: p.programmeName,
        lineCount: p.lineCount,
        totalVnd: p.totalVnd,
      },
    ],
    programmeNames,
  };
  const plan = planFiles(scope, loadLines(ctx.store, scope), {
    allProgrammes: false,
    listsBy: 'ward',
    splitByProgramme: false,
  });
  const made = await renderSummaryPdf({
    office: getOfficeSettings(ctx),
    month: p.month,
    date: today(ctx.now),
    scope,
    plan,
    draft: true,
  });
  if (made.totalVnd !== p.totalVnd)
    throw new Error(`draft total ${made.totalVnd} differs from the payroll's ${p.totalVnd}`);
  auditedWrite(ctx.store, ctx.user, ctx.now, (audit) =>
    audit({
      action: 'payroll.draftPdf',
      entity: 'payroll',
      entityId: payrollId,
      detail: {
        month: p.month,
        programme: p.programme,
        review: p.review,
        lines: p.lineCount,
        totalVnd: p.totalVnd,
        pages: made.pages,
      },
    }),
  );
  const fileName = `ban-du-thao-chi-tra-${p.month}-${p.programme.toLowerCase()}.pdf`;
  return { fileName, pages: made.pages, count: 1, ...(await deliverPdf(fileName, made.content)) };
}
