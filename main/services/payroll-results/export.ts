import type { ChannelOutput } from '@shared/api/contract';
import type { HandlerContext } from '../../api/context';
import type { ReconciliationFile } from '@shared/api/payroll-results';
import { auditedWrite, startJob, yieldToEventLoop } from '../../jobs';
import { writeFilesSafely } from '../files/write';
import { getOfficeSettings } from '../settings';
import { reconciliation } from './reconciliation';
import { reconciliationPdf } from './reconciliation-pdf';
import { reconciliationXlsx } from './reconciliation-xlsx';
import { programmeName as programmeNameOf } from './queries';

// The reconciliation report as a file (xlsx or PDF), as a job: downloaded, or written to the folder the user
// picked (a USB stick) by the shared safe writer. It writes nothing to the register; its one write is the
// audit entry saying what was exported (counts and totals, not the data).

export function startReconciliationExport(
  ctx: HandlerContext,
  input: { payrollId: number; format: 'xlsx' | 'pdf'; folder?: string | undefined },
): ChannelOutput<'payrollResults.exportReconciliation'> {
  const { store, user, now } = ctx;
  const rec = reconciliation(store, input.payrollId);
  const office = getOfficeSettings(ctx);
  const programmeName = programmeNameOf(store, rec.payroll.programme) ?? rec.payroll.programme;
  const jobId = startJob('payrollResults.export', 'Đang lập báo cáo đối chiếu…', async (progress, signal) => {
    progress(0, 1);
    await yieldToEventLoop();
    signal.throwIfCancelled();
    const bytes =
      input.format === 'xlsx'
        ? await reconciliationXlsx(rec, programmeName)
        : await reconciliationPdf(rec, programmeName, now, office);
    signal.throwIfCancelled();
    const fileName = `doi-chieu-chi-tra-${rec.payroll.month}-${rec.payroll.programme.toLowerCase()}.${input.format}`;
    // To a folder: temp name, rename, read back (main/services/files); a missing or full drive says so.
    const written = input.folder ? (await writeFilesSafely(input.folder, [{ name: fileName, data: bytes }]))[0]! : null;
    auditedWrite(store, user, now, (audit) =>
      audit({
        action: 'payrollResults.exportReconciliation',
        entity: 'payroll',
        entityId: rec.payroll.id,
        detail: {
          format: input.format,
          toFolder: written !== null,
          month: rec.payroll.month,
          lines: rec.total.lines,
          totalVnd: rec.total.amountVnd,
          paidVnd: rec.total.paid.amountVnd,
          unpaidLines: rec.unpaid.length,
        },
      }),
    );
    const result: ReconciliationFile = {
      fileName: written?.name ?? fileName,
      contentBase64: written ? '' : bytes.toString('base64'),
      path: written?.path ?? null,
      lines: rec.total.lines,
      totalVnd: rec.total.amountVnd,
      paidVnd: rec.total.paid.amountVnd,
    };
    return result;
  });
  return { jobId };
}
