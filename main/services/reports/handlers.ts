import type { HandlerTable } from '../../api/handlers';
import type { reportChannels } from '@shared/api/reports';
import { startReportsOverview } from './build';
import { startProduceReport } from './produce';
import { startProvinceExport } from './province-export';

// This area's handlers: plain functions over the context (main/api/context.ts), spread into main/api/handlers.ts.
export const reportHandlers: Pick<HandlerTable, keyof typeof reportChannels> = {
  'reports.overview': (ctx, input) => startReportsOverview(ctx, input),
  'reports.produce': (ctx, input) => startProduceReport(ctx, input),
  'reports.exportProvince': (ctx, input) => startProvinceExport(ctx, input),
};
