import type { ChannelOutput } from '@shared/api/contract';
import type { HandlerContext } from '../../api/context';
import type { ProducedReport, ReportFormat, ReportKind } from '@shared/api/reports';
import { auditedWrite, startJob, yieldToEventLoop } from '../../jobs';
import { today } from '../clock';
import { getOfficeSettings } from '../settings';
import { periodKey, reportDocument } from './build';
import { reportFileBase } from './document';
import { monthsNeeded, PeriodLoader, resolvePeriod } from './period';
import { reportPdf } from './pdf';
import { reportXlsx } from './xlsx';

// One report as a file to download, as a job (the summaries read up to 12 months of the register; at
// 100,000 people that takes a few seconds). Audited with what it holds (counts), never the data.

export const PDF_TYPE = 'application/pdf';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function startProduceReport(
  ctx: HandlerContext,
  input: { report: ReportKind; format: ReportFormat; month: string; from?: string | undefined },
): ChannelOutput<'reports.produce'> {
  const { store, user, now } = ctx;
  const office = getOfficeSettings(ctx);
  const period = resolvePeriod(input.month, input.from);
  const jobId = startJob('reports.produce', 'Đang tổng hợp số liệu…', async (progress, signal) => {
    const loader = new PeriodLoader(store);
    const months = monthsNeeded([input.report], period);
    const total = months.length + 3;
    progress(0, total);
    await yieldToEventLoop();
    signal.throwIfCancelled();
    await loader.preload(months, async (done) => {
      progress(done, total, `Đang đọc sổ đối tượng: ${done}/${months.length} tháng…`);
      await yieldToEventLoop();
      signal.throwIfCancelled();
    });
    const doc = reportDocument(store, input.report, period, loader);
    progress(months.length + 1, total, input.format === 'pdf' ? 'Đang tạo tệp PDF…' : 'Đang tạo tệp Excel…');
    await yieldToEventLoop();
    signal.throwIfCancelled();
    const date = today(now);
    const buffer = input.format === 'pdf' ? await reportPdf(doc, office, date) : await reportXlsx(doc, office, date);
    progress(months.length + 2, total);
    signal.throwIfCancelled();
    const fileName = `${reportFileBase(input.report, periodKey(input.report, period))}.${input.format}`;
    auditedWrite(store, user, now, (audit) =>
      audit({
        action: 'reports.produce',
        entity: 'report',
        entityId: input.report,
        detail: {
          format: input.format,
          month: period.month,
          from: period.from,
          bytes: buffer.length,
          counts: doc.counts,
        },
      }),
    );
    const result: ProducedReport = {
      fileName,
      contentBase64: buffer.toString('base64'),
      mime: input.format === 'pdf' ? PDF_TYPE : XLSX_TYPE,
    };
    return result;
  });
  return { jobId };
}
