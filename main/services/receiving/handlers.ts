import type { HandlerTable } from '../../api/handlers';
import type { receivingChannels } from '@shared/api/receiving';
import { consolidatedView, startProduceConsolidated } from './consolidate';
import { wardHistory, wardsList } from './queries';
import { addWard, modeView, setMode, startReceive } from './receive';

// The receiving office's handlers (issue 17), spread into main/api/handlers.ts.
export const receivingHandlers: Pick<HandlerTable, keyof typeof receivingChannels> = {
  'receiving.mode': (ctx) => modeView(ctx),
  'receiving.setMode': (ctx, { mode }) => setMode(ctx, mode),
  'receiving.receive': (ctx, input) => startReceive(ctx, input),
  'receiving.wards': (ctx) => wardsList(ctx.store),
  'receiving.addWard': (ctx, input) => addWard(ctx, input),
  'receiving.history': (ctx, { code }) => wardHistory(ctx.store, code),
  'receiving.consolidate': (ctx, { month }) => consolidatedView(ctx.store, month),
  'receiving.produce': (ctx, input) => startProduceConsolidated(ctx, input),
};
