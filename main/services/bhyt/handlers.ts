import type { HandlerTable } from '../../api/handlers';
import type { bhytChannels } from '@shared/api/bhyt';
import { cardsExpiringSoon, listCards, saveCard } from './cards';
import { bhytMonthList } from './list';
import { startBhytExport } from './export';

// This area's handlers (health insurance), spread into main/api/handlers.ts.
export const bhytHandlers: Pick<HandlerTable, keyof typeof bhytChannels> = {
  'bhyt.cards': (ctx, { personId }) => listCards(ctx.store, personId),
  'bhyt.saveCard': (ctx, input) => saveCard(ctx, input),
  'bhyt.monthList': (ctx, { month }) => bhytMonthList(ctx.store, month),
  'bhyt.exportList': (ctx, input) => startBhytExport(ctx, input),
  'bhyt.expiring': (ctx) => cardsExpiringSoon(ctx),
};
