import type { HandlerTable } from '../../api/handlers';
import type { campaignChannels } from '@shared/api/campaign';
import { startWorkListExport } from './export';
import { campaignProgress } from './progress';
import { startTrendJob } from './trend';
import { clearTarget, loadTargets, setTarget } from './targets';
import { workListPage } from './work-list';

// This area's handlers: plain functions over the context (main/api/context.ts), spread into main/api/handlers.ts.
export const campaignHandlers: Pick<HandlerTable, keyof typeof campaignChannels> = {
  'campaign.progress': (ctx, { month }) => campaignProgress(ctx.store, month),
  'campaign.trend': (ctx, { month }) => startTrendJob(ctx.store, month),
  'campaign.targets': (ctx) => loadTargets(ctx.store),
  'campaign.setTarget': (ctx, input) => setTarget(ctx, input),
  'campaign.clearTarget': (ctx, { programme, startMonth }) => clearTarget(ctx, programme, startMonth),
  'campaign.workList': (ctx, input) => workListPage(ctx.store, input),
  'campaign.exportWorkList': (ctx, input) => startWorkListExport(ctx, input),
};
