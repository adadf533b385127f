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
  const rec = reconciliation(ctx.store, input.payrollId);
  const office = getOfficeSettings(ctx);
  const programmeName = programmeNameOf(ctx.store, rec.payroll.programme) ?? rec.payroll.programme;
  return startReconciliationFileJob(ctx, {
    job: 'payrollResults.export',
    text: 'Đang lập báo cáo đối chiếu…',
    format: input.format,
    folder: input.folder,
    fileName: `doi-chieu-chi-tra-${rec.payroll.month}-${rec.payroll.programme.toLowerCase()}.${input.format}`,
    render: () =>
      input.format === 'xlsx'
        ? reconciliationXlsx(rec, programmeName)
        : reconciliationPdf(rec, programmeName, ctx.now, office),
    audit: {
      action: 'payrollResults.exportReconciliation',
      entity: 'payroll',
      entityId: rec.payroll.id,
      detail: { month: rec.payroll.month },
    },
    total: rec.total,
    unpaidLines: rec.unpaid.length,
  });
}

/** A reconciliation file to make (a payroll's or a round's). */
export interface ReconciliationExport {
  job: string;
  text: string;
  format: 'xlsx' | 'pdf';
  folder: string | undefined;
  fileName: string;
  render: () => Promise<Buffer>;
  /** The audit entry; `detail` comes after the format and before the counts. */
  audit: { action: string; entity: string; entityId: number; detail?: Record<string, unknown> };
  total: { lines: number; amountVnd: number; paid: { amountVnd: number } };
  unpaidLines: number;
}

/** The job: render, write to the folder or return the bytes, audit what was exported (counts, not data). */
export function startReconciliationFileJob(
  ctx: Pick<HandlerContext, 'store' | 'user' | 'now'>,
  e: ReconciliationExport,
): { jobId: string } {
  const { store, user, now } = ctx;
  const jobId = startJob(e.job, e.text, async (progress, signal) => {
    progress(0, 1);
    await yieldToEventLoop();
    signal.throwIfCancelled();
    const bytes = await e.render();
    signal.throwIfCancelled();
    // To a folder: temp name, rename, read back (main/services/files); a missing or full drive says so.
    const written = e.folder ? (await writeFilesSafely(e.folder, [{ name: e.fileName, data: bytes }]))[0]! : null;
    auditedWrite(store, user, now, (audit) =>
      audit({
        action: e.audit.action,
        entity: e.audit.entity,
        entityId: e.audit.entityId,
        detail: {
          format: e.format,
          toFolder: written !== null,
          ...e.audit.detail,
          lines: e.total.lines,
          totalVnd: e.total.amountVnd,
          paidVnd: e.total.paid.amountVnd,
          unpaidLines: e.unpaidLines,
        },
      }),
    );
    const result: ReconciliationFile = {
      fileName: written?.name ?? e.fileName,
      contentBase64: written ? '' : bytes.toString('base64'),
      path: written?.path ?? null,
      lines: e.total.lines,
      totalVnd: e.total.amountVnd,
      paidVnd: e.total.paid.amountVnd,
    };
    return result;
  });
  return { jobId };
}
