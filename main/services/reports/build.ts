import type { ChannelOutput } from '@shared/api/contract';
import type { HandlerContext } from '../../api/context';
import type { Store } from '../../db/store';
import { startJob, yieldToEventLoop } from '../../jobs';
import type { ReportKind, ReportsOverview } from '@shared/api/reports';
import { changesReport } from './changes';
import { changesDocument, nonCashDocument, summaryDocument, type ReportDocument } from './document';
import { nonCashReport } from './noncash';
import { monthsNeeded, PeriodLoader, resolvePeriod, type ReportPeriod } from './period';
import { summaryReport } from './summary-forms';

// One place that turns a period into report data: the dashboard (overview) and the files (documents)
// call the same functions on the same loader, so the screen and the papers show the same numbers.

export function reportsOverview(
  store: Store,
  month: string,
  from?: string,
  loader = new PeriodLoader(store),
): ReportsOverview {
  const period = resolvePeriod(month, from);
  return {
    month: period.month,
    from: period.from,
    nonCash: nonCashReport(store, period.month),
    changes: changesReport(store, loader, period.month),
    form10a: summaryReport(store, loader, 'form10a', period),
    form10c: summaryReport(store, loader, 'form10c', period),
    form10d: summaryReport(store, loader, 'form10d', period),
  };
}

export function reportDocument(
  store: Store,
  kind: ReportKind,
  period: ReportPeriod,
  loader = new PeriodLoader(store),
  includeProtectedGroups = false,
): ReportDocument {
  switch (kind) {
    case 'noncash':
      return nonCashDocument(nonCashReport(store, period.month));
    case 'changes':
      return changesDocument(changesReport(store, loader, period.month), includeProtectedGroups);
    default:
      return summaryDocument(summaryReport(store, loader, kind, period));
  }
}

/** The file-name part naming the period: '2024-10' for monthly reports, '2024-07_2024-10' for summaries. */
export const periodKey = (kind: ReportKind, period: ReportPeriod) =>
  kind === 'noncash' || kind === 'changes' || period.from === period.month
    ? period.month
    : `${period.from}_${period.month}`;

/**
 * The Báo cáo screen's figures as a job: the summaries read the register month by month up to a year
 * (seconds at 100,000 people), so the months are loaded between yields, with progress and Cancel.
 * Nothing is written, so nothing is audited (producing a file is).
 */
export function startReportsOverview(
  ctx: HandlerContext,
  input: { month: string; from?: string | undefined },
): ChannelOutput<'reports.overview'> {
  const { store } = ctx;
  const jobId = startJob('reports.overview', 'Đang tổng hợp số liệu…', async (progress, signal) => {
    const period = resolvePeriod(input.month, input.from);
    const loader = new PeriodLoader(store);
    const months = monthsNeeded(['changes', 'form10a'], period);
    progress(0, months.length + 1);
    await yieldToEventLoop();
    signal.throwIfCancelled();
    await loader.preload(months, async (done, total) => {
      progress(done, total + 1, `Đã đọc ${done}/${total} tháng của sổ đối tượng…`);
      await yieldToEventLoop();
      signal.throwIfCancelled();
    });
    return reportsOverview(store, period.month, period.from, loader);
  });
  return { jobId };
}
